"""Which known next steps the gap report names as an offer's « suites ». Pure functions.

The Parcoursup extract lists one BUT several times, each variant a programme of its own
(``PS-BUT-…``, graph/ingest/opendata/postbac.py): « BUT – Techniques de commercialisation »
and « BUT – Techniques de commercialisation – ENEPS destine aux bacs professionnels », « … –
International Business Management en triple diplome franco suisse allemand », « BUT – GACO –
Horaires amenages musique ou sport », « BUT – GEII – Parcours Marine Nationale ». The
inferred legs reach each of them, and the dead-end section listed them as so many suites of a
BTS MCO (tester25, Chaumont):

- a variant its own label reserves to bac pro holders (:func:`graph.distance_learning.
  for_bac_pro_only`, the pathways' rule: graph/pathways/search.py) is no suite of another
  start (:func:`reserved_elsewhere`): dropped from the offer's next steps;
- a variant of a BUT listed beside the BUT itself is not named apart (:func:`named_suites`):
  the BUT stands for it, the variants are counted with it.

The mentions complémentaires are being renamed « certificats de spécialisation » (same BCN
type): a report naming a « Certificat de spécialisation joaillerie » then counted the
« formations de ce type (mention complémentaire) »; the type is said under both names
(:func:`kind_words`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph.distance_learning import for_bac_pro_only
from graph.labels import TYPE_FR

__all__ = ["kind_words", "named_suites", "reserved_elsewhere", "variant_base"]

Row = Mapping[str, Any]
PART = " – "  # how a Parcoursup programme's name joins its parts


def reserved_elsewhere(start: Row, target: Row) -> bool:
    """Whether ``target`` is reserved by its own label to bac pro holders while ``start`` is no
    Bac pro: not a suite of it.

    >>> eneps = {"name": "BUT – Techniques de commercialisation – ENEPS destine aux bacs "
    ...          "professionnels"}
    >>> reserved_elsewhere({"type": "bts"}, eneps), reserved_elsewhere({"type": "bac_pro"}, eneps)
    (True, False)
    >>> reserved_elsewhere({"type": "bts"}, {"name": "BUT – Techniques de commercialisation"})
    False
    """
    return start.get("type") != "bac_pro" and for_bac_pro_only(target)


def variant_base(name: str, names: Iterable[str]) -> str | None:
    """The name among ``names`` that ``name`` is a variant of (« <base> – <more> »), the
    longest when several are, or None.

    >>> names = ["BUT – Techniques de commercialisation", "BUT – GACO"]
    >>> variant_base("BUT – Techniques de commercialisation – ENEPS destine aux bacs pro", names)
    'BUT – Techniques de commercialisation'
    >>> variant_base("BUT – Techniques de commercialisation", names) is None
    True
    >>> variant_base("BUT – GACOX", names) is None
    True
    """
    bases = [b for b in names if b != name and name.startswith(b + PART)]
    return max(bases, key=len) if bases else None


def named_suites(codes: Iterable[str], names: Mapping[str, str]) -> list[str]:
    """The ``codes`` (sorted) the report names: without the variants of another one's name
    (``names``: code -> name).

    >>> names = {"a": "BUT – TC", "b": "BUT – TC – Horaires amenages musique ou sport",
    ...          "c": "BUT – GEII – Parcours Marine Nationale", "d": "BUT – GACO"}
    >>> named_suites(names, names)
    ['a', 'c', 'd']
    """
    got = sorted(codes)
    listed = {names.get(c, c) for c in got}
    return [c for c in got if variant_base(names.get(c, c), listed) is None]


def kind_words(diploma_type: str) -> str:
    """The type of diploma as the report counts it (French): a mention complémentaire under
    both of its names, the other types as :data:`graph.labels.TYPE_FR` says them.

    >>> kind_words("mc"), kind_words("bts"), kind_words("autre-chose")
    ('mention complémentaire ou certificat de spécialisation', 'BTS', 'ce type')
    """
    if diploma_type == "mc":
        return "mention complémentaire ou certificat de spécialisation"
    return TYPE_FR.get(diploma_type, "ce type")
