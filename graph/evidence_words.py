"""What an inferred passerelle's evidence says, in the words people read: the specialties' and
jobs' names, never their codes.

The inference writes what two diplomas share with the nomenclatures' codes (graph/inference/
evidence.py, graph/inference/rules.py: « partagent les métiers ROME H2913 ; même Formacode
23054 ; même groupe NSF 254 »): the codes are what a program compares, and stay in the leg's
``evidence`` for machines. :func:`evidence_words` says the same with the names the public files
give: the NSF groups and domains by graph/nsf.py's table; ROME jobs and domains and Formacode
themes by ``names`` (code → label: rome.csv, domaine_professionnel.csv and Certif Info's
Libelle_FormaCode, read by the import, graph/ingest/opendata/writer.py). A code ``names``
does not hold is counted, not shown (« un autre métier »). Pure functions over strings.

>>> evidence_words("partagent les métiers ROME H2913 ; même groupe NSF 254",
...                {"H2913": "Soudeur / Soudeuse"})
'partagent les métiers « Soudeur / Soudeuse » ; même spécialité de formation « Structures métalliques »'
>>> evidence_words("domaine NSF 31x")
'domaine de formation « Échanges et gestion »'
"""  # noqa: E501

from __future__ import annotations

import re
from collections.abc import Mapping

from graph.nsf import DOMAINS, nsf_name

__all__ = ["evidence_words"]

_ROME_JOBS = re.compile(r"métiers ROME ([A-N]\d{4}(?:, [A-N]\d{4})*)")
_ROME_DOMAINS = re.compile(r"mêmes domaines de métiers ROME ([A-N]\d{2}(?:, [A-N]\d{2})*)")
_FORMACODE = re.compile(r"même Formacode (\d{5}(?:, \d{5})*)")
_FORMACODE_FIELD = re.compile(r"même champ Formacode \d{3}xx(?:, \d{3}xx)*")
_GROUP = re.compile(r"groupe NSF (\d{3})(?: \(plusieurs spécialités du domaine \d{2}x\))?")
_NEIGHBOURS = re.compile(r"domaines NSF voisins (\d{2})x et (\d{2})x")
_PLURI = re.compile(
    r"domaine NSF (\d{2})x, pluritechnologique : toutes les spécialités de production \(2xx\)"
)
_DOMAIN = re.compile(r"domaine NSF (\d{2})x")


def _quoted(labels: list[str]) -> str:
    return ", ".join(f"« {x} »" for x in labels)


def _named(codes: str, names: Mapping[str, str], what: tuple[str, str]) -> str:
    """The labels of ``codes`` (« , »-separated) in quotes, then how many have none, said
    ``what`` (singular, plural: « métier », « métiers »)."""
    listed = codes.split(", ")
    labels = [names[c] for c in listed if names.get(c)]
    unnamed = len(listed) - len(labels)
    if not unnamed:
        return _quoted(labels)
    word = what[0] if unnamed == 1 else what[1]
    if labels:
        return f"{_quoted(labels)} et {unnamed} autre{'s' if unnamed > 1 else ''} {word}"
    return f"{unnamed} {word}"


def _group(m: re.Match[str]) -> str:
    code = m.group(1)
    name = nsf_name(code)
    if name is None:
        return m.group(0)  # a group with no name (999): the text as written
    return f"spécialité de formation « {name} »"


def _domain(code: str) -> str | None:
    name = DOMAINS.get(code)
    return f"« {name} »" if name else None


def evidence_words(text: str, names: Mapping[str, str] | None = None) -> str:
    """``text`` (an inferred leg's evidence, or a sentence quoting it) with every code said by
    its name (module docstring); words that name no code are left as they are.

    >>> evidence_words("mêmes domaines de métiers ROME G16 ; même champ Formacode 427xx",
    ...                {"G16": "Production culinaire"})
    'mêmes domaines de métiers « Production culinaire » ; thèmes de formation voisins (Formacode)'
    >>> evidence_words("même Formacode 12547", {"12547": "Gestion forêt"})
    'même thème de formation « Gestion forêt »'
    >>> evidence_words("groupe NSF 330 (plusieurs spécialités du domaine 33x)")
    'spécialité de formation « Sanitaire et social (plusieurs spécialités) »'
    >>> evidence_words("domaines NSF voisins 31x et 32x")
    'domaines de formation voisins « Échanges et gestion » et « Communication et information »'
    >>> evidence_words("partagent les métiers ROME A1202, A1204", {"A1202": "Entretien"})
    'partagent les métiers « Entretien » et 1 autre métier'
    """
    names = names or {}
    out = _ROME_DOMAINS.sub(
        lambda m: (
            "mêmes domaines de métiers "
            + _named(m.group(1), names, ("domaine de métiers", "domaines de métiers"))
        ),
        text,
    )
    out = _ROME_JOBS.sub(
        lambda m: "métiers " + _named(m.group(1), names, ("métier", "métiers")), out
    )
    out = _FORMACODE.sub(
        lambda m: (
            "même thème de formation "
            + _named(m.group(1), names, ("thème Formacode", "thèmes Formacode"))
        ),
        out,
    )
    out = _FORMACODE_FIELD.sub("thèmes de formation voisins (Formacode)", out)
    out = _NEIGHBOURS.sub(
        lambda m: (
            f"domaines de formation voisins {_domain(m.group(1))} et {_domain(m.group(2))}"
            if _domain(m.group(1)) and _domain(m.group(2))
            else m.group(0)
        ),
        out,
    )
    out = _PLURI.sub(
        lambda m: (
            f"domaine de formation {d}, qui couvre toutes les spécialités de production"
            if (d := _domain(m.group(1)))
            else m.group(0)
        ),
        out,
    )
    out = _GROUP.sub(_group, out)
    return _DOMAIN.sub(
        lambda m: f"domaine de formation {d}" if (d := _domain(m.group(1))) else m.group(0), out
    )
