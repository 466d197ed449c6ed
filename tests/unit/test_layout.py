"""The core's shape: platform-neutral, no import cycle, and no module importing a capability above it."""

import ast
import re
from pathlib import Path

from bot.capabilities import CAPABILITIES, LAYERS

FORBIDDEN = ("adapters", "slack_bolt", "slack_sdk", "telegram")
ROOT = Path(__file__).resolve().parents[2]
BOT = ROOT / "bot"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imported_modules(path: Path, *, runtime_only: bool = False):
    """Every module a file imports; with runtime_only, not those under `if TYPE_CHECKING:` (never executed)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = set()
    if runtime_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and _is_type_checking(node):
                skipped.update(id(n) for child in node.body for n in ast.walk(child))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            # `from bot.sla import service` imports the module bot.sla.service
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            yield str(node.args[0].value)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in BOT.rglob("*.py") if "versions" not in p.parts}


def layer_of(name: str) -> int:
    """The layer of a module: the longest LAYERS entry that is the module or a package above it."""
    best, found = -1, None
    for index, layer in enumerate(LAYERS):
        for entry in layer:
            if (name == entry or name.startswith(entry + ".")) and len(entry) > best:
                best, found = len(entry), index
    assert found is not None, f"{name} is in no layer of bot/capabilities.py"
    return found


def internal_imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    return {m for m in imported_modules(path, runtime_only=True) if m in known and m != name}


def test_core_never_imports_adapters_or_platforms():
    files = list(BOT.rglob("*.py"))
    assert len(files) > 10
    offenders = [f"{path.relative_to(BOT.parent)}: {name}" for path in files for name in imported_modules(path)
                 if name.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_no_module_imports_a_capability_above_its_own():
    known = modules()
    offenders = [f"{name} (layer {layer_of(name)}) imports {dep} (layer {layer_of(dep)})"
                 for name, path in known.items() for dep in internal_imports(name, path, known)
                 if layer_of(dep) > layer_of(name)]
    assert offenders == []


def find_cycles(graph: dict[str, set[str]]) -> list[str]:
    """Each import cycle once it is met, as `a → b → a`."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append(" → ".join(trail[trail.index(dep):] + [dep]))
            elif dep not in state:
                visit(dep, trail + [dep])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return cycles


def test_bot_has_no_import_cycle():
    known = modules()
    graph = {name: internal_imports(name, path, known) - {"bot"} for name, path in known.items()}
    assert len(graph) > 60
    assert find_cycles(graph) == []


def test_the_cycle_check_finds_a_cycle(tmp_path):
    """The checks above can fail: a cycle is found, and an import is seen in every form it is written."""
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a → b → c → a"]
    assert find_cycles({"a": {"b"}, "b": set()}) == []
    (tmp_path / "m.py").write_text("import x\nfrom y import z\nif TYPE_CHECKING:\n    import t\n")
    assert set(imported_modules(tmp_path / "m.py", runtime_only=True)) == {"x", "y", "y.z"}
    assert "t" in set(imported_modules(tmp_path / "m.py"))


def test_every_capability_folder_is_registered_and_the_readme_shows_the_layers_in_order():
    registered = {name.split(".")[1] for name in CAPABILITIES}
    with_handlers = {p.parent.name for p in BOT.glob("*/handlers.py")}
    assert with_handlers == registered
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout"):]
    layout = layout[:layout.index("```", layout.index("```") + 3)]
    folders = [m.group(1) for m in re.finditer(r"^\s{2}(\w+)/", layout, re.M)]
    capability_layers = [layer[0].removeprefix("bot.") for layer in LAYERS[1:-1]]
    assert [f for f in folders if f in capability_layers] == capability_layers
