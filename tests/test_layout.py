"""The package's shape: no import cycles, click in one module, rich only in rendering, all named.

Imports are read from the source with ast, so an import inside a function counts as much as one at
the top of a module.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

from .conftest import REPO

PACKAGE = REPO / "src" / "pingan_cli"
README = REPO / "README.md"


@functools.cache
def modules() -> dict[str, list[Path]]:
    """The package's modules, and each subpackage (`cli/`, `extraction/`) as one, with its files."""
    found = {path.stem: [path] for path in sorted(PACKAGE.glob("*.py"))}
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        found[init.parent.name] = sorted(init.parent.rglob("*.py"))
    return found


@functools.cache
def _nodes(path: Path) -> list[ast.AST]:
    return list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def imports(node: str, files: list[Path]) -> tuple[set[str], set[str]]:
    """(modules of the package, top-level third-party or stdlib packages) that a node imports."""
    known = set(modules())
    inside: set[str] = set()
    outside: set[str] = set()
    for path in files:
        where = path.relative_to(PACKAGE).parent.parts  # the subpackage a file is in, if any
        for found in _nodes(path):
            if isinstance(found, ast.ImportFrom):
                module = found.module or ""
                if found.level == 0 and not module.startswith("pingan_cli"):
                    outside.add(module.split(".")[0])
                    continue
                if found.level == 0:
                    parts = module.split(".")[1:]
                else:  # relative: up from the file's own package, level - 1 times
                    parts = [*where[: len(where) - found.level + 1], *module.split(".")]
                    parts = [part for part in parts if part]
                if parts:
                    inside.add(parts[0])
                else:  # from . import x at the top: a module, or a name of the package itself
                    for alias in found.names:
                        inside.add(alias.name if alias.name in known else "__init__")
            elif isinstance(found, ast.Import):
                for alias in found.names:
                    if alias.name.startswith("pingan_cli."):
                        inside.add(alias.name.split(".")[1])
                    else:
                        outside.add(alias.name.split(".")[0])
    return inside - {node}, outside


def graph() -> dict[str, set[str]]:
    # NOTE: __init__ holds the version and re-exports the API lazily (module __getattr__); its
    # imports run only when a name of the API is first asked for, so it is no node of a cycle.
    return {
        name: {m for m in imports(name, files)[0] if m != "__init__"}
        for name, files in modules().items()
        if name != "__init__"
    }


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


def test_the_package_has_no_import_cycles() -> None:
    assert find_cycle(graph()) is None


# The rendering modules that draw for the terminal or an SVG picture: the only ones using rich.
RICH_USERS = {"tables", "termcharts", "richsvg"}


def test_only_the_cli_imports_click_and_only_rendering_imports_rich() -> None:
    users = {name: imports(name, files)[1] for name, files in modules().items()}
    assert {name for name, used in users.items() if "click" in used} == {"cli"}
    assert {name for name, used in users.items() if "rich" in used} <= RICH_USERS


def test_the_command_line_asks_the_api_and_runs_no_sql() -> None:
    """Like sqlite-utils' cli over its Database: cli/ reaches the store only through api.py."""
    inside, outside = imports("cli", modules()["cli"])
    assert "sqlite3" not in outside
    assert not inside & {"store", "rankings", "pipeline"}
    for path in modules()["cli"]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b|\.execute\(", text), path


def test_the_core_imports_no_rendering_and_no_command_line() -> None:
    core = ("models", "records", "queries", "api", "store", "pipeline", "cache", "loader")
    edges = graph()
    for name in core:
        assert not edges[name] & {"cli", "tables", "output", "render", "views"}, name


def test_the_readme_layout_names_every_module() -> None:
    text = README.read_text(encoding="utf-8")
    layout = text[text.index("Layout:") :].split("\n\n")[0]
    named = set(re.findall(r"`(\w+)(?:\.py|/)`", layout))
    assert named == set(modules()), set(modules()) ^ named
