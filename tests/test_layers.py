"""The layers stay what README's "How it works" says: guide/ is plain Python that knows nothing of MkDocs,
Material or static-i18n, and its modules import each other without a cycle."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "guide"
THEME = ("mkdocs", "material", "mkdocs_static_i18n")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_at_run_time(path: Path) -> set[str]:
    """The modules a file imports when it runs (imports under `if TYPE_CHECKING:` are for the type checker)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_the_guide_package_imports_nothing_of_mkdocs_or_its_theme():
    script = ("import sys, pkgutil, importlib, guide\n"
              "for module in pkgutil.walk_packages(guide.__path__, 'guide.'):\n"
              "    if not module.name.endswith('__main__'):\n"
              "        importlib.import_module(module.name)\n"
              f"print(sorted(m for m in sys.modules if m.split('.')[0] in {THEME!r}))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_guide_package_has_no_import_cycle():
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = {name: {imported for imported in imports_at_run_time(path) if imported in modules and imported != name}
             for name, path in modules.items()}
    cycles = []

    def walk(name: str, trail: list[str]) -> None:
        for imported in sorted(graph[name]):
            if imported in trail:
                cycles.append(" -> ".join([*trail[trail.index(imported):], imported]))
            elif len(trail) < len(modules):
                walk(imported, [*trail, imported])

    for name in sorted(graph):
        walk(name, [name])
    # a package's __init__ importing its own modules is no cycle unless one of them imports it back
    assert sorted(set(cycles)) == []
