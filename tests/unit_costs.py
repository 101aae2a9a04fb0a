"""Expected cost of the longest units of work (tests/conftest.py, ``work_unit``), in seconds: the
summed test durations of a quiet fresh-clone ``make test`` (``pytest --unit-durations=N``).

``make test``'s scheduler (``pytest_xdist_make_scheduler``) hands the units out longest first
within each engine phase (every FalkorDB unit, then every Neo4j unit, then the units without an
engine), so that no long unit starts near the end of the run and the two workers end together;
a unit absent from this table counts as short and keeps its collection order. The figures only
rank the units: refresh them from the same table of a later run when a unit grows or shrinks by
half (a unit named here that no longer exists fails ``tests/unit/test_work_units.py``).

Source: the lead's fresh clones of 2026-12-07 (5160983 at 17:03 UTC, 8527a35 at 17:36 UTC), the
larger of the two sums. The browser suite on FalkorDB is split (``OWN_UNIT_TESTS``): its main
run keeps about four fifths of the 298 s, each one-scenario server the rest.
"""

from __future__ import annotations

UNIT_COSTS: dict[str, float] = {
    "tests/e2e/test_browser.py:neo4j": 342,
    "tests/e2e/test_browser.py:falkordb": 240,
    "tests/e2e/test_browser.py[thin_server]:falkordb": 20,
    "tests/e2e/test_browser.py[place_server]:falkordb": 20,
    "tests/e2e/test_browser.py[map_server]:falkordb": 20,
    "tests/integration/test_neo4j_faults.py": 250,
    # 224 s before its test_operation became slow on Neo4j (testtime26): about half left
    "tests/fuzz/test_openapi_fuzz.py:neo4j": 110,
    "tests/security/test_injection.py:neo4j": 154,
    "tests/fuzz/test_openapi_fuzz.py:falkordb": 132,
    "tests/lint/test_cypher_lint.py": 99,
    "tests/integration/test_pathway_cache.py:neo4j": 85,
    "tests/integration/test_import_opendata.py:neo4j": 82,
    "tests/integration/test_hardening.py": 69,
    "tests/integration/test_import_forked.py": 63,
    "tests/unit/test_engine_parity.py": 52,
    "tests/integration/test_backup.py:neo4j": 35,
    "tests/integration/test_across_engines.py": 31,
    "tests/integration/test_campus_programmes.py:neo4j": 29,
    "tests/integration/test_gap_offer_places.py:neo4j": 29,
    "tests/integration/test_docker_start.py:neo4j": 28,
    "tests/integration/test_job_reference.py:neo4j": 28,
    "tests/integration/test_foreign_sectors.py:neo4j": 28,
    "tests/security/test_injection.py:falkordb": 27,
    "tests/unit/test_communes.py": 26,
    "tests/integration/test_agricultural.py:neo4j": 25,
    "tests/integration/test_crash.py": 23,
    "tests/integration/test_offer_history_read.py:neo4j": 23,
    "tests/integration/test_import_opendata.py:falkordb": 22,
    "tests/integration/test_edits.py:neo4j": 20,
    "tests/integration/test_gaps_round5.py:neo4j": 19,
    "tests/integration/test_import_ahead.py": 18,
    "tests/contract/test_neo4j_store.py": 18,
    "tests/integration/test_gaps_round4.py:neo4j": 17,
    "tests/security/test_params.py": 17,
    "tests/integration/test_pathways_campus_modality.py:neo4j": 17,
    "tests/integration/test_unnamed_establishments.py:neo4j": 17,
    "tests/integration/test_docker_start.py:falkordb": 16,
    "tests/integration/test_continuum_fields.py:neo4j": 16,
    "tests/integration/test_names.py:neo4j": 16,
    "tests/integration/test_snapshot_writers.py:neo4j": 15,
    "tests/integration/test_import_bulk.py": 15,
    "tests/integration/test_place_precision.py:neo4j": 15,
    "tests/integration/test_but_fields.py:neo4j": 14,
    "tests/integration/test_places9.py:neo4j": 14,
}
