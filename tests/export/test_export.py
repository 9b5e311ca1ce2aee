"""`pingan export`: the SQLite export for Datasette, its metadata, and the Frictionless package."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import pty
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from ..helpers import bundled_yaml, pingan, write_yaml

REPO = Path(__file__).resolve().parents[2]


def _export(tmp_path: Path, *args: str) -> Path:
    target = tmp_path / "weinan.sqlite"
    result = pingan(["export", *args, str(target)])
    assert result.exit_code == 0, result.output
    return target


@contextlib.contextmanager
def _open(path: Path) -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield db
    finally:
        db.close()


# --- the SQLite export ---------------------------------------------------------------------------


def test_export_links_figures_to_regions_indicators_and_sources(tmp_path: Path) -> None:
    with _open(_export(tmp_path)) as db:
        links = {
            (row[3], row[2], row[4]) for row in db.execute("PRAGMA foreign_key_list(observations)")
        }
        assert links == {
            ("region", "regions", "id"),
            ("indicator", "indicators", "id"),
            ("source", "sources", "id"),
        }
        assert ("parent", "regions", "id") in {
            (row[3], row[2], row[4]) for row in db.execute("PRAGMA foreign_key_list(regions)")
        }
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_export_keeps_every_figure_and_adds_display(tmp_path: Path) -> None:
    listed = json.loads(pingan(["list", "--format", "json"]).stdout)
    with _open(_export(tmp_path)) as db:
        rows = db.execute(
            "SELECT region, indicator, period, value, qualifier, display, quote "
            "FROM observations ORDER BY id"
        ).fetchall()
    as_listed = sorted(
        (o["region"], o["indicator"], o["period"], o["value"], o["qualifier"], o["display"])
        for o in listed
    )
    assert sorted(row[:6] for row in rows) == as_listed
    assert len(rows) == len(listed) > 40


def test_display_marks_a_floor_when_the_source_wording_is_not_kept(tmp_path: Path) -> None:
    data = bundled_yaml()
    for observation in data["observations"]:
        if observation.get("qualifier", "exact") != "exact":
            observation.pop("as_written", None)
    stripped = tmp_path / "stripped.yaml"
    write_yaml(stripped, data)
    target = tmp_path / "stripped.sqlite"
    result = pingan(["--data", str(stripped), "export", str(target)])
    assert result.exit_code == 0, result.output
    with _open(target) as db:
        marks = dict(
            db.execute(
                "SELECT qualifier, group_concat(DISTINCT substr(display, 1, 1)) FROM observations "
                "WHERE qualifier != 'exact' GROUP BY qualifier"
            ).fetchall()
        )
    assert marks == {"at_least": "≥", "approx": "≈"}


def test_export_holds_no_path_of_the_machine_it_was_built_on(tmp_path: Path, dataset: Path) -> None:
    """The store's meta names the data files by absolute path; the export names them by name."""
    target = tmp_path / "out" / "generated.sqlite"
    target.parent.mkdir()
    result = pingan(["--data", str(dataset), "export", str(target)])
    assert result.exit_code == 0, result.output
    raw = target.read_bytes()
    for path in {tmp_path, dataset.parent, Path.home(), Path.cwd(), REPO}:
        assert str(path).encode() not in raw, path
    with _open(target) as db:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    assert set(meta) == {"schema", "version", "inputs", "exported_by"}
    assert json.loads(meta["inputs"]) == ["dataset.yaml"]


def test_full_text_indexes_are_the_kind_datasette_detects(tmp_path: Path) -> None:
    datasette_utils = pytest.importorskip("datasette.utils")
    with _open(_export(tmp_path)) as db:
        for table in ("observations", "regions", "indicators", "designations", "practices"):
            assert datasette_utils.detect_fts(db, table) == f"{table}_fts"
        assert datasette_utils.detect_fts(db, "meta") is None


@pytest.mark.parametrize(
    ("table", "text", "columns"),
    [
        ("observations", "派出所", ("quote", "as_written", "note")),
        ("regions", "Fuping", ("name_zh", "name_en", "aliases")),
        ("indicators", "矛盾纠纷", ("name_zh", "name_en", "definition")),
        ("practices", "枫桥经验", ("name_zh", "name_en", "description", "quote")),
        ("designations", "平安县", ("title_zh", "title_en", "quote")),
    ],
)
def test_full_text_search_finds_what_like_finds(
    tmp_path: Path, table: str, text: str, columns: tuple[str, ...]
) -> None:
    with _open(_export(tmp_path)) as db:
        found = db.execute(
            f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ? ORDER BY rowid",
            (f'"{text}"',),
        ).fetchall()
        where = " OR ".join(f"{c} LIKE ?" for c in columns)
        expected = db.execute(
            f"SELECT rowid FROM {table} WHERE {where} ORDER BY rowid",
            [f"%{text}%"] * len(columns),
        ).fetchall()
    assert found == expected
    assert found


def test_export_to_standard_output_when_it_is_not_a_terminal(tmp_path: Path) -> None:
    result = pingan(["export", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"SQLite format 3\x00")
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(result.stdout_bytes)
    with _open(copy) as db:
        assert db.execute("SELECT COUNT(*) FROM observations").fetchone()[0] > 40
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite"]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_export_refuses_to_write_a_database_to_a_terminal(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pingan_cli", "export", "-"],
            stdout=follower,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert b"will not write a binary SQLite database to the terminal" in done.stderr
    assert b"Traceback" not in done.stderr


@pytest.mark.cold_cache
@pytest.mark.parametrize("name", ["figures.csv", "FIGURES.CSV"])
def test_export_to_a_csv_name_is_refused_with_a_hint(tmp_path: Path, name: str) -> None:
    result = pingan(["export", str(tmp_path / name)])
    assert result.exit_code == 2
    assert "pingan list --format csv --output FILE" in result.stderr
    assert "--format datapackage" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["export", "{tmp}/missing/weinan.sqlite"],
        ["export", "--format", "datapackage", "{tmp}/missing/package"],
        ["export", "--metadata", "{tmp}/missing/metadata.json", "{tmp}/weinan.sqlite"],
    ],
)
@pytest.mark.cold_cache
def test_export_names_a_missing_folder(tmp_path: Path, args: list[str]) -> None:
    result = pingan([a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    assert f"the folder {tmp_path / 'missing'} does not exist" in result.stderr
    assert ".tmp" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_export_to_a_folder_says_so(tmp_path: Path) -> None:
    result = pingan(["export", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a folder; name a file" in result.stderr


# --- Datasette metadata ---------------------------------------------------------------------------


def _metadata(tmp_path: Path, *args: str) -> dict[str, Any]:
    meta = tmp_path / "metadata.json"
    _export(tmp_path, *args, "--metadata", str(meta))
    document: dict[str, Any] = json.loads(meta.read_text(encoding="utf-8"))
    return document


def test_metadata_describes_tables_units_and_sources(tmp_path: Path) -> None:
    metadata = _metadata(tmp_path)
    assert str(tmp_path) not in json.dumps(metadata, ensure_ascii=False)
    with _open(tmp_path / "weinan.sqlite") as db:
        sources = db.execute("SELECT COUNT(*) FROM sources").fetchone()[0]
    assert metadata["source"] == f"{sources} sources: see the sources table"
    tables = metadata["databases"]["weinan"]["tables"]
    observations = tables["observations"]
    assert "at least" in observations["description"]
    for unit in ("元", "户", "%"):
        assert unit in observations["columns"]["value"]
    assert "at_least" in observations["columns"]["qualifier"]
    assert tables["regions"]["label_column"] == "name_zh"
    assert tables["observations"]["fts_table"] == "observations_grams"
    with _open(tmp_path / "weinan.sqlite") as db:
        for table, entry in tables.items():
            columns = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
            assert set(entry["columns"]) <= columns, table


def test_metadata_labels_follow_lang(tmp_path: Path) -> None:
    meta = tmp_path / "metadata.json"
    target = tmp_path / "weinan.sqlite"
    result = pingan(["--lang", "en", "export", "--metadata", str(meta), str(target)])
    assert result.exit_code == 0, result.output
    tables = json.loads(meta.read_text(encoding="utf-8"))["databases"]["weinan"]["tables"]
    assert tables["regions"]["label_column"] == "name_en"


def test_metadata_find_query_finds_two_character_words(tmp_path: Path) -> None:
    """The trigram index needs three characters; the find query serves 调解 (as the search box
    does, through the pieces index), in any text."""
    metadata = _metadata(tmp_path)
    sql = metadata["databases"]["weinan"]["queries"]["find"]["sql"]
    with _open(tmp_path / "weinan.sqlite") as db:
        kinds = {row[0] for row in db.execute(sql, {"text": "调解"})}
        assert not db.execute(
            "SELECT 1 FROM observations_fts WHERE observations_fts MATCH '\"调解\"'"
        ).fetchall()
    assert {"indicator", "figure", "practice"} <= kinds


def test_metadata_is_refused_for_standard_output() -> None:
    result = pingan(["export", "--metadata", "m.json", "-"])
    assert result.exit_code == 2
    assert "--metadata names the database by its file name" in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        body: bytes = response.read()
    return body.decode("utf-8")


@pytest.mark.slow
def test_datasette_links_regions_and_searches(tmp_path: Path) -> None:
    pytest.importorskip("datasette")
    meta = tmp_path / "metadata.json"
    database = _export(tmp_path, "--metadata", str(meta))
    port = _free_port()
    log = (tmp_path / "datasette.log").open("wb")
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "datasette", "serve", str(database)),
            *("--metadata", str(meta), "-h", "127.0.0.1", "-p", str(port)),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    base = f"http://127.0.0.1:{port}/weinan"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"http://127.0.0.1:{port}/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    print((tmp_path / "datasette.log").read_text(errors="replace"))
                    raise
                time.sleep(0.2)
        # A region's page, with links to the figures and honours that name it.
        page = _get(f"{base}/regions/fuping")
        assert '<td class="col-name_zh type-str">富平县</td>' in page
        assert 'href="/weinan/observations?region=fuping"' in page
        assert 'href="/weinan/designation_recipients?region=fuping"' in page
        # Figures link to their region, labelled with its name; so does a region its parent.
        figures = _get(f"{base}/observations?region=fuping")
        assert '<a href="/weinan/regions/fuping">富平县</a>' in figures
        assert '<a href="/weinan/indicators/' in figures
        counties = _get(f"{base}/regions?level=county")
        assert '<a href="/weinan/regions/weinan">渭南市</a>' in counties
        # The search box (full text, detected by Datasette).
        found = json.loads(_get(f"{base}/observations.json?_search={quote('派出所')}&_shape=array"))
        assert found
        assert all("派出所" in (f["quote"] or "") + (f["note"] or "") for f in found)
        regions = json.loads(_get(f"{base}/regions.json?_search=Fuping&_shape=array"))
        assert {r["id"] for r in regions} >= {"fuping"}
        # Two characters: the search box (the metadata's fts_table), and the find query.
        short = json.loads(_get(f"{base}/observations.json?_search={quote('调解')}&_shape=array"))
        assert short
        assert all("调解" in (f["quote"] or "") + (f["note"] or "") for f in short)
        hits = json.loads(_get(f"{base}/find.json?text={quote('调解')}&_shape=array"))
        assert {"indicator", "figure"} <= {h["kind"] for h in hits}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


# --- the Frictionless Data Package ---------------------------------------------------------------


def _package(tmp_path: Path, *data: str) -> Path:
    folder = tmp_path / "package"
    result = pingan([*data, "export", "--format", "datapackage", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def _validate(folder: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def _errors(report: dict[str, Any]) -> list[str]:
    problems = [e["type"] for e in report.get("errors", [])]
    for task in report["tasks"]:
        problems += [e["type"] for e in task["errors"]]
    return problems


@pytest.mark.slow
def test_data_package_validates_with_frictionless(tmp_path: Path) -> None:
    pytest.importorskip("frictionless")
    folder = _package(tmp_path)
    report = _validate(folder)
    assert _errors(report) == []
    assert report["valid"] is True
    rows = {task["name"]: task["stats"]["rows"] for task in report["tasks"]}
    figures = len(json.loads(pingan(["list", "--format", "json"]).stdout))
    assert rows["figures"] == figures
    assert set(rows) == {
        "sources",
        "regions",
        "indicators",
        "figures",
        "designations",
        "designation_recipients",
        "practices",
    }


@pytest.mark.slow
def test_frictionless_sees_a_broken_foreign_key(tmp_path: Path) -> None:
    """The validation above checks the foreign keys: a figure of no region is an error."""
    pytest.importorskip("frictionless")
    folder = _package(tmp_path)
    figures = folder / "figures.csv"
    with figures.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    rows[1][rows[0].index("region")] = "atlantis"
    with figures.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows(rows)
    assert "foreign-key" in _errors(_validate(folder))


def test_data_package_describes_keys_units_and_sources(tmp_path: Path) -> None:
    folder = _package(tmp_path)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    with (folder / "sources.csv").open(encoding="utf-8", newline="") as stream:
        sources = [{"title": r["title"], "path": r["url"]} for r in csv.DictReader(stream)]
    assert descriptor["sources"] == sources
    assert {
        "title": "夯实平安基石 提升幸福成色——渭南市扎实推进平安建设工作",
        "path": "http://sxzf.gov.cn/html/364/140874.html",
    } in sources
    resources = {r["name"]: r for r in descriptor["resources"]}
    figures = resources["figures"]["schema"]
    assert figures["primaryKey"] == ["id"]
    assert {(k["fields"], k["reference"]["resource"]) for k in figures["foreignKeys"]} == {
        ("region", "regions"),
        ("indicator", "indicators"),
        ("source", "sources"),
    }
    fields = {f["name"]: f for f in figures["fields"]}
    assert fields["value"]["type"] == "number"
    assert fields["qualifier"]["constraints"]["enum"] == ["exact", "at_least", "approx"]
    assert {"period", "year", "since", "as_written", "display", "qualifier"} <= set(fields)
    units = {f["name"]: f for f in resources["indicators"]["schema"]["fields"]}
    assert "unit" in units
    assert resources["regions"]["schema"]["foreignKeys"] == [
        {"fields": "parent", "reference": {"resource": "", "fields": "id"}}
    ]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["datapackage.json", *(f"{name}.csv" for name in resources)]
    )


def test_data_package_figures_keep_their_qualifier(tmp_path: Path) -> None:
    folder = _package(tmp_path)
    with (folder / "figures.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    floor = next(r for r in rows if r["as_written"] == "5.2万余户")
    assert (floor["value"], floor["qualifier"], floor["display"]) == (
        "52000",
        "at_least",
        "5.2万余户",
    )
    assert floor["period"] == "since 2023" and floor["since"] == "1"


def test_data_package_replaces_an_earlier_one_but_not_other_files(tmp_path: Path) -> None:
    folder = _package(tmp_path)
    (folder / "figures.csv").write_text("stale\n", encoding="utf-8")
    _package(tmp_path)
    assert (folder / "figures.csv").read_text(encoding="utf-8").startswith("id,region,")
    (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = pingan(["export", "--format", "datapackage", str(folder)])
    assert result.exit_code == 2
    assert "holds other files (notes.txt)" in result.stderr
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["package"]


def test_data_package_is_refused_for_standard_output() -> None:
    result = pingan(["export", "--format", "datapackage", "-"])
    assert result.exit_code == 2
    assert "cannot go to standard output" in result.stderr


def test_pingan_itself_imports_neither_datasette_nor_frictionless() -> None:
    """They are test-only dependencies: the package must run without them."""
    from ..test_layout import imports, modules

    users = {name for name in modules() if imports(name)[1] & {"datasette", "frictionless"}}
    assert users == set()


@pytest.mark.parametrize("failure", [KeyboardInterrupt(), OSError(28, "No space left on device")])
def test_interrupted_data_package_leaves_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    from ..load.bad_inputs.runner import run_main

    folder = _package(tmp_path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real_rename = os.rename

    def fail_on_swap(source: Any, target: Any) -> None:
        if Path(target) == folder and str(source).endswith(".tmp"):  # the new package, not the old
            raise failure
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", fail_on_swap)
    outcome = run_main(["export", "--format", "datapackage", str(folder)], tmp_path)
    assert outcome.exit == (130 if isinstance(failure, KeyboardInterrupt) else 1), outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["package"]
