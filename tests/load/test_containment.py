"""Files a data file names stay inside its folder, unless the user allows another (issue 20).

The corpus (bad_inputs/csv_files.json) holds the plain refusals (a path climbing out to
/etc/passwd, an absolute path, a source's text); here: links, the opt-in and the cache.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pingan_cli
from pingan_cli.load.problems import DataError

from ..helpers import pingan

BASE = Path(__file__).resolve().parent / "bad_inputs" / "files" / "base.yaml"
CSV = "region,indicator,period,value,unit\nfuping,disputes-resolved,2021,7,起\n"


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """data/d.yaml naming ../bulk/o.csv, a CSV file in a folder beside the data's."""
    data, bulk = tmp_path / "data", tmp_path / "bulk"
    data.mkdir()
    bulk.mkdir()
    (bulk / "o.csv").write_text(CSV, encoding="utf-8")
    dataset = data / "d.yaml"
    dataset.write_text(
        BASE.read_text(encoding="utf-8")
        + "observation_files:\n  - path: ../bulk/o.csv\n    source: article\n",
        encoding="utf-8",
    )
    return dataset, bulk


def _values(result: object) -> list[object]:
    return [f["value"] for f in json.loads(result.stdout)]  # type: ignore[attr-defined]


def test_a_csv_file_outside_is_refused_until_its_folder_is_allowed(
    layout: tuple[Path, Path],
) -> None:
    dataset, bulk = layout
    asked = ["list", "-i", "disputes-resolved", "-o", "json"]
    refused = pingan(["--data", str(dataset), *asked])
    assert refused.exit_code == 1
    assert "observation_files[0].path: ../bulk/o.csv is outside " in refused.stderr
    assert "--allow-path DIR (PINGAN_ALLOW_PATHS)" in refused.stderr
    allowed = pingan(["--allow-path", str(bulk), "--data", str(dataset), *asked])
    assert allowed.exit_code == 0, allowed.output
    assert 7 in _values(allowed)
    by_variable = pingan(["--data", str(dataset), *asked], env={"PINGAN_ALLOW_PATHS": str(bulk)})
    assert by_variable.exit_code == 0, by_variable.output
    # The store built while it was allowed is not one for a run that does not allow it.
    again = pingan(["--data", str(dataset), *asked])
    assert again.exit_code == 1
    assert "is outside" in again.stderr


def test_a_link_inside_to_a_file_outside_is_outside(layout: tuple[Path, Path]) -> None:
    dataset, bulk = layout
    (dataset.parent / "o.csv").symlink_to(bulk / "o.csv")
    text = dataset.read_text(encoding="utf-8").replace("../bulk/o.csv", "o.csv")
    dataset.write_text(text, encoding="utf-8")
    result = pingan(["validate", str(dataset)])
    assert result.exit_code == 1
    assert f"o.csv (a link to {(bulk / 'o.csv').resolve()}) is outside" in result.stderr
    allowed = pingan(["--allow-path", str(bulk), "validate", str(dataset)])
    assert allowed.exit_code == 0, allowed.output


def test_a_file_inside_by_a_roundabout_path_is_inside(layout: tuple[Path, Path]) -> None:
    dataset, _ = layout
    (dataset.parent / "sub").mkdir()
    (dataset.parent / "o.csv").write_text(CSV, encoding="utf-8")
    text = dataset.read_text(encoding="utf-8").replace("../bulk/o.csv", "sub/../o.csv")
    dataset.write_text(text, encoding="utf-8")
    assert pingan(["validate", str(dataset)]).exit_code == 0


def test_the_api_takes_the_allowed_folders(layout: tuple[Path, Path]) -> None:
    dataset, bulk = layout
    with pytest.raises(DataError, match="is outside"):
        pingan_cli.open(dataset, cache=False)
    with pingan_cli.open(dataset, cache=False, allow_paths=[bulk]) as data:
        assert 7 in [f.value for f in data.figures(indicator="disputes-resolved")]
    assert pingan_cli.validate(dataset, allow_paths=[bulk]).observations >= 3


def test_verify_reads_a_text_outside_only_when_its_folder_is_allowed(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "article.txt").write_text("化解各类矛盾纠纷823起。韩城、富平等10个", encoding="utf-8")
    dataset = tmp_path / "data" / "d.yaml"
    dataset.parent.mkdir()
    text = BASE.read_text(encoding="utf-8").replace(
        '    url: "http://sxzf.gov.cn/html/364/140874.html"\n',
        '    url: "http://sxzf.gov.cn/html/364/140874.html"\n    text: ../pages/article.txt\n',
    )
    dataset.write_text(text, encoding="utf-8")
    refused = pingan(["verify", str(dataset)])
    assert refused.exit_code == 1
    assert "sources[0].text: ../pages/article.txt is outside " in refused.stderr
    allowed = pingan(["--allow-path", str(pages), "verify", str(dataset)])
    assert "is outside" not in allowed.stderr
    assert "observations[0]" not in allowed.stderr  # its quote was found in the text
