"""The Python API: pingan_cli.open() and the records its Dataset returns."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import pingan_cli
from pingan_cli.records import FIGURE_FIELDS, Figure, display
from pingan_cli.store.cache import bundled_data

from .conftest import DATA
from .helpers import FOUNDING_FIGURES, TESTS, bundled_yaml, pingan, pingan_json


@pytest.fixture(scope="module")
def bundled() -> pingan_cli.Dataset:
    return pingan_cli.open(cache=False)


def _bundled_yaml() -> dict[str, Any]:
    data: dict[str, Any] = bundled_yaml()
    return data


def test_open_gives_the_bundled_dataset(bundled: pingan_cli.Dataset) -> None:
    counts = bundled.counts()
    data = _bundled_yaml()
    assert (counts.observations, counts.regions, counts.designations) == (
        len(data["observations"]),
        len(data["regions"]),
        len(data["designations"]),
    )
    assert bundled.paths == (Path(bundled_data()),)


def test_figures_are_frozen_records_with_the_json_contract(bundled: pingan_cli.Dataset) -> None:
    figures = bundled.figures(region="fuping", category="mediation")
    assert [type(f) for f in figures] == [Figure]
    [figure] = figures
    assert (figure.region, figure.value, figure.display) == ("fuping", 823, "823起")
    with pytest.raises(AttributeError):
        figure.value = 0  # type: ignore[misc]
    assert tuple(figure.as_dict()) == FIGURE_FIELDS
    cli = json.loads(pingan("list --region fuping --category mediation --format json").stdout)
    assert [f.as_dict() for f in figures] == cli


def test_filters_take_one_value_or_many(bundled: pingan_cli.Dataset) -> None:
    one = bundled.figures(region="fuping")
    assert one == bundled.figures(region=["fuping"])
    both = bundled.figures(region=("fuping", "baishui"), year=2023, sort="value", limit=3)
    assert len(both) == 3
    assert [f.value for f in both] == sorted(f.value for f in both)
    assert bundled.figures(where="value>=1000000", sort="value", descending=True)[0].value == (
        2240000000
    )


def test_region_profile(bundled: pingan_cli.Dataset) -> None:
    profile = bundled.region("富平")
    assert profile.region.id == "fuping"
    assert profile.parent_name == "渭南市"
    statuses = {d.title: d.status for d in profile.designations}
    assert statuses["平安银鼎"] is False
    assert statuses["2023年度平安县(市、区)"] is None
    assert json.loads(pingan("show fuping --format json").stdout) == profile.as_dict()


def test_compare_and_designations(bundled: pingan_cli.Dataset) -> None:
    comparison = bundled.compare(year=2023)
    rows = {r.region: r for r in comparison.rows}
    assert rows["baishui"].designations["pingan-county-2023"].status is True
    assert rows["baishui"].designations["pingan-county-2023"].title == "2023年度平安县(市、区)"
    assert rows["huazhou"].designations["pingan-county-2023"].status is None
    assert json.loads(pingan("compare --year 2023 --format json").stdout) == comparison.as_dict()
    named = bundled.compare("fuping", "baishui", category="mediation")
    assert [r.region for r in named.rows] == ["fuping", "baishui"]
    honours = bundled.designations(2023)
    assert [d.title for d in honours][:2] == ["2023年度平安市", "2023年度平安县(市、区)"]
    assert honours[1].recipient_names == ("韩城市", "临渭区", "白水县")


def test_search_and_catalogues(bundled: pingan_cli.Dataset) -> None:
    assert {h.kind for h in bundled.search("枫桥")} == {"designation", "practice"}
    assert bundled.search("fuping")[0].id == "fuping"
    assert all(r.level == "county" for r in bundled.regions(level="county"))
    assert {i.category for i in bundled.indicators("fraud")} == {"fraud"}
    founding = {s.id: s for s in bundled.sources()}["sxzf-140874"]
    assert founding.figures == FOUNDING_FIGURES


def test_unknown_names_raise_query_error(bundled: pingan_cli.Dataset) -> None:
    with pytest.raises(pingan_cli.QueryError, match="did you mean fuping"):
        bundled.region("fupin")
    with pytest.raises(pingan_cli.QueryError, match="unknown field"):
        bundled.figures(where="vlaue>1")


def test_records_make_plain_dicts_for_dataframes(bundled: pingan_cli.Dataset) -> None:
    """What pandas.DataFrame([r.as_dict() for r in ...]) is given: JSON-ready plain values."""
    for records in (
        bundled.figures(),
        bundled.regions(),
        bundled.sources(),
        bundled.designations(),
        [bundled.region("weinan")],
        [bundled.compare(year=2023)],
    ):
        for record in records:
            row = record.as_dict()
            assert json.loads(json.dumps(row)) == row


def test_records_spelled_out_give_what_the_generic_walk_gives(
    bundled: pingan_cli.Dataset,
) -> None:
    """Records whose as_dict is written out for speed agree with plain_dict's generic walk."""
    from pingan_cli.records.base import plain_dict

    comparison = bundled.compare(year=2023)
    assert comparison.rows
    for row in comparison.rows:  # as JSON text: the order of keys is part of the contract
        assert json.dumps(row.as_dict()) == json.dumps(plain_dict(row))
    regions = [plain_dict(row) for row in comparison.rows]
    assert json.dumps(comparison.as_dict()["regions"]) == json.dumps(regions)
    for figure in bundled.figures():
        assert json.dumps(figure.as_dict()) == json.dumps(plain_dict(figure))


def test_the_lazy_names_are_listed_before_they_are_loaded() -> None:
    """Tab completion in a notebook lists dir(): the API and every record, loaded or not."""
    import importlib.util

    assert {"open", "Dataset", "Figure", "QueryError"} <= set(dir(pingan_cli))
    # A fresh copy of the records package: in this process others may have loaded its names.
    spec = importlib.util.find_spec("pingan_cli.records")
    assert spec is not None and spec.loader is not None
    records = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(records)
    assert "Figure" not in vars(records)
    assert set(records.__all__) <= set(dir(records))


def test_invalid_data_raises_data_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("regions: [{id: x}]\n", encoding="utf-8")
    with pytest.raises(pingan_cli.DataError) as caught:
        pingan_cli.open(bad, cache=False)
    assert "bad.yaml:1:" in str(caught.value)


def test_export_writes_the_store(bundled: pingan_cli.Dataset, tmp_path: Path) -> None:
    target = tmp_path / "out.sqlite"
    bundled.export(target)
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT COUNT(*) FROM observations").fetchone()[0] == len(
            _bundled_yaml()["observations"]
        )
    db.close()


def test_open_caches_the_store(tmp_path: Path) -> None:
    with pingan_cli.open(cache_dir=tmp_path / "c") as first:
        first.figures()
    assert len(list((tmp_path / "c").glob("store-*.sqlite"))) == 1


# --- display: computed once, stored, filtered on ------------------------------------------------


def test_display_is_written_by_pingan_when_the_source_wording_is_not_kept() -> None:
    assert display(-10.6, "%", "exact", "change", None) == "-10.6%"
    assert display(52000, "户", "at_least", "level", None) == "≥52,000 户"
    assert display(1, "户", "exact", "level", "1户") == "1户"


def test_where_display_finds_what_list_shows(tmp_path: Path) -> None:
    """A figure without as_written shows -10.6%; filtering on display must find that text."""
    text = DATA.read_text(encoding="utf-8").replace('    as_written: "同比下降10.6%"\n', "", 1)
    assert 'as_written: "同比下降10.6%"' not in text
    data = tmp_path / "no-as-written.yaml"
    data.write_text(text, encoding="utf-8")
    args = ["--data", str(data), "list", "--format", "json"]
    shown = [f["display"] for f in json.loads(pingan([*args, "--region", "fuping"]).stdout)]
    assert "-10.6%" in shown
    found = json.loads(pingan([*args, "--where", "display~10.6"]).stdout)
    assert [f["display"] for f in found] == ["-10.6%"]
    with pingan_cli.open(data, cache=False) as dataset:
        assert [f.display for f in dataset.figures(where="display=-10.6%")] == ["-10.6%"]


RANKING_DATA = TESTS / "data" / "ranking.yaml"


def test_rankings_and_trends_are_records_the_command_line_shows() -> None:
    """rank() and trend() give records whose as_dict() is what `--format json` prints."""
    with pingan_cli.open(RANKING_DATA, cache=False) as data:
        ranking = data.rank("disputes")
        trends = data.trend("east")
    assert isinstance(ranking, pingan_cli.Ranking)
    assert ranking.as_dict() == pingan_json("rank disputes", data=RANKING_DATA)
    assert [t.as_dict() for t in trends] == pingan_json("trend east", data=RANKING_DATA)
    assert all(isinstance(t, pingan_cli.Trend) for t in trends)


def test_every_record_the_api_returns_has_as_dict(bundled: pingan_cli.Dataset) -> None:
    answers: list[Any] = [
        bundled.rank("police-home-visits"),
        bundled.trend("weinan")[0],
        bundled.sum("police-home-visits", ["fuping"]),
        bundled.report(),
        bundled.counts(),
        bundled.region("fuping"),
        bundled.compare(year=2023),
    ]
    for answer in answers:
        assert json.loads(json.dumps(answer.as_dict(), ensure_ascii=False)), type(answer)
    exported = {name for name in pingan_cli.__all__ if name[0].isupper()}
    for name in exported - {"Dataset", "DataError", "QueryError"}:
        assert callable(getattr(getattr(pingan_cli, name), "as_dict", None)), name
