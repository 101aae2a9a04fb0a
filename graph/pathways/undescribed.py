"""Steps whose kind of diploma the data never describes in the requested modality.

The public national files describe apprenticeship only where their sources do: Affelnet and the
constat are voie scolaire, so no Bac pro or CAP of the country is listed in apprenticeship,
though CFAs prepare them. Filtering such a step on the modality would turn a gap of the files
into a fact about the territory (« aucune offre en apprentissage de Bac pro dans l'Orne »).
So, when no offer of the graph names the requested modality for a diploma of the same type and
level, the step is not filtered on it: it is proposed with the offers known, flagged, and the
answer says that the files do not describe that modality there and that it is to be checked
with the CFA or the establishment. Decided from the data (one read per graph version), never
from a list of levels: a seed or a later file that describes it turns the filter back on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from graph.labels import MODALITY_FR, TYPE_FR

__all__ = [
    "Kind",
    "OfferKinds",
    "described_kinds",
    "is_undescribed",
    "kind_label",
    "map_undescribed_notice",
    "undescribed_notice",
    "undescribed_step_part",
    "with_article",
]

Kind = tuple[Any, Any, Any]  # modality, diploma type, level

Row = Mapping[str, Any]


class OfferKinds(NamedTuple):
    """What the graph's offers describe: the (modality, type, level) some offer names, and the
    (type, level) some imported offer names (the kinds the public files cover at all)."""

    described: frozenset[Kind]
    imported: frozenset[tuple[Any, Any]]


def described_kinds(rows: Iterable[Row]) -> OfferKinds:
    """The kinds the offers describe (rows: modality, type, level, imported).

    >>> kinds = described_kinds(
    ...     [{"modality": "school", "type": "bac_pro", "level": 4, "imported": True}]
    ... )
    >>> sorted(kinds.described), sorted(kinds.imported)
    ([('school', 'bac_pro', 4)], [('bac_pro', 4)])
    """
    rows = list(rows)
    return OfferKinds(
        frozenset((r["modality"], r["type"], r["level"]) for r in rows),
        frozenset((r["type"], r["level"]) for r in rows if r["imported"]),
    )


def is_undescribed(diploma: Row, modality: str | None, kinds: OfferKinds) -> bool:
    """Whether the imported files cover this kind of diploma (type and level) but no offer of
    the data names ``modality`` for it. Never when no modality is asked, nor for a kind only
    the seeds describe: a seed file's silence is the seed's, and without an import the
    modality filters as it always did.

    >>> kinds = described_kinds(
    ...     [
    ...         {"modality": "school", "type": "bac_pro", "level": 4, "imported": True},
    ...         {"modality": "apprenticeship", "type": "bts", "level": 5, "imported": True},
    ...         {"modality": "apprenticeship", "type": "cap", "level": 3, "imported": False},
    ...     ]
    ... )
    >>> is_undescribed({"type": "bac_pro", "level": 4}, "apprenticeship", kinds)
    True
    >>> is_undescribed({"type": "bts", "level": 5}, "apprenticeship", kinds)
    False
    >>> is_undescribed({"type": "cap", "level": 3}, "school", kinds)  # seeds only
    False
    >>> is_undescribed({"type": "bac_pro", "level": 4}, None, kinds)
    False
    """
    if modality is None:
        return False
    kind = (diploma.get("type"), diploma.get("level"))
    return kind in kinds.imported and (modality, *kind) not in kinds.described


def kind_label(diploma: Row) -> str:
    """The kind of diploma as a counsellor names it: « les diplômes de type Bac pro (niveau 4) ».

    >>> kind_label({"type": "bac_pro", "level": 4})
    'les diplômes de type Bac pro (niveau 4)'
    """
    what = TYPE_FR.get(diploma.get("type") or "other", "autre formation")
    level = diploma.get("level")
    return f"les diplômes de type {what}" + (f" (niveau {level})" if level else "")


def with_article(modality_fr: str) -> str:
    """The modality with its article: « l'apprentissage », « la voie scolaire »."""
    return f"l'{modality_fr}" if modality_fr[:1] in "aeiouy" else f"la {modality_fr}"


def undescribed_step_part(diploma: Row, modality_fr: str) -> str:
    """The step sentence's part for a step not filtered on the modality (French)."""
    how = with_article(modality_fr)
    return (
        f"les fichiers publics ne décrivent pas {how} pour {kind_label(diploma)} : étape "
        f"proposée avec les offres connues, {how} est à vérifier auprès du CFA ou de "
        "l'établissement"
    )


def undescribed_notice(diplomas: Iterable[Row], modality_fr: str) -> str | None:
    """One notice for the kinds of diploma shown without the modality filter (French), or
    None when there are none."""
    seen: dict[tuple[int, str], str] = {}  # lowest level first
    for d in diplomas:
        seen.setdefault((d.get("level") or 0, str(d.get("type"))), kind_label(d))
    if not seen:
        return None
    kinds = [seen[k] for k in sorted(seen)]
    listed = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " et " + kinds[-1]
    how = with_article(modality_fr)
    return (
        f"Les fichiers publics importés ne décrivent pas {how} pour {listed} : "
        "ces étapes sont proposées avec les offres connues, sans tenir compte de la modalité "
        f"demandée ; une offre en {modality_fr} est à vérifier auprès des CFA et des "
        "établissements."
    )


def map_undescribed_notice(kinds: OfferKinds, modality: str, level: int | None) -> str | None:
    """The map's notice when it is filtered on a modality (French), or None: the kinds of
    diploma (at ``level`` when one is asked) the imported files cover but never in that
    modality. The places that may prepare them in it are not drawn: the files cannot say.

    >>> kinds = described_kinds(
    ...     [
    ...         {"modality": "school", "type": "bac_pro", "level": 4, "imported": True},
    ...         {"modality": "school", "type": "cap", "level": 3, "imported": True},
    ...         {"modality": "apprenticeship", "type": "bts", "level": 5, "imported": True},
    ...     ]
    ... )
    >>> "les diplômes de type Bac pro (niveau 4)" in map_undescribed_notice(
    ...     kinds, "apprenticeship", 4
    ... )
    True
    >>> map_undescribed_notice(kinds, "apprenticeship", 5) is None
    True
    >>> map_undescribed_notice(kinds, "school", 3) is None
    True
    """
    asked = [{"type": t, "level": lv} for t, lv in kinds.imported if level in (None, lv)]
    free = [d for d in asked if is_undescribed(d, modality, kinds)]
    seen = sorted({(d["level"] or 0, str(d["type"])): kind_label(d) for d in free}.items())
    if not seen:
        return None
    labels = [label for _, label in seen]
    listed = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " et " + labels[-1]
    modality_fr = MODALITY_FR.get(modality, modality)
    how = with_article(modality_fr)
    return (
        f"Les fichiers publics importés ne décrivent pas {how} pour {listed} : les lieux qui "
        f"les préparent peut-être en {modality_fr} ne sont pas sur la carte ; une offre en "
        f"{modality_fr} est à vérifier auprès des CFA et des établissements."
    )
