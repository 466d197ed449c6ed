"""The core stays platform-neutral: nothing under bot/ imports an adapter or a platform SDK."""

import ast
from pathlib import Path

FORBIDDEN = ("adapters", "slack_bolt", "slack_sdk", "telegram")
BOT = Path(__file__).resolve().parents[2] / "bot"


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            yield str(node.args[0].value)


def test_core_never_imports_adapters_or_platforms():
    files = list(BOT.rglob("*.py"))
    assert len(files) > 10
    offenders = [f"{path.relative_to(BOT.parent)}: {name}" for path in files for name in imported_modules(path)
                 if name.split(".")[0] in FORBIDDEN]
    assert offenders == []
