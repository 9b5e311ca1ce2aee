"""The bundled dataset: valid, schema-conformant, in the wheel; choosing and merging data files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest

from .conftest import DATA, REPO
from .helpers import bundled_yaml, pingan


def test_validate_bundled_data() -> None:
    result = pingan("validate")
    assert result.exit_code == 0, result.output
    loaded = bundled_yaml()
    counts = ", ".join(
        f"{len(loaded[section])} {section}"
        for section in (
            "regions",
            "indicators",
            "observations",
            "designations",
            "practices",
            "sources",
        )
    )
    assert f"({counts})" in result.stdout
    assert len(loaded["sources"]) > 20


def test_schema_validates_bundled_data() -> None:
    result = pingan("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(bundled_yaml(), schema)


def test_schema_rejects_what_the_models_reject() -> None:
    schema = json.loads(pingan("schema").stdout)
    bad = {"regions": [{"id": "x", "name_zh": "x", "name_en": "x", "level": "planet"}]}
    validator = jsonschema.Draft202012Validator(schema)
    assert any("planet" in error.message for error in validator.iter_errors(bad))
    unknown = {"observations": [], "extra": 1}
    assert list(validator.iter_errors(unknown))


@pytest.mark.slow
def test_wheel_ships_the_dataset(tmp_path: Path) -> None:
    """data/indicators.yaml and data/sources/*.txt reach the wheel by build configuration.

    Built from a copy of the checkout, so that the build writes nothing into the checkout. The
    build gives no warning (setuptools warns of a folder of files left out of `packages`), and
    the wheel holds every file of src/pingan_cli: the package list in pyproject.toml is complete.
    """
    source = tmp_path / "checkout"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    skip = shutil.ignore_patterns("*.egg-info", "__pycache__")
    shutil.copytree(REPO / "src", source / "src", ignore=skip)
    shutil.copytree(REPO / "data", source / "data")
    archived = source / "data" / "sources" / "test-article.txt"
    archived.parent.mkdir(exist_ok=True)
    archived.write_text("夯实平安基石\n", encoding="utf-8")
    assert not (source / "src" / "pingan_cli" / "data").exists()
    out = tmp_path / "wheel"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    # Python's warnings ("SetuptoolsDeprecationWarning: ...", setuptools' "_Warning: ..."), not
    # distutils' "warning: byte-compiling is disabled" when PYTHONDONTWRITEBYTECODE is set.
    assert not re.findall(r".*\wWarning: .*", built.stdout + built.stderr)
    (wheel,) = out.glob("pingan_cli-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("pingan_cli/data/indicators.yaml") == DATA.read_bytes()
        assert archive.read("pingan_cli/data/sources/test-article.txt") == archived.read_bytes()
        names = set(archive.namelist())
    package = source / "src"
    shipped = {
        path.relative_to(package).as_posix()
        for path in (package / "pingan_cli").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert "pingan_cli/py.typed" in shipped
    assert "pingan_cli/extraction/data/gazetteer.tsv" in shipped
    assert shipped <= names, sorted(shipped - names)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


EXTRA = """\
sources:
  - id: extra
    title: Extra
    publisher: Test
    url: https://example.org/extra
regions:
  - id: lintong
    name_zh: 临潼区
    name_en: Lintong District
    level: county
    code: "610115"
indicators:
  - id: lintong-disputes
    name_zh: 临潼化解矛盾纠纷起数
    name_en: Disputes resolved
    unit: 起
    category: mediation
    definition: Disputes resolved.
observations:
  - region: lintong
    indicator: lintong-disputes
    period: 2023
    value: 12
    unit: 起
    source: extra
"""


def test_data_files_merge(tmp_path: Path) -> None:
    extra = _write(tmp_path / "extra.yaml", EXTRA)
    result = pingan(
        [
            "--data",
            str(DATA),
            "--data",
            str(extra),
            "list",
            "--format",
            "json",
            "--region",
            "lintong",
        ]
    )
    assert result.exit_code == 0, result.output
    assert [r["value"] for r in json.loads(result.stdout)] == [12]


def test_conflicting_duplicates_are_errors(tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8")
    changed = _write(tmp_path / "changed.yaml", text.replace('code: "610528"', 'code: "610599"'))
    result = pingan(["--data", str(DATA), "--data", str(changed), "validate"])
    assert result.exit_code == 1
    assert "region 'fuping' is defined again with different content (first at" in result.stderr


def test_pingan_data_environment_variable(tmp_path: Path) -> None:
    extra = _write(tmp_path / "extra.yaml", EXTRA)
    env = {"PINGAN_DATA": f"{DATA}:{extra}"}
    result = pingan("regions --format json", env=env)
    assert "lintong" in {r["id"] for r in json.loads(result.stdout)}
    empty = pingan("regions", env={"PINGAN_DATA": ""})
    assert empty.exit_code == 1
    assert "PINGAN_DATA: is set but empty" in empty.stderr


def test_validate_reports_every_problem(tmp_path: Path) -> None:
    bad = _write(
        tmp_path / "bad.yaml",
        "regions:\n  - id: a\n    name_zh: A\n    name_en: A\n    level: moon\n"
        "    parent: nowhere\n  - id: b\n    name_zh: B\n    name_en: B\n    level: county\n"
        "    code: 610528\n",
    )
    result = pingan(["validate", str(bad)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"{bad}:5:12: regions[0].level: the text 'moon' is not one of" in lines[0]
    # The entry is invalid, and its reference is still checked in the same run.
    assert lines[1] == f"{bad}:6:13: regions[0].parent: unknown region 'nowhere'"
    assert lines[2] == (
        f"{bad}:11:11: regions[1].code: expected text, got the number 610528; put it in quotes "
        'to keep it as written: "610528"'
    )
    assert lines[-1] == "error: 3 problems in the data"


def test_empty_data_option_is_an_error() -> None:
    result = pingan(["--data", "", "list"])
    assert result.exit_code == 1
    assert result.stderr.startswith("--data: is empty; name a data file")


@pytest.mark.parametrize("value", ["92233720368547758080", "9999999999999999999"])
def test_integers_past_64_bits_are_refused_in_yaml(tmp_path: Path, value: str) -> None:
    """The message gives the bounds, not a count of digits: 9999999999999999999 has 19."""
    text = DATA.read_text(encoding="utf-8").replace("value: 823\n", f"value: {value}\n")
    bad = _write(tmp_path / "huge.yaml", text)
    result = pingan(["validate", str(bad)])
    assert result.exit_code == 1
    assert (
        f"].value: {value} is too large to store: a whole number must lie between "
        "-9,223,372,036,854,775,808 and 9,223,372,036,854,775,807 (64 bits); write a larger one "
        "with a decimal point (1.5e+19)"
    ) in result.stderr


def test_an_exact_id_wins_over_another_regions_alias(tmp_path: Path) -> None:
    text = EXTRA.replace("    level: county\n", "    aliases: [fuping]\n    level: county\n", 1)
    extra = _write(tmp_path / "extra.yaml", text)
    result = pingan(["--data", str(DATA), "--data", str(extra), "show", "fuping", "-o", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "fuping"
