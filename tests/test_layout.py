"""The package's shape: one folder per step of the data flow, each importing only the steps below.

Imports are read from the source with ast, so an import inside a function (or under
TYPE_CHECKING) counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "src" / "pingan_cli"
README = REPO / "README.md"

# Each step of the flow and the steps it may import; a module loose at the top of the package is a
# step of its own. Data flows load → store → query → records → views → render → cli.
STEPS: dict[str, set[str]] = {
    "_version": set(),
    "suggest": set(),
    "atomic": set(),
    "visible": set(),
    "records": set(),
    "load": {"records", "suggest"},
    "store": {"load", "records", "suggest", "atomic", "_version"},
    "query": {"store", "load", "records", "suggest"},
    "result": {"suggest", "visible"},
    "views": {"records", "result", "visible"},
    "render": {"records", "result", "visible"},
    "export": {"store", "load", "records", "atomic", "_version"},
    "extraction": {"load", "records", "result", "suggest", "visible"},
    "api": {"store", "query", "load", "records", "views", "export", "atomic"},
    "cli": {
        "api",
        "load",
        "records",
        "result",
        "views",
        "render",
        "export",
        "extraction",
        "suggest",
        "atomic",
        "visible",
        "_version",
    },
    "__main__": {"cli"},
}
# Steps a folder holds; what is not a folder is a module at the top of the package.
FOLDERS = {"load", "store", "query", "records", "views", "render", "export", "extraction", "cli"}
MAX_LOOSE = 12


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def modules() -> dict[str, Path]:
    """Every module of the package by dotted name inside it ('' is the package itself)."""
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


@functools.cache
def _nodes(path: Path) -> list[ast.AST]:
    return list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def _step(module: str) -> str:
    return module.split(".")[0] if module else "__init__"


@functools.cache
def imports(module: str) -> tuple[frozenset[str], frozenset[str]]:
    """(modules of the package, top-level outside packages) that one module imports."""
    known = modules()
    path = known[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    package = [p for p in package if p]
    inside: set[str] = set()
    outside: set[str] = set()
    for found in _nodes(path):
        if isinstance(found, ast.ImportFrom):
            name = found.module or ""
            if found.level == 0 and not name.startswith("pingan_cli"):
                outside.add(name.split(".")[0])
                continue
            if found.level == 0:
                base = name.split(".")[1:]
            else:
                base = [*package[: len(package) - found.level + 1], *name.split(".")]
                base = [part for part in base if part]
            for alias in found.names:
                target = ".".join([*base, alias.name])
                inside.add(target if target in known else ".".join(base))
        elif isinstance(found, ast.Import):
            for alias in found.names:
                if alias.name.startswith("pingan_cli"):
                    inside.add(".".join(alias.name.split(".")[1:]))
                else:
                    outside.add(alias.name.split(".")[0])
    return frozenset(inside - {module}), frozenset(outside)


def graph() -> dict[str, set[str]]:
    """Module → modules it imports. The package's own __init__ re-exports the API lazily (a
    module __getattr__), so its imports run only when a name is first asked for: no edge."""
    return {name: {m for m in imports(name)[0] if m} for name in modules() if name}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_cycle_finder_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_imports_another_in_a_circle() -> None:
    assert find_cycle(graph()) is None


def test_every_module_belongs_to_a_step() -> None:
    steps = {_step(name) for name in modules() if name}
    assert steps == set(STEPS), steps ^ set(STEPS)
    assert {s for s in steps if (PACKAGE / s).is_dir()} == FOLDERS


def test_each_step_imports_only_the_steps_below_it() -> None:
    wrong = sorted(
        f"{name} imports {target}"
        for name, targets in graph().items()
        for target in targets
        if _step(target) != _step(name) and _step(target) not in STEPS[_step(name)]
    )
    assert not wrong


def test_the_steps_themselves_form_no_circle() -> None:
    assert find_cycle({step: set(allowed) for step, allowed in STEPS.items()}) is None


def test_the_rule_catches_an_import_running_back_up() -> None:
    edges = {"query.figures": {"views.listing"}}
    assert any(_step(t) not in STEPS[_step(n)] for n, ts in edges.items() for t in ts)


@pytest.mark.parametrize(("library", "step"), [("click", "cli"), ("rich", "render")])
def test_one_step_imports_click_and_one_imports_rich(library: str, step: str) -> None:
    users = {_step(name) for name in modules() if library in imports(name)[1]}
    assert users == {step}


def test_the_command_line_asks_the_api_and_runs_no_sql() -> None:
    """Like sqlite-utils' cli over its Database: cli/ reaches the store only through api.py."""
    for name, path in modules().items():
        if _step(name) != "cli":
            continue
        inside, outside = imports(name)
        assert "sqlite3" not in outside, name
        assert not {_step(m) for m in inside} & {"store", "query"}, name
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b|\.execute\(", text), path


def test_new_step_folders_have_empty_init_files() -> None:
    for folder in FOLDERS - {"records", "extraction"}:
        assert (PACKAGE / folder / "__init__.py").read_text(encoding="utf-8") == "", folder


def test_few_modules_lie_loose_at_the_top() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py")]
    assert len(loose) <= MAX_LOOSE, loose


def test_no_folder_module_shares_a_name_with_one_at_the_top() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    inner = {p.stem for p in PACKAGE.glob("*/*.py")}
    assert not top & inner


def test_no_two_public_classes_share_a_name() -> None:
    """Outside cli/ (whose modules each define `command`), one class a name."""
    seen: dict[str, list[str]] = {}
    for name, path in modules().items():
        if _step(name) == "cli":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                seen.setdefault(node.name, []).append(name)
    assert {k: v for k, v in seen.items() if len(v) > 1} == {}


def test_the_readme_table_names_every_folder_and_top_module() -> None:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| folder or module") :].split("\n\n")[0]
    named = set(re.findall(r"^\| `(\w+)(?:\.py|/)`", table, re.MULTILINE))
    wanted = {p.stem for p in PACKAGE.glob("*.py")} | FOLDERS
    assert named == wanted, named ^ wanted
