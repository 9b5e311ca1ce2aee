"""Property-based tests: whatever the input, no traceback, an exit code of 0, 1 or 2, safe output.

- Generated YAML documents (structured, and token soup with tags, anchors, brackets, quotes,
  tabs and control characters) and mutations of the bundled dataset (a key deleted, a value of
  the wrong type, an entry duplicated, random text inserted) go through `pingan validate`.
- Generated strings in every text field of a small dataset go through the read commands in every
  format: no control, bidi or invisible character and no formula start reaches the output, and
  JSON and YAML give the strings back exactly.

The CLI runs in-process through ``cli.main``: an exception other than SystemExit escapes and
fails the test with its traceback. Example counts are set per test so that together they take
well under a minute; the "ci" profile in conftest.py derandomises them.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ..helpers import bundled_yaml, first_hidden
from ..load.bad_inputs.runner import Outcome, run_main

# Each property runs hundreds of examples through the whole command line.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
BUNDLED_TEXT = (REPO / "data" / "indicators.yaml").read_text(encoding="utf-8")
BUNDLED: dict[str, Any] = bundled_yaml()
FORMULA_START = ("=", "+", "@", "\t", "\r")
NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def budget(examples: int) -> settings:
    """This test's share of the time: its number of examples, no per-example deadline."""
    return settings(max_examples=examples, deadline=None)


try:
    DUMPER: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    DUMPER = yaml.SafeDumper


def _dump(data: Any) -> str:
    text: str = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100)
    return text


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def _validate(folder: Path, text: str | bytes) -> Outcome:
    path = folder / "data.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    outcome = run_main(["validate", "data.yaml"], folder)
    assert outcome.exit in (0, 1, 2)
    assert "Traceback" not in outcome.stdout + outcome.stderr
    if outcome.exit:
        assert outcome.stderr.rstrip().splitlines()[-1].startswith("error: ")
        assert first_hidden(outcome.stderr) is None
    return outcome


# --- generated YAML documents ------------------------------------------------------------------

FIELD_NAMES = sorted(
    {key for section in BUNDLED.values() if isinstance(section, list) for e in section for key in e}
    | {"year", "since", "start", "end", "<<"}
)
SECTION_NAMES = [
    "format",
    "sources",
    "regions",
    "indicators",
    "observations",
    "observation_files",
    "designations",
    "practices",
]
NASTY = [
    "no",
    "off",
    "yes",
    "010",
    "1.10",
    "0x1F",
    "12:30",
    "2023-02-30",
    ".nan",
    "-.inf",
    "6336万",
    "=1+1",
    "-cmd",
    "[red]x[/red]",
    "\x1b]52;c;ZXZpbA==\x07",
    "\u202eevil",
    "\u061c\u2028\u2029",
    "\x9b2J",
    "",
    " ",
    "9" * 400,
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(NASTY),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8)), inner, max_size=5
        ),
    ),
    max_leaves=25,
)
entries = st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=10)
documents = st.one_of(
    values,
    st.dictionaries(
        st.sampled_from(SECTION_NAMES),
        st.one_of(st.lists(entries, max_size=4), values),
        max_size=8,
    ),
)


@budget(250)
@given(document=documents)
def test_generated_documents(folder: Path, document: Any) -> None:
    _validate(folder, _dump(document))


TOKENS = [
    "- ",
    ": ",
    ":",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!python/object/apply:os.system ",
    "!!binary ",
    "!tag ",
    "! ",
    "'",
    '"',
    "\\",
    "\n",
    "  ",
    "    ",
    "\t",
    "# c",
    "---\n",
    "...\n",
    "? ",
    "|\n",
    ">\n",
    "%YAML 1.1\n",
    "%TAG !e! tag:x,2000:\n",
    "@",
    "`",
    "format",
    "regions",
    "observations",
    "id",
    "value",
    "fuping",
    "1",
    "0x1F",
    ".nan",
    "no",
    "~",
    "渭南",
    "\x1b",
    "\u202e",
    "\x00",
    "\x85",
    "\ufeff",
    "<<",
]
token_soup = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)


@budget(1000)
@given(text=token_soup)
def test_token_soup(folder: Path, text: str) -> None:
    _validate(folder, text)


@budget(500)
@given(raw=st.binary(max_size=200))
def test_random_bytes(folder: Path, raw: bytes) -> None:
    _validate(folder, raw)


# --- mutations of the bundled dataset --------------------------------------------------------

WRONG_VALUES = st.one_of(
    st.sampled_from([None, True, False, 0, -1, 1.5, 10**31, "", "x", [], {}, [1, 2], {"a": 1}]),
    st.sampled_from(NASTY),
    st.text(max_size=10),
)


def _pick(data: st.DataObject, root: Any) -> tuple[Any, Any] | None:
    """A random (container, key or index) inside root, found by walking down from it."""
    node = root
    spot: tuple[Any, Any] | None = None
    while isinstance(node, dict | list) and node:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = data.draw(st.sampled_from(keys))
        spot = (node, key)
        node = node[key]
        if data.draw(st.booleans()):
            break
    return spot


@budget(200)
@given(data=st.data())
def test_mutated_bundled_dataset(folder: Path, data: st.DataObject) -> None:
    dataset = copy.deepcopy(BUNDLED)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        spot = _pick(data, dataset)
        if spot is None:
            break
        container, key = spot
        operation = data.draw(st.sampled_from(["delete", "retype", "duplicate", "insert"]))
        if operation == "delete":
            del container[key]
        elif operation == "retype":
            container[key] = data.draw(WRONG_VALUES)
        elif operation == "duplicate" and isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))
        elif operation == "duplicate":
            container[f"{key}_copy"] = copy.deepcopy(container[key])
        elif isinstance(container, list):
            container.insert(key, data.draw(WRONG_VALUES))
        else:
            container[data.draw(st.sampled_from([*FIELD_NAMES, "extra"]))] = data.draw(WRONG_VALUES)
    _validate(folder, _dump(dataset))


BUNDLED_LINES = BUNDLED_TEXT.splitlines(keepends=True)


@budget(250)
@given(data=st.data())
def test_text_mutations_of_bundled_dataset(folder: Path, data: st.DataObject) -> None:
    lines = list(BUNDLED_LINES)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        index = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
        operation = data.draw(st.sampled_from(["insert", "delete", "duplicate", "splice"]))
        if operation == "insert":
            lines.insert(index, data.draw(st.one_of(token_soup, st.text(max_size=30))) + "\n")
        elif operation == "delete":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        else:
            line = lines[index]
            cut = data.draw(st.integers(min_value=0, max_value=len(line)))
            lines[index] = line[:cut] + data.draw(token_soup) + line[cut:]
    _validate(folder, "".join(lines))


# --- generated strings in every text field -----------------------------------------------------

texts = st.one_of(
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=24),
    st.sampled_from([s for s in NASTY if s.strip() and len(s) <= 200]),
    st.builds(
        lambda start, rest: start + rest,
        st.sampled_from(["=", "+", "@", "-", "\t", "\r", "\n", "\x1b[2J", "\u202e"]),
        st.text(max_size=10),
    ),
)
FIELDS = [
    "source_title",
    "source_publisher",
    "source_author",
    "source_note",
    "weinan_name_zh",
    "weinan_name_en",
    "fuping_name_zh",
    "fuping_name_en",
    "fuping_alias",
    "region_note",
    "indicator_name_zh",
    "indicator_name_en",
    "indicator_definition",
    "unit",
    "as_written",
    "quote",
    "note",
    "designation_title_zh",
    "designation_title_en",
    "designation_by",
    "designation_quote",
    "practice_name_zh",
    "practice_name_en",
    "practice_description",
    "practice_quote",
]


def _dataset(t: dict[str, str], value: float) -> dict[str, Any]:
    return {
        "format": 1,
        "sources": [
            {
                "id": "src",
                "title": t["source_title"],
                "publisher": t["source_publisher"],
                "url": "http://example.com/a",
                "authors": [t["source_author"]],
                "note": t["source_note"],
            }
        ],
        "regions": [
            {
                "id": "weinan",
                "name_zh": t["weinan_name_zh"],
                "name_en": t["weinan_name_en"],
                "level": "city",
                "code": "610500",
            },
            {
                "id": "fuping",
                "name_zh": t["fuping_name_zh"],
                "name_en": t["fuping_name_en"],
                "aliases": [t["fuping_alias"]],
                "level": "county",
                "parent": "weinan",
                "code": "610528",
                "note": t["region_note"],
            },
        ],
        "indicators": [
            {
                "id": "cases",
                "name_zh": t["indicator_name_zh"],
                "name_en": t["indicator_name_en"],
                "unit": t["unit"][:16],
                "category": "cases",
                "kind": "change",
                "definition": t["indicator_definition"],
            }
        ],
        "observations": [
            {
                "region": "fuping",
                "indicator": "cases",
                "period": 2023,
                "value": value,
                "unit": t["unit"][:16],
                "as_written": t["as_written"],
                "source": "src",
                "quote": t["quote"],
                "note": t["note"],
            }
        ],
        "designations": [
            {
                "id": "des",
                "title_zh": t["designation_title_zh"],
                "title_en": t["designation_title_en"],
                "year": 2023,
                "level": "city",
                "scope": "weinan",
                "conferred_by": t["designation_by"],
                "recipients": ["fuping"],
                "complete": True,
                "source": "src",
                "quote": t["designation_quote"],
            }
        ],
        "practices": [
            {
                "id": "prac",
                "name_zh": t["practice_name_zh"],
                "name_en": t["practice_name_en"],
                "kind": "practice",
                "region": "fuping",
                "description": t["practice_description"],
                "source": "src",
                "quote": t["practice_quote"],
            }
        ],
    }


COMMANDS = [
    ["list"],
    ["show", "fuping"],
    ["regions"],
    ["designations"],
    ["indicators"],
    ["sources"],
    ["search", "fuping"],
    # compare makes column headers of designation titles, indicator and region names.
    ["compare", "fuping", "weinan"],
    ["compare", "--year", "2023"],
]


# Fields whose text a command's JSON holds verbatim.
IN_JSON = {
    "list": ["quote", "note"],
    "regions": ["weinan_name_zh", "weinan_name_en", "fuping_alias"],
    "sources": ["source_title", "source_publisher"],
}

# Fields whose text a command's CSV holds in a cell of its own.
IN_CSV = {
    "list": ["quote", "note"],
    "regions": ["weinan_name_zh", "weinan_name_en"],
    "sources": ["source_title", "source_publisher"],
}


def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {s for item in value for s in _strings(item)}
    if isinstance(value, dict):
        return {s for item in value.values() for s in _strings(item)}
    return set()


strings_strategies = {
    "fields": st.fixed_dictionaries(dict.fromkeys(FIELDS, texts)),
    "value": st.one_of(st.integers(-(10**9), 10**9), st.floats(-1e9, 1e9)),
    "lang": st.sampled_from(["zh", "en"]),
}


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@budget(40)
@given(**strings_strategies)
def test_generated_strings_never_reach_the_output_raw(
    folder: Path, command: list[str], fields: dict[str, str], value: float, lang: str
) -> None:
    _check_strings(folder, command, fields, value, lang)


def _check_strings(
    folder: Path, command: list[str], fields: dict[str, str], value: float, lang: str
) -> None:
    dataset = _dataset(fields, value)
    (folder / "strings.yaml").write_text(_dump(dataset), encoding="utf-8")
    parsed_json: Any = None
    for fmt in ("table", "json", "csv", "markdown", "yaml"):
        argv = ["--no-cache", "--lang", lang, "--data", "strings.yaml", *command, "-o", fmt]
        outcome = run_main(argv, folder)
        assert outcome.exit == 0, outcome.stderr
        assert first_hidden(outcome.stderr) is None
        out = outcome.stdout
        if fmt == "csv":
            assert not out.startswith("\ufeff")  # a stream that is no file: no byte-order mark
            cells = set()
            for row in list(csv.reader(io.StringIO(out, newline="")))[1:]:
                for cell in row:
                    assert not cell.startswith(FORMULA_START), cell
                    assert not cell.startswith("-") or NUMBER.match(cell), cell
                    cells.add(cell)
            # CSV is data, not a terminal: every string comes back exactly, but for the "'"
            # that keeps a spreadsheet from running it as a formula.
            for name in IN_CSV.get(command[0], []):
                assert fields[name] in cells or "'" + fields[name] in cells, name
            continue
        assert first_hidden(out) is None, (fmt, first_hidden(out))
        if fmt == "json":
            parsed_json = json.loads(out)
            shown = _strings(parsed_json)
            # The strings come back exactly as written, control characters and all.
            for name in IN_JSON.get(command[0], []):
                assert fields[name] in shown, name
        if fmt == "yaml":
            assert yaml.safe_load(out) == parsed_json


# --- numbers at the edges ------------------------------------------------------------------------

# Every option that takes a number, with where the number goes.
NUMBER_OPTIONS = [
    ["list", "--year", "N"],
    ["list", "--limit", "N"],
    ["list", "--where", "value>=N"],
    ["list", "--where", "year<N"],
    ["compare", "--year", "N"],
    ["sum", "disputes-resolved", "--year", "N"],
    ["rank", "disputes-resolved", "--year", "N"],
    ["designations", "--year", "N"],
]
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=-(2**200), max_value=2**200),
    st.floats(allow_nan=True, allow_infinity=True),
).map(str) | st.sampled_from(["1e19", "1e400", "-0", "9" * 4400, "0x10", "1_000", "٣"])


@pytest.mark.parametrize("argv", NUMBER_OPTIONS, ids=" ".join)
@budget(60)
@given(number=numbers)
def test_any_number_is_an_answer_or_a_usage_error(argv: list[str], number: str) -> None:
    """No number, however large, small or odd, ends in a traceback (OverflowError was one)."""
    outcome = run_main(
        [word.replace("N", number) for word in argv] + ["--format", "json"], Path.cwd()
    )
    assert outcome.exit in (0, 2), outcome.stderr
    assert "Traceback" not in outcome.stderr
    if outcome.exit == 0:
        json.loads(outcome.stdout)
    else:
        assert outcome.stdout == ""
