"""The compiled store and its cache: warm runs, rebuilds, fallbacks, concurrency, export.

The conftest points PINGAN_CACHE_DIR at a fresh folder for every test; subprocesses inherit it.
Every test here watches stores being built, so none starts with the prebuilt bundled store.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from pingan_cli.store import cache
from pingan_cli.store.cache import Settings, open_store, store_path
from pingan_cli.store.pipeline import Progress

from ..helpers import pingan

pytestmark = pytest.mark.cold_cache


def cache_folder() -> Path:
    return Path(os.environ["PINGAN_CACHE_DIR"])


def stores() -> list[Path]:
    folder = cache_folder()
    return sorted(folder.glob("store-*.sqlite")) if folder.is_dir() else []


def leftovers() -> list[Path]:
    folder = cache_folder()
    return sorted(folder.glob(".building-*")) if folder.is_dir() else []


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`pingan ARGS` as its own process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "pingan_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


def ok(*args: str) -> str:
    result = pingan(list(args))
    assert result.exit_code == 0, result.output
    assert result.stderr == "", result.stderr
    return result.stdout


# --- what a warm run imports ---------------------------------------------------------------------

PROBE = """
import sys
from pingan_cli.cli.root import main

try:
    main(sys.argv[1:])
except SystemExit as exit:
    assert not exit.code, exit.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"yaml", "pydantic", "rich"})
print("MODULES", " ".join(heavy), file=sys.stderr)
"""


def modules_loaded(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    line = [x for x in result.stderr.splitlines() if x.startswith("MODULES")][-1]
    return set(line.split()[1:])


@pytest.mark.slow
def test_a_warm_run_imports_neither_yaml_nor_pydantic() -> None:
    assert {"yaml", "pydantic"} <= modules_loaded("show", "fuping", "--format", "json")  # cold
    assert len(stores()) == 1
    assert modules_loaded("show", "fuping", "--format", "json") == set()
    assert modules_loaded("compare", "--year", "2023", "--format", "csv") == set()


@pytest.mark.slow
def test_rich_only_when_rich_draws() -> None:
    ok("list")  # build the store
    # A plain table of ASCII and CJK is measured without Rich (tables.quick_width).
    assert modules_loaded("list", "--format", "table") == set()
    assert modules_loaded("list", "--format", "markdown") == set()
    assert modules_loaded("list", "--format", "svg") == {"rich"}


@pytest.mark.slow
def test_help_and_cache_commands_import_nothing_heavy() -> None:
    assert modules_loaded("--help") == set()
    assert modules_loaded("cache", "path") == set()


# --- a current store is reused; anything else is rebuilt without a word ------------------------


def test_the_store_is_built_once_and_reused(dataset: Path) -> None:
    first = ok("--data", str(dataset), "list", "--format", "json")
    [store] = stores()
    built = store.stat().st_mtime_ns
    assert ok("--data", str(dataset), "list", "--format", "json") == first
    assert store.stat().st_mtime_ns == built
    assert leftovers() == []


def _break(store: Path, how: str) -> None:
    if how == "truncated":
        with open(store, "r+b") as handle:
            handle.truncate(store.stat().st_size // 2)
    elif how == "garbage":
        size = store.stat().st_size
        store.write_bytes(b"not a database, just bytes\n" * (size // 27 + 1))
    elif how == "empty":
        store.write_bytes(b"")
    elif how == "other-version":
        with sqlite3.connect(store) as db:
            db.execute("UPDATE meta SET value = '0.0.1' WHERE key = 'version'")
        db.close()
    elif how == "other-schema":
        with sqlite3.connect(store) as db:
            db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
        db.close()
    elif how == "unfinished":
        with sqlite3.connect(store) as db:
            db.execute("DELETE FROM meta WHERE key = 'complete'")
        db.close()
    elif how == "no-tables":
        with sqlite3.connect(store) as db:
            db.execute("DROP TABLE meta")
        db.close()
    else:
        raise AssertionError(how)


@pytest.mark.parametrize(
    "how",
    ["truncated", "garbage", "empty", "other-version", "other-schema", "unfinished", "no-tables"],
)
def test_a_broken_or_stale_store_is_rebuilt_silently(how: str) -> None:
    expected = ok("show", "fuping", "--format", "json")
    [store] = stores()
    _break(store, how)
    assert ok("show", "fuping", "--format", "json") == expected
    [rebuilt] = stores()
    assert rebuilt == store
    with sqlite3.connect(f"file:{rebuilt}?mode=ro", uri=True) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert leftovers() == []


def _damage_inside(store: Path) -> None:
    """Overwrite the middle of the file's pages, leaving its size and header whole."""
    size = store.stat().st_size
    with open(store, "r+b") as handle:
        for offset in range(size // 4, size * 3 // 4, 4096):
            handle.seek(offset + 64)
            handle.write(bytes(range(256)) * 8)


@pytest.mark.slow
def test_a_store_damaged_inside_is_rebuilt_silently(dataset: Path) -> None:
    expected = run("--data", str(dataset), "list", "-o", "csv")
    assert expected.returncode == 0, expected.stderr
    [store] = stores()
    _damage_inside(store)
    again = run("--data", str(dataset), "list", "-o", "csv")
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout == expected.stdout


def test_a_dataset_rebuilds_a_store_damaged_inside_once_and_asks_again(dataset: Path) -> None:
    import pingan_cli

    with pingan_cli.open(dataset) as data:
        expected = data.figures()
    [store] = stores()
    with pingan_cli.open(dataset) as data:
        _damage_inside(store)
        assert data.figures() == expected
    [rebuilt] = stores()
    with sqlite3.connect(f"file:{rebuilt}?mode=ro", uri=True) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_a_store_in_memory_is_never_discarded(monkeypatch: pytest.MonkeyPatch) -> None:
    import pingan_cli

    discarded: list[Path] = []
    monkeypatch.setattr(cache, "discard", discarded.append)
    with pingan_cli.open(cache=False) as data:
        assert data.region("fuping").region.id == "fuping"
    assert discarded == []


def test_a_changed_csv_file_makes_the_store_stale(dataset: Path) -> None:
    before = json.loads(ok("--data", str(dataset), "list", "--format", "json", "--limit", "1"))
    csv_path = dataset.with_name("observations.csv")
    lines = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    cells[3] = "424242"
    lines[1] = ",".join(cells)
    csv_path.write_text("".join(lines), encoding="utf-8")
    after = json.loads(ok("--data", str(dataset), "list", "--format", "json", "--limit", "1"))
    assert before[0]["value"] != 424242
    assert after[0]["value"] == 424242
    assert len(stores()) == 1


def _rewrite_first_value(csv_path: Path, value: str) -> None:
    """Change the first figure's value in place, keeping the file's size."""
    lines = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    assert len(value) == len(cells[3]), (value, cells[3])
    cells[3] = value
    lines[1] = ",".join(cells)
    csv_path.write_text("".join(lines), encoding="utf-8")


def _first_value(dataset: Path) -> object:
    return json.loads(ok("--data", str(dataset), "list", "--format", "json", "--limit", "1"))[0][
        "value"
    ]


def test_a_same_size_rewrite_within_one_clock_tick_makes_the_store_stale(dataset: Path) -> None:
    """A file changed in the tick it was read in keeps its size and time: its hash tells."""
    import time

    csv_path = dataset.with_name("observations.csv")
    # Whole seconds, as FAT or a network file system keeps them, and the build falls in the
    # same second as the file's last change (set ahead, so a slow machine cannot leave it).
    tick = (time.time_ns() // 1_000_000_000 + 5) * 1_000_000_000
    os.utime(csv_path, ns=(tick, tick))
    before = _first_value(dataset)
    old = csv_path.read_text(encoding="utf-8").splitlines()[1].split(",")[3]
    new = "9" * len(old) if old != "9" * len(old) else "1" * len(old)
    _rewrite_first_value(csv_path, new)
    os.utime(csv_path, ns=(tick, tick))  # the same modification time, as the tick would give
    assert csv_path.stat().st_mtime_ns == tick
    assert before != int(new)
    assert _first_value(dataset) == int(new)


BASE = Path(__file__).resolve().parents[1] / "load" / "bad_inputs" / "files" / "base.yaml"


def test_a_yaml_file_edited_while_its_store_is_built_gets_no_store_of_other_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 20: the key hashed the bytes read first, the build read the file again; a save in
    another terminal between the two cached the new content under the old content's key."""
    from pingan_cli.store import pipeline

    text = BASE.read_text(encoding="utf-8")
    assert "value: 823\n" in text
    data = tmp_path / "d.yaml"
    data.write_text(text, encoding="utf-8")
    real = pipeline.compile_store

    def edited_meanwhile(*args: Any, **kwargs: Any) -> None:
        data.write_text(text.replace("value: 823\n", "value: 824\n"), encoding="utf-8")
        try:
            real(*args, **kwargs)
        finally:
            data.write_text(text, encoding="utf-8")  # and the edit undone

    def value() -> object:
        found = json.loads(ok("--data", str(data), "list", "-i", "disputes-resolved", "-o", "json"))
        return found[0]["value"]

    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "compile_store", edited_meanwhile)
        assert value() == 823  # built from the bytes the key was made of
    assert value() == 823
    assert len(stores()) == 1


def test_a_csv_file_edited_while_it_is_read_makes_its_store_stale(
    dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store records the hash of the bytes its rows were read from, not of a pass before:
    a change during the build, undone after it, is not taken for the content stored."""
    from pingan_cli.store import pipeline

    csv_path = dataset.with_name("observations.csv")
    original = csv_path.read_bytes()
    old = original.decode("utf-8").splitlines()[1].split(",")[3]
    new = "9" * len(old) if old != "9" * len(old) else "1" * len(old)
    real = pipeline.file_fingerprint

    def edited_after_the_first_pass(path: Any, *args: Any) -> dict[str, Any]:
        found = real(path, *args)
        _rewrite_first_value(csv_path, new)  # another terminal's save, while rows are read
        return found

    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "file_fingerprint", edited_after_the_first_pass)
        assert _first_value(dataset) == int(new)  # what it read
    csv_path.write_bytes(original)  # the edit undone
    assert _first_value(dataset) == int(old)


@pytest.mark.slow
def test_a_fifo_in_a_stores_place_is_rebuilt_over_not_opened(tmp_path: Path) -> None:
    """SQLite opened a FIFO named as a store and waited for a writer: every command hung."""
    found = store_path(_bundled())
    assert found is not None
    cache_folder().mkdir(parents=True)
    os.mkfifo(found)
    os.mkfifo(cache_folder() / ("store-" + "0" * 40 + ".sqlite"))  # another's, met by the prune
    done = subprocess.run(
        [sys.executable, "-m", "pingan_cli", "show", "fuping", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "fuping" in done.stdout
    assert Path(found).is_file()
    assert ok("show", "fuping", "--format", "json") == done.stdout


def test_a_csv_file_changed_long_before_its_build_is_not_hashed_again(
    dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm run trusts size and time of a file last changed well before it was read."""
    from pingan_cli.store import pipeline

    csv_path = dataset.with_name("observations.csv")
    an_hour_ago = csv_path.stat().st_mtime_ns - 3600 * 1_000_000_000
    os.utime(csv_path, ns=(an_hour_ago, an_hour_ago))
    first = _first_value(dataset)  # builds the store

    def no_hashing(path: object) -> dict[str, object]:
        raise AssertionError(f"{path} hashed on a warm run")

    monkeypatch.setattr(pipeline, "file_fingerprint", no_hashing)
    assert _first_value(dataset) == first
    assert len(stores()) == 1


def test_copies_of_one_yaml_file_naming_different_csv_files_do_not_share_a_store(
    dataset: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / dataset.name).write_bytes(dataset.read_bytes())
    csv_path = dataset.with_name("observations.csv")
    lines = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    cells[3] = "424242"
    (other / csv_path.name).write_text("".join([lines[0], ",".join(cells)]), encoding="utf-8")
    first = json.loads(ok("--data", str(dataset), "list", "--format", "json"))
    second = json.loads(ok("--data", str(other / dataset.name), "list", "--format", "json"))
    assert len(first) == 2000
    assert [f["value"] for f in second] == [424242]
    assert len(stores()) == 2


def test_a_changed_yaml_file_replaces_its_old_store(dataset: Path) -> None:
    ok("--data", str(dataset), "regions", "--format", "csv")
    ok("regions", "--format", "csv")  # the bundled data: a second store, kept
    [old_generated] = [s for s in stores() if str(s) != store_path(_bundled())]
    with open(dataset, "a", encoding="utf-8") as handle:
        handle.write("# a comment changes the hash\n")
    ok("--data", str(dataset), "regions", "--format", "csv")
    assert len(stores()) == 2
    assert not old_generated.exists()
    assert store_path(_bundled()) in [str(s) for s in stores()]


def _bundled() -> Settings:
    return Settings((cache.bundled_data(),), str(cache_folder()))


def test_an_abandoned_build_is_cleaned_up() -> None:
    """A build's temporary file is locked while its writer lives: a file whose lock is free was
    left by a build that died (whatever its age), one whose lock is held is left alone."""
    import fcntl

    folder = cache_folder()
    folder.mkdir(parents=True)
    abandoned = folder / ".building-dead.sqlite"
    abandoned.write_bytes(b"half a store")
    fresh = folder / ".building-alive.sqlite"
    fresh.write_bytes(b"another process is building")
    os.utime(fresh, (1_000_000_000, 1_000_000_000))  # old, but its writer holds the lock
    with open(fresh, "rb") as alive:
        fcntl.flock(alive.fileno(), fcntl.LOCK_EX)
        ok("sources", "--format", "csv")
        assert not abandoned.exists()
        assert fresh.exists()
    ok("cache", "clear")
    assert not fresh.exists()  # its writer gone


# --- the store is written atomically -------------------------------------------------------------


def test_a_failed_build_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    import pingan_cli.store.build

    def explode(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pingan_cli.store.build, "build", explode)
    result = pingan(["list"])
    assert result.exit_code == 130
    assert stores() == []
    assert leftovers() == []


def test_invalid_data_leaves_no_store(dataset: Path) -> None:
    csv_path = dataset.with_name("observations.csv")
    with open(csv_path, "a", encoding="utf-8") as handle:
        handle.write("nowhere,criminal-cases,2020,1,件,,,,,\n")
    result = pingan(["--data", str(dataset), "list"])
    assert result.exit_code == 1
    assert "unknown region 'nowhere'" in result.stderr
    assert stores() == []
    assert leftovers() == []


@pytest.mark.slow
def test_two_processes_building_at_once_both_succeed(dataset: Path) -> None:
    command = [sys.executable, "-m", "pingan_cli", "--data", str(dataset), "list", "-o", "csv"]
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [p.communicate() for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], outputs
    assert len({out for out, _err in outputs}) == 1
    assert all(err == "" for _out, err in outputs)
    assert len(stores()) == 1
    assert leftovers() == []
    assert run("--data", str(dataset), "list", "-o", "csv").stdout == outputs[0][0]


# --- a cache folder that cannot be used ----------------------------------------------------------


def test_a_missing_cache_folder_is_created() -> None:
    assert not cache_folder().exists()
    ok("sources", "--format", "csv")
    assert len(stores()) == 1


def test_a_cache_folder_that_cannot_be_made_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    expected = ok("show", "fuping", "--format", "json")
    result = pingan(
        ["show", "fuping", "--format", "json"], env={"PINGAN_CACHE_DIR": str(blocker / "cache")}
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == expected


def test_a_read_only_cache_folder_falls_back_to_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = cache_folder()
    folder.mkdir()
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):
        # Root writes to read-only folders: refuse as the kernel would refuse anyone else.
        import tempfile

        def refused(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied", str(folder))

        monkeypatch.setattr(tempfile, "mkstemp", refused)
    try:
        assert "fuping" in ok("show", "fuping", "--format", "json")
        assert stores() == []
    finally:
        folder.chmod(0o700)


def test_a_store_path_taken_by_a_folder_falls_back_to_memory() -> None:
    found = store_path(_bundled())
    assert found is not None
    path = Path(found)
    path.mkdir(parents=True)
    assert "fuping" in ok("show", "fuping", "--format", "json")
    assert path.is_dir()
    assert leftovers() == []


def test_a_full_disk_falls_back_to_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    from pingan_cli.store import pipeline

    real = pipeline.compile_store
    calls: list[str] = []

    def full_disk(
        paths: tuple[str, ...], target: sqlite3.Connection, progress: object, **given: Any
    ) -> None:
        calls.append("build")
        if len(calls) == 1:
            raise sqlite3.OperationalError("database or disk is full")
        real(paths, target, None, **given)

    monkeypatch.setattr(pipeline, "compile_store", full_disk)
    assert "fuping" in ok("show", "fuping", "--format", "json")
    assert calls == ["build", "build"]
    assert stores() == []
    assert leftovers() == []


# --- --no-cache, cache path, cache clear ---------------------------------------------------------


def test_no_cache_neither_reads_nor_writes_the_cache() -> None:
    ok("sources", "--format", "csv")
    [store] = stores()
    with sqlite3.connect(store) as db:  # a store that lies, but looks current
        db.execute("UPDATE sources SET title = 'TAMPERED'")
    db.close()
    assert "TAMPERED" in ok("sources", "--format", "csv")
    assert "TAMPERED" not in ok("--no-cache", "sources", "--format", "csv")
    ok("cache", "clear")
    ok("--no-cache", "sources", "--format", "csv")
    assert stores() == []


def test_cache_path_and_clear() -> None:
    assert ok("cache", "path").strip() == str(cache_folder())
    assert ok("cache", "clear").strip() == "removed 0 cached stores"
    ok("sources", "--format", "csv")
    assert ok("cache", "clear").strip() == "removed 1 cached store"
    assert stores() == []


def test_cache_path_follows_xdg_cache_home(tmp_path: Path) -> None:
    env = {"PINGAN_CACHE_DIR": "", "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    result = pingan(["cache", "path"], env=env)
    assert result.stdout.strip() == str(tmp_path / "xdg" / "pingan")


# --- export --------------------------------------------------------------------------------------


def test_export_writes_the_store_as_a_sqlite_file(tmp_path: Path, dataset: Path) -> None:
    target = tmp_path / "weinan.sqlite"
    result = pingan(["--data", str(dataset), "export", "--format", "sqlite", str(target)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as db:
        assert db.execute("SELECT COUNT(*) FROM observations").fetchone()[0] == 2000
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        [store] = stores()
        cached = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
        columns = ", ".join(r[1] for r in cached.execute("PRAGMA table_info(observations)"))
        query = f"SELECT {columns} FROM observations ORDER BY id"
        assert db.execute(query).fetchall() == cached.execute(query).fetchall()
        cached.close()
    db.close()
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_export_replaces_a_file_atomically_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.sqlite"
    target.write_text("old")
    target.chmod(0o640)
    assert pingan(["--no-cache", "export", str(target)]).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o640
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT COUNT(*) FROM regions").fetchone()[0] > 0
    db.close()
    assert [p.name for p in tmp_path.iterdir()] == ["out.sqlite"]


# --- progress is shown only while building -------------------------------------------------------


def test_progress_display_only_when_building() -> None:
    entered: list[int] = []

    @contextmanager
    def reporter() -> Iterator[Progress]:
        entered.append(0)
        yield lambda done, total, phase: entered.append(done)

    settings = _bundled()
    open_store(settings, reporter=reporter).connection.close()
    assert len(entered) >= 2  # entered, then at least one count
    entered.clear()
    open_store(settings, reporter=reporter).connection.close()
    assert entered == []


def test_progress_counts_bulk_rows(dataset: Path) -> None:
    counts: list[int] = []
    totals: set[int] = set()

    phases: list[str] = []

    def progress(done: int, total: int, phase: str) -> None:
        if phase == "storing":
            counts.append(done)
            totals.add(total)
        if not phases or phases[-1] != phase:
            phases.append(phase)

    settings = Settings((str(dataset),), str(cache_folder()), use_cache=False)
    open_store(settings, progress=progress).connection.close()
    assert counts[-1] == 2000
    assert counts == sorted(counts)
    assert totals == {2000}
    # The last seconds of a large build (the indexes) are a phase of their own, then done.
    assert phases == ["reading", "storing", "indexing", "done"]
