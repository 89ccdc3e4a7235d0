"""The package's layout holds: a stage never imports a later one, and SQL is written only under store/.

The stage order is the README's ("How it works"): ingest -> clean -> attribution -> events -> themes ->
store. The shared base (models, errors, settings, data files, the text toolkit, the stage contract,
versions) imports no stage. What runs the stages (the CLI, the web app, evaluation, search ...) comes
after all of them: no stage imports it. Imports inside functions count too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import onrecord

PACKAGE = Path(onrecord.__file__).parent
STAGES = ("ingest", "clean", "attribution", "events", "themes", "store")
BASE = frozenset({"models", "errors", "settings", "datafiles", "text", "pipeline", "versions"})
_SQL = re.compile(r"\b(?:SELECT|INSERT INTO|DELETE FROM|CREATE (?:TABLE|INDEX|VIRTUAL)|PRAGMA)\b|\.execute")


def _rank(module: str) -> int | None:
    """-1 for the base, a stage's place in ``STAGES``, ``len(STAGES)`` for what runs the stages (cli,
    web, evaluation ...), None for the package itself (``from onrecord import __version__``)."""
    parts = module.split(".")
    if len(parts) < 2 or parts[1].startswith("__"):
        return None
    if parts[1] in BASE:
        return -1
    return STAGES.index(parts[1]) if parts[1] in STAGES else len(STAGES)


def _modules() -> list[tuple[str, Path]]:
    return [
        ("onrecord." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts), path)
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name.startswith("onrecord.")}


def test_no_stage_imports_a_later_one() -> None:
    wrong = []
    for module, path in _modules():
        own = _rank(module)
        if own is None or own == len(STAGES):
            continue
        for name in sorted(_imported(path)):
            other = _rank(name)
            if other is not None and other > own:
                wrong.append(f"{module} imports {name}")
    assert not wrong


def test_sql_is_written_only_under_store() -> None:
    outside = [
        f"{module}: {line.strip()}"
        for module, path in _modules()
        if not module.startswith("onrecord.store.")
        for line in path.read_text(encoding="utf-8").splitlines()
        if _SQL.search(line)
    ]
    assert not outside
