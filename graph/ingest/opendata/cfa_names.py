"""The CFA list's names made readable: « CTR DE FORMATION D'APPRENTIS DE L'INDUSTRIE AFPMA »
→ « Centre de formation d'apprentis de l'Industrie AFPMA ».

``CFASousConvRegionale_latest-UAI.csv`` names a CFA by its « dénomination principale » (the
nature of the establishment, abbreviated to 30 characters: « CTR DE FORMATION D APPRENTIS »,
« CTR FORMATION APPRENTIS AGRIC. », « CENTRE DE FORMATION DES APPREN ») then its « patronyme »
(cut at 30 characters too), in capitals. Where another national file names the same UAI, that
name is preferred (graph/ingest/opendata/plan.py: the CFA list's names come last); otherwise
:func:`readable_cfa_name` gives the name people read, and invents nothing:

- the dénominations the national file uses are written out, each only where its reading is
  certain (the 30-character cuts of « Centre de formation d'apprentis », its agricultural and
  health-and-social forms: :data:`HEADS`); any other is left word for word;
- a first word « CTR » or « CTRE » is « Centre » (« CTR REGIONAL DES MFR »);
- then each word is cased: French small words (de, la, et, d', l'…) in lower case, a word
  holding a digit or a dot (« ID2F », « A.M. »), a word without a vowel (« BTP ») or a word of
  four letters or fewer that is not a known word (« CCI », « PACA », « IFA ») kept in capitals
  (an acronym), a word of :data:`KNOWN_ACRONYMS` (an acronym the national files give as one:
  « ESITC », « IFMEM ») too, any other with its first letter in capital (« SUPERIEUR » →
  « Superieur »: no accent is added here, none is guessed; accents.py puts back those the
  other files give). A word already in lower or mixed case is kept.

Checked on the national file (December 2026): 933 CFAs; 716 begin with one of the :data:`HEADS`.

Other files write some names all in capitals too (Parcoursup: « ICL ESTICE », « IUT LITTORAL
(DUNKERQUE) », « GAMBETTA CARNOT »): :func:`readable_capitals` reads those by the same rule
(« ICL Estice », « IUT Littoral (Dunkerque) »), and leaves any name with a lower-case letter
as it is.
Pure functions over plain strings.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

__all__ = [
    "COLUMN_WIDTH",
    "HEADS",
    "KNOWN_ACRONYMS",
    "marked_cut",
    "whole_words",
    "readable_cfa_name",
    "readable_capitals",
    "written_in_capitals",
]

COLUMN_WIDTH = 30
"""Width of the CFA list's « denomination_principale » and « patronyme_uai » columns: no value of
the national file is longer, and 174 dénominations and 139 patronymes of its 933 rows are
exactly this long (December 2026), many ending on a cut word (« SPECIALISE
LANGUEDOC-ROUSSILLO », « INTERPROFESS DE LA LOIRE LES M »)."""

CUT = "…"
"""Written after a value that may be cut (:func:`marked_cut`): the name says it may go on."""

_CFA = "Centre de formation d'apprentis"
# The dénominations of the national CFA list written out (after tidy_name restored the lost
# apostrophes), longest first; a cut word (« D'APPRENTI », « DES APPREN », « D'AP ») is read
# only where the dénomination is the 30-character cut of one of these.
HEADS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p + r"(?=\s|$)"), said)
    for p, said in (
        (
            r"^(?:CTR|CTRE|CENTRE) DE FORMATION REGIONAL D'AP",
            "Centre de formation régional d'apprentis",
        ),
        (
            r"^(?:CTR|CTRE|CENTRE) (?:DE )?FORMATION (?:D')?APPRENTIS AGRI(?:C)?\.?",
            _CFA + " agricole",
        ),
        (
            r"^(?:CTR|CTRE|CENTRE) (?:DE )?(?:FORMATION|FORM\.) (?:D')?APPRENTIS "
            r"(?:SANSOC|SAN\.? (?:ET )?SOC\.?)",
            _CFA + " sanitaire et social",
        ),
        (
            r"^(?:CTR|CTRE|CENTRE) DE FORMATION DES APPREN(?:TIS)?",
            "Centre de formation des apprentis",
        ),
        # « CENTRE  DE FORMATION D APPRENT »: a double space in the file, one letter less
        (r"^(?:CTR|CTRE|CENTRE) (?:DE )?FORMATIONS? (?:D')?APPRENT(?:IS?)?", _CFA),
    )
)

# French words written in lower case inside a name (« Centre de formation »), and elided
# before an apostrophe (« D'APPRENTIS » → « d'apprentis »)
SMALL_WORDS = frozenset(
    [
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "et",
        "en",
        "au",
        "aux",
        "sur",
        "sous",
        "pour",
        "par",
        "ou",
        "un",
        "une",
        "dans",
        "chez",
    ]
)
_ELIDED = frozenset({"d", "l"})
_CENTRE = frozenset({"ctr", "ctre"})  # the file's abbreviations of « centre », as first word
# words of four letters or fewer that are words, not acronyms (« SUD TOURISME », « IFA 81 CCI
# TARN », « PAYS DE LA LOIRE »): départements, points of the compass, common nouns of names,
# towns and saints
KNOWN_SHORT = frozenset(
    [
        "ain",
        "aube",
        "cher",
        "eure",
        "gard",
        "gers",
        "jura",
        "lot",
        "nord",
        "oise",
        "orne",
        "tarn",
        "var",
        "sud",
        "est",
        "ouest",
        "ile",
        "iles",
        "pays",
        "val",
        "mont",
        "port",
        "mer",
        "lac",
        "bois",
        "arts",
        "pole",
        "site",
        "ecole",
        "vie",
        "haut",
        "bas",
        "neuf",
        "pro",
        "sup",
        "st",
        "ste",
        # towns and saints of four letters or fewer in the national files' names in capitals
        # (Parcoursup, December 2026: « UNIVERSITÉ LYON 3 », « LA ROCHE SUR YON », « ST LUC »)
        "lyon",
        "caen",
        "metz",
        "dole",
        "pau",
        "agen",
        "albi",
        "auch",
        "foix",
        "laon",
        "dax",
        "sete",
        "gap",
        "riom",
        "lens",
        "sens",
        "nice",
        "yon",
        "lys",
        "luc",
        "omer",
        "ouen",
        "mans",
        "jean",
        "paul",
        "marc",
    ]
)
# Acronyms of five letters or more (shorter ones are kept in capitals anyway) that the national
# files themselves give as acronyms, so that a name in capitals keeps them (« IFMEM CHU
# BORDEAUX » → « IFMEM CHU Bordeaux », not « Ifmem »): the « sigle » column of the MESR list
# (fr-esr-principaux-etablissements-enseignement-superieur.csv), and the capitals the Parcoursup
# extract writes in brackets after a name it spells out (« Centre de Ressources, d Expertise et
# de Performance Sportive de Bordeaux (CREPS) »), December 2026. No other word is taken for an
# acronym: « LEGTA », « KEDGE », « NEOMA » are not listed so, and are cased as words.
KNOWN_ACRONYMS = frozenset(
    [
        # MESR list, column « sigle »
        "EIGSI",
        "ENGEES",
        "ENSAN",
        "ENSAS",
        "ENSATT",
        "ENSEA",
        "ENSFEA",
        "ENSIIE",
        "ENSSIB",
        "ENTPE",
        "ESCOM",
        "ESIEA",
        "ESITC",
        "ESSCA",
        "INALCO",
        "INSEAD",
        "INSEP",
        "ISDAT",
        "ONIRIS",
        # Parcoursup extract, in brackets after the name spelt out
        "CESOL",
        "CREPS",
        "ENSEGID",
        "ENSGTI",
        "ENSMAC",
        "ENSPIMA",
        "ENSTBB",
        "ESTIA",
        "ETSCO",
        "IFMEM",
        "IFTLM",
        "ISFEC",
        "LYPSO",
    ]
)
_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?")
_VOWEL = re.compile(r"[aeiouyàâäéèêëîïôöùûü]", re.IGNORECASE)


def _cased(token: str, *, first: bool, elided: bool) -> str:
    if token != token.upper():  # already in lower or mixed case: as given
        return token
    if token in KNOWN_ACRONYMS:  # an acronym the files give as one: in capitals
        return token
    low = token.lower()
    if first and low in _CENTRE:  # « CTRE DE FORMATION ET PROMOTION … », « CTR REGIONAL … »
        return "Centre"
    if low in KNOWN_SHORT:
        return low[:1].upper() + low[1:]
    if elided and low in _ELIDED:
        return token if first else low
    if elided:  # a word joined to the next by an apostrophe (« SANT'EST »): a word
        return low[:1].upper() + low[1:]
    if low in SMALL_WORDS and not first:
        return low
    if any(c.isdigit() for c in token) or "." in token.rstrip(".") or not _VOWEL.search(token):
        return token
    if len(token) <= 4 and low not in KNOWN_SHORT and low not in SMALL_WORDS:
        return token
    return low[:1].upper() + low[1:]


def _case_words(text: str, *, from_start: bool) -> str:
    out: list[str] = []
    last = 0
    for i, m in enumerate(_TOKEN.finditer(text)):
        out.append(text[last : m.start()])
        elided = text[m.end() : m.end() + 1] in ("'", "’")
        out.append(_cased(m.group(), first=from_start and i == 0, elided=elided))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def readable_cfa_name(name: str) -> str:
    """The name of the CFA list as people read it (module docstring). ``name``: as tidied by
    :func:`graph.ingest.opendata.establishment_names.tidy_name` (apostrophes restored).

    >>> readable_cfa_name("CTR DE FORMATION D'APPRENTIS DE L'INDUSTRIE AFPMA")
    "Centre de formation d'apprentis de l'Industrie Afpma"
    >>> readable_cfa_name("CTR FORMATION APPRENTIS AGRIC DE L'HERAULT")
    "Centre de formation d'apprentis agricole de l'Herault"
    >>> readable_cfa_name("CTR DE FORMATION D'APPRENTIS DE LA CCI MAINE-ET-LOIRE")
    "Centre de formation d'apprentis de la CCI Maine-et-Loire"
    >>> readable_cfa_name("CFA BATIMENT TULLE")
    'CFA Batiment Tulle'
    """
    for pattern, said in HEADS:
        m = pattern.match(name)
        if m is not None:
            return said + _case_words(name[m.end() :], from_start=False)
    return _case_words(name, from_start=True)


def _read_in_full(denomination: str) -> bool:
    """Whether one of :data:`HEADS` reads the whole dénomination (its known 30-character cuts,
    « CENTRE DE FORMATION DES APPREN »), so that no word of it is left cut."""
    from graph.ingest.opendata.establishment_names import tidy_name  # no import cycle

    tidied = tidy_name(denomination)
    return any((m := p.match(tidied)) is not None and m.end() == len(tidied) for p, _ in HEADS)


def whole_words(values: Iterable[str]) -> frozenset[str]:
    """The words (in capitals) that end a name whole in a file's ``values`` (its names and
    communes): the last word of a value shorter than :data:`COLUMN_WIDTH` (cut at nothing),
    or the last part of a hyphenated one (« SALON-DE-PROVENCE »: « PROVENCE »); not one that
    begins a longer word of the values (« LOIR » of « LOIRE », « SOCIAL » of « SOCIALE »: a
    value filling its column may be cut there), a hyphenated compound aside (« PARIS » and
    « PARIS-IDF »), nor a small word or a single letter (no name ends with « DE », « A »).

    >>> sorted(whole_words(["SALON-DE-PROVENCE", "CFA DU LOIR", "PAYS DE LA LOIRE", "PARIS-IDF",
    ...                     "ARTS DE PARIS", "METIERS DE LA"]))
    ['IDF', 'LOIRE', 'PARIS', 'PARIS-IDF', 'PROVENCE', 'SALON-DE-PROVENCE']
    """
    words: set[str] = set()
    ends: set[str] = set()
    for value in values:
        said = value.upper().split()
        if not said:
            continue
        if len(value.rstrip()) < COLUMN_WIDTH:
            words.update(said)
            ends.update((said[-1], said[-1].rsplit("-", 1)[-1]))
        else:
            words.update(said[:-1])  # its last word may be cut
    # the words beginning with ``w`` follow it in sorted order: only those are looked at (a
    # scan of every word for every end took ~0.3 s of the import's CFA list)
    ordered = sorted(words)
    return frozenset(
        w
        for w in ends
        if len(w.strip(".'-")) > 1
        and w.lower() not in SMALL_WORDS
        and not _begins_a_longer(w, ordered)
    )


def _begins_a_longer(word: str, ordered: list[str]) -> bool:
    """Whether a word of ``ordered`` (sorted) is ``word`` followed by more than a hyphen and
    what follows it (« LOIRE » for « LOIR », not « PARIS-IDF » for « PARIS »)."""
    n = len(word)
    for i in range(bisect_left(ordered, word), len(ordered)):
        other = ordered[i]
        if not other.startswith(word):
            return False
        if len(other) > n and other[n] != "-":
            return True
    return False


def marked_cut(
    value: str, *, denomination: bool = False, whole: frozenset[str] = frozenset()
) -> str:
    """A value of the CFA list (``value`` as the file gives it, spaces and all) with « … » after
    it when it fills its column (:data:`COLUMN_WIDTH`) and so may have been cut there: the
    file's last word is never shown as if it were whole. Not when its last word ends with a
    dot (an abbreviation the file wrote: « CTR FORMATION APPRENTIS MARIT. ») or with a
    bracket closing the one it opened (« TRAVAUX PUBLICS PACA (TP PACA) »: an acronym in
    brackets ends a name), nor for a dénomination :data:`HEADS` read whole. Whether a value of
    exactly 30 characters was cut the file does not say: « MUNICIPAL DE SALON DE PROVENCE » is
    marked too. A value one character short of the column whose last word cannot end a name
    (« ENSEIGNEMENT CATHOLIQUE DE LA »: a small word, :data:`SMALL_WORDS`) was cut at a space
    the file then trimmed: marked as well. A value filling its column whose last word the file
    writes whole elsewhere (``whole``, :func:`whole_words`) is not marked: « MUNICIPAL DE SALON
    DE PROVENCE » (answers22).

    >>> marked_cut("ENSEIGNEMENT CATHOLIQUE DE LA"), marked_cut("ENSEIGNEMENT CATHOLIQUE 49")
    ('ENSEIGNEMENT CATHOLIQUE DE LA…', 'ENSEIGNEMENT CATHOLIQUE 49')
    >>> marked_cut("INTERPROFESS DE LA LOIRE LES M"), marked_cut("AFPMA")
    ('INTERPROFESS DE LA LOIRE LES M…', 'AFPMA')
    >>> marked_cut("TRAVAUX PUBLICS PACA (TP PACA)"), marked_cut("TRANSPORT ET LOGISTIQUE (AFTRA")
    ('TRAVAUX PUBLICS PACA (TP PACA)', 'TRANSPORT ET LOGISTIQUE (AFTRA…')
    >>> marked_cut("ECOLE DES METIERS DIJON METROP", denomination=True)
    'ECOLE DES METIERS DIJON METROP…'
    >>> marked_cut("CENTRE DE FORMATION DES APPREN", denomination=True)
    'CENTRE DE FORMATION DES APPREN'
    >>> marked_cut("MUNICIPAL DE SALON DE PROVENCE", whole=frozenset({"SALON", "PROVENCE"}))
    'MUNICIPAL DE SALON DE PROVENCE'
    >>> marked_cut("COMPAGNONS DEVOIR PAYS DE LOIR", whole=frozenset({"LOIRE"}))
    'COMPAGNONS DEVOIR PAYS DE LOIR…'
    """
    text = " ".join(value.split())
    if _cut_at_a_trimmed_space(value):
        return text + CUT
    if len(value.rstrip()) < COLUMN_WIDTH or not text or text.endswith("."):
        return text
    if text.endswith(")") and text.count("(") == text.count(")"):
        return text
    if denomination and _read_in_full(text):
        return text
    if text.split()[-1].upper() in whole:
        return text
    return text.rstrip(" -,;/") + CUT


def _cut_at_a_trimmed_space(value: str) -> bool:
    """Whether ``value``, one character short of :data:`COLUMN_WIDTH` once its trailing spaces
    are trimmed, ends on a word no name ends with (« DE LA », « DU », « ET »), so that its 30th
    character was a space before the next word."""
    kept = value.rstrip()
    words = kept.split()
    return len(kept) == COLUMN_WIDTH - 1 and bool(words) and words[-1].lower() in SMALL_WORDS


def written_in_capitals(name: str) -> bool:
    """Whether ``name`` has letters and none in lower case.

    >>> written_in_capitals("IUT LITTORAL (DUNKERQUE)"), written_in_capitals("IUT de Metz")
    (True, False)
    >>> written_in_capitals("0594365Z"), written_in_capitals("")
    (True, False)
    """
    return name != name.lower() and name == name.upper()


def readable_capitals(name: str) -> str:
    """A name written all in capitals read as :func:`readable_cfa_name` reads the CFA list's
    (acronyms kept, no letter or accent added); any other name as given.

    >>> readable_capitals("IUT LITTORAL (DUNKERQUE)")
    'IUT Littoral (Dunkerque)'
    >>> readable_capitals("ICL ESTICE"), readable_capitals("Lycee Gustave Eiffel")
    ('ICL Estice', 'Lycee Gustave Eiffel')
    """
    return readable_cfa_name(name) if written_in_capitals(name) else name
