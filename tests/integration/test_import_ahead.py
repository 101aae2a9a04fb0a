"""Files parsed ahead of their turn (graph/ingest/opendata/ahead.py) give the outcome of
reading in order: the same data and reports, and, when several files are bad, the error of the
first one in reading order (the activity files, Certif Info and the continuation evidence are
parsed by a forked process, the directories and communes by a second one,
graph/ingest/opendata/places.py, the BCN in this one meanwhile)."""

from __future__ import annotations

import pickle
import shutil
import threading
import time
from pathlib import Path

import pytest

from graph.errors import SeedError
from graph.ingest.opendata import ahead, places, plan
from graph.ingest.opendata.plan import ImportData, parse_directory

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "opendata"
NATIONAL = FIX.parent / "opendata_national"  # with Certif Info

pytestmark = pytest.mark.skipif(
    not ahead.can_fork(), reason="the parallel parse needs fork (Linux)"
)


def _copy(tmp: Path, broken: tuple[str, ...] = (), source: Path = FIX) -> Path:
    target = tmp / "opendata"
    shutil.copytree(source, target)
    for name in broken:  # a header cut short: the file cannot be read
        path = target / name
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        lines = raw.decode("utf-8-sig").split("\n")
        lines[0] = lines[0][:12]
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + "\n".join(lines).encode("utf-8"))
    return target


def _outcome(data: ImportData) -> tuple[object, ...]:
    return (
        [r.__dict__ for r in data.reports],
        data.offers,
        data.establishments,
        data.sites,
        data.diplomas,
        data.citations,
        data.postbac,
        data.coverage,
        data.evidence.value() if data.evidence is not None else None,
    )


def test_the_parallel_parse_gives_the_data_and_reports_of_reading_in_order(
    tmp_path: Path,
) -> None:
    parallel = parse_directory(FIX, parallel=True)
    in_order = parse_directory(FIX, parallel=False)
    assert parallel.evidence is not None and in_order.evidence is None
    assert len(parallel.offers) > 50 and any(r.rejected or r.skipped for r in parallel.reports)
    in_order.evidence = parallel.evidence  # read at the passerelles' turn otherwise
    assert _outcome(parallel) == _outcome(in_order)
    assert [r.name for r in parallel.reports] == [r.name for r in in_order.reports]


@pytest.mark.parametrize(
    ("broken", "first"),
    [
        # an activity file (other process) before a directory (this process, ahead)
        (("constat_2020.csv", "fr-esr-parcoursup_extrait.csv"), "constat_2020.csv"),
        # the Annuaire (read at its turn) comes before the MESR list and Parcoursup (ahead)
        (
            (
                "fr-esr-principaux-etablissements-enseignement-superieur.csv",
                "fr-esr-parcoursup_extrait.csv",
                "fr-en-annuaire-education.csv",
            ),
            "fr-en-annuaire-education.csv",
        ),
        # the MESR list (ahead) comes before Parcoursup (ahead) and the BCN's vFormation
        (
            (
                "fr-esr-parcoursup_extrait.csv",
                "fr-esr-principaux-etablissements-enseignement-superieur.csv",
                "vFormationDiplome_.csv",
            ),
            "fr-esr-principaux-etablissements-enseignement-superieur.csv",
        ),
        # the last activity file (other process) after the first ones
        (("BTS_attractivite_capacite_2024.csv",), "BTS_attractivite_capacite_2024.csv"),
    ],
)
def test_of_several_bad_files_the_first_in_reading_order_stops_the_import(
    tmp_path: Path, broken: tuple[str, ...], first: str
) -> None:
    target = _copy(tmp_path, broken)
    errors = []
    for parallel in (True, False):
        with pytest.raises(SeedError) as e:
            parse_directory(target, parallel=parallel)
        errors.append(str(e.value))
        assert e.value.path.name == first
    assert errors[0] == errors[1]


@pytest.mark.parametrize(
    ("broken", "first"),
    [
        # read while the second process places the establishments (plan._Early), taken after
        (
            ("diplomesProfessionnels.csv", "fr-en-annuaire-education.csv"),
            "fr-en-annuaire-education.csv",
        ),
        (("familleMetiers.csv", "vFormationDiplome_.csv"), "vFormationDiplome_.csv"),
        (("familleMetiers.csv", "certif_info.csv"), "certif_info.csv"),
        (("familleMetiers.csv", "diplomesProfessionnels.csv"), "diplomesProfessionnels.csv"),
        (("familleMetiers.csv",), "familleMetiers.csv"),
    ],
)
def test_a_file_read_while_waiting_for_the_places_stops_the_import_at_its_turn(
    tmp_path: Path, broken: tuple[str, ...], first: str
) -> None:
    target = _copy(tmp_path, broken, NATIONAL)
    errors = []
    for parallel in (True, False):
        with pytest.raises(SeedError) as e:  # (the fixture rejects more than 5 % of some files)
            parse_directory(target, parallel=parallel, max_rejected=1.0)
        errors.append(str(e.value))
        assert e.value.path.name == first
    assert errors[0] == errors[1]


def test_rome_labels_read_ahead_are_left_out_without_certif_info(tmp_path: Path) -> None:
    """rome.csv is used only when Certif Info links diplomas to jobs: read ahead, an unreadable
    one stops nothing and adds no report where there is no Certif Info."""
    target = _copy(tmp_path)
    (target / "rome.csv").write_text("not a ROME file\n", encoding="utf-8")
    expected = _outcome(parse_directory(FIX, parallel=True))
    for parallel in (True, False):
        got = parse_directory(target, parallel=parallel)
        assert "rome.csv" not in [r.name for r in got.reports]
        assert _outcome(got)[:-1] == expected[:-1]


def test_a_failure_of_the_other_process_parses_the_files_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> bytes:
        raise MemoryError("the process, not the files")

    expected = _outcome(parse_directory(FIX, parallel=True))
    monkeypatch.setattr(ahead, "_in_child", broken)  # forked: the child has it too
    assert _outcome(parse_directory(FIX, parallel=True)) == expected
    target = _copy(tmp_path, ("attractivite_capacite_2022.csv",))
    with pytest.raises(SeedError) as e:
        parse_directory(target, parallel=True)
    assert e.value.path.name == "attractivite_capacite_2022.csv"


@pytest.mark.parametrize("step", ["_resolved_in_child", "_offers_in_child"])
def test_a_failure_of_the_other_process_after_the_stage_combines_the_rows_here(
    monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """The other process hands over the files' reports first, then the rows resolved to CFDs,
    then the offers: when a later step does not come, the files are parsed and combined here
    (the same outcome)."""
    expected = _outcome(parse_directory(FIX, parallel=True))
    summed_here: list[int] = []
    real = ahead.parse_activity

    def counted(*args: object, **kwargs: object) -> ahead.ActivityStage:
        summed_here.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    def broken() -> bytes:
        raise MemoryError("the process, not the files")

    monkeypatch.setattr(ahead, step, broken)  # forked: the child has it too
    monkeypatch.setattr(ahead, "parse_activity", counted)
    assert _outcome(parse_directory(FIX, parallel=True)) == expected
    assert summed_here  # parsed again here


def test_a_failure_of_the_other_process_s_last_step_reads_the_evidence_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = _outcome(parse_directory(FIX, parallel=True))

    def broken(compute: object) -> bytes:
        raise MemoryError("the process, not the files")

    read_here: list[int] = []
    real = plan._evidence

    def counted(directory: Path, certif_rows: object = None) -> object:
        read_here.append(1)
        return real(directory, certif_rows)  # type: ignore[arg-type]

    monkeypatch.setattr(ahead, "_last_in_child", broken)  # forked: the child has it too
    monkeypatch.setattr(plan, "_evidence", counted)
    got = parse_directory(FIX, parallel=True)
    assert got.evidence is not None
    assert _outcome(got) == expected  # the evidence taken: read here
    assert read_here


@pytest.mark.parametrize("step", ["_read_in_child", "_places_in_child"])
def test_a_failure_of_the_second_process_places_the_establishments_here(
    monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """The second process reads the MESR, CFA and Parcoursup files first, then the rest once
    the activity files' UAIs are known: when its first step fails, its second reads them
    again; when its second fails, this process reads everything (the same outcome)."""
    expected = _outcome(parse_directory(FIX, parallel=True))
    placed_here: list[int] = []
    real = places.read_places

    def counted(*args: object, **kwargs: object) -> places.Places:
        placed_here.append(1)  # in this process only (the forked one has its own list)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    def broken(*args: object) -> bytes:
        raise MemoryError("the process, not the files")

    monkeypatch.setattr(places, step, broken)  # forked: the child has it too
    monkeypatch.setattr(places, "read_places", counted)
    assert _outcome(parse_directory(FIX, parallel=True)) == expected
    assert bool(placed_here) == (step == "_places_in_child")


_TAKEN: list[Path] = []  # the file the test writes once the parse has returned


def _evidence_after_the_parse(directory: Path, certif_rows: object = None) -> ahead.Outcome[str]:
    """In the forked process: waits (30 s at most) for the test to say the parse returned."""
    for _ in range(300):
        if _TAKEN[0].exists():
            return ahead.outcome(lambda: "after the parse")
        time.sleep(0.1)
    return ahead.outcome(lambda: "the parse waited")


def test_the_parse_returns_without_waiting_for_the_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The continuation evidence is the other process's last step and only the build reads
    it: the parse hands it over as a :class:`ahead.Later`, taken when its value is asked."""
    monkeypatch.setattr(plan, "_evidence", _evidence_after_the_parse)  # the fork has it too
    _TAKEN[:] = [tmp_path / "returned"]
    try:
        got = parse_directory(FIX, parallel=True)
        _TAKEN[0].touch()
    finally:
        _TAKEN.clear()
    assert isinstance(got.evidence, ahead.Later)
    assert got.evidence.value() == "after the parse"


@pytest.mark.parametrize(("module", "step"), [(ahead, "_in_child"), (places, "_read_in_child")])
def test_a_stuck_worker_is_given_up_and_its_work_done_here(
    monkeypatch: pytest.MonkeyPatch, module: object, step: str
) -> None:
    """A forked worker that never answers (a fork can inherit a lock another thread held) is
    killed at its deadline, and the parse gives the same outcome from this process."""
    expected = _outcome(parse_directory(FIX, parallel=True))

    def stuck(*args: object) -> bytes:
        time.sleep(600)
        raise AssertionError("never reached")

    monkeypatch.setattr(module, step, stuck)  # forked: the child has it too
    monkeypatch.setattr(ahead, "CHILD_WAIT_S", 2.0)
    started = time.monotonic()
    got = parse_directory(FIX, parallel=True)
    assert _outcome(got) == expected
    assert time.monotonic() - started < 60, "the stuck worker was waited for"


def test_a_worker_forked_while_a_thread_loads_the_communes_does_not_wait_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second worker loads the commune reference (graph.communes.reference, under a
    module lock). Forked while another thread of this process holds that lock (a server
    preloading the reference at start-up), it inherits the lock held by a thread it does not
    have: before the lock was renewed in forked children (os.register_at_fork) it waited
    forever, and was killed at its deadline. Now it loads its own copy: its places come from
    it, not from this process's fallback."""
    from graph import communes as communes_ref

    expected = _outcome(parse_directory(FIX, parallel=True))
    here: list[int] = []
    real = places.read_places

    def read_here(*args: object, **kwargs: object) -> places.Places:
        here.append(1)  # only this process's list: a child's append is its own
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(places, "read_places", read_here)
    monkeypatch.setattr(communes_ref, "_index", None)  # the next reference() loads it
    monkeypatch.setattr(ahead, "CHILD_WAIT_S", 20.0)
    holding, release = threading.Event(), threading.Event()

    def load_slowly() -> None:
        with communes_ref._lock:  # as reference() holds it while it reads the file
            holding.set()
            release.wait(30)

    loader = threading.Thread(target=load_slowly)
    loader.start()
    holding.wait(10)
    try:
        got = parse_directory(FIX, parallel=True)
        release.set()
        assert _outcome(got) == expected
    finally:
        release.set()
        loader.join()
    assert here == [], "the second worker got stuck on the inherited lock; its work was redone"


def test_certif_info_is_read_once_by_the_first_process_or_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first forked process reads Certif Info, after its offers, for the diplomas' links
    and the continuation evidence alike; where it does not hand the rows over, this process
    reads the file at its turn (the same outcome)."""
    from graph.ingest.opendata import certif_info

    expected = _outcome(parse_directory(NATIONAL, parallel=True, max_rejected=0.5))
    read_here: list[int] = []
    real = certif_info.read_rows

    def counted(path: Path) -> object:
        read_here.append(1)  # this process's list only
        return real(path)

    monkeypatch.setattr(certif_info, "read_rows", counted)
    assert (NATIONAL / "certif_info.csv").is_file()
    got = _outcome(parse_directory(NATIONAL, parallel=True, max_rejected=0.5))
    assert got == expected and read_here == []

    def broken(path: Path) -> bytes:
        raise MemoryError("the process, not the file")

    monkeypatch.setattr(places, "_certif_in_child", broken)  # forked: the child has it too
    got = _outcome(parse_directory(NATIONAL, parallel=True, max_rejected=0.5))
    assert got == expected and read_here == [1]  # the links here, the evidence there


def test_the_places_are_handed_over_whole_and_taken_from_the_second_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The establishments cross between the processes as tuples of their fields: the same
    establishments, in the same order, come out; and the parse takes them from the second
    process (nothing placed here)."""
    from graph.ingest.opendata.directories import parse_departements
    from graph.ingest.opendata.report import FileReport

    deps = parse_departements(NATIONAL / plan.DEPARTEMENTS_FILE, FileReport("d", "territory"))
    built = places.read_places(NATIONAL, plan.keeper(None), False, {"0750001A"}, deps)
    assert built.establishments and any(e.commune_from for e in built.establishments.values())
    packed = pickle.loads(pickle.dumps(places._packed(built)))
    taken = places._unpacked(packed)
    assert taken == built and list(taken.establishments or ()) == list(built.establishments)
    placed_here: list[int] = []
    real = places.read_places

    def counted(*args: object, **kwargs: object) -> places.Places:
        placed_here.append(1)  # in this process only
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(places, "read_places", counted)
    parse_directory(NATIONAL, parallel=True, max_rejected=0.5)
    assert placed_here == []


def _places_later(*args: object) -> bytes:
    """In the second process: its places step, 3 s late (the first step is on time)."""
    time.sleep(3.0)
    return _REAL_PLACES(*args)  # type: ignore[arg-type]


_REAL_PLACES = places._places_in_child


def test_the_post_bac_and_current_offers_are_made_while_the_places_are_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second process hands the Parcoursup programme rows over with its first step: this
    process makes the post-bac programmes, then (the offers summed) the current offers, renewed
    and carried by common 2ndes, before the establishments are placed, not after; the same
    outcome as reading in order (the lineage's skipped lines in nFormationDiplome_'s report)."""
    in_order = parse_directory(NATIONAL, parallel=False, max_rejected=0.5)
    calls: list[str] = []
    for name in ("_programmes", "_current_offers"):
        real = getattr(plan, name)

        def spied(*args: object, _real: object = real, _name: str = name) -> object:
            calls.append(_name)
            return _real(*args)  # type: ignore[operator]

        monkeypatch.setattr(plan, name, spied)
    real_take = places.take

    def take(*args: object, **kwargs: object) -> places.Places:
        calls.append("take")
        return real_take(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(places, "take", take)
    monkeypatch.setattr(places, "_places_in_child", _places_later)  # forked: the child has it
    parallel = parse_directory(NATIONAL, parallel=True, max_rejected=0.5)
    assert calls == ["_programmes", "_current_offers", "take"]
    assert parallel.postbac.offers and any(o.renewed_from for o in parallel.offers)
    in_order.evidence = parallel.evidence
    assert _outcome(parallel) == _outcome(in_order)


def test_programme_rows_not_handed_over_are_read_here_with_the_places(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where the programme rows the second process's first step handed over cannot be taken
    (the process, not the files), its places lack them: they are read here, whole (the same
    outcome), and the post-bac programmes made at their turn."""
    expected = _outcome(parse_directory(NATIONAL, parallel=True, max_rejected=0.5))
    placed_here: list[int] = []
    real = places.read_places

    def counted(*args: object, **kwargs: object) -> places.Places:
        placed_here.append(1)  # in this process only
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(places.Handed, "rows", lambda self: None)
    monkeypatch.setattr(places, "read_places", counted)
    assert _outcome(parse_directory(NATIONAL, parallel=True, max_rejected=0.5)) == expected
    assert placed_here == [1]
