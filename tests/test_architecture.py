"""The house as drawn: parts import one way, and nothing goes round in a circle.

Every import in sitegen/ counts, at the top of a module or inside a function
(a late import is still an arrow). Each part's ``__init__.py`` says in words
what the table below says in code.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sitegen"

# part → the parts it may import (besides itself); listed from the bottom up
MAY_IMPORT = {
    "core": set(),
    "archive": {"core"},
    "markdown": {"core"},
    "render": {"core", "archive", "markdown"},
    "search": {"core", "archive", "markdown"},
    "build": {"core", "archive", "markdown", "render", "search"},
    "serve": {"core", "build"},
    "check": {"core", "archive", "markdown", "render"},
    "ingest": {"core", "archive"},
    "cli": {"core", "archive", "markdown", "render", "search", "build", "serve", "check", "ingest"},
}
# Render sees records, never files: the modules that read article files are not for it.
FILE_READERS = {"sitegen.core.textfile", "sitegen.archive.article", "sitegen.archive.frontmatter",
                "sitegen.archive.load"}
# Inside build/, the stages never import the engine that drives them.
BUILD_STAGES = {"sitegen.build.pipeline", "sitegen.build.site_folder", "sitegen.build.search_index"}
BUILD_ENGINE = {"sitegen.build.engine", "sitegen.build.last_build", "sitegen.build.input_stamp",
                "sitegen.build.input_walk", "sitegen.build.page_digests", "sitegen.build.parallel_render",
                "sitegen.build.parallel_read", "sitegen.build.template_cache"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The sitegen modules a file imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from sitegen.x import y": y may be a module of its own
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name.startswith("sitegen.") or name == "sitegen":
                found.add(name)
    return found


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(path, known) - {name} for name, path in found.items()}


def part_of(module: str) -> str | None:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 2 or (len(pieces) == 2 and pieces[1] in MAY_IMPORT) else None


def test_every_part_is_a_folder_with_a_docstring():
    for part in MAY_IMPORT:
        init = PACKAGE / part / "__init__.py"
        assert init.is_file(), part
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{part}/__init__.py says nothing"


def test_no_module_sits_outside_a_part():
    loose = [m for m in modules() if part_of(m) is None and m not in ("sitegen", "sitegen.__main__")]
    assert loose == []


def test_parts_import_only_the_parts_below_them():
    wrong = []
    for module, imported in graph().items():
        part = part_of(module)
        if part is None:
            continue
        for target in imported:
            other = part_of(target)
            if other is not None and other != part and other not in MAY_IMPORT[part]:
                wrong.append(f"{module} → {target}")
    assert wrong == []


def test_render_sees_records_never_files():
    wrong = [f"{m} → {t}" for m, imported in graph().items() if part_of(m) == "render"
             for t in imported if t in FILE_READERS]
    assert wrong == []


def test_build_stages_do_not_import_the_engine():
    wrong = [f"{m} → {t}" for m, imported in graph().items() if m in BUILD_STAGES
             for t in imported if t in BUILD_ENGINE]
    assert wrong == []


def test_the_engine_modules_named_here_exist():
    known = set(modules())
    assert (BUILD_STAGES | BUILD_ENGINE | FILE_READERS) - known == set()


def test_no_import_goes_round_in_a_circle():
    edges = graph()
    circles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges.get(module, ())):
            if state.get(target) == 1:
                circles.append(" → ".join(path[path.index(target):] + [target]))
            elif target not in state:
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert circles == []
