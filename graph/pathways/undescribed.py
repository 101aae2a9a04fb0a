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

from graph.labels import MODALITY_FR

__all__ = [
    "Kind",
    "OfferKinds",
    "ask_whom",
    "files_silent_sentence",
    "described_kinds",
    "is_undescribed",
    "kind_label",
    "kinds_listed",
    "map_undescribed_notice",
    "undescribed_notice",
    "undescribed_step_part",
    "with_article",
]

Kind = tuple[Any, Any, Any]  # modality, diploma type, level

Row = Mapping[str, Any]


class OfferKinds(NamedTuple):
    """What the graph's offers describe: the (modality, type, level) some offer names, the
    (type, level) some imported offer names (the kinds the public files cover at all), and the
    (modality, type, level) some imported offer names (what the public files describe
    themselves, not a campus's own data)."""

    described: frozenset[Kind]
    imported: frozenset[tuple[Any, Any]]
    imported_described: frozenset[Kind] = frozenset()


def described_kinds(rows: Iterable[Row]) -> OfferKinds:
    """The kinds the offers describe (rows: modality, type, level, imported).

    >>> kinds = described_kinds(
    ...     [{"modality": "school", "type": "bac_pro", "level": 4, "imported": True}]
    ... )
    >>> sorted(kinds.described), sorted(kinds.imported), sorted(kinds.imported_described)
    ([('school', 'bac_pro', 4)], [('bac_pro', 4)], [('school', 'bac_pro', 4)])
    """
    rows = list(rows)
    return OfferKinds(
        frozenset((r["modality"], r["type"], r["level"]) for r in rows),
        frozenset((r["type"], r["level"]) for r in rows if r["imported"]),
        frozenset((r["modality"], r["type"], r["level"]) for r in rows if r["imported"]),
    )


def is_undescribed(diploma: Row, modality: str | None, kinds: OfferKinds) -> bool:
    """Whether the imported files cover this kind of diploma (type and level) but no imported
    offer names ``modality`` for it. Never when no modality is asked, nor for a kind only
    the seeds describe: a seed file's silence is the seed's, and without an import the
    modality filters as it always did. A campus's own offers in that modality do not turn the
    filter on for the whole country: they speak for the campus's territory only (a tester
    read « aucune offre en formation continue de Bac pro … autour de Guéret » because the
    Mecanic Vallée data names a Bac pro in continuing education); they are still among the
    offers shown, the step flagged.

    >>> kinds = described_kinds(
    ...     [
    ...         {"modality": "school", "type": "bac_pro", "level": 4, "imported": True},
    ...         {"modality": "apprenticeship", "type": "bts", "level": 5, "imported": True},
    ...         {"modality": "apprenticeship", "type": "cap", "level": 3, "imported": False},
    ...         {"modality": "continuing", "type": "bts", "level": 5, "imported": False},
    ...     ]
    ... )
    >>> is_undescribed({"type": "bac_pro", "level": 4}, "apprenticeship", kinds)
    True
    >>> is_undescribed({"type": "bts", "level": 5}, "continuing", kinds)  # a campus's only
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
    return kind in kinds.imported and (modality, *kind) not in kinds.imported_described


# Each type of diploma as a sentence names all of them (« les bacs pro », « les classes
# préparatoires »); the other formations of the files, of no type of this list, « les
# formations d'autres types » (« les diplômes de type autre formation » read badly).
KINDS_FR = {
    "cap": "les CAP",
    "bac_pro": "les bacs pro",
    "bac_techno": "les bacs technologiques",
    "bac_general": "les bacs généraux",
    "bp": "les brevets professionnels",
    "mc": "les mentions complémentaires",
    "bts": "les BTS",
    "dut": "les DUT",
    "but": "les BUT",
    "licence": "les licences",
    "licence_pro": "les licences professionnelles",
    "master": "les masters",
    "mastere_specialise": "les mastères spécialisés",
    "ingenieur": "les diplômes d'ingénieur",
    "cpge": "les classes préparatoires",
    "cqpm": "les CQPM",
    "fcil": "les FCIL",
    "titre_pro": "les titres professionnels",
    "du": "les diplômes d'université",
    "other": "les formations d'autres types",
}


def _levels_fr(levels: Iterable[int]) -> str:
    """« (niveau 4) », « (niveaux 3, 4 et 5) », or nothing when no level is known."""
    known = sorted(set(levels))
    if not known:
        return ""
    if len(known) == 1:
        return f" (niveau {known[0]})"
    return f" (niveaux {', '.join(map(str, known[:-1]))} et {known[-1]})"


def kind_label(diploma: Row) -> str:
    """The kind of diploma as a counsellor names it: « les bacs pro (niveau 4) ».

    >>> kind_label({"type": "bac_pro", "level": 4})
    'les bacs pro (niveau 4)'
    >>> kind_label({"type": "other", "level": None})
    "les formations d'autres types"
    """
    return kinds_listed([diploma]) or KINDS_FR["other"]


def kinds_listed(diplomas: Iterable[Row]) -> str | None:
    """The kinds of ``diplomas`` in one phrase, each type once with its levels, lowest level
    first (types of no known level last), or None when there are none.

    >>> kinds_listed([{"type": "other", "level": 5}, {"type": "cap", "level": 3},
    ...               {"type": "other", "level": 3}, {"type": "cpge", "level": None}])[20:]
    "les formations d'autres types (niveaux 3 et 5) et les classes préparatoires"
    """
    levels: dict[str, set[int]] = {}
    for d in diplomas:
        kind = str(d.get("type") or "other")
        kind = kind if kind in KINDS_FR else "other"
        levels.setdefault(kind, set()).update([d["level"]] if d.get("level") else [])
    if not levels:
        return None
    order = list(KINDS_FR)
    ranked = sorted(levels, key=lambda k: (min(levels[k], default=99), order.index(k)))
    parts = [KINDS_FR[k] + _levels_fr(levels[k]) for k in ranked]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


# Whom to ask about an offer the files do not describe, per modality (its French label): a
# continuing-education offer is a GRETA's or a training body's, not a CFA's (tester19 read
# « formation continue … à vérifier auprès des CFA »); in voie scolaire, the establishments.
_ASK_MANY = {
    "apprentissage": "des CFA et des établissements",
    "formation continue": "des GRETA, des organismes de formation continue et des établissements",
}
_ASK_ONE = {
    "apprentissage": "du CFA ou de l'établissement",
    "formation continue": "du GRETA, de l'organisme de formation ou de l'établissement",
}


def ask_whom(modality_fr: str, *, one: bool = False) -> str:
    """« auprès des … » for a modality (French label): who can say whether an offer exists.

    >>> ask_whom("apprentissage"), ask_whom("formation continue", one=True)
    ('auprès des CFA et des établissements', "auprès du GRETA, de l'organisme de formation ou de l'établissement")
    >>> ask_whom("voie scolaire")
    'auprès des établissements'
    """  # noqa: E501
    if one:
        return "auprès " + _ASK_ONE.get(modality_fr, "de l'établissement")
    return "auprès " + _ASK_MANY.get(modality_fr, "des établissements")


def with_article(modality_fr: str) -> str:
    """The modality with its article: « l'apprentissage », « la voie scolaire »."""
    return f"l'{modality_fr}" if modality_fr[:1] in "aeiouy" else f"la {modality_fr}"


def undescribed_step_part(diploma: Row, modality_fr: str) -> str:
    """The step sentence's part for a step not filtered on the modality (French)."""
    how = with_article(modality_fr)
    return (
        f"les fichiers publics ne décrivent pas {how} pour {kind_label(diploma)} : étape "
        f"proposée avec les offres connues, {how} est à vérifier "
        f"{ask_whom(modality_fr, one=True)}"
    )


def undescribed_notice(diplomas: Iterable[Row], modality_fr: str) -> str | None:
    """One notice for the kinds of diploma shown without the modality filter (French), or
    None when there are none."""
    listed = kinds_listed(diplomas)
    if listed is None:
        return None
    how = with_article(modality_fr)
    return (
        f"Les fichiers publics importés ne décrivent pas {how} pour {listed} : "
        "ces étapes sont proposées avec les offres connues, sans tenir compte de la modalité "
        f"demandée ; une offre en {modality_fr} est à vérifier {ask_whom(modality_fr)}."
    )


def files_silent_sentence(
    kinds: OfferKinds, modality: str, *, to_type: str | None, to_level: int | None
) -> str | None:
    """When the goal's kinds of diploma are in the public files but no imported offer of them
    names ``modality`` anywhere (French), or None. Offers of that modality the graph may hold
    come from a campus's own data, which speaks for its territory only. A tester read
    « aucun BTS en formation continue dans le territoire demandé (80 km autour de Guéret) » as
    a fact of the Creuse, when the national files describe no BTS in continuing education at
    all: the absence is the files', to be checked with the GRETA and the establishments.

    >>> kinds = described_kinds(
    ...     [
    ...         {"modality": "school", "type": "bts", "level": 5, "imported": True},
    ...         {"modality": "continuing", "type": "bts", "level": 5, "imported": False},
    ...         {"modality": "apprenticeship", "type": "bts", "level": 5, "imported": True},
    ...         {"modality": "school", "type": "but", "level": 6, "imported": True},
    ...     ]
    ... )
    >>> print(files_silent_sentence(kinds, "continuing", to_type="bts", to_level=None))
    Les fichiers publics importés ne décrivent nulle part la formation continue pour les BTS (niveau 5) : seules les données propres à un campus en décrivent, pour leur territoire ; une offre en formation continue est à vérifier auprès des GRETA, des organismes de formation continue et des établissements.
    >>> print(files_silent_sentence(kinds, "continuing", to_type=None, to_level=6))
    Les fichiers publics importés ne décrivent nulle part la formation continue pour les BUT (niveau 6) ; une offre en formation continue est à vérifier auprès des GRETA, des organismes de formation continue et des établissements.
    >>> files_silent_sentence(kinds, "apprenticeship", to_type="bts", to_level=None) is None
    True
    >>> files_silent_sentence(kinds, "continuing", to_type="cap", to_level=None) is None
    True
    """  # noqa: E501
    goal = [
        {"type": t, "level": lv}
        for t, lv in kinds.imported
        if (to_type is None or t == to_type) and (to_level is None or (lv or 0) >= to_level)
    ]
    if not goal or any((modality, d["type"], d["level"]) in kinds.imported_described for d in goal):
        return None
    listed = kinds_listed(goal)
    modality_fr = MODALITY_FR.get(modality, modality)
    campus = any((modality, d["type"], d["level"]) in kinds.described for d in goal)
    seeds = (
        " : seules les données propres à un campus en décrivent, pour leur territoire"
        if campus
        else ""
    )
    return (
        f"Les fichiers publics importés ne décrivent nulle part {with_article(modality_fr)} "
        f"pour {listed}{seeds} ; une offre en {modality_fr} est à vérifier "
        f"{ask_whom(modality_fr)}."
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
    >>> "les bacs pro (niveau 4)" in map_undescribed_notice(
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
    listed = kinds_listed(free)
    if listed is None:
        return None
    modality_fr = MODALITY_FR.get(modality, modality)
    how = with_article(modality_fr)
    return (
        f"Les fichiers publics importés ne décrivent pas {how} pour {listed} : les lieux qui "
        f"les préparent peut-être en {modality_fr} ne sont pas sur la carte ; une offre en "
        f"{modality_fr} est à vérifier {ask_whom(modality_fr)}."
    )
