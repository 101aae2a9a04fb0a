"""The national table of documented continuations (seeds/continuations-nationales.toml).

Its rows are exactly the sourced rows of the continuation reference
(tests/fixtures/continuations/reference.toml); unsourced rows never become product data.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.errors import SeedError
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.models import PasserelleScope
from tests.conftest import MINI_SEEDS, SEEDS

REFERENCE = Path(__file__).resolve().parent.parent / "fixtures" / "continuations" / "reference.toml"
TABLE = Path(SEEDS) / "continuations-nationales.toml"
# a BCN diploma code (eight characters, digits with at most a letter) or an RNCP record
CODE_IN_TEXT = re.compile(r"\b(?=[0-9A-Z]*\d)[0-9A-Z]{8}\b|\bRNCP\s?\d+")


def _reference() -> dict:
    return tomllib.loads(REFERENCE.read_text(encoding="utf-8"))


def test_table_holds_exactly_the_sourced_reference_rows() -> None:
    ref = _reference()
    sourced = {p["from"]: p for p in ref["pair"] if p["status"] == "sourced"}
    table = load_seed_dir(TABLE).files[TABLE]
    assert table.campus is None
    by_from = {pa.from_[0]: pa for pa in table.passerelles}
    assert set(by_from) == set(sourced)
    for code, pa in by_from.items():
        row = sourced[code]
        assert pa.scope == PasserelleScope.NATIONAL
        assert set(pa.to) <= set(row["to"])
        # the passerelle cites the page and its passage, word for word
        assert pa.source == f"{row['url']} « {row['quote']} »"


def test_unsourced_rows_are_not_product_data() -> None:
    ref = _reference()
    unsourced = {p["from"] for p in ref["pair"] if p["status"] == "unsourced"}
    assert unsourced and all("url" not in p for p in ref["pair"] if p["status"] == "unsourced")
    seeds = load_seed_dir(Path(SEEDS))
    national = [
        pa for sf in seeds.files.values() for pa in sf.passerelles if pa.scope == "national"
    ]
    assert national and not {c for pa in national for c in pa.from_} & unsourced


# Public bodies whose pages a continuation should cite (the State, its académies and ONISEP,
# France compétences, Wikipédia aside): Légifrance, education.gouv.fr, onisep.fr, ac-*.fr...
OFFICIAL_HOST = re.compile(
    r"^https://[^/ ]*(\.gouv\.fr|onisep\.fr|\bac-[a-z-]+\.fr|francecompetences\.fr)/"
)
# Rows whose continuation no official page of the stored corpus was found to state (December
# 2026, docs/continuations.md): they keep their press or private page until one is
NO_OFFICIAL_PAGE_FOUND = {
    "nat-bac-pro-ciel-vers-bts-ciel",  # L'Usine nouvelle
    "nat-bac-pro-cuisine-vers-bts-mhr",  # francetvinfo
    "nat-bac-pro-csr-vers-bts-mhr",
    "nat-cap-boucher-vers-bac-pro-bct",  # mapa-assurances
    "nat-cap-electricien-vers-bac-pro-melec",  # lafabriqueatalents.fr
    "nat-capa-metiers-agriculture-vers-bac-pro-cgea",  # L'Étudiant
    # the Onisep's text, on the site of the enseignement catholique du Finistère: the Onisep's
    # own pages in the stored corpus stop before their « poursuites d'études » (December 2026)
    "nat-bac-pro-amenagements-paysagers-vers-btsa",
}


def test_a_continuation_cites_an_official_page_where_one_was_found() -> None:
    """The CAP Cuisine → Bac pro Cuisine row cited a revision-notes site (partielo.fr) that
    said « Bac Professionnel Hôtellerie-Restauration » only; a page of the académie de
    Nancy-Metz names the Bac pro Cuisine after the CAP cuisine. Any other row without an
    official source is one for which none was found, listed."""
    table = load_seed_dir(TABLE).files[TABLE]
    unofficial = {pa.id for pa in table.passerelles if not OFFICIAL_HOST.match(pa.source or "")}
    assert unofficial == NO_OFFICIAL_PAGE_FOUND


def test_national_passerelle_is_served_without_campus(seed_client: TestClient) -> None:
    r = seed_client.get("/passerelles/nat-bac-pro-cuisine-vers-bts-mhr")
    assert r.status_code == 200
    body = r.json()
    assert (body["origin"], body["scope"], body["campus"]) == ("documented", "national", None)
    assert [d["code"] for d in body["from_diplomas"]] == ["40022106"]
    assert {d["code"] for d in body["to_diplomas"]} == {
        "32033422",
        "32033423",
        "32033424",
        "32033425",
    }
    assert body["source"].startswith("https://")
    # a description users read names no diploma code (tester, session 19: « 32033422 »)
    assert "1re année commune" in body["description"]
    assert not CODE_IN_TEXT.search(body["description"])


def test_no_seed_passerelle_description_holds_a_diploma_code() -> None:
    seeds = load_seed_dir(Path(SEEDS))
    texts = [pa.description or "" for sf in seeds.files.values() for pa in sf.passerelles]
    assert texts and [t for t in texts if CODE_IN_TEXT.search(t)] == []


def test_national_leg_is_documented_in_the_graph(seed_store) -> None:
    legs = seed_store.read("pathway_legs_from", codes=["40022106"])
    to_mhr = [r for r in legs if r["target"] == "32033422"]
    assert [r["leg"][:2] for r in to_mhr] == [["nat-bac-pro-cuisine-vers-bts-mhr", "documented"]]


def test_cap_cuisine_leads_to_both_bacs_pro_its_page_names(seed_store) -> None:
    """The cited page lists the Bac pro CSR beside the Bac pro Cuisine after the CAP cuisine:
    both legs are documented (the CSR one read « non documentée » before)."""
    legs = seed_store.read("pathway_legs_from", codes=["50022146"])
    documented = {
        r["target"]
        for r in legs
        if r["leg"][:2] == ["nat-cap-cuisine-vers-bac-pro-cuisine", "documented"]
    }
    assert documented == {"40022106", "40033403"}


# Rows documented in the twenty-fifth session (December 2026): every continuation their page
# names is a documented leg in the graph, the further bacs pro / BTSA included
NEWLY_DOCUMENTED = {
    "nat-cap-macon-vers-bac-pro-gros-oeuvre": ("50023224", {"40023203", "40023205", "40023210"}),
    "nat-cap-electricien-vers-bac-pro-melec": ("50025524", {"40025520"}),
    "nat-capa-metiers-agriculture-vers-bac-pro-cgea": ("50321130", {"40321004"}),
    "nat-bac-pro-amenagements-paysagers-vers-btsa": ("40321405", {"32321401", "32321114"}),
}


@pytest.mark.parametrize("pid", sorted(NEWLY_DOCUMENTED))
def test_newly_sourced_rows_are_documented_legs(seed_store, pid: str) -> None:
    start, targets = NEWLY_DOCUMENTED[pid]
    legs = seed_store.read("pathway_legs_from", codes=[start])
    documented = {r["target"] for r in legs if r["leg"][:2] == [pid, "documented"]}
    assert documented == targets


def _national_file(tmp_path: Path, body: str) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(MINI_SEEDS, target)
    (target / "national.toml").write_text(body, encoding="utf-8")
    return target


_DIPLOMAS = """
[[diplomas]]
code = "40099901"
name = "Bac pro essai"
type = "bac_pro"
source = "opendata nFormationDiplome_.csv (essai)"

[[diplomas]]
code = "32099901"
name = "BTS essai"
type = "bts"
source = "opendata nFormationDiplome_.csv (essai)"
"""

_PASSERELLE = """
[[passerelles]]
id = "nat-essai"
kind = "continuation"
scope = "{scope}"
from = ["40099901"]
to = ["32099901"]
source = "https://example.org/page « passage cité »"
"""


def test_a_national_file_loads(tmp_path: Path, empty_store) -> None:
    seeds = load_seed_dir(
        _national_file(tmp_path, _DIPLOMAS + _PASSERELLE.format(scope="national"))
    )
    summary = load_seeds(empty_store, seeds)
    assert summary.files == 2
    rows = empty_store.read("passerelle_get", id="nat-essai")
    assert rows[0]["passerelle"]["scope"] == "national"
    assert rows[0]["passerelle"].get("campus") is None  # a null property is not stored


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (_DIPLOMAS + _PASSERELLE.format(scope="campus"), "only passerelles of scope national"),
        (
            _DIPLOMAS + _PASSERELLE.format(scope="national") + 'parties = ["lycee-a"]\n',
            "binds no party",
        ),
        (
            _DIPLOMAS
            + _PASSERELLE.format(scope="national")
            + '\n[[sectors]]\nid = "essai"\nname = "Essai"\nkind = "filiere"\n'
            + 'source = "opendata x.csv"\n',
            "holds only diplomas and passerelles",
        ),
    ],
)
def test_a_national_file_holds_only_national_passerelles(
    tmp_path: Path, body: str, message: str
) -> None:
    with pytest.raises(SeedError, match=message) as exc:
        load_seed_dir(_national_file(tmp_path, body))
    assert "national.toml" in str(exc.value)


def test_a_campus_file_refuses_a_national_passerelle(tmp_path: Path) -> None:
    target = tmp_path / "seeds"
    shutil.copytree(MINI_SEEDS, target)
    path = target / "mini.toml"
    text = path.read_text(encoding="utf-8")
    assert 'kind = "continuation"' in text
    path.write_text(
        text.replace('kind = "continuation"', 'kind = "continuation"\nscope = "national"', 1),
        encoding="utf-8",
    )
    with pytest.raises(SeedError, match="belong in a file without"):
        load_seed_dir(target)
