"""The synthetic national-size generator of the benchmark (bench/synthetic.py), at small scales."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.synthetic import DIPLOMA_KINDS, SOURCE, counts, generate
from graph.ingest.seed_loader import build_statements
from graph.ingest.seeds import SeedSet, _check_refs, _check_unique
from graph.models import SeedFile

FAMILY = {k.type.value: k.family for k in DIPLOMA_KINDS}
LEVEL = {k.type.value: k.level for k in DIPLOMA_KINDS}


@pytest.fixture(scope="module")
def tiny() -> SeedSet:
    return generate(0.01)


def _records(seeds: SeedSet) -> list:
    out = []
    for sf in seeds.files.values():
        out.append(sf.campus)
        for section in (
            "sectors",
            "sites",
            "actors",
            "diplomas",
            "offers",
            "platforms",
            "passerelles",
            "partnerships",
            "demand",
            "transport_links",
        ):
            out.extend(getattr(sf, section))
    return out


def test_tiny_scale_is_a_valid_seed_set(tiny: SeedSet) -> None:
    assert len(tiny.files) >= 2
    for path, sf in tiny.files.items():
        # the pydantic models accept the records as a seed file would give them
        SeedFile.model_validate(sf.model_dump(by_alias=True))
        # and the same uniqueness and cross-reference checks as graph.ingest.seeds.load_seed_dir
        _check_unique(path, sf)
        _check_refs(path, sf, tiny)
    statements, summary = build_statements(tiny)
    assert statements
    assert summary.files == len(tiny.files)
    assert summary.nodes["diplomas"] == len(tiny.diplomas)
    assert summary.relationships["offers"] == sum(len(f.offers) for f in tiny.files.values())
    assert all(r.source == SOURCE for r in _records(tiny))


def test_same_seed_same_output() -> None:
    def dump(s: SeedSet) -> dict:
        return {str(p): sf.model_dump(mode="json") for p, sf in s.files.items()}

    assert dump(generate(0.01, seed=7)) == dump(generate(0.01, seed=7))
    assert dump(generate(0.01, seed=7)) != dump(generate(0.01, seed=8))


@pytest.mark.parametrize("scale", [0.01, 0.1])
def test_proportions(scale: float) -> None:
    s = generate(scale)
    target = counts(scale)
    files = list(s.files.values())
    offers = [o for f in files for o in f.offers]
    passerelles = [p for f in files for p in f.passerelles]
    assert len(s.sites) == target["sites"]
    assert len(s.actors) == target["actors"]
    assert len(s.diplomas) == target["diplomas"]
    assert abs(len(s.diplomas) - 4000 * scale) <= 5
    # ~15 offers per diploma (a few duplicates are dropped at tiny scales)
    assert 0.85 * target["offers"] <= len(offers) <= target["offers"]
    assert 12 <= len(offers) / len(s.diplomas) <= 16
    # passerelles: at most the target; at 0.1 the NSF groups are dense enough to reach it
    assert 0 < len(passerelles) <= target["passerelles"]
    if scale >= 0.1:
        assert len(passerelles) == target["passerelles"]
        reo = sum(p.kind.value == "reorientation" for p in passerelles) / len(passerelles)
        assert 0.03 <= reo <= 0.07
    kinds = Counter(a.kind.value for a in s.actors.values())
    assert 0.35 <= kinds["lycee"] / len(s.actors) <= 0.45
    assert 0.12 <= kinds["cfa"] / len(s.actors) <= 0.18
    assert all(o.modality is not None for o in offers)
    modalities = Counter(o.modality.value for o in offers if o.modality is not None)
    assert modalities["school"] > modalities["apprenticeship"] > modalities["continuing"] > 0
    assert all(12 <= o.capacity <= 36 for o in offers if o.capacity is not None)
    at_own_site = sum(o.site is None for o in offers) / len(offers)
    assert 0.8 <= at_own_site <= 0.95


def test_codes_have_the_shapes_of_the_open_data(tiny: SeedSet) -> None:
    for d in tiny.diplomas.values():
        assert len(d.code) == 8 and d.code.isdigit()
        assert d.code[:3] == FAMILY[d.type.value]  # type family, as in the BCN
        assert d.code[3:6] == d.nsf  # NSF group
        assert d.level == LEVEL[d.type.value]
        assert d.sectors and all(sec in tiny.sectors for sec in d.sectors)
    for site in tiny.sites.values():
        assert site.departement in ("0" + site.insee[:2],)
        assert site.lat is not None and site.lon is not None
        assert 41.0 <= site.lat <= 51.2 and -5.2 <= site.lon <= 9.7  # metropolitan France
    for a in tiny.actors.values():
        if a.uai:
            assert a.site is not None
            assert a.uai[:3] == tiny.sites[a.site].departement  # DDD of the UAI
    for sec in tiny.sectors.values():
        assert sec.rome and sec.nsf


def test_passerelles_follow_the_levels(tiny: SeedSet) -> None:
    for sf in tiny.files.values():
        for p in sf.passerelles:
            a, b = tiny.diplomas[p.from_[0]], tiny.diplomas[p.to[0]]
            assert a.level is not None and b.level is not None
            assert a.nsf is not None and b.nsf is not None
            if p.kind.value == "continuation":
                assert a.nsf == b.nsf and b.level > a.level
            else:
                assert a.nsf != b.nsf and a.nsf[0] == b.nsf[0]
                assert b.level in (a.level, a.level - 1)
