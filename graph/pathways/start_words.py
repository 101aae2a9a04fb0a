"""The start of a pathway question as French joins it to « de » or « après »: « ne mène du Bac
pro X », « de la licence professionnelle X », « du niveau 4 », « 1 étape après le CAP X » —
the start's side of :mod:`graph.pathways.goal_words`, so that no sentence says « de Bac pro X ».

A start is named by its label (a diploma's name as people write it, with its public code, or
« niveau 4, secteur … »). The article comes from the first word of the name when it is the name
of a kind of diploma (« CAP », « Bac », « Licence », « Mention »…); a name that does not begin
with one (a BCN name such as « ELECTROTECHNIQUE (BTS) ») is said « du diplôme … », as the goal
side says « au diplôme … ». Pure functions over strings.
"""

from __future__ import annotations

__all__ = ["after_start", "from_start"]

# First words of diploma names, lower case, by the gender of the noun they stand for.
_FEMININE = frozenset({"licence", "mention", "mc", "classe", "cpge", "formation", "fcil", "lp"})
_MASCULINE = frozenset(
    {
        "bac", "baccalauréat", "bachelor", "bp", "brevet", "bts", "btsa", "but", "cap", "capa",
        "certificat", "cqp", "cqpm", "deust", "diplôme", "dn", "dnmade", "du", "dut", "master",
        "mastère", "titre",
    }
)  # fmt: skip
# Common nouns written with a capital at the head of a name, in lower case inside a sentence
# (« de la licence professionnelle … »); acronyms and « Bac » (« du Bac pro … ») are kept.
_COMMON_NOUNS = frozenset(
    {
        "baccalauréat", "brevet", "certificat", "classe", "diplôme", "formation", "licence",
        "master", "mastère", "mention", "titre",
    }
)  # fmt: skip


def _named(label: str) -> tuple[str | None, str]:
    """The gender of the diploma noun ``label`` begins with ("m", "f", None when it begins
    with none), and the label as a sentence writes it after its article."""
    first, sep, rest = label.partition(" ")
    word = first.lower().rstrip(",.;:")
    if word in _COMMON_NOUNS and first[1:].islower():
        label = f"{first.lower()}{sep}{rest}"
    if word in _FEMININE:
        return "f", label
    if word in _MASCULINE:
        return "m", label
    return None, label


def _any(start: str) -> bool:
    """Whether the start is any diploma of a kind (« Tout bac technologique »,
    graph/pathways/bac_starts.py): said without article."""
    return start.split(" ", 1)[0] in ("Tout", "Toute")


def from_start(start: str) -> str:
    """« de » joined to the start as French writes it.

    >>> from_start("niveau 4"), from_start("niveau 3, secteur Soudeurs")
    ('du niveau 4', 'du niveau 3, secteur Soudeurs')
    >>> from_start("Bac pro cuisine (40022106)"), from_start("CAP cuisine (50022146)")
    ('du Bac pro cuisine (40022106)', 'du CAP cuisine (50022146)')
    >>> from_start("Licence professionnelle métiers de l'industrie (25020001)")
    "de la licence professionnelle métiers de l'industrie (25020001)"
    >>> from_start("Mention complémentaire boulangerie spécialisée")
    'de la mention complémentaire boulangerie spécialisée'
    >>> from_start("BTS – Orthoptie"), from_start("Master mécanique")
    ('du BTS – Orthoptie', 'du master mécanique')
    >>> from_start("ELECTROTECHNIQUE (BTS) (32025520)")
    'du diplôme ELECTROTECHNIQUE (BTS) (32025520)'
    >>> from_start("fin de 3e (sans diplôme)")
    'de la fin de 3e (sans diplôme)'
    """
    if start.startswith("niveau "):
        return f"du {start}"
    if start.startswith("fin de 3e"):  # no diploma held (graph/pathways/after_3e.py)
        return f"de la {start}"
    if _any(start):
        return f"de {start[0].lower()}{start[1:]}"
    gender, label = _named(start)
    if gender == "f":
        return f"de la {label}"
    if gender == "m":
        return f"du {label}"
    return f"du diplôme {label}"


def after_start(start: str) -> str:
    """« après » joined to the start diploma's name: « après le CAP cuisine ».

    >>> after_start("CAP cuisine"), after_start("Licence pro métiers du BTP")
    ('après le CAP cuisine', 'après la licence pro métiers du BTP')
    >>> after_start("ELECTROTECHNIQUE (BTS)")
    'après le diplôme ELECTROTECHNIQUE (BTS)'
    >>> after_start("Tout bac technologique")
    'après tout bac technologique'
    """
    if _any(start):
        return f"après {start[0].lower()}{start[1:]}"
    gender, label = _named(start)
    if gender == "f":
        return f"après la {label}"
    if gender == "m":
        return f"après le {label}"
    return f"après le diplôme {label}"
