"""Files that are not pingan's to replace: devices, FIFOs, links, others' files, hard links.

Every way pingan writes a file the user names (``--output``, ``report --output``, ``export FILE``,
``--metadata FILE``, a data package's folder) goes through atomic.py. The device cases use nodes
made in a temporary folder (``mknod T/full c 1 7``), never the machine's own /dev: code that
replaced a device would replace it for everyone.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from .helpers import pingan

# Each way of writing a file the user names, with FILE where the name goes.
WRITERS = [
    ["list", "--output", "FILE"],
    ["report", "--output", "FILE"],
    ["export", "FILE"],
    ["export", "x.sqlite", "--metadata", "FILE"],
]


def _argv(writer: list[str], name: str) -> list[str]:
    return [name if word == "FILE" else word for word in writer]


def _device(path: Path, minor: int) -> Path:
    """A character device node of the memory driver (3 null, 7 full), or skip without root."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, AttributeError) as error:
        pytest.skip(f"making a device node needs root: {error}")
    return path


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- devices, FIFOs and sockets are written through, never replaced ---------------------------


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: " ".join(w))
def test_a_full_device_is_written_through_and_says_so(here: Path, writer: list[str]) -> None:
    full = _device(here / "full", 7)
    result = pingan(_argv(writer, "./full"))
    assert result.exit_code == 1, result.output
    assert "cannot write ./full: No space left on device" in result.stderr
    assert "Traceback" not in result.output
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert sorted(p.name for p in here.iterdir() if p.name != "x.sqlite") == ["full"]


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: " ".join(w))
def test_the_null_device_stays_a_device(here: Path, writer: list[str]) -> None:
    null = _device(here / "null", 3)
    result = pingan(_argv(writer, "./null"))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert os.major(null.lstat().st_rdev) == 1 and os.minor(null.lstat().st_rdev) == 3


def test_a_fifo_is_written_through(here: Path) -> None:
    fifo = here / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    # (A daemon: with the FIFO replaced by a file, it would wait for a writer forever.)
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = pingan(["regions", "--format", "json", "--output", str(fifo)])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received[0])[0]["id"] == "shaanxi"


@pytest.mark.slow
def test_a_link_to_standard_output_writes_to_standard_output(tmp_path: Path) -> None:
    link = tmp_path / "out"
    link.symlink_to("/proc/self/fd/1")
    if not Path("/proc/self/fd/1").exists():
        pytest.skip("needs /proc")
    done = subprocess.run(
        [sys.executable, "-m", "pingan_cli", "regions", "-o", "csv", "--output", str(link)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"shaanxi" in done.stdout
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


# --- links, hard links, owners, modes ---------------------------------------------------------


def test_a_symlink_is_written_through_to_its_file(here: Path) -> None:
    real = here / "real.json"
    real.write_text("old\n", encoding="utf-8")
    link = here / "link.json"
    link.symlink_to("real.json")
    result = pingan(["regions", "--output", "link.json"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))[0]["id"] == "shaanxi"
    assert sorted(p.name for p in here.iterdir()) == ["link.json", "real.json"]


def test_a_dangling_symlink_makes_its_file(here: Path) -> None:
    (here / "sub").mkdir()
    link = here / "link.csv"
    link.symlink_to("sub/made.csv")
    result = pingan(["regions", "--output", "link.csv"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert "shaanxi" in (here / "sub" / "made.csv").read_text(encoding="utf-8")


def test_a_file_with_two_names_is_written_in_place(here: Path) -> None:
    first = here / "a.json"
    first.write_text("old\n", encoding="utf-8")
    second = here / "b.json"
    os.link(first, second)
    inode = first.stat().st_ino
    result = pingan(["regions", "--output", "a.json"])
    assert result.exit_code == 0, result.output
    assert first.stat().st_ino == second.stat().st_ino == inode
    assert first.stat().st_nlink == 2
    assert json.loads(second.read_text(encoding="utf-8"))[0]["id"] == "shaanxi"


def test_a_replaced_file_keeps_its_mode(here: Path) -> None:
    out = here / "out.json"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o604)
    assert pingan(["regions", "--output", "out.json"]).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o604


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: " ".join(w))
def test_a_file_root_writes_for_a_user_stays_the_users(here: Path, writer: list[str]) -> None:
    out = here / "theirs"
    out.write_text("old\n", encoding="utf-8")
    os.chown(out, 65534, 65534)
    out.chmod(0o640)
    result = pingan(_argv(writer, "theirs"))
    assert result.exit_code == 0, result.output
    info = out.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o640)
    assert out.read_bytes() != b"old\n"


def test_another_users_file_is_written_in_place_when_its_owner_cannot_be_given_back(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not root: chown is refused, so the file is written in place and stays its owner's."""
    out = here / "theirs.json"
    out.write_text("old\n", encoding="utf-8")
    inode = out.stat().st_ino
    real_stat = os.stat

    def another_owner(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        found = real_stat(path, *args, **kwargs)
        if Path(path).name == "theirs.json":
            values = list(found)
            values[stat.ST_UID] = found.st_uid + 1
            return os.stat_result(values)
        return found

    def refuse(*args: Any) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "stat", another_owner)
    monkeypatch.setattr(os, "chown", refuse)
    result = pingan(["regions", "--output", "theirs.json"])
    assert result.exit_code == 0, result.output
    assert real_stat(out).st_ino == inode
    assert "shaanxi" in out.read_text(encoding="utf-8")


# --- names in messages, empty names -------------------------------------------------------------


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: " ".join(w))
def test_an_empty_file_name_is_a_usage_error(here: Path, writer: list[str]) -> None:
    result = pingan(_argv(writer, ""))
    assert result.exit_code == 2, result.output
    assert "the file name is empty; name a file" in result.stderr
    assert list(here.iterdir()) == []


def test_a_write_error_names_the_users_file_not_a_temporary_one(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def denied(prefix: str = "", suffix: str = "", dir: Any = None) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", f"{dir}/{prefix}x1y2z3w4{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    for argv in (["list", "--output", "out.json"], ["export", "out.sqlite"]):
        result = pingan(argv)
        assert result.exit_code == 1, result.output
        assert result.stderr.endswith(f"cannot write {argv[-1]}: Permission denied\n")
        assert ".tmp" not in result.stderr


def test_a_missing_folder_is_named(here: Path) -> None:
    result = pingan(["list", "--output", "nowhere/out.json"])
    assert result.exit_code in (1, 2), result.output
    assert "nowhere" in result.stderr and ".tmp" not in result.stderr


def _limited(limit: int) -> None:
    """In the child: files may not grow past limit bytes (as on a full disk), and saying so
    is an error to the writer, not a signal that kills it."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.slow
@pytest.mark.cold_cache
def test_export_on_a_full_disk_keeps_the_store_and_leaves_nothing(tmp_path: Path) -> None:
    """A failed write of the export is the target's trouble: said in a line, naming the file; the
    cached store is not taken for damaged (nor deleted and rebuilt); no journal is left."""
    env = {**os.environ}
    subprocess.run([sys.executable, "-m", "pingan_cli", "regions"], capture_output=True, env=env)
    [store] = Path(env["PINGAN_CACHE_DIR"]).glob("store-*.sqlite")
    before = store.stat()
    out = tmp_path / "out"
    out.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "pingan_cli", "export", "weinan.sqlite"],
        cwd=out,
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=lambda: _limited(100_000),
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("error: cannot write weinan.sqlite: ")
    assert "Traceback" not in done.stderr
    assert list(out.iterdir()) == []
    after = store.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


# --- temporary files of killed writers ----------------------------------------------------------


def test_temporary_files_of_a_dead_writer_go_and_a_live_ones_stay(here: Path) -> None:
    dead = here / ".weinan.sqlite.deadbeef.pingan.tmp"
    dead.write_bytes(b"half an export")
    (here / ".weinan.sqlite.deadbeef.pingan.tmp-journal").write_bytes(b"its journal")
    alive = here / ".weinan.sqlite.c0ffee00.pingan.tmp"
    alive.write_bytes(b"an export being written")
    with open(alive, "rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        result = pingan(["export", "weinan.sqlite"])
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in here.iterdir()) == [alive.name, "weinan.sqlite"]
    assert pingan(["export", "weinan.sqlite"]).exit_code == 0
    assert sorted(p.name for p in here.iterdir()) == ["weinan.sqlite"]


# A pingan run that stops for good once its temporary file exists, and says so on stderr.
_STALLED = """
import sys, time
from pingan_cli.{module} import {name} as real
import pingan_cli.{module} as where

def stall(*args, **kwargs):
    sys.stderr.write("stalled\\n")
    sys.stderr.flush()
    time.sleep(120)

setattr(where, "{name}", stall)
from pingan_cli.cli.root import main
main(sys.argv[1:])
"""


def _stalled(argv: list[str], cwd: Path, module: str, name: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-c", _STALLED.format(module=module, name=name), *argv],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    assert process.stderr.readline() == b"stalled\n"
    return process


def _kill(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.wait()
    if process.stderr is not None:
        process.stderr.close()


@pytest.mark.slow
@pytest.mark.cold_cache
def test_builds_killed_are_cleaned_by_a_later_run_and_running_ones_are_not(
    tmp_path: Path,
) -> None:
    cache = Path(os.environ["PINGAN_CACHE_DIR"])

    def building() -> list[Path]:
        return sorted(cache.glob(".building-*"))

    for _ in range(3):
        _kill(_stalled(["regions"], tmp_path, "store.build", "build"))
    assert len(building()) == 1  # each build removes the one killed before it
    running = _stalled(["regions"], tmp_path, "store.build", "build")
    try:
        [alive] = building()  # the killed one went when this one started
        done = subprocess.run(
            [sys.executable, "-m", "pingan_cli", "regions"], capture_output=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert building() == [alive]  # still being built by its writer
    finally:
        _kill(running)
    done = subprocess.run(
        [sys.executable, "-m", "pingan_cli", "cache", "clear"], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert building() == []


@pytest.mark.slow
def test_an_export_killed_is_cleaned_by_the_next(tmp_path: Path) -> None:
    for _ in range(2):
        _kill(_stalled(["export", "weinan.sqlite"], tmp_path, "export.sqlite", "_write"))
    assert len(list(tmp_path.glob(".weinan.sqlite.*"))) >= 1
    done = subprocess.run(
        [sys.executable, "-m", "pingan_cli", "export", "weinan.sqlite"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["weinan.sqlite"]


# --- a data package in a linked folder ----------------------------------------------------------


def test_a_data_package_into_a_linked_folder_fills_the_folder(here: Path) -> None:
    (here / "real").mkdir()
    (here / "package").symlink_to("real")
    for _ in range(2):  # a new package, then one replacing it
        result = pingan(["export", "--format", "datapackage", "package"])
        assert result.exit_code == 0, result.output
    assert (here / "package").is_symlink()
    assert (here / "real" / "datapackage.json").is_file()
    assert sorted(p.name for p in here.iterdir()) == ["package", "real"]


# --- help and version where output fails ----------------------------------------------------------


def _run_into(stdout: Any, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pingan_cli", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["list", "--help"], ["list"]])
def test_output_into_a_full_device_is_one_line(tmp_path: Path, argv: list[str]) -> None:
    full = _device(tmp_path / "full", 7)
    with open(full, "w") as stream:
        done = _run_into(stream, *argv)
    assert done.returncode == 1
    assert done.stderr == "error: cannot write standard output: No space left on device\n"


@pytest.mark.slow
@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["list", "--help"]])
def test_help_and_version_into_a_closed_pipe_end_quietly(argv: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        done = _run_into(write, *argv)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (0, "")
