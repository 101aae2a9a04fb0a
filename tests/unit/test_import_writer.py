"""The import's statements, built from the fixtures and a described graph state (no database)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst

from graph.cypher import CypherLibrary
from graph.ingest.opendata import created
from graph.ingest.opendata.links import (
    LEADS_TO_PROPS,
    LEG_FIELDS,
    LINK_PROPS,
    LOCATED_PROPS,
    RENAMED_PROPS,
)
from graph.ingest.opendata.plan import parse_directory
from graph.ingest.opendata.writer import (
    BATCH,
    IMPORT_PROPS,
    OFFER_PROPS,
    PROGRAMME_OFFER_PROPS,
    GraphState,
    _norm,
    build_statements,
)
from graph.pathways.data import merge_offer_rows
from graph.store import BulkNodes, BulkRelationships
from graph.text import normalise

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "opendata"


@pytest.fixture(scope="module")
def data():
    return parse_directory(FIX, ["12", "46"])


def seeded_state() -> GraphState:
    return GraphState(
        nodes={"Actor": {"0120006S": (True, False)}, "Diploma": {"40025014": (True, False)}},
        seed_diplomas=[
            {
                "code": "40025014",
                "type": "bac_pro",
                "level": 4,
                "nsf": "250",
                "fields": ["mecanique-de-precision"],
                "apprenticeship": False,
            }
        ],
        seed_pairs={("40025014", "32025014")},
        import_relationships={"OFFERS": 7},
    )


def test_statements_run_in_dependency_order_and_name_existing_queries(data) -> None:
    plan = build_statements(data, GraphState())
    names = [s.name for s in plan.statements]
    order = [n for i, n in enumerate(names) if n not in names[:i]]
    assert order == [
        "import_clear_relationships",
        "import_clear_passerelles",
        "import_sites",
        "import_diplomas",
        "import_programmes",
        "import_actors",
        "import_passerelles",
        "import_clear_jobs",  # the ROME reference (no rome.csv here: none written)
        "import_sweep_unmark",
        "import_sweep_delete",
        "import_link_part_of",
        "import_link_actor_site",
        "import_link_passerelles",
        "import_link_offers",
        "import_link_programme_offers",
        "import_link_renamed_to",
        "actors_offer_places_not_imported",
    ]
    lib = CypherLibrary("falkordb")
    for name in order:
        assert lib.get(name).startswith("//")
    assert all(len(s.params.get("rows", ())) <= BATCH for s in plan.statements)
    assert not any(isinstance(s, BulkRelationships) for s in plan.statements)
    # for a store that takes them (FalkorDB): the offers in bulk, in the same place
    bulk = build_statements(data, GraphState(), bulk=True)
    names = [s.name for s in bulk.statements]
    assert [n for i, n in enumerate(names) if n not in names[:i]] == order
    links = [s for s in bulk.statements if isinstance(s, BulkRelationships)]
    offers = [s for s in links if "offers" in s.name]
    assert {s.name for s in links} == {
        "import_link_offers",
        "import_link_programme_offers",
        "import_link_passerelles",
        "import_link_actor_site",
        "import_link_renamed_to",
    }
    for name in ("import_link_actor_site", "import_link_renamed_to"):  # the same rows
        assert [e[:2] for s in links if s.name == name for e in s.params["rows"]] == [
            tuple(r.values()) for s in plan.statements if s.name == name for r in s.params["rows"]
        ]
    assert sum(len(s.params["rows"]) for s in offers) == sum(
        len(s.params.get("rows", ()))
        for s in plan.statements
        if s.name.startswith("import_link_") and "offers" in s.name
    )
    assert all(lib.get(s.ends).startswith("//") and len(s.params["rows"]) <= BATCH for s in offers)
    # and the node upserts, with the same rows as the Cypher statements
    nodes = [s for s in bulk.statements if isinstance(s, BulkNodes)]
    assert {s.name for s in nodes} == {
        "import_sites",
        "import_diplomas",
        "import_programmes",
        "import_actors",
        "import_passerelles",
    }
    for st in nodes:
        assert st.new == {r[st.key] for r in st.params["rows"]}  # an empty graph: all new
        assert st.created is not None
        assert [len(st.created(r)) for r in st.params["rows"]] == [len(st.props)] * len(
            st.params["rows"]
        )
    assert [r for s in nodes for r in s.params["rows"] if s.name == "import_actors"] == [
        r for s in plan.statements if s.name == "import_actors" for r in s.params["rows"]
    ]
    # the passerelles' links: one of each type per passerelle, between its ends
    rows = [r for s in plan.statements if s.name == "import_passerelles" for r in s.params["rows"]]
    assert rows
    passerelle_links = [s for s in links if s.name == "import_link_passerelles"]
    by_type = {
        t: [e[:2] for s in passerelle_links if s.rel_type == t for e in s.params["rows"]]
        for t in ("FROM_DIPLOMA", "TO_DIPLOMA", "LEADS_TO")
    }
    assert by_type == {
        "FROM_DIPLOMA": [(r["id"], r["a"]) for r in rows],
        "TO_DIPLOMA": [(r["id"], r["b"]) for r in rows],
        "LEADS_TO": [(r["a"], r["b"]) for r in rows],
    }
    assert all(lib.get(s.ends).startswith("//") for s in passerelle_links)


def test_node_rows_are_built_when_the_store_reads_them(data, monkeypatch) -> None:
    """The build ends with the fork: the node rows, the establishments' offer places and the
    programme offers are built by the write's helper thread, as it reaches them; the
    statements' number and rows are known before, and are those built."""
    from graph.ingest.opendata import writer

    calls: list[str] = []
    for name in (
        "_site_rows",
        "_diploma_rows",
        "_programme_rows",
        "_offer_places",
        "_bulk_programme_offers",
        "_programme_offer_rows",
    ):
        real = getattr(writer, name)

        def counted(*a, _real=real, _name=name, **k):
            calls.append(_name)
            return _real(*a, **k)

        monkeypatch.setattr(writer, name, counted)
    for bulk in (False, True):
        calls.clear()
        plan = build_statements(data, GraphState(), bulk=bulk)
        count, rows = len(plan.statements), plan.statements.rows
        assert calls == []
        built = list(plan.statements)
        assert sorted(calls) == sorted(
            ["_site_rows", "_diploma_rows", "_programme_rows", "_offer_places"]
            + ["_bulk_programme_offers", "_programme_offer_rows"]
        )
        assert len(built) == count
        assert sum(len(s.params.get("rows", ())) or 1 for s in built) == rows
        assert {"import_sites", "import_diplomas", "import_programmes"} <= {s.name for s in built}


def test_bulk_nodes_leave_the_nodes_the_graph_has_to_the_query(data) -> None:
    bulk = build_statements(data, seeded_state(), bulk=True)
    by_name = {s.name: s for s in bulk.statements if isinstance(s, BulkNodes)}
    actors = [s for s in bulk.statements if isinstance(s, BulkNodes) and s.label == "Actor"]
    assert any("0120006S" in {r["uai"] for r in s.params["rows"]} for s in actors)
    assert not any("0120006S" in s.new for s in actors)
    assert "40025014" not in by_name["import_diplomas"].new
    assert by_name["import_diplomas"].new  # the others are new


@pytest.mark.parametrize(
    ("query", "key", "props"),
    [
        ("import_sites", "insee", created.SITE_PROPS),
        ("import_diplomas", "code", created.DIPLOMA_PROPS),
        ("import_programmes", "code", created.PROGRAMME_PROPS),
        ("import_actors", "uai", created.ACTOR_PROPS),
        ("import_passerelles", "id", created.PASSERELLE_PROPS),
    ],
)
def test_bulk_nodes_set_the_properties_the_query_sets_in_its_order(
    query: str, key: str, props: tuple[str, ...]
) -> None:
    """A property added to an upsert query and not to graph.ingest.opendata.created would be
    missing on the nodes FalkorDB creates in bulk: keep them in step (the key first, as
    MERGE creates the node with it)."""
    text = CypherLibrary("falkordb").get(query)
    if query == "import_passerelles":  # its properties: the map of passerelle_props, then marks
        assert "MERGE (p:Passerelle {id: r.id})" in text
        assert "SET p += r.props, " in text
        marks = tuple(re.findall(r"\bp\.(\w+) =", text))
        assert props == (key, *created.PASSERELLE_FIELDS, *marks)
        return
    assert re.search(rf"MERGE \(n:\w+ \{{{key}: r\.{key}\}}\)", text)
    # a branch for seed nodes only (never created by the query) sets nothing on a new node
    text = re.sub(
        r"FOREACH \(_ IN CASE WHEN coalesce\(n\.seed, false\) AND[^|]*\|[^)]*\)", "", text
    )
    assert (key, *re.findall(r"\bn\.(\w+) =", text)) == props


def test_bulk_passerelles_set_what_the_queries_set_in_their_order(data) -> None:
    """The node's and the LEADS_TO's maps (graph.inference.records) hold the names the bulk
    headers list, in their order; FROM_DIPLOMA and TO_DIPLOMA set LINK_PROPS, LEADS_TO its
    map then origin (a property added to either side alone fails here)."""
    plan = build_statements(data, GraphState())
    rows = [r for s in plan.statements if s.name == "import_passerelles" for r in s.params["rows"]]
    assert rows
    for r in rows:
        assert tuple(r["props"]) == created.PASSERELLE_FIELDS
        assert tuple(r["leg"]) == LEG_FIELDS
        assert created.passerelle("run", r)[: 1 + len(created.PASSERELLE_FIELDS)] == (
            r["id"],
            *r["props"].values(),
        )
    text = CypherLibrary("falkordb").get("import_link_passerelles")
    for var in ("f", "t"):
        assert tuple(re.findall(rf"\b{var}\.(\w+) =", text)) == LINK_PROPS
    assert "SET l += r.leg, l.origin = 'import'" in text
    for query, props in (
        ("import_link_actor_site", LOCATED_PROPS),
        ("import_link_renamed_to", RENAMED_PROPS),
    ):
        text = CypherLibrary("falkordb").get(query)
        assert tuple(re.findall(r"\brel\.(\w+) =", text)) == props, query
    assert (*LEG_FIELDS, "origin") == LEADS_TO_PROPS


def test_rows_carry_no_nulls_and_the_sweep_clears_every_import_property(data) -> None:
    plan = build_statements(data, GraphState())
    for st in plan.statements:
        for row in st.params.get("rows", ()):
            assert None not in row.values(), (st.name, row)
    sweep = next(s for s in plan.statements if s.name == "import_sweep_unmark")
    assert set(sweep.params["clear"]) == set(IMPORT_PROPS)
    assert all(v is None for v in sweep.params["clear"].values())
    # every property the Cypher writes outside the seed guard (FOREACH) is one the sweep clears
    for name in ("import_actors", "import_diplomas", "import_sites"):
        text = CypherLibrary("falkordb").get(name).split("FOREACH")[0]
        text = text[text.index("SET n.imported") :]
        written = set(re.findall(r"n\.(\w+) =", text))
        assert written and written <= set(IMPORT_PROPS), (name, written - set(IMPORT_PROPS))


def test_same_input_gives_the_same_statements(data) -> None:
    a = build_statements(data, GraphState())
    b = build_statements(parse_directory(FIX, ["12", "46"]), GraphState())
    assert a.run == b.run
    assert [(s.name, json.dumps(s.params, sort_keys=True)) for s in a.statements] == [
        (s.name, json.dumps(s.params, sort_keys=True)) for s in b.statements
    ]


def test_offers_carry_latest_year_history_and_provenance(data) -> None:
    plan = build_statements(data, GraphState())
    rows = [r for s in plan.statements if s.name == "import_link_offers" for r in s.params["rows"]]
    key = ("0120006S", "32025415", "school")
    row = next(r for r in rows if (r["uai"], r["code"], r["modality"]) == key)
    assert (row["capacity"], row["demand"]) == (24, 126)  # the latest year's figures
    spans = next(s for s in plan.statements if s.name == "import_link_offers").params["spans"]
    assert spans[row["span"]]["years"] == [2020, 2022, 2023, 2024]
    assert spans[row["span"]]["files"][0] == "constat_2020.csv"
    history = json.loads(row["history_json"])
    assert history[0] == {
        "year": 2020,
        "capacity": None,
        "demand": None,
        "pupils": 34,
        "source": "constat_2020.csv",
    }
    shared = next(s for s in plan.statements if s.name == "import_link_offers").params["sources"]
    assert shared["BTS_attractivite_capacite_2024.csv"] == (
        "BTS_attractivite_capacite_2024.csv (Parcoursup 2024, MESR)"
    )


def test_seed_actors_keep_their_location_and_seed_pairs_are_not_inferred_again(data) -> None:
    plan = build_statements(data, seeded_state())
    located = [
        r["uai"]
        for s in plan.statements
        if s.name == "import_link_actor_site"
        for r in s.params["rows"]
    ]
    assert "0120006S" not in located and located
    pairs = {
        (r["a"], r["b"])
        for s in plan.statements
        if s.name == "import_passerelles"
        for r in s.params["rows"]
    }
    assert ("40025014", "32025014") not in pairs
    # …which the rules do give when the seeds do not link them already
    unseeded = seeded_state()
    unseeded.seed_pairs = set()
    again = build_statements(data, unseeded)
    assert ("40025014", "32025014") in {
        (r["a"], r["b"])
        for s in again.statements
        if s.name == "import_passerelles"
        for r in s.params["rows"]
    }
    assert plan.nodes["Actor"]["seed"] == 1
    assert plan.relationships["OFFERS"]["previous"] == 7


def test_no_inferred_passerelle_leads_to_a_closed_diploma(data) -> None:
    plan = build_statements(data, GraphState())
    closed = {c for c, d in data.diplomas.items() if data.is_closed(d)}
    rows = [r for s in plan.statements if s.name == "import_passerelles" for r in s.params["rows"]]
    assert rows and not any(r["b"] in closed for r in rows)
    assert all(r["id"].startswith("inf-import-") for r in rows)


@pytest.mark.parametrize(
    "text",
    [
        "Lycée polyvalent La Découverte",
        "CTRE DE FORMATION D'APPRENTIS",
        "  Œuvre  d'Ærø — Saint-Étienne ",
        "Ｆｕｌｌ ｗｉｄｔｈ",
        "İstanbul ß",
        "",
    ],
)
def test_fast_normalisation_equals_graph_text_normalise(text: str) -> None:
    assert _norm(text) == normalise(text)


@settings(max_examples=500, deadline=None)
@given(hst.text())
def test_fast_normalisation_equals_graph_text_normalise_on_any_text(text: str) -> None:
    """Any text, marks outside U+0300-U+036F and the grapheme joiner (U+034F, not a mark
    for unicodedata.combining) included."""
    assert _norm(text) == normalise(text)
    assert _norm(text + "a\u034fb\u20d0") == normalise(text + "a\u034fb\u20d0")


def _row(code: str, actor: str, modality: str | None, origin: str, **offer: object) -> dict:
    return {
        "code": code,
        "actor": {"id": actor, "name": actor},
        "offer": {"modality": modality, "origin": origin, "source": origin, **offer},
    }


def test_pathways_show_one_offer_per_actor_diploma_and_modality() -> None:
    rows = [
        _row("B", "lycee-a", "school", "seed", capacity=None, year=2022),
        _row("B", "lycee-a", "school", "import", capacity=24, year=2024),
        _row("B", "lycee-a", "apprenticeship", "import", capacity=6, year=2024),
        _row("B", "uai-0120001a", "school", "import", capacity=12, year=2024),
        _row("C", "lycee-a", None, "seed"),
        _row("C", "lycee-a", None, "seed"),  # two seed rows: left as they are
    ]
    out = merge_offer_rows(rows)
    assert len(out) == 5
    merged = out[0]
    assert merged["offer"]["source"] == "seed"  # the seed's source…
    assert (merged["offer"]["capacity"], merged["offer"]["year"]) == (24, 2024)  # …import figures


@pytest.mark.parametrize(
    ("query", "props"),
    [("import_link_offers", OFFER_PROPS), ("import_link_programme_offers", PROGRAMME_OFFER_PROPS)],
)
def test_bulk_offers_set_the_properties_the_query_sets_in_its_order(
    query: str, props: tuple[str, ...]
) -> None:
    """A property added to the query and not to the bulk offers (FalkorDB) would be missing
    there: keep writer.OFFER_PROPS / PROGRAMME_OFFER_PROPS and _bulk_offer_part in step."""
    text = CypherLibrary("falkordb").get(query)
    assert tuple(re.findall(r"\bo\.(\w+) =", text)) == props
