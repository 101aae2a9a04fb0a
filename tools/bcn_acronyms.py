"""The acronyms the BCN itself gives for diploma specialities, read from its files, written as
graph/diploma_acronyms_bcn.py (tester23: « BUT TC », « BUT CJ », « BUT MMI » found nothing).

    python tools/bcn_acronyms.py DIR > graph/diploma_acronyms_bcn.py

``DIR`` holds nFormationDiplome_.csv and vFormationDiplome_.csv (the BCN's diplomas). An
acronym is kept when the BCN writes it and its letters are the initials of the words of the
speciality's name (stop words left out), in one of two places:

- the first word of LIBELLE_STAT_33, the short name (« CJ ADMINISTRATION ET JUSTICE » for
  « CARRIERES JURIDIQUES : ADMINISTRATION ET JUSTICE (BUT) »);
- a word in capitals of LIBELLE_LONG_200 (« GENIE MECANIQUE ET PRODUCTIQUE GMP (DUT) »);

the speciality's name being the long name before « : », « ( » or « OPTION », or its part before
« - » (« GENIE CIVIL - CONSTRUCTION DURABLE »: GC and GCCD). Two letters only for a BUT (its
specialities' codes: TC, CJ, GC…), elsewhere too often a chance (« BC », « TP »); a stop word
never (« DES »).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.text import normalise  # noqa: E402

STOP = {"de", "des", "du", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "option"}
STOP |= {"pour", "sur", "dans", "par"}
FILES = [("nFormationDiplome_.csv", "cp1252"), ("vFormationDiplome_.csv", "utf-8-sig")]


def content(text: str) -> list[str]:
    return [w for w in re.sub(r"[\W_]+", " ", normalise(text)).split() if w not in STOP]


def acronyms(folder: Path) -> dict[str, dict[str, str]]:
    """acronym -> {expansion: the first BCN code that gives it}."""
    found: dict[str, dict[str, str]] = {}
    for name, encoding in FILES:
        with (folder / name).open(encoding=encoding, newline="") as f:
            for r in csv.DictReader(f, delimiter=";"):
                long, short = r["LIBELLE_LONG_200"], r["LIBELLE_STAT_33"].split()
                head = re.split(r" : | \(|\s+OPTION\s", long)[0]
                names = [content(head), content(head.split(" - ")[0])]
                tokens = set(re.findall(r"\b[A-Z]{2,6}\b", long)) | set(short[:1])
                for token in tokens:
                    a = re.sub(r"[^a-z]", "", normalise(token))
                    if len(a) < 2 or a in STOP or not token.replace("-", "").isalpha():
                        continue
                    if len(a) == 2 and r["LIBELLE_COURT"].strip() != "BUT":
                        continue
                    for words in names:
                        if len(words) >= 2 and a == "".join(w[0] for w in words):
                            found.setdefault(a, {}).setdefault(
                                " ".join(words), r["FORMATION_DIPLOME"]
                            )
    return found


def main() -> int:
    found = acronyms(Path(sys.argv[1]))
    print('"""The acronyms the BCN gives for diploma specialities (tools/bcn_acronyms.py, from')
    print("nFormationDiplome_.csv and vFormationDiplome_.csv): acronym -> (its words, the BCN")
    print('code that writes it). Generated: do not edit by hand."""')
    print()
    print("BCN_ACRONYMS: dict[str, tuple[tuple[str, str], ...]] = {")
    for a in sorted(found):
        pairs = ", ".join(f'("{e}", "{c}")' for e, c in sorted(found[a].items()))
        print(f'    "{a}": ({pairs},),')
    print("}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
