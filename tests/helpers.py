"""Run the command line in tests through Click's CliRunner, with a fixed, colourless terminal."""

from __future__ import annotations

import copy
import functools
import json
import os
import shlex
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from pingan_cli.cli.root import cli

WIDTH = "100"
TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
BUNDLED_DATA = REPO / "data" / "indicators.yaml"
GOLDEN = TESTS / "golden"
SHARED = REPO.parent / "shared"
# The founding article's figures and quotes in the bundled data: the one place they are counted.
FOUNDING_FIGURES = 45
FOUNDING_QUOTES = 44
# PINGAN_UPDATE_GOLDEN=1 rewrites every golden file from today's output, after a deliberate change.
UPDATE_GOLDEN = os.environ.get("PINGAN_UPDATE_GOLDEN") == "1"


@functools.cache
def _parsed(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ten times faster
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def yaml_file(path: Path) -> Any:
    """A YAML file as plain data, read by PyYAML (not pingan's loader) once a run; a fresh copy."""
    return copy.deepcopy(_parsed(path.resolve()))


def write_yaml(path: Path, data: Any) -> Path:
    """Write data as a YAML file (libyaml's emitter where there is one) and return its path."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def bundled_yaml() -> dict[str, Any]:
    """The bundled data file as plain data, read by PyYAML (not pingan's loader); a fresh copy."""
    loaded = yaml_file(BUNDLED_DATA)
    assert isinstance(loaded, dict)
    return loaded


def pingan(
    args: str | Sequence[str], env: dict[str, str] | None = None, input: bytes | None = None
) -> Result:
    """Run `pingan ARGS` as a user would, with COLUMNS fixed and colour off (and ``input`` as
    standard input)."""
    argv = shlex.split(args) if isinstance(args, str) else list(args)
    runner = CliRunner()
    return runner.invoke(
        cli, argv, input=input, env={"COLUMNS": WIDTH, **(env or {})}, prog_name="pingan"
    )


def assert_golden(path: Path, text: str) -> None:
    """text is the golden file's content (which PINGAN_UPDATE_GOLDEN=1 rewrites first)."""
    if UPDATE_GOLDEN:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def pingan_json(args: str, env: dict[str, str] | None = None, data: Path | None = None) -> Any:
    """`pingan [--data DATA] ARGS --format json`, parsed; the command must succeed."""
    argv = [*(["--data", str(data)] if data else []), *shlex.split(args), "--format", "json"]
    result = pingan(argv, env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def shared_file(name: str) -> Path:
    """A file of the team's shared folder beside the checkout; the test skips where it is absent
    (a fresh clone has nothing beside it)."""
    import pytest

    path = SHARED / "sources" / name
    if not path.is_file():
        pytest.skip(f"{path} is not here: it lies beside the checkout, not in it")
    return path


def first_hidden(text: str) -> str | None:
    """The first character of text a terminal would hide or act on, if any.

    Controls (tab and newline aside), format characters, surrogates, line and paragraph
    separators, noncharacters. A zero-width joiner between two symbols (an emoji sequence) and
    a joiner after a virama (an Indic conjunct) only shape what is visible, and are allowed.
    """
    for index, char in enumerate(text):
        if char in "\t\n":
            continue
        code = ord(char)
        if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
            return char
        if unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Zl", "Zp"}:
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if before == "\ufe0f" and index >= 2:
            before = text[index - 2]
        if not (before and after):
            return char
        symbols = {unicodedata.category(before), unicodedata.category(after)} <= {"So", "Sk"}
        if char == "\u200d" and symbols:
            continue  # an emoji sequence
        virama = unicodedata.combining(before) == 9
        if char in "\u200c\u200d" and virama and unicodedata.category(after)[0] == "L":
            continue  # an Indic conjunct
        return char
    return None
