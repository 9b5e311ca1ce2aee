"""The YAML composer's steps, one by one: values, where they stood, keys, aliases, the counts.

Run with libyaml's parser and with PyYAML's pure-Python one: both must compose the same.
The corpus of bad inputs (tests/bad_inputs) covers the messages seen on the command line.
"""

from __future__ import annotations

import pytest
import yaml

from pingan_cli.load import yamlread
from pingan_cli.load.problems import DataError

LOADERS = pytest.mark.parametrize("loader", [yaml.CSafeLoader, yaml.SafeLoader], ids=["c", "py"])


@LOADERS
def test_nested_values_and_where_each_began(loader: type) -> None:
    text = 'top:\n  items:\n    - id: a\n      size: 1.10\n    - id: "b"\n      size: "1.10"\n'
    document = yamlread.parse(text, "x.yaml", loader)
    assert document.value == {
        "top": {"items": [{"id": "a", "size": 1.1}, {"id": "b", "size": "1.10"}]}
    }
    assert document.problems == []
    assert document.locate(()) == (1, 1)
    assert document.locate(("top", "items")) == (3, 5)
    assert document.locate(("top", "items", 1)) == (5, 7)
    assert document.locate(("top", "items", 1, "id")) == (5, 11)
    assert document.locate_key(("top", "items", 1, "size")) == (6, 7)
    # A plain scalar read as a number keeps its text; a quoted one is text already.
    assert document.as_written(("top", "items", 0, "size")) == "1.10"
    assert document.as_written(("top", "items", 1, "size")) is None
    assert document.as_written(("top", "items", 0, "id")) is None
    # A path past the recorded values stops at the deepest one there is.
    assert document.locate(("top", "items", 0, "missing")) == (3, 7)


@LOADERS
def test_a_document_that_is_one_scalar_or_nothing(loader: type) -> None:
    document = yamlread.parse("  010\n", "x.yaml", loader)
    assert (document.value, document.locate(())) == ("010", (1, 3))
    number = yamlread.parse("-2.5\n", "x.yaml", loader)
    assert (number.value, number.as_written(())) == (-2.5, "-2.5")
    empty = yamlread.parse("# nothing\n", "x.yaml", loader)
    assert (empty.value, empty.locate(())) == (None, (None, None))


@LOADERS
def test_duplicate_keys_are_problems_and_reading_goes_on(loader: type) -> None:
    text = "a:\n  b: 1\n  c: [x, {d: 1, d: 2}]\n  b: 3\ne: 4\n"
    document = yamlread.parse(text, "x.yaml", loader)
    # YAML's rule (the last wins) is kept in the value; the problem says to keep one.
    assert document.value == {"a": {"b": 3, "c": ["x", {"d": 2}]}, "e": 4}
    found = [(p.line, p.column, p.path, p.message) for p in document.problems]
    assert found == [
        (3, 17, ("a", "c", 1, "d"), "duplicate key 'd' (first at column 11); keep one: "
         "YAML would silently use the last"),
        (4, 3, ("a", "b"), "duplicate key 'b' (first at line 2); keep one: "
         "YAML would silently use the last"),
    ]  # fmt: skip
    # Where a key is first written is where a message about it points.
    assert document.locate_key(("a", "b")) == (2, 3)


@LOADERS
def test_aliases_reuse_the_value_and_anchored_keys_their_text(loader: type) -> None:
    text = "base: &b {x: 1, y: [2, 3]}\ncopy: *b\n&k name: *b\nagain: *k\n"
    document = yamlread.parse(text, "x.yaml", loader)
    base = {"x": 1, "y": [2, 3]}
    assert document.value == {"base": base, "copy": base, "name": base, "again": "name"}
    assert document.locate(("copy",)) == (2, 7)


def test_values_are_counted_as_expanded_through_aliases(monkeypatch: pytest.MonkeyPatch) -> None:
    # 1 mapping + key a + sequence + 3 items + key b + the alias expanded (4) = 11 values.
    text = "a: &x [1, 2, 3]\nb: *x\n"
    monkeypatch.setattr(yamlread, "MAX_VALUES", 11)
    assert yamlread.parse(text, "x.yaml").value == {"a": [1, 2, 3], "b": [1, 2, 3]}
    monkeypatch.setattr(yamlread, "MAX_VALUES", 10)
    with pytest.raises(DataError, match=r"x\.yaml:2:4: expands to more than 10 values"):
        yamlread.parse(text, "x.yaml")
    monkeypatch.setattr(yamlread, "MAX_VALUES", 5)
    with pytest.raises(DataError, match=r"x\.yaml:1:14: holds more than 5 values"):
        yamlread.parse(text, "x.yaml")


@LOADERS
def test_nesting_is_limited_at_the_level_that_crosses_it(
    loader: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlread, "MAX_DEPTH", 3)
    assert yamlread.parse("a: [[1]]\n", "x.yaml", loader).value == {"a": [[1]]}
    with pytest.raises(DataError, match=r"x\.yaml:1:6: nests deeper than"):
        yamlread.parse("a: [[[1]]]\n", "x.yaml", loader)


@LOADERS
@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a: 1\n---\nb: 2\n", "2:1", "holds several YAML documents"),
        ("a: !!str 1\n", "1:4", "the YAML tag !!str is not allowed"),
        ("? [a]\n: 1\n", "1:3", "a key must be plain text"),
        ("a: &x 1\n*x : 2\n", "2:1", "a key cannot be an alias"),
        ("a: *x\n", "1:4", "alias *x has no anchor &x before it"),
        ("a: &x [1, *x]\n", "1:11", "alias *x refers to a value it is inside"),
    ],
)
def test_each_refusal_names_where(loader: type, text: str, where: str, message: str) -> None:
    with pytest.raises(DataError) as raised:
        yamlread.parse(text, "x.yaml", loader)
    assert str(raised.value).startswith(f"x.yaml:{where}: {message}")
