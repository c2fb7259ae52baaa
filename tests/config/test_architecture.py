"""The declared dependency direction, checked from the source: pagebuilder → styleguides → websites and
pagebuilder → registry → websites, monitoring (metrics, alerts, budgets) below pagebuilder and styleguides and
above registry and websites, with ``config`` (settings, URLs, the API's assembly) above them all. Every
import counts, also one inside a function; a migration's dependencies count as imports. No module may import
against the direction, and no two modules may import each other, directly or around a longer cycle."""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("config", "websites", "registry", "monitoring", "styleguides", "pagebuilder")
# What each top-level package may import of ours (besides itself).
ALLOWED = {
    "websites": set(),
    "registry": {"websites"},
    "monitoring": {"websites", "registry"},
    "styleguides": {"websites", "monitoring"},
    "pagebuilder": {"websites", "registry", "styleguides", "monitoring"},
    "config": {"websites", "registry", "monitoring", "styleguides", "pagebuilder"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for app in APPS for path in (ROOT / app).rglob("*.py")}


def imports_of(path: Path, known: dict[str, Path]) -> set[str]:
    """Our modules ``path`` imports (``from a.b import c`` is ``a.b``, and ``a.b.c`` too when that is a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)  # ``from a.b import c`` runs a.b (its __init__) even when c is a module
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                if target in known:
                    found.add(target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in known}


def migration_dependencies(path: Path) -> set[str]:
    """The apps a migration depends on (its ``dependencies`` list)."""
    apps = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "dependencies" for t in node.targets):
            for entry in getattr(node.value, "elts", []):
                if isinstance(entry, ast.Tuple):  # swappable_dependency(...) is the user model: not ours
                    apps.add(ast.literal_eval(entry)[0])
    return apps & set(APPS)


def graph() -> dict[str, set[str]]:
    known = modules()
    edges = defaultdict(set)
    for name, path in known.items():
        edges[name] = imports_of(path, known) - {name}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_goes_against_the_declared_direction():
    wrong = []
    for name, targets in graph().items():
        app = name.split(".")[0]
        wrong += [f"{name} imports {target}" for target in targets
                  if target.split(".")[0] != app and target.split(".")[0] not in ALLOWED[app]]  # fmt: skip
    assert wrong == []


def test_no_migration_depends_against_the_declared_direction():
    wrong = []
    for app in APPS:
        for path in (ROOT / app).glob("migrations/0*.py"):
            wrong += [f"{app}/{path.name} depends on {other}" for other in migration_dependencies(path)
                      if other != app and other not in ALLOWED[app]]  # fmt: skip
    assert wrong == []


def test_no_modules_import_each_other():
    assert cycles(graph()) == []


def test_the_checks_see_what_they_look_for():
    """The helpers are not blind: a made-up cycle and a function-level import are found."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    edges = graph()
    assert "pagebuilder.pages" in edges["pagebuilder.refine"], "from-imports of a module's names count"
    assert "registry.embeddings.local" in edges["registry.embeddings"], "imports inside functions count"
