"""The package's shape: imports flow one way through its layers, no cycles, small modules.

The import graph is read from the source with ``ast`` (nothing is imported). A module imports only
from its own layer or a lower one; an import inside a function is allowed only to defer a heavy
optional dependency, and says which in a comment just above it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kiosk"

# The layers, lowest first: core <- readers <- config <- board <- fetch <- layout <- render <- shell <- CLI.
LAYERS: dict[str, int] = {
    "kiosk": 0,
    "kiosk.core": 0,
    "kiosk.formats": 1,
    "kiosk.sides": 1,
    "kiosk.config": 2,
    "kiosk.board": 3,
    "kiosk.fetch": 4,
    "kiosk.layout": 5,
    "kiosk.render": 6,
    "kiosk.report": 7,
    "kiosk.shell": 7,
    "kiosk.cli": 8,
    "kiosk.__main__": 8,
}
MAX_LINES = 400
MAX_TOP_LEVEL = 6


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the kiosk module imported
    line: int
    in_function: bool
    explained: bool  # a comment just above it (or on its line) says why it waits


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int:
    parts = module.split(".")
    for length in range(len(parts), 0, -1):
        rank = LAYERS.get(".".join(parts[:length]))
        if rank is not None and (length > 1 or module == "kiosk"):
            return rank
    raise AssertionError(f"{module} is in no layer: add its package to LAYERS (and to HELPERS.md)")


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    # ``from kiosk.board import carousel`` imports the module kiosk.board.carousel.
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]


_NOT_A_REASON = re.compile(r"#\s*(noqa|type:\s*ignore)\b[^#]*")


def _explained(lines: list[str], line: int) -> bool:
    """A comment on the import's line, or just above it or the imports above it; a bare ``noqa`` or
    ``type: ignore`` says nothing about why."""
    if "#" in _NOT_A_REASON.sub("", lines[line - 1]):
        return True
    above = line - 2
    while above >= 0 and lines[above].strip().startswith(("import ", "from ")):
        above -= 1  # one comment serves the imports under it
    return above >= 0 and lines[above].strip().startswith("#")


def imports_of(module: str, path: Path) -> list[Import]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    nested: set[int] = set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            nested.update(
                id(node) for node in ast.walk(function) if isinstance(node, ast.Import | ast.ImportFrom)
            )
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and ast.unparse(node.func).endswith(("import_module", "__import__")):
            found.append(Import(module, "<import_module>", node.lineno, True, False))
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for target in _targets(node, module, path.name == "__init__.py"):
            in_function = id(node) in nested
            explained = in_function and _explained(lines, node.lineno)
            found.append(Import(module, target, node.lineno, in_function, explained))
    return found


IMPORTS = [found for module, path in MODULES.items() for found in imports_of(module, path)]
INTERNAL = [found for found in IMPORTS if found.target == "kiosk" or found.target.startswith("kiosk.")]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def graph(imports: list[Import]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for found in imports:
        edges.setdefault(found.module, set()).add(found.target)
    return edges


def test_the_graph_is_read_from_the_source() -> None:
    """The reader finds what it must: the loop imports the scene, and the CLI the loop."""
    edges = graph(INTERNAL)
    assert "kiosk.shell.scene" in edges["kiosk.shell.app"]
    assert any(target.startswith("kiosk.shell") for target in edges["kiosk.cli"])
    assert len(MODULES) > 50


def test_no_import_cycle() -> None:
    assert cycles(graph(INTERNAL)) == []


def test_a_cycle_is_found() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]


def test_imports_flow_down_the_layers() -> None:
    upward = [
        f"{found.module}:{found.line} (layer {layer(found.module)}) imports {found.target} "
        f"(layer {layer(found.target)})"
        for found in INTERNAL
        if found.target in MODULES and layer(found.target) > layer(found.module)
    ]
    assert upward == []


def test_no_module_is_found_by_name_at_run_time() -> None:
    """``import_module`` hides an import from this graph (and from a reader)."""
    hidden = [f"{found.module}:{found.line}" for found in IMPORTS if found.target == "<import_module>"]
    assert hidden == []


def test_an_import_inside_a_function_says_what_it_defers() -> None:
    unexplained = [
        f"{found.module}:{found.line} imports {found.target}"
        for found in IMPORTS
        if found.in_function and not found.explained and found.target != "<import_module>"
    ]
    assert unexplained == []


@pytest.mark.parametrize(
    ("line", "above", "explained"),
    [
        ("    import budoux", "    # Deferred: BudouX loads with the first Japanese line.", True),
        ("    import budoux", "    x = 1", False),
        ("    import budoux  # Deferred: the first Japanese line", "    x = 1", True),
        ("    import budoux  # noqa: F401", "    x = 1", False),
    ],
)
def test_an_explanation_is_a_comment_just_above(line: str, above: str, explained: bool) -> None:
    assert _explained([above, line], 2) is explained


def test_modules_fit_on_a_few_screens() -> None:
    long = {
        str(path.relative_to(PACKAGE.parent)): lines
        for path in MODULES.values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_top_of_the_package_is_its_face() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL, top


def test_every_package_is_in_a_layer() -> None:
    for module in MODULES:
        assert re.fullmatch(r"kiosk(\.\w+)*", module)
        layer(module)
