"""Citations people read: document titles and sections, never file names."""

from __future__ import annotations

import doctest
import re
import tomllib
from pathlib import Path
from typing import Any

import graph.citations
from graph.citations import DATASETS, DOCUMENTS, cite, document_of, file_title
from graph.inference.records import source_of
from graph.inference.rules import InferredPasserelle

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FILE_NAME = re.compile(r"[\w-]+\.(txt|csv|json|toml)\b|\d{3}_[0-9a-f]{16}")


def _sources(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k == "source" and isinstance(v, str)]
        return found + [s for k, v in node.items() if k != "source" for s in _sources(v)]
    if isinstance(node, list):
        return [s for item in node for s in _sources(item)]
    return []


def test_docstring_examples() -> None:
    result = doctest.testmod(graph.citations, raise_on_error=False)
    assert result.attempted > 0 and result.failed == 0


def test_document_title_and_section() -> None:
    src = "004_4d74e85f9a48366b.txt §6.1 « A ce jour, BTS et Bac Pro sont accessibles »"
    assert cite(src) == (
        "Dossier de candidature du CMQ Mecanic Vallée, §6.1 « A ce jour, BTS et Bac Pro sont "
        "accessibles »"
    )
    assert document_of(src) is DOCUMENTS[0]


def test_public_file_with_its_year_and_details_dropped() -> None:
    src = (
        "opendata attractivite_capacite_2022.csv (Etablissement d'accueil 0460032K, MEF STAT 11 "
        "23820025014 → CFD 40025014 via nMef.csv; Capacité carte scolaire 16)"
    )
    assert cite(src) == "Affelnet lycée : capacités et vœux, Éducation nationale, 2022"


def test_parts_are_cited_each_once() -> None:
    src = (
        "004_4d74e85f9a48366b.txt §4.1.1 « CAP à la Licence » ; offered per opendata "
        "attractivite_capacite_2022.csv ; offered per opendata attractivite_capacite_2022.csv"
    )
    assert cite(src).count("Affelnet") == 1
    assert cite(src).startswith("Dossier de candidature du CMQ Mecanic Vallée, §4.1.1")


def test_unknown_file_is_not_shown() -> None:
    assert "notes.txt" not in cite("notes.txt p. 3")
    assert cite("") == "Source non précisée"


def test_every_seed_source_cites_without_a_file_name() -> None:
    sources = {
        s for f in sorted(SEEDS.glob("*.toml")) for s in _sources(tomllib.loads(f.read_text()))
    }
    assert len(sources) > 100
    shown = {s: cite(s) for s in sources}
    assert not {s: c for s, c in shown.items() if FILE_NAME.search(c)}


def test_every_file_of_a_joined_source_is_cited() -> None:
    # The import joins an offer's files with "; " (plan.py, writer.py): each is cited.
    src = (
        "BTS_attractivite_capacite_2023.csv (Parcoursup 2023, MESR); "
        "attractivite_capacite_2020.csv (Etablissement 0460032K; via nMef.csv)"
    )
    assert cite(src) == (
        "Parcoursup : places et vœux en BTS, 2023 ; "
        "Affelnet lycée : capacités et vœux, Éducation nationale, 2020"
    )


def test_a_quoted_sentence_is_not_split() -> None:
    src = "004_4d74e85f9a48366b.txt §6.1 « BTS ; Bac Pro »"
    assert cite(src) == "Dossier de candidature du CMQ Mecanic Vallée, §6.1 « BTS ; Bac Pro »"


def test_sources_and_citations_name_each_file_alike() -> None:
    # GET /sources lists the datasets the interface cites by: the constat is its own dataset,
    # named as the server's citations name it, and each file matches one dataset only.
    for file in (
        "constat_2020.csv",
        "attractivite_capacite_2022.csv",
        "BTS_attractivite_capacite_2023.csv",
        "fr-esr-parcoursup.csv",
        "fr-en-annuaire-education.csv",
    ):
        found = [d for d in DATASETS if any(re.search(x, file) for x in d.files)]
        assert len(found) == 1, file
        assert file_title(file).startswith(found[0].name)
    assert file_title("constat_2020.csv").startswith("Constat des effectifs")


def test_every_dataset_says_what_it_brings() -> None:
    # the « Données et licences » page shows it where a file brings no offer
    assert all(d.brings for d in DATASETS), [d.key for d in DATASETS if not d.brings]
    assert len({d.key for d in DATASETS}) == len(DATASETS)


def test_an_inferred_passerelle_is_cited_as_the_tools_deduction() -> None:
    # tester, session 21: the Réseau page showed « inferred by rule … (docs/….md) »
    p = InferredPasserelle(id="x", rule="bac-pro-to-bts", from_code="1", to_code="2")
    for text in (source_of(p), source_of(p, "opendata nFormationDiplome_.csv")):
        said = cite(text)
        assert said.startswith("Déduite par l'outil d'une règle générale, non documentée"), said
        assert "rule" not in said and "docs" not in said and ".md" not in said, said
    assert cite(source_of(p, "opendata nFormationDiplome_.csv")).endswith(
        "(Base centrale des nomenclatures (BCN), Éducation nationale)"
    )
