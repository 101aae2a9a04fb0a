"""Public codes -> the closed vocabularies of graph.models (diploma types, kinds, modality)."""

from __future__ import annotations

from graph.models import ActorKind, DiplomaType, Modality
from graph.text import normalise

# NIVEAU_FORMATION_DIPLOME (the first 3 characters of a CFD) -> diploma type.
DIPLOMA_TYPE: dict[str, DiplomaType] = {
    "500": DiplomaType.CAP,
    "503": DiplomaType.CAP,  # CAPA
    "400": DiplomaType.BAC_PRO,
    "403": DiplomaType.BAC_PRO,  # bac pro agricole
    "430": DiplomaType.BAC_TECHNO,
    "433": DiplomaType.BAC_TECHNO,
    "470": DiplomaType.BAC_GENERAL,
    "450": DiplomaType.BP,
    "453": DiplomaType.BP,
    "010": DiplomaType.MC,
    "013": DiplomaType.MC,
    # certificats de spécialisation: the successors of the mentions complémentaires
    "461": DiplomaType.MC,
    "561": DiplomaType.MC,
    "363": DiplomaType.MC,
    "463": DiplomaType.MC,
    "563": DiplomaType.MC,
    "320": DiplomaType.BTS,
    "323": DiplomaType.BTS,  # BTSA
    "350": DiplomaType.DUT,
    "251": DiplomaType.BUT,
    "250": DiplomaType.LICENCE_PRO,
    "205": DiplomaType.LICENCE,
    "135": DiplomaType.MASTER,
    "170": DiplomaType.INGENIEUR,
    "370": DiplomaType.CPGE,
    "381": DiplomaType.FCIL,
    "481": DiplomaType.FCIL,
    "581": DiplomaType.FCIL,
}


def diploma_type(level_code: str) -> DiplomaType:
    return DIPLOMA_TYPE.get(level_code, DiplomaType.OTHER)


# code_nature of the Annuaire de l'éducation -> actor kind
NATURE_KIND: dict[str, ActorKind] = {
    "300": ActorKind.LYCEE,  # LEGT
    "301": ActorKind.LYCEE,  # lycée technologique
    "302": ActorKind.LYCEE,  # lycée général
    "306": ActorKind.LYCEE,  # lycée polyvalent
    "307": ActorKind.LYCEE_AGRICOLE,
    "310": ActorKind.LYCEE,  # lycée climatique
    "312": ActorKind.LYCEE,  # lycée expérimental
    "320": ActorKind.LYCEE,  # lycée professionnel
    "332": ActorKind.LYCEE,  # école professionnelle spécialisée
    "334": ActorKind.LYCEE,  # SEP
    "335": ActorKind.LYCEE,  # SGT
    "370": ActorKind.LYCEE,  # EREA
    "380": ActorKind.TRAINING_CENTRE,  # maison familiale rurale
    "400": ActorKind.LYCEE,  # school with only STS / CPGE
    "600": ActorKind.CFA,
    "601": ActorKind.CFA,
    "841": ActorKind.ORIENTATION_SERVICE,  # CIO
}
# Natures (and types) of the Annuaire imported even when no activity file names them.
IN_SCOPE_TYPES = frozenset({"Lycée", "EREA", "Information et orientation"})


def annuaire_kind(nature: str | None, type_label: str, agricultural: bool | None) -> ActorKind:
    kind = NATURE_KIND.get(nature or "")
    if kind is None:
        kind = {
            "Lycée": ActorKind.LYCEE,
            "EREA": ActorKind.LYCEE,
            "Information et orientation": ActorKind.ORIENTATION_SERVICE,
            "Service Administratif": ActorKind.PUBLIC_BODY,
        }.get(type_label, ActorKind.OTHER)
    if kind is ActorKind.LYCEE and agricultural:
        return ActorKind.LYCEE_AGRICOLE
    return kind


def higher_education_kind(name: str, type_label: str = "") -> ActorKind:
    """Kind of a higher-education establishment from its name and MESR type; an INSA named
    in full (the MESR list's « Institut national des sciences appliquées Centre Val de
    Loire ») is an engineering school as « INSA Rennes » is (tester25: it read « autre
    établissement d'enseignement supérieur »).

    >>> higher_education_kind("Institut national des sciences appliquées Centre Val de Loire")
    <ActorKind.ENGINEERING_SCHOOL: 'engineering_school'>
    """
    n = normalise(name)
    t = normalise(type_label)
    if "i.u.t" in n or n.startswith("iut ") or "institut universitaire de technologie" in n:
        return ActorKind.IUT
    if t.startswith("universite") or n.startswith("universite"):
        return ActorKind.UNIVERSITY
    if (
        "ingenieur" in n
        or "institut national des sciences appliquees" in n
        or any(w in n.split() for w in ("insa", "inp", "isae", "enac", "enit", "eni", "ensiacet"))
    ):
        return ActorKind.ENGINEERING_SCHOOL
    return school_kind_of_name(n) or ActorKind.HIGHER_EDUCATION


# The first word of a name, as the Parcoursup extract writes the secondary schools it lists for
# their BTS and CPGE classes (« LGT Livet », « L.E.G.T.A. … », « MFR de Flixecourt »): they are
# lycées, agricultural lycées or rural training houses, not « enseignement supérieur ».
_AGRICULTURAL_LYCEE_WORDS = frozenset({"lpa", "legta", "legtpa", "l.e.g.t.a.", "eplefpa", "eplea"})
_LYCEE_WORDS = frozenset({"lycee", "lgt", "legt", "lpo", "lp", "erea"})
_RURAL_HOUSE_WORDS = frozenset({"mfr", "mfreo"})


def school_kind_of_name(n: str) -> ActorKind | None:
    """The kind a normalised name's first words say, or None.

    >>> school_kind_of_name("lgt livet")
    <ActorKind.LYCEE: 'lycee'>
    >>> school_kind_of_name("l.e.g.t.a. de chambray")
    <ActorKind.LYCEE_AGRICOLE: 'lycee_agricole'>
    >>> school_kind_of_name("maison familiale et rurale de quetigny")
    <ActorKind.TRAINING_CENTRE: 'training_centre'>
    >>> school_kind_of_name("lpi ecole") is None
    True
    """
    words = n.split()
    first = words[0] if words else ""
    if first in _AGRICULTURAL_LYCEE_WORDS or n.startswith(
        (
            "lycee agricole",
            "lycee professionnel agricole",
            "lycee d'enseignement general et technologique agricole",
        )
    ):
        return ActorKind.LYCEE_AGRICOLE
    if first in _LYCEE_WORDS:
        return ActorKind.LYCEE
    if first in _RURAL_HOUSE_WORDS or n.startswith("maison familiale"):
        return ActorKind.TRAINING_CENTRE  # the Annuaire's nature 380, as NATURE_KIND says
    return None


ESR_ENGINEERING = frozenset({"insa toulouse", "inpt", "eip", "enac", "isae-supaero"})


def esr_kind(name: str, sigle: str, type_label: str) -> ActorKind:
    if normalise(sigle) in ESR_ENGINEERING:
        return ActorKind.ENGINEERING_SCHOOL
    if "aeronautique et de l'espace" in normalise(name):
        return ActorKind.ENGINEERING_SCHOOL
    return higher_education_kind(name, type_label)


# Affelnet "Statut Offre de formation" and Parcoursup "STATUT" -> modality
MODALITY: dict[str, Modality] = {
    "ST": Modality.SCHOOL,
    "SCOLAIRE": Modality.SCHOOL,
    "AP": Modality.APPRENTICESHIP,
    "APP": Modality.APPRENTICESHIP,
    "APPRENTISSAGE": Modality.APPRENTICESHIP,
}
