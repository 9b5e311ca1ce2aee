"""The README's and the manual's examples are real: each `$ pingan …` block is run and its output
compared, each ```pycon block run as a doctest.

After a deliberate change, rewrite the outputs with `python -m tests.test_readme`.
"""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path

import pytest

from .helpers import pingan

README = Path(__file__).resolve().parents[1] / "README.md"
# The front door and every page of the manual.
PAGES = [README, *sorted((README.parent / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```console\n(.*?)^```", re.M | re.S)
PYTHON = re.compile(r"^```pycon\n(.*?)^```", re.M | re.S)


def _examples(text: str) -> list[tuple[str, str]]:
    examples = []
    for block in BLOCK.findall(text):
        command = None
        output: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    examples.append((command, "\n".join(output)))
                command, output = line[2:], []
            else:
                output.append(line)
        if command is not None:
            examples.append((command, "\n".join(output)))
    return examples


def _run(command: str) -> str:
    words = shlex.split(command)
    assert words[0] == "pingan", f"README examples run pingan, not {words[0]}"
    result = pingan(words[1:])
    assert result.exit_code == 0, result.output
    return "\n".join(line.rstrip() for line in result.stdout.rstrip("\n").splitlines())


def test_quick_start_is_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## Quick start\n(.*?)^```sh\n(.*?)^```", text, re.M | re.S)
    assert match, "README needs a '## Quick start' with a ```sh block"
    commands = [line for line in match.group(2).splitlines() if line.strip()]
    assert len(commands) == 2
    assert "pip install" in commands[0]
    assert "pingan" in commands[0]
    assert "pytest" in commands[1]


def test_the_readme_is_a_front_door() -> None:
    """What pingan is, the Quick start, a few examples and links: the manual lives in docs/."""
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    linked = set(re.findall(r"\]\((docs/[\w-]+\.md)\)", text))
    pages = {f"docs/{page.name}" for page in PAGES[1:]}
    assert linked == pages, linked ^ pages
    assert ".as_dict()" in "".join(PYTHON.findall(text)), "the Python example shows as_dict()"


def test_the_manual_has_the_designs_examples() -> None:
    commands = [c for _, c, _ in _page_examples()]
    for needed in (
        "pingan list",
        "pingan show fuping",
        "pingan compare --year 2023",
        "pingan compare --year 2023 --category cases --width 60",  # the narrow terminal
    ):
        assert any(c.startswith(needed) for c in commands), needed


def _page_examples() -> list[tuple[str, str, str]]:
    return [
        (page.name, command, expected)
        for page in PAGES
        for command, expected in _examples(page.read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize(
    ("page", "command", "expected"), _page_examples(), ids=lambda v: str(v)[:40]
)
def test_example_output(
    page: str, command: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(README.parent)  # examples name files relative to the repository
    assert _run(command) == expected


def test_the_python_api_page_has_examples() -> None:
    examples = PYTHON.findall((README.parent / "docs" / "api.md").read_text(encoding="utf-8"))
    assert examples, "docs/api.md needs ```pycon examples"
    assert "pingan_cli.open()" in examples[0]


def _python_blocks() -> list[tuple[str, str]]:
    return [
        (page.name, block) for page in PAGES for block in PYTHON.findall(page.read_text("utf-8"))
    ]


@pytest.mark.parametrize(("page", "block"), _python_blocks(), ids=lambda v: str(v)[:30])
def test_python_examples_run(page: str, block: str) -> None:
    """Each ```pycon block runs as a doctest: its output is what the API returns."""
    test = doctest.DocTestParser().get_doctest(block, {}, page, page, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    failures: list[str] = []
    runner.run(test, out=failures.append)
    assert runner.failures == 0, "".join(failures)


def test_text_limits_are_stated_as_the_models_enforce_them() -> None:
    from typing import get_args

    from pingan_cli.load.models import ShortText, Text

    def limit(annotated: object) -> int:
        found = [m.max_length for m in get_args(annotated)[1:] if hasattr(m, "max_length")]
        return int(found[0])

    names, text = limit(ShortText), limit(Text)
    assert (names, text) == (200, 2000)
    page = (README.parent / "docs" / "data-format.md").read_text(encoding="utf-8")
    assert f"| {names} characters |" in page
    assert f"| {text:,} characters |" in page
    assert f"is at most {names} characters" in page
    assert f"at most {text:,};" in page


def update_readme() -> None:
    """Rewrite every example's output from a real run (`python -m tests.test_readme`)."""

    def replace(match: re.Match[str]) -> str:
        parts = [f"$ {command}\n{_run(command)}" for command, _ in _examples(match.group(0))]
        return "```console\n" + "\n".join(parts) + "\n```"

    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        page.write_text(BLOCK.sub(replace, text), encoding="utf-8")


if __name__ == "__main__":
    update_readme()


def test_quick_start_says_where_to_run_it() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Quick start") :].split("```sh")[0]
    assert "clone" in section
    assert "virtual environment" in section


def test_the_manual_says_what_columns_does_to_piped_output() -> None:
    text = (README.parent / "docs" / "querying.md").read_text(encoding="utf-8")
    assert "`COLUMNS`, when set, is taken as the width wherever the output goes" in text


def test_the_manual_shows_the_options() -> None:
    commands = " ".join(c for _, c, _ in _page_examples())
    for option in (
        "--count-by",
        "--columns",
        "--format tsv",
        "pingan info",
        "-i 巡段",
        "-c 治安防控",
    ):
        assert option in commands, option
