"""The SQLite export as other tools read it: sqlite3's types, Datasette's search box, DuckDB."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from pingan_cli.export.ngrams import LONGEST, pieces, searchable

from ..helpers import bundled_yaml, pingan, write_yaml

# Values a data file may hold, each with the type a reader must see: integers stay integers
# (a 19-digit one whole, which REAL would round), decimals with a fraction stay decimals.
VALUES: list[int | float] = [5, 5.5, 10.6, 1234567890123456789, 0.25, 98]


@pytest.fixture(scope="module")
def typed_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data with the first figures' values replaced by VALUES, exported."""
    folder = tmp_path_factory.mktemp("typed")
    data = bundled_yaml()
    for observation, value in zip(data["observations"], VALUES, strict=False):
        observation["value"] = value
        observation.pop("as_written", None)
    source = write_yaml(folder / "typed.yaml", data)
    target = folder / "typed.sqlite"
    result = pingan(["--data", str(source), "export", str(target)])
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def bundled_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundled data exported with its Datasette metadata."""
    folder = tmp_path_factory.mktemp("bundled")
    target, meta = folder / "weinan.sqlite", folder / "metadata.json"
    result = pingan(["export", "--metadata", str(meta), str(target)])
    assert result.exit_code == 0, result.output
    return target, meta


@contextlib.contextmanager
def _open(path: Path) -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield db
    finally:
        db.close()


def _first_values(db: sqlite3.Connection) -> list[tuple[Any, str]]:
    rows = db.execute(
        "SELECT value, typeof(value) FROM observations ORDER BY id LIMIT ?", (len(VALUES),)
    ).fetchall()
    return [(value, kind) for value, kind in rows]


# --- every numeric column is typed ---------------------------------------------------------------


def test_every_column_of_the_export_has_a_declared_type(bundled_export: tuple[Path, Path]) -> None:
    """DuckDB reads a column with no declared type as BLOB: sum(value) then fails."""
    with _open(bundled_export[0]) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                "'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%' "
                "AND name NOT LIKE '%_grams_%'"
            )
        ]
        untyped = [
            f"{table}.{column[1]}"
            for table in tables
            for column in db.execute(f'PRAGMA table_info("{table}")')
            if not column[2]
        ]
        declared = {c[1]: c[2] for c in db.execute("PRAGMA table_info(observations)")}
    assert "observations" in tables
    assert untyped == []
    assert declared["value"] == "NUMERIC"


def test_values_keep_their_type_in_sqlite3(typed_export: Path) -> None:
    with _open(typed_export) as db:
        stored = _first_values(db)
        total = db.execute("SELECT total(value) FROM observations").fetchone()[0]
        ordered = [v for (v,) in db.execute("SELECT value FROM observations ORDER BY value")]
    assert stored == [(v, "integer" if isinstance(v, int) else "real") for v in VALUES]
    assert [type(v) for v, _ in stored] == [type(v) for v in VALUES]
    assert ordered == sorted(ordered)  # numbers, not bytes
    assert total > 1e18


def test_the_export_keeps_the_values_pingan_lists(typed_export: Path) -> None:
    listed = json.loads(
        pingan(["--data", str(typed_export.with_suffix(".yaml")), "list", "-o", "json"]).stdout
    )
    with _open(typed_export) as db:
        exported = [v for (v,) in db.execute("SELECT value FROM observations ORDER BY id")]
    assert sorted(map(repr, exported)) == sorted(repr(f["value"]) for f in listed)


@pytest.mark.slow  # starts Datasette or DuckDB
def test_datasette_gives_integers_and_decimals_as_stored(typed_export: Path) -> None:
    rows = _datasette_json(typed_export, None, f"/typed/observations.json?_size={len(VALUES)}")
    assert [row["value"] for row in rows] == VALUES
    assert [type(row["value"]) for row in rows] == [type(v) for v in VALUES]


def _duckdb() -> Any:
    """DuckDB with its sqlite extension loaded from a package, or a skip saying what is absent."""
    duckdb = pytest.importorskip("duckdb", reason="DuckDB is not installed")
    try:
        extension = importlib.import_module("duckdb_extension_sqlite_scanner")
    except ImportError:
        pytest.skip(
            "DuckDB downloads its sqlite extension at run time (no network here): "
            "pip install duckdb-extension-sqlite-scanner==" + duckdb.__version__
        )
    files = sorted(Path(extension.__path__[0]).rglob("sqlite_scanner.duckdb_extension"))
    wanted = [f for f in files if f.parent.name == f"v{duckdb.__version__}"]
    if not wanted:
        pytest.skip(f"no sqlite extension for DuckDB {duckdb.__version__} in {files}")
    con = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    con.execute(f"LOAD '{wanted[0]}'")
    return con


@pytest.mark.slow  # starts Datasette or DuckDB
def test_duckdb_reads_value_as_a_number(typed_export: Path) -> None:
    con = _duckdb()
    con.execute(f"ATTACH '{typed_export}' AS w (TYPE sqlite, READ_ONLY)")
    types = {row[0]: row[1] for row in con.execute("DESCRIBE w.observations").fetchall()}
    assert types["value"] == "DOUBLE"
    assert types["year"] == "BIGINT"
    first = [
        row[0] for row in con.execute("SELECT value FROM w.observations ORDER BY id").fetchall()
    ]
    assert first[: len(VALUES)] == [float(v) for v in VALUES]
    with _open(typed_export) as db:
        expected = db.execute("SELECT total(value) FROM observations").fetchone()[0]
    assert con.execute("SELECT sum(value) FROM w.observations").fetchone()[0] == pytest.approx(
        expected
    )


# --- Datasette's search box ----------------------------------------------------------------------


def _datasette_json(database: Path, metadata: Path | None, path: str) -> list[dict[str, Any]]:
    """GET a path of Datasette's JSON API, through its own test client (no server, no port)."""
    datasette_app = pytest.importorskip("datasette.app")
    meta = json.loads(metadata.read_text(encoding="utf-8")) if metadata else None
    app = datasette_app.Datasette([str(database)], metadata=meta)

    async def get() -> Any:
        response = await app.client.get(path + ("&" if "?" in path else "?") + "_shape=array")
        assert response.status_code == 200, response.text
        return response.json()

    rows: list[dict[str, Any]] = asyncio.run(get())
    return rows


@pytest.mark.slow  # Datasette's app for each search
@pytest.mark.parametrize(
    ("table", "text", "columns"),
    [
        ("observations", "调解", ("quote", "as_written", "note")),
        ("practices", "枫桥", ("name_zh", "name_en", "description", "quote")),
        ("indicators", "调解", ("name_zh", "name_en", "definition")),
        ("designations", "平安", ("title_zh", "title_en", "quote")),
        ("regions", "富平", ("name_zh", "name_en", "aliases")),
        ("observations", "矛盾纠纷", ("quote", "as_written", "note")),
        ("observations", "派出所", ("quote", "as_written", "note")),
        ("practices", "枫桥经验", ("name_zh", "name_en", "description", "quote")),
        ("regions", "Fuping", ("name_zh", "name_en", "aliases")),
        ("observations", "警", ("quote", "as_written", "note")),
    ],
)
def test_datasette_search_box_finds_what_like_finds(
    bundled_export: tuple[Path, Path], table: str, text: str, columns: tuple[str, ...]
) -> None:
    """Two-character words (调解, 枫桥) found 0 rows with the trigram index; now as LIKE does."""
    database, meta = bundled_export
    found = _datasette_json(database, meta, f"/weinan/{table}.json?_search={quote(text)}&_size=max")
    with _open(database) as db:
        where = " OR ".join(f"{c} LIKE ?" for c in columns)
        expected = {
            row[0]
            for row in db.execute(
                f"SELECT id FROM {table} WHERE {where}",
                [f"%{text}%"] * len(columns),
            )
        }
    assert expected
    assert {row["id"] for row in found} == expected


@pytest.mark.slow  # starts Datasette or DuckDB
def test_a_whole_phrase_longer_than_the_pieces_is_found(bundled_export: tuple[Path, Path]) -> None:
    database, meta = bundled_export
    with _open(database) as db:
        name = db.execute(
            "SELECT name_zh FROM indicators WHERE length(name_zh) > ? ORDER BY rowid LIMIT 1",
            (LONGEST + 2,),
        ).fetchone()[0]
    found = _datasette_json(database, meta, f"/weinan/indicators.json?_search={quote(name)}")
    assert name in {row["name_zh"] for row in found}


def test_the_metadata_names_the_pieces_index_and_links_the_sources(
    bundled_export: tuple[Path, Path],
) -> None:
    metadata = json.loads(bundled_export[1].read_text(encoding="utf-8"))
    tables = metadata["databases"]["weinan"]["tables"]
    assert tables["observations"]["fts_table"] == "observations_grams"
    assert tables["observations"]["fts_pk"] == "id"
    assert metadata["source_url"] == "/weinan/sources"
    assert f"one to {LONGEST} characters" in metadata["description"]


def test_pieces_of_a_run() -> None:
    assert pieces("调解矛盾", 2) == ["调", "解", "矛", "盾", "调解", "解矛", "矛盾", "调解矛盾"]
    assert pieces("桥桥", 4) == ["桥", "桥桥"]
    # English and figures stay words; a run holding Chinese is written as its pieces.
    assert searchable("Fuping 富平县, 98.7%", 2) == "Fuping 富 平 县 富平 平县 富平县 98 7"
    assert searchable("本地GOIP窝点", 1).split()[-1] == "本地GOIP窝点"
