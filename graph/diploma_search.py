"""Find a diploma by the names people use: acronyms (MELEC, SIO, CPRP…), the type (« cap
usinage »), words in any order, accents and typos tolerated.

A pure function over the diplomas' plain rows (code, name, type, level, offers): the store is
read by the caller. Close matches come from the names (never from the codes), and when nothing
matches a French hint says so and proposes the nearest names.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from graph import labels
from graph.diploma_acronyms_bcn import BCN_ACRONYMS
from graph.diploma_names import display_name, is_common_year_kept, is_placeholder, is_public_code
from graph.rome_jobs import RomeJob, find_jobs, job_for_words, job_words
from graph.text import normalise

__all__ = ["ACRONYMS", "EXPANSIONS", "Hit", "SearchResult", "search_diplomas"]

# The usual names of common diplomas, as their official titles spell them out (folded).
ACRONYMS: Mapping[str, str] = {
    "melec": "metiers de l electricite et de ses environnements connectes",
    "mcv": "metiers du commerce et de la vente",
    "agora": "assistance a la gestion des organisations et de leurs activites",
    "assp": "accompagnement soins et services a la personne",
    "ciel": "cybersecurite informatique et reseaux electronique",
    "sio": "services informatiques aux organisations",
    "cprp": "conception des processus de realisation de produits",
    "mhr": "management en hotellerie restauration",
    "ndrc": "negociation et digitalisation de la relation client",
    "mco": "management commercial operationnel",
    "trpm": "technicien en realisation de produits mecaniques",
    "mspc": "maintenance des systemes de production connectes",
    "mei": "maintenance des equipements industriels",
    "mv": "maintenance des vehicules",
    "mva": "maintenance des vehicules",
    "crsa": "conception et realisation des systemes automatiques",
    "crci": "conception et realisation en chaudronnerie industrielle",
    "tci": "technicien en chaudronnerie industrielle",
    "cpi": "conception des produits industriels",
    "epc": "europlastics et composites",
    "ms": "maintenance des systemes",
    "gmp": "genie mecanique et productique",
    "qlio": "qualite logistique industrielle et organisation",
    "geii": "genie electrique et informatique industrielle",
    "tc": "techniques de commercialisation",
    "sti2d": "sciences et technologies de l industrie et du developpement durable",
    "cira": "controle industriel et regulation automatique",
    "sn": "systemes numeriques",
    "sp3s": "services et prestations des secteurs sanitaire et social",
    "aepe": "accompagnant educatif petite enfance",
    "gtla": "gestion des transports et logistique associee",
    "mecp": "metiers de l esthetique de la cosmetique et de la parfumerie",
    "tborgo": "technicien du batiment organisation et realisation du gros oeuvre",
    "acse": "analyse conduite et strategie de l entreprise agricole",
    "cgea": "conduite et gestion de l entreprise agricole",
    # BUT specialities (the national programmes of the BUT, arrêté du 27 mai 2021; the BCN
    # writes « GESTION DES ENTREPRISES ET DES ADMINISTRATIONS GEA » for the former DUT)
    "gea": "gestion des entreprises et des administrations",
    "gaco": "gestion administrative et commerciale des organisations",
    # national diplomas named by their acronym (décret n° 2006-1706: DCG, DSCG; décret
    # n° 2016-74: DEAES, a diploma of the ministry of social affairs the files may not hold)
    "dcg": "diplome de comptabilite et de gestion",
    "dscg": "diplome superieur de comptabilite et de gestion",
    "deaes": "diplome d etat d accompagnant educatif et social",
    # tester23's acronyms no file gives (the BCN's own are in graph/diploma_acronyms_bcn.py),
    # each with where it is written so
    # « BTS comptabilité et gestion (CG) »: CNED, cned.fr/inscription/8TSCGDIX
    "cg": "comptabilite et gestion",
    # « BTS Commerce international - BTS CI »: dimension-bts.com (arrêté du 25 novembre 2020)
    "ci": "commerce international",
    # « FAQ BTS SAM » (BTS support à l'action managériale): académie de Versailles, CRCOM
    "sam": "support a l action manageriale",
    # « BTS FED » (fluides-énergies-domotique, arrêté du 26 février 2014): sujets d'examen
    # « BTS FED 2018 U41 »
    "fed": "fluides energies domotique",
    # « BTS ATI » (assistance technique d'ingénieur): référentiel « Bts-Ati-Referentiel »
    "ati": "assistance technique d ingenieur",
    # « BAC PRO TMA » (technicien menuisier agenceur): lycée des métiers de Morcenx
    "tma": "technicien menuisier agenceur",
    # « Services aux personnes et aux territoires (SAPAT) »: servicesalapersonne.gouv.fr; the
    # BCN's name « SERVICES AUX PERSONNES ET ANIMATION DES TERRITOIRES (BAC PRO AG) »
    "sapat": "services aux personnes et animation des territoires",
    # « CAP PSR »: CFA Interpro 28 (cfainterpro28.com/cap-psr), référentiel « cap_psr »
    # (académie de Dijon)
    "psr": "production et service en restaurations",
    # « BTSA GEMEAU » (gestion et maîtrise de l'eau): Sgen-CFDT, « Rénovation BTSA GEMEAU »
    "gemeau": "gestion et maitrise de l eau",
    # « Obtention du Diplôme d'Etat d'Aide-Soignant (D.E.A.S.) »: IFMS du CHU de Montpellier
    "deas": "diplome d etat d aide soignant",
    # an IFSI (institut de formation en soins infirmiers) prepares the Diplôme d'État
    # d'infirmier: every establishment of the Parcoursup extract named « IFSI … » offers its
    # « D.E Infirmier » programme
    "ifsi": "infirmier",
}
# Acronyms of a whole trade rather than of one diploma: each of its parts names diplomas of
# its own (tester26: « bts btp » put the BTSA aménagements paysagers first, by the ROME job
# F1201 « Conduite de travaux du BTP et de travaux paysagers », and never named the BTS
# travaux publics). « Bâtiment et travaux publics (BTP) »: INSEE, définition du secteur de la
# construction; the BCN's famille de métiers « construction durable, du bâtiment et des
# travaux publics ».
TRADE_ACRONYMS: Mapping[str, tuple[str, ...]] = {
    "btp": ("batiment", "travaux publics"),
}
# Every way an acronym is spelt out: the lists above first, then the BCN's (a BUT speciality's
# code, « TC », « CJ »…), as the words of the diplomas' names
EXPANSIONS: Mapping[str, tuple[str, ...]] = {
    a: tuple(
        dict.fromkeys(
            [
                *([ACRONYMS[a]] if a in ACRONYMS else []),
                *TRADE_ACRONYMS.get(a, ()),
                *(e for e, _ in bcn),
            ]
        )
    )
    for a, bcn in {
        **{a: () for a in ACRONYMS},
        **{a: () for a in TRADE_ACRONYMS},
        **BCN_ACRONYMS,
    }.items()
}

# Words that name a type of diploma rather than a subject.
TYPE_WORDS: Mapping[tuple[str, ...], str] = {
    ("cap",): "cap",
    ("bac", "pro"): "bac_pro",
    ("bacpro",): "bac_pro",
    ("bts",): "bts",
    ("but",): "but",
    ("dut",): "dut",
    ("licence", "pro"): "licence_pro",
    ("master",): "master",
    ("ingenieur",): "ingenieur",
    ("mc",): "mc",
    # the certificats de spécialisation replace the mentions complémentaires: the BCN names
    # them so (56122107 CERTIFICAT DE SPECIALISATION BOULANGERIE SPECIALISEE, after the MC
    # 01022107) and the graph keeps them under the same type
    ("cs",): "mc",
    ("mention", "complementaire"): "mc",
    ("certificat", "de", "specialisation"): "mc",
    ("bp",): "bp",
    # the types' names in full (graph.labels.TYPE_FR), as people write them too
    ("brevet", "professionnel"): "bp",
    ("licence", "professionnelle"): "licence_pro",
    ("bac", "professionnel"): "bac_pro",
    ("baccalaureat", "professionnel"): "bac_pro",
    ("cqpm",): "cqpm",
    # the BTS of the ministry of agriculture, a BTS in the graph (32334302 BTSA gestion et
    # maîtrise de l'eau)
    ("btsa",): "bts",
    # an engineering school, its diploma, its programme (Parcoursup's « Formation d'ingénieur
    # Bac + 5 »): the type, not a word of a name (« école d'ingénieur » found the École des
    # Mines of a campus only)
    ("ecole", "d", "ingenieur"): "ingenieur",
    ("ecole", "d", "ingenieurs"): "ingenieur",
    ("ecole", "ingenieur"): "ingenieur",
    ("diplome", "d", "ingenieur"): "ingenieur",
    ("formation", "d", "ingenieur"): "ingenieur",
    ("ingenieurs",): "ingenieur",
}
# The French names of the types the search recognises (graph.labels), "bac pro" in lower
# case as the hints write it inside a sentence; other types read « autre ».
TYPE_FR = {t: labels.TYPE_FR[t] for t in TYPE_WORDS.values()} | {"bac_pro": "bac pro"}
STOP = {"de", "des", "du", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "option"}
WORD_MATCH = 82  # a query word matches a name word at this similarity (0-100) or as a prefix
# a diploma found by the name of a job it trains for (its Certif Info jobs), not by its own
# name: after those its name matches (100 and its offers, up to 5)
BY_JOB = 90.0
# a closed diploma no establishment offers any more: after the open ones that match as well
# (« soudeur » gave the CAP and BP Soudeur, closed, 0 offers, before the CAP RICS)
CLOSED_UNOFFERED = 15.0
# an open diploma whose name the query says whole (« bac general »: the Bac général, before
# the Bac pro aviation générale offered more, tester26): above any offers count (5 at most)
WHOLE_NAME = 5.5


@dataclass(frozen=True)
class Hit:
    row: Mapping[str, Any]
    score: float
    by_job: bool = False  # found by the name of a job it trains for, not by its own name


@dataclass
class SearchResult:
    hits: list[Hit]
    hint: str | None = None
    suggestions: list[Mapping[str, Any]] = field(default_factory=list)


def _words(text: str) -> list[str]:
    """The words of a text, folded, whatever separates them: spaces, apostrophes (straight or
    curly), hyphens and dashes (Parcoursup's « BUT – Techniques de commercialisation »: the
    en dash was a word, « d’ingénieur » one word), brackets, commas.

    >>> _words("BUT – Techniques de commercialisation"), _words("école d’ingénieur (BTS)")
    (['but', 'techniques', 'de', 'commercialisation'], ['ecole', 'd', 'ingenieur', 'bts'])
    """
    return _SEPARATORS.sub(" ", normalise(text)).split()


_SEPARATORS = re.compile(r"[\W_]+")


def _split_type(words: list[str]) -> tuple[str | None, list[str]]:
    for type_words, type_id in sorted(TYPE_WORDS.items(), key=lambda kv: -len(kv[0])):
        n = len(type_words)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == type_words:
                return type_id, words[:i] + words[i + n :]
    return None, words


def _expand(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        out.extend(EXPANSIONS[w][0].split() if w in EXPANSIONS else [w])
    return [w for w in out if w not in STOP]


def _alternatives(words: list[str]) -> list[list[list[str]]]:
    """Per word of a query, the ways a name may say it: an acronym as itself (the BCN writes
    « STI2D ENERGIES ET ENVIRONNEMENT (BAC TECHNO) ») or spelled out (« sciences et
    technologies de l'industrie… »); stop words left out.

    >>> _alternatives(["sti2d", "energie", "de"])[0][0], _alternatives(["sti2d", "energie"])[1]
    (['sti2d'], [['energie']])
    """
    out = []
    for w in words:
        if w in STOP:
            continue
        alts = [[w]]
        for spelt in EXPANSIONS.get(w, ()):
            alts.append([x for x in spelt.split() if x not in STOP])
        out.append(alts)
    return out


def _group_score(
    alts: list[list[str]], name_words: list[str], known: Collection[str] = frozenset()
) -> float:
    """The best way one query word is found in a name (0 when none matches every word); a word
    of ``known`` (a real word: :func:`_known_words`) only as itself, a prefix or its stem."""
    best = 0.0
    for alt in alts:
        scores = [_word_score(w, name_words, strict=w in known or w in EXPANSIONS) for w in alt]
        if scores and min(scores) >= WORD_MATCH:
            best = max(best, sum(scores) / len(scores))
    return best


def _named(r: Mapping[str, Any]) -> str:
    """« TECHNICIEN D'USINAGE (bac pro) », the type added unless the name already says it."""
    kind = TYPE_FR.get(r.get("type") or "", "autre")
    name = display_name(r)
    return name if normalise(kind) in normalise(name) else f"{name} ({kind})"


def _successors(h: Hit) -> list[str]:
    return [s["code"] for s in h.row.get("successors") or [] if s and s.get("code")]


def _real_first(hits: list[Hit], *, offered_only: bool = False) -> list[Hit]:
    """Diplomas only, Parcoursup programmes without a diploma code (``PS-…``) only when no
    diploma matches by its own name (« bts acse » listed two Parcoursup titles before the
    BTSA itself; « licence pro logistique » lost the Parcoursup logistics licence to a licence
    found by a job's name); a
    closed diploma whose successor is among the hits right after it (Bac pro MELEC 40025510,
    closed in 2025, after 40025520 that replaced it), the others in their order.

    >>> row = lambda c, **kw: {"code": c, "name": c, **kw}
    >>> old, new, other = "40025510", "40025520", "32025520"
    >>> hits = [Hit(row("PS-BTS-1"), 99), Hit(row(old, closed=True,
    ...         successors=[{"code": new}]), 98), Hit(row(other), 97), Hit(row(new), 96)]
    >>> [h.row["code"] for h in _real_first(hits)]
    ['32025520', '40025520', '40025510']
    >>> [h.row["code"] for h in _real_first(hits[:1])]
    ['PS-BTS-1']
    >>> [h.row["code"] for h in _real_first([hits[0], Hit(row(other), 90, by_job=True)])]
    ['PS-BTS-1', '32025520']
    >>> [h.row["code"] for h in _real_first([hits[0], Hit(row("MV-BTS"), 98)])]  # a seed's
    ['PS-BTS-1', 'MV-BTS']
    """
    # a diploma of a public code found by its name (offered somewhere with ``offered_only``,
    # a type alone: « but » listed the BCN's « BUT production non spécifié », 0 offers, and
    # hid Parcoursup's 55 BUT); a campus's own programme (a seed's « MV-BUT-TC ») is no
    # reason to hide the national one (tester23: « but tc » listed the IUT de Figeac's BUT TC,
    # 1 offer, and not Parcoursup's « BUT – Techniques de commercialisation », 82)
    named = any(
        not h.by_job
        and is_public_code(h.row.get("code"))
        and (h.row.get("offers") or not offered_only)
        for h in hits
    )
    kept = [h for h in hits if not named or not is_placeholder(h.row.get("code"))]
    codes = {h.row["code"] for h in kept}
    behind: dict[str, list[Hit]] = {}
    for h in kept:
        succ = next((c for c in _successors(h) if c in codes), None)
        if h.row.get("closed") and succ is not None:
            behind.setdefault(succ, []).append(h)
    deferred = {id(h) for hs in behind.values() for h in hs}
    out: list[Hit] = []
    placed: set[int] = set()

    def put(h: Hit) -> None:
        if id(h) in placed:
            return
        placed.add(id(h))
        out.append(h)
        for older in behind.get(h.row["code"], ()):
            put(older)

    for h in kept:
        if id(h) not in deferred:
            put(h)
    out.extend(h for h in kept if id(h) not in placed)  # a cycle of closed diplomas
    return out


def _word_score(word: str, name_words: list[str], *, strict: bool = False) -> float:
    """100 when a word of the name begins with ``word`` (three letters or more), else the
    closest spelling's similarity; ``strict`` (``word`` is a real word, :func:`_known_words`):
    only a word of the same stem counts as close (:func:`same_stem`), never another word spelt
    near it (« vendangeur » is not « vendeur »).

    >>> _word_score("vendangeur", ["vendeur"]), _word_score("vendangeur", ["vendeur"],
    ...     strict=True), _word_score("cuisinier", ["cuisine"], strict=True) > 82
    (82.35294117647058, 0.0, True)
    >>> _word_score("b", ["option", "b"], strict=True)  # « option B »: the word itself
    100.0
    """
    best = 0.0
    for n in name_words:
        if n == word or (n.startswith(word) and len(word) >= 3):
            return 100.0
        if not strict or same_stem(word, n):
            best = max(best, fuzz.ratio(word, n))
    return best


STEM_MIN = 5  # letters two words share from their start to be of one stem...
STEM_SHARE = 0.6  # ... and this share of the shorter word at least


def same_stem(a: str, b: str) -> bool:
    """Whether two words are forms of one word: they begin alike over five letters and most of
    the shorter one (« cuisinier », « cuisine »; « coiffeur », « coiffure »; « électricien »,
    « électricité »), not merely spelt close (« vendangeur », « vendeur »: four letters;
    « soudeur », « soudure »).

    >>> same_stem("cuisinier", "cuisine"), same_stem("coiffeur", "coiffure")
    (True, True)
    >>> same_stem("vendangeur", "vendeur"), same_stem("soudeur", "soudure")
    (False, False)
    """
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= STEM_MIN and n >= STEM_SHARE * min(len(a), len(b))


# (rows, jobs) -> their known words, for the lists an app keeps per graph version
_KNOWN: dict[tuple[int, int], tuple[object, object, frozenset[str]]] = {}


@dataclass(frozen=True)
class _Names:
    """The diplomas' names as words (stop words left out), one list per row, and every word
    they hold once: read once per list of rows an app keeps (per graph version), not on every
    search (the 6 500 names folded on each search took half of its time)."""

    words: list[list[str]]
    vocabulary: tuple[str, ...]
    rows_of: Mapping[str, tuple[int, ...]]  # a word -> the rows whose names hold it
    # the initials of a name's words -> its rows (:func:`initials`): « mfer », « csr »
    by_initials: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # a diploma code -> its rows (:func:`_open_successors` finds a successor without reading
    # every row on each search: review26, 3.5 ms of a « cap cuisine »'s ~20)
    rows_of_code: Mapping[str, tuple[int, ...]] = field(default_factory=dict)


# id(rows) -> (rows, their names): the lists an app keeps, a few at most
_NAMES: dict[int, tuple[object, _Names]] = {}


INITIALS_MIN = 3  # letters of a sigle read from a name's initials (« tc » is too short)


def initials(name: str) -> set[str]:
    """The sigles people form from a diploma's name: the first letters of its words, its type
    (« BUT – », « (BAC PRO) ») and its option left out, with and without a leading
    « métiers » (the famille de métiers « gestion administrative, du transport et de la
    logistique » is said « GATL », the Bac pro « métiers du froid et des énergies
    renouvelables » « MFER »). The lists of acronyms (:data:`ACRONYMS`, the BCN's) name the
    diplomas whose usual sigle is not their initials (« MELEC »); these cover the others
    (tester25: « bac pro mfer » found « Métiers de la mer », « bac pro mee », « bts esf »
    nothing).

    >>> sorted(initials("METIERS DU FROID ET DES ENERGIES RENOUVELABLES (BAC PRO)"))
    ['fer', 'mfer']
    >>> initials("MAINTENANCE ET EFFICACITE ENERGETIQUE"), initials("CUISINE")
    ({'mee'}, set())
    >>> initials("TECHNICIEN DU FROID ET DU CONDITIONNEMENT D'AIR OPTION B")
    {'tfca'}
    >>> initials("BUT – Techniques de commercialisation"), initials("BTS fluides-énergies")
    (set(), set())
    >>> initials("BTS fluides-énergies-domotique")
    {'fed'}
    >>> sorted(initials("METIERS DE LA GESTION ADMINISTRATIVE, DU TRANSPORT ET DE LA LOGISTIQUE "
    ...                 "2NDE COMMUNE (BAC PRO)"))
    ['gatl', 'mgatl']
    """
    text = _BRACKETS.sub(" ", name)
    words = _words(text)
    for type_words in _TYPES_LONGEST_FIRST:
        if tuple(words[: len(type_words)]) == type_words:
            words = words[len(type_words) :]
            break
    # up to its option or its year (« … LOGISTIQUE 2NDE COMMUNE », « … 1ERE ANNEE COMMUNE »)
    ends = [i for i, w in enumerate(words) if w in _NAME_ENDS]
    if ends:
        words = words[: ends[0]]
    sig = [w for w in words if w not in STOP]
    out = set()
    if len(sig) >= INITIALS_MIN:
        out.add("".join(w[0] for w in sig))
    if len(sig) > INITIALS_MIN and sig[0] == "metiers":
        out.add("".join(w[0] for w in sig[1:]))
    return out


_NAME_ENDS = {"option", "2nde", "2de", "1ere", "1re"}
_BRACKETS = re.compile(r"\([^)]*\)")
_TYPES_LONGEST_FIRST = sorted(TYPE_WORDS, key=lambda t: -len(t))


def sigle_rows(
    word: str, names: _Names, rows: Sequence[Mapping[str, Any]], type_id: str | None
) -> tuple[int, ...]:
    """The rows whose initials ``word`` is (``names.by_initials``), read so only when it is no
    word being typed: a query word that begins words of the names (« tiss »: tissage,
    tisserand, tissu) is read as their beginning, and as initials only of a diploma open or
    closed with a successor to lead to, of the type the query names if any (« bac pro tiss » found
    « Techniques de image, son, spectacle », a Bac pro closed in 2008 and replaced by none,
    instead of the hint naming the weaving diplomas; « cap mis » still finds the CAP monteur
    en installations sanitaires though « mis » begins « mise », and « cap apr » the CAP agent
    polyvalent de restauration, closed in 2021, replaced by the CAP PSR).

    >>> rows = [{"name": "TECHNIQUES DE IMAGE, SON, SPECTACLE (BAC PRO)", "type": "bac_pro",
    ...          "closed": True},
    ...         {"name": "TISSAGE (CAP)", "type": "cap"},
    ...         {"name": "MAINTENANCE ET EFFICACITE ENERGETIQUE (BAC PRO)", "type": "bac_pro"}]
    >>> names = _kept_names(rows, rows)
    >>> sigle_rows("tiss", names, rows, "bac_pro"), sigle_rows("tiss", names, rows, None)
    ((), ())
    >>> sigle_rows("mee", names, rows, None), sigle_rows("mee", names, rows, "bac_pro")
    ((2,), (2,))
    """
    found = names.by_initials.get(word, ())
    vocabulary = names.vocabulary
    at = bisect.bisect_left(vocabulary, word)
    if at < len(vocabulary) and vocabulary[at] == word:
        at += 1
    typed = at < len(vocabulary) and vocabulary[at].startswith(word)
    if not typed:
        return tuple(found)
    return tuple(
        i
        for i in found
        if (type_id is None or rows[i].get("type") == type_id)
        and (not rows[i].get("closed") or rows[i].get("successors"))
    )


def _kept_names(given: object, rows: Sequence[Mapping[str, Any]]) -> _Names:
    """:class:`_Names` of ``rows``, kept while ``given`` (the caller's list) is the one asked."""
    got = _NAMES.get(id(given))
    if got is not None and got[0] is given:
        return got[1]
    # each word once in memory (interned): 6 500 names hold 47 000 words, 4 100 of them distinct
    words = [[sys.intern(w) for w in _words(r["name"]) if w not in STOP] for r in rows]
    rows_of: dict[str, list[int]] = {}
    for i, name in enumerate(words):
        for w in dict.fromkeys(name):
            rows_of.setdefault(w, []).append(i)
    by_initials: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        for sigle in initials(r["name"]):
            by_initials.setdefault(sigle, []).append(i)
    rows_of_code: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        if (c := r.get("code")) is not None:
            rows_of_code.setdefault(c, []).append(i)
    names = _Names(
        words,
        tuple(sorted(rows_of)),
        {w: tuple(i) for w, i in rows_of.items()},
        {a: tuple(i) for a, i in by_initials.items()},
        {c: tuple(i) for c, i in rows_of_code.items()},
    )
    if isinstance(given, list):  # a list kept by its caller; a generator is read once
        if len(_NAMES) >= 4:
            _NAMES.pop(next(iter(_NAMES)))
        _NAMES[id(given)] = (given, names)
    return names


def _close_words(word: str, vocabulary: Sequence[str], *, strict: bool) -> dict[str, float]:
    """The words of ``vocabulary`` that ``word`` matches (:func:`_word_score` >= WORD_MATCH)
    with that score: below it a word never counts (:func:`_group_score`), so a name's
    :func:`_word_score` is the best of its words here, 0 when none is. rapidfuzz compares the
    word with the whole vocabulary at once; each score kept is then computed as
    :func:`_word_score` does, so the figures are the same to the last digit.

    >>> _close_words("vendangeur", ["vendeur", "vendangeurs", "soudeur"], strict=False)
    {'vendangeurs': 100.0, 'vendeur': 82.35294117647058}
    >>> _close_words("vendangeur", ["vendeur", "vendangeurs"], strict=True)
    {'vendangeurs': 100.0}
    """
    out: dict[str, float] = {}
    if len(word) >= 3:
        out.update((n, 100.0) for n in vocabulary if n.startswith(word))
    elif word in vocabulary:
        out[word] = 100.0
    near = process.extract(
        word,
        vocabulary,
        scorer=fuzz.ratio,
        processor=None,
        score_cutoff=WORD_MATCH - 1,
        limit=None,
    )
    for n, _, _ in near:
        if n in out or (strict and not same_stem(word, n)):
            continue
        if (score := fuzz.ratio(word, n)) >= WORD_MATCH:
            out[n] = score
    if not strict:
        out.update(_stem_mates(out, vocabulary))
    return out


STEM_MATE_MATCH = 88  # a stem-mate of a corrected spelling counts at this similarity to it


def _stem_mates(close: Mapping[str, float], vocabulary: Sequence[str]) -> dict[str, float]:
    """A misspelt word (no word of the data: « boulengerie ») read as the words it is close to
    (« boulangerie », 91) finds their forms of one stem too (:func:`same_stem`: « boulanger »),
    as the well-spelt word does (:func:`_word_score` of a known word), at the lower of the two
    similarities, if STEM_MATE_MATCH at least (« univrsite » is « universite », not
    « univers », 82): before, « boulengerie » found the certificats de spécialisation « …
    boulangerie » and neither the CAP boulanger nor the Bac pro boulanger pâtissier (its
    similarity to « boulanger » is 80). ``vocabulary`` is sorted: the words sharing the first
    STEM_MIN letters are one slice of it.

    >>> _stem_mates({"boulangerie": 91.0}, ("boulanger", "boulangere", "boulangerie", "boule"))
    {'boulanger': 90.0, 'boulangere': 91.0}
    >>> _stem_mates({"universite": 95.0}, ("univers", "universite"))
    {}
    """
    out: dict[str, float] = {}
    for n, score in close.items():
        if score >= 100.0 or len(n) < STEM_MIN:
            continue  # a prefix or the word itself: its stem-mates are not what was typed
        head = n[:STEM_MIN]
        lo = bisect.bisect_left(vocabulary, head)
        for m in vocabulary[lo:]:
            if not m.startswith(head):
                break
            if m in close or not same_stem(n, m):
                continue
            mate = min(score, fuzz.ratio(n, m))
            if mate >= STEM_MATE_MATCH and mate > out.get(m, 0.0):
                out[m] = mate
    return out


def _by_row(close: Mapping[str, float], names: _Names) -> dict[int, float]:
    """Per row whose name holds a word of ``close`` (:func:`_close_words`), the best score of
    its words: :func:`_word_score` of that name (the others' is below WORD_MATCH).

    >>> names = _Names([["vendeur"], ["soudeur"], ["vendeur", "vendangeurs"]],
    ...     ("soudeur", "vendangeurs", "vendeur"),
    ...     {"vendeur": (0, 2), "soudeur": (1,), "vendangeurs": (2,)})
    >>> _by_row({"vendangeurs": 100.0, "vendeur": 82.3}, names)
    {2: 100.0, 0: 82.3}
    """
    out: dict[int, float] = {}
    for w, score in close.items():
        for i in names.rows_of[w]:
            if score > out.get(i, 0.0):
                out[i] = score
    return out


def _group_at(alts: list[list[str]], at: Mapping[str, Mapping[int, float]], i: int) -> float:
    """:func:`_group_score` of row ``i`` from :func:`_by_row` of each query word."""
    best = 0.0
    for alt in alts:
        scores = [at[w].get(i, 0.0) for w in alt]
        if scores and min(scores) >= WORD_MATCH:
            best = max(best, sum(scores) / len(scores))
    return best


def _kept_known(
    rows: object, jobs: object, compute: Callable[[], frozenset[str]]
) -> frozenset[str]:
    """:func:`_known_words` of these lists, kept while they are the ones asked (a few pairs):
    the words of 6 500 names and 11 000 job names took a sixth of a search's time."""
    key = (id(rows), id(jobs))
    got = _KNOWN.get(key)
    if got is not None and got[0] is rows and got[1] is jobs:
        return got[2]
    known = compute()
    if isinstance(rows, list):  # a list kept by its caller; a generator is read once
        if len(_KNOWN) >= 4:
            _KNOWN.pop(next(iter(_KNOWN)))
        _KNOWN[key] = (rows, jobs, known)
    return known


def _known_words(names: Iterable[list[str]], jobs: Sequence[RomeJob]) -> frozenset[str]:
    """The real words the data knows: those of the diplomas' names and of the jobs' names
    (the ROME reference and metier.csv). A query word among them means itself: a diploma
    whose name holds only a word spelt close to it is another word's diploma."""
    return frozenset().union(*names) | job_words(jobs)


# The nearest names of a text no word of which matches (WORD_MATCH): each word typed must be
# close to a word of the name, at 70 % of rapidfuzz's ratio (« elektrotecnik » and
# « electrotechnique » 76); « ABC » once drew « Maçon », two letters of five in common (50),
# when the whole text was compared to whole names. Four letters at least.
NEAR_MIN_LETTERS = 4
NEAR_MIN_SCORE = 70


def _near_names(rows: list[Mapping[str, Any]], words: list[str]) -> list[Mapping[str, Any]]:
    """The five diplomas whose names hold words closest in spelling to each of ``words``
    (the most offered first among equals), none when the text is short or nothing is close.

    >>> rows = [{"code": "1", "name": "MACON"}, {"code": "2", "name": "BOULANGER PATISSIER"}]
    >>> _near_names(rows, ["abc"]), [r["code"] for r in _near_names(rows, ["boulenjer"])]
    ([], ['2'])
    """
    if len("".join(words)) < NEAR_MIN_LETTERS:
        return []
    names = {r["code"]: set(_words(r["name"])) for r in rows}
    vocabulary = sorted(set().union(*names.values()))
    close = [
        {
            v: s
            for v, s, _ in process.extract(
                w, vocabulary, scorer=fuzz.ratio, score_cutoff=NEAR_MIN_SCORE, limit=None
            )
        }
        for w in words
    ]
    scored = []
    for r in rows:
        per_word = [max((c.get(v, 0.0) for v in names[r["code"]]), default=0.0) for c in close]
        if min(per_word) >= NEAR_MIN_SCORE:
            scored.append((sum(per_word) / len(per_word), r))
    scored.sort(key=lambda t: (-t[0], -(t[1].get("offers") or 0), t[1]["code"]))
    return [r for _, r in scored[:5]]


def _says_all(words: Sequence[str], name: str) -> bool:
    """Whether every one of ``words`` begins a word of ``name`` (folded).

    >>> _says_all(["electricien"], "Électricien / Électricienne du bâtiment")
    True
    >>> _says_all(["electricien"], "Mécanicien / Mécanicienne automobile")
    False
    """
    name_words = _words(name)
    return all(any(n.startswith(w) for n in name_words) for w in words)


def _said_share(words: Sequence[str], name_words: Sequence[str]) -> float:
    """The share of a name's words (:class:`_Names`) that begin with one of ``words``.

    >>> _said_share(["info"], ["but", "informatique"]), _said_share(["info"], ["genie"])
    (0.5, 0.0)
    """
    said = sum(1 for n in name_words if any(n.startswith(w) for w in words))
    return said / len(name_words) if name_words else 0.0


def _asked_words(said: Sequence[str], name: str, name_words: Sequence[str]) -> Sequence[str]:
    """The words of a name :func:`_said_share` weighs: all of them, or only those before its
    « option » when the query says no word of the option (« cap mv »: the options motocycles,
    voitures particulières, véhicules de transport routier of one CAP are equals, whatever the
    length of the option's name; the offers decide between them).

    >>> _asked_words(["maint"], "CAP maintenance option motocycles", ["cap", "maintenance",
    ...     "motocycles"])
    ['cap', 'maintenance']
    >>> _asked_words(["moto"], "CAP maintenance option motocycles", ["cap", "maintenance",
    ...     "motocycles"])
    ['cap', 'maintenance', 'motocycles']
    """
    head, sep, tail = normalise(name).partition(" option ")
    if not sep:
        return name_words
    option = [w for w in _words(tail) if w not in STOP]
    if any(n.startswith(w) for n in option for w in said):
        return name_words
    return [w for w in _words(head) if w not in STOP]


def _open_successors(
    hits: list[Hit],
    rows: Sequence[Mapping[str, Any]],
    at_row: dict[int, int],
    rows_of_code: Mapping[str, Sequence[int]] | None = None,
) -> list[Hit]:
    """The open diplomas that replaced a closed one found, when the words do not find them
    themselves (tester26: « cs cuisinier en desserts de restaurant » found the closed MC and CS
    only; the BCN's successor is named « Desserts de restaurant (CS3) »): each at its
    predecessor's score, found by that name (:func:`_real_first` then lists the closed one
    right after it). Fills ``at_row`` for them.

    >>> rows = [{"code": "A", "name": "cuisinier desserts", "closed": True,
    ...          "successors": [{"code": "B"}]}, {"code": "B", "name": "desserts", "closed": False}]
    >>> at = {}
    >>> [(h.row["code"], h.score) for h in _open_successors([Hit(rows[0], 80.0)], rows, at)]
    [('B', 80.0)]
    """
    found = {h.row["code"] for h in hits}
    wanted = {
        c: h
        for h in hits
        if h.row.get("closed") and not h.by_job
        for c in _successors(h)
        if c not in found
    }
    if not wanted:
        return []
    # the rows of those codes, in the rows' order (``rows_of_code``: :class:`_Names`)
    at = (
        sorted(i for c in wanted for i in rows_of_code.get(c, ()))
        if rows_of_code is not None
        else [i for i, r in enumerate(rows) if r["code"] in wanted]
    )
    out = []
    for i in at:
        r = rows[i]
        if not r.get("closed"):
            out.append(Hit(r, wanted[r["code"]].score))
            at_row[id(out[-1])] = i
    return out


def _is_btsa(r: Mapping[str, Any]) -> bool:
    """A BTS of the ministry of agriculture: its name says so (the BCN's « AMENAGEMENTS
    PAYSAGERS (BTSA) », Parcoursup's « BTS – Agricole – … »).

    >>> _is_btsa({"name": "BTSA aménagements paysagers"}), _is_btsa({"name": "BTS bâtiment"})
    (True, False)
    >>> _is_btsa({"name": "BTS – Agricole – Analyse, conduite et strategie de l'entreprise"})
    True
    """
    words = _words(f"{r.get('name') or ''} {r.get('official_name') or ''}")
    return "btsa" in words or words[:2] == ["bts", "agricole"]


def _no(type_id: str | None) -> str:
    """« Aucun » or « Aucune » before the type's name (graph.labels.FEMININE_TYPES: « Aucune
    licence professionnelle », not « Aucun licence professionnelle »).

    >>> _no("licence_pro"), _no("bts")
    ('Aucune', 'Aucun')
    """
    return "Aucune" if type_id in labels.FEMININE_TYPES else "Aucun"


def _national(r: Mapping[str, Any]) -> bool:
    """A diploma of a public code or a Parcoursup programme (offered nationally), not a
    campus's own programme (a seed's code)."""
    code = r.get("code")
    return is_public_code(code) or is_placeholder(code)


def unnamed_speciality(
    rows: Sequence[Mapping[str, Any]], hits: Sequence[Hit], *, text: str
) -> SearchResult | None:
    """An engineering speciality asked (« ingénieur mécanique ») that no national programme's
    name says: Parcoursup names its engineering programmes by their admission track only
    (« Formation d'ingénieur Bac + 5 – Bac général », 128 titles, none naming a speciality,
    December 2026), so the national files cannot tell which school trains in mechanics. The
    national programmes are listed after ``hits`` (a campus's own, whose names say the words),
    the most offered first, with a French hint saying why; None when the files hold none.

    >>> rows = [{"code": "PS-INGENIEUR-1", "name": "Formation d ingenieur Bac + 5 – Bac general",
    ...          "type": "ingenieur", "offers": 76}]
    >>> found = unnamed_speciality(rows, [], text="mecanique")
    >>> [h.row["code"] for h in found.hits]
    ['PS-INGENIEUR-1']
    >>> print(found.hint)
    Aucune formation d'ingénieur des fichiers nationaux ne dit « mecanique » : Parcoursup ne donne pas la spécialité de ses formations d'ingénieur, listées ici toutes spécialités confondues (à vérifier auprès de chaque école).
    """  # noqa: E501
    if not text:
        return None
    listed = {id(h.row) for h in hits}
    generic = [
        r
        for r in rows
        if r.get("type") == "ingenieur"
        and is_placeholder(r.get("code"))
        and r.get("offers")
        and id(r) not in listed
    ]
    if not generic:
        return None
    generic.sort(key=lambda r: (-(r.get("offers") or 0), r["name"]))
    hint = (
        f"Aucune formation d'ingénieur des fichiers nationaux ne dit « {text} » : Parcoursup ne "
        "donne pas la spécialité de ses formations d'ingénieur, listées ici toutes spécialités "
        "confondues (à vérifier auprès de chaque école)."
    )
    return SearchResult([Hit(r, 1.0) for r in generic], hint=hint)


def search_diplomas(
    rows: Iterable[Mapping[str, Any]],
    query: str,
    *,
    limit: int = 20,
    jobs: Sequence[RomeJob] = (),
) -> SearchResult:
    """Diplomas matching ``query``, best first.

    >>> rows = [
    ...     {"code": "1", "name": "METIERS DE L'ELECTRICITE ET DE SES ENVIRONNEMENTS CONNECTES",
    ...      "type": "bac_pro", "level": 4, "offers": 3},
    ...     {"code": "2", "name": "TECHNICIEN D'USINAGE", "type": "bac_pro", "level": 4,
    ...      "offers": 2},
    ... ]
    >>> [h.row["code"] for h in search_diplomas(rows, "MELEC").hits]
    ['1']
    >>> print(search_diplomas(rows, "cap usinage").hint)
    Aucun CAP ne correspond à « usinage » ; diplômes proches : Technicien d'usinage (bac pro).
    """
    given, rows = rows, list(rows)
    type_id, words = _split_type(_words(query))
    # « btsa »: the BTS of agriculture only (tester26: « btsa » listed the BTS MCO, NDRC…)
    agricultural = type_id == "bts" and "btsa" in _words(query)

    def of_type(r: Mapping[str, Any]) -> bool:
        return r.get("type") == type_id and (not agricultural or _is_btsa(r))

    if agricultural and not any(of_type(r) for r in rows):
        agricultural = False  # no BTSA in the data: every BTS, as « bts » asks
    code = query.strip().upper()
    exact = [r for r in rows if r["code"] == code or (r.get("rncp") and r["rncp"] == code)]
    if exact:
        return SearchResult([Hit(r, 100.0) for r in exact])
    wanted = _expand(words)
    if not wanted and type_id:  # « bts » alone: every diploma of the type
        typed = [r for r in rows if of_type(r)]
        typed.sort(key=lambda r: (-(r.get("offers") or 0), r["name"]))
        return SearchResult(_real_first([Hit(r, 100.0) for r in typed], offered_only=True)[:limit])
    if not wanted:
        return SearchResult(
            [], hint="Tapez le nom du diplôme, son sigle (MELEC, SIO…) ou son code."
        )

    groups = _alternatives(words)
    names = _kept_names(given, rows)
    known = _kept_known(given, jobs, lambda: _known_words(names.words, jobs))
    # the query words read as the initials of names: not a real word of the data (« bois »),
    # unless a known acronym (« epc »: the BTS Europlastics, and the CAP équipier polyvalent
    # du commerce by its initials)
    sigles = {
        w: sigle_rows(w, names, rows, type_id)
        for alts in groups
        for w in alts[0]
        if w in names.by_initials and (w not in known or w in EXPANSIONS)
    }
    sigles = {w: found for w, found in sigles.items() if found}
    # per query word, the rows whose names match it and how well: the other rows' names do not
    # (each word compared with the names' vocabulary once, not with every name)
    at = {
        # an acronym as itself only, never a word spelt close to it: « crsa » is not the
        # « csa » of the certificats de spécialisation agricole, « crci » not « cci »; a word
        # that is the initials of names (« mfer ») finds them, and only words of its stem
        # besides (« mfer » is not « mer »)
        w: _by_row(
            _close_words(w, names.vocabulary, strict=w in known or w in EXPANSIONS or w in sigles),
            names,
        )
        | {i: 100.0 for i in sigles.get(w, ())}
        for alts in groups
        for alt in alts
        for w in alt
    }
    # the rows every query word matches (in one of its ways): the only ones a name scores
    found: set[int] = set(range(len(rows))) if groups else set()
    for alts in groups:
        found &= {i for alt in alts for w in alt for i in at[w]}
    # the ROME jobs (``jobs``: the names the graph holds) the words name: their diplomas match
    # (only that job when the words are one job's name: « vendangeur » is A1401, which no
    # diploma trains for, not the « vendeur » jobs spelt close to it)
    by_name: dict[int, list[float]] = {}
    for i in found:
        scores = [_group_at(alts, at, i) for alts in groups]
        if scores and min(scores) >= WORD_MATCH:
            by_name[i] = scores
    # an open diploma of the type asked whose own name says the words: the jobs found loosely
    # (several jobs whose names hold the words) add diplomas then only when their own ROME
    # name says every word, not one of their other names nor a spelling close to it
    # (« électricien automobile » is an I1604 name: « cap electricien » listed the CAP MV;
    # « cap boulanjer » the CAPa SAPVER, D1102 « Boulanger », before the CAP boulanger); the
    # one job the words name always does (« soudeur »), and every job found when no open
    # diploma's name says the words (« cap vendeur »: the CAP EPC)
    named_open = any(
        (type_id is None or of_type(rows[i])) and not rows[i].get("closed") for i in by_name
    )
    named = job_for_words(jobs, " ".join(wanted))[0] if jobs else None
    loose = find_jobs(jobs, " ".join(wanted), limit=5) if jobs and named is None else []
    # a type asked and no diploma of it named so: only the jobs whose name says the words
    # too (« licence pro energie » gave the licence pro bio-industries, by H1503 « Technicien
    # de laboratoire en industrie », a job found loosely)
    unnamed_type = type_id is not None and not any(of_type(rows[i]) for i in by_name)
    if named_open or unnamed_type:
        loose = [j for j in loose if _says_all(wanted, j.name)]
    # a word read as a name's initials (not a known acronym, read spelt out) is no word of a
    # job's name (:func:`_known_words`): the jobs spelt close to it (« apr »: « après-vente »)
    # are not its diplomas (review25: « cap apr » listed the CAP métallier and menuisier
    # before the closed CAP agent polyvalent de restauration, whose initials it is)
    if any(w not in EXPANSIONS for w in sigles):
        named, loose = None, []
    job_codes = {named.code} if named is not None else {j.code for j in loose}
    said = [w for alts in groups for w in alts[-1]]  # the words, acronyms spelt out

    def score(i: int, r: Mapping[str, Any]) -> tuple[float, bool]:
        scores = by_name.get(i)
        by_job = False
        if scores is None:
            if job_codes and not job_codes.isdisjoint(r.get("rome_codes") or ()):
                scores, by_job = [BY_JOB], True
            else:
                return 0.0, False
        if r.get("closed") and not r.get("offers"):
            scores = [s - CLOSED_UNOFFERED for s in scores]
        elif not by_job and not r.get("closed") and _said_share(said, names.words[i]) == 1.0:
            scores = [s + WHOLE_NAME for s in scores]
        # the offers count favours a diploma offered more; a campus's own programme (a seed's
        # code, neither a public one nor a Parcoursup programme's, whose offers are
        # national) counts its campus's offers only: it does not come first elsewhere
        # (Strasbourg: « sti2d » put the Mecanic Vallée's STI2D before the BCN's; tester23:
        # « but tc » the IUT de Figeac's BUT TC before Parcoursup's, offered 82 times)
        national = is_public_code(r["code"]) or is_placeholder(r["code"])
        offered = min(5.0, float(r.get("offers") or 0)) if national else 0.0
        return sum(scores) / len(scores) + offered, by_job

    at_row: dict[int, int] = {}  # id(hit) -> its row's index
    scored = []
    for i, r in enumerate(rows):
        s, by_job = score(i, r)
        if s > 0:
            scored.append(Hit(r, s, by_job=by_job))
            at_row[id(scored[-1])] = i
    scored.extend(_open_successors(scored, rows, at_row, names.rows_of_code))
    in_type = [h for h in scored if type_id is None or of_type(h.row)]
    in_type.sort(
        key=lambda h: (
            -h.score,
            h.row.get("level") or 9,
            not is_public_code(h.row["code"]),  # a public diploma before a campus's own
            # among equals, an open diploma before a closed one (still offered: « bts sio »),
            # then the name the words say most of (« but info »: « Informatique » before
            # « Génie électrique et informatique industrielle »), an option the words do not
            # name left out, then the one offered most (« cap mv »: the option voitures
            # particulières, 118 offers nationally, before motocycles, 23)
            bool(h.row.get("closed")),
            # a BTS's common first year before its options, as learners enter it (« bts sio »:
            # the « 1re année » 32032612, 436 offers, after the options, whose 2e-année names
            # say more of the words)
            not (h.row.get("type") == "bts" and is_common_year_kept(h.row)),
            -_said_share(said, _asked_words(said, h.row["name"], names.words[at_row[id(h)]])),
            -(h.row.get("offers") or 0),
            h.row["name"],
        )
    )
    if type_id == "ingenieur" and not any(_national(h.row) for h in in_type):
        unnamed = unnamed_speciality(rows, in_type, text=" ".join(words))
        if unnamed is not None:
            return SearchResult((_real_first(in_type) + unnamed.hits)[:limit], hint=unnamed.hint)
    if in_type:
        return SearchResult(_real_first(in_type)[:limit])
    # Nothing: the nearest names (whatever their type), said in French.
    if scored:  # the words match diplomas of another type
        close = [h.row for h in sorted(scored, key=lambda h: -h.score)][:5]
    elif any(w in EXPANSIONS for w in words):
        # a known acronym whose diploma the data does not hold (« deaes »): no name spelt close
        close = []
    elif all(w in known for w in wanted):
        # real words: the names spelt close are other words' (« caissière »: « tapissière »)
        close = []
    else:
        close = _near_names(rows, wanted)
    what = f"{_no(type_id)} {TYPE_FR.get(type_id, 'diplôme')}" if type_id else "Aucun diplôme"
    text = " ".join(words) or query.strip()
    hint = f"{what} ne correspond à « {text} »"
    if close:
        listed = ", ".join(
            f"{display_name(r)} ({TYPE_FR.get(r.get('type') or '', 'autre')})" for r in close
        )
        hint += f" ; diplômes proches : {listed}."
    elif any(w in EXPANSIONS for w in words):
        hint += " : les données chargées ne décrivent aucun diplôme de ce nom."
    else:
        hint += " ; essayez un autre mot ou le sigle du diplôme."
    return SearchResult([], hint=hint, suggestions=close)
