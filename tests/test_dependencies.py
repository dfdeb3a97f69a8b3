"""Every library the app imports, directly or through jusText's moved `lxml.html.clean`, is a
declared dependency, so a fresh `pip install` of any pip version has all of them."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from tests.packaging_support import ROOT

#: Parts of the app that need an optional extra (pyproject's optional-dependencies), which
#: nothing else imports: the Spark engine.
OPTIONAL = {"spark": ROOT / "viewer" / "spark"}


def _declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    specs = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return {_normal(re.split(r"[\s<>=!~;\[]", spec, maxsplit=1)[0]) for spec in specs}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_top_levels(folder: Path = ROOT / "viewer") -> set[str]:
    names: set[str] = set()
    optional = [f for f in OPTIONAL.values() if f != folder]
    for path in folder.rglob("*.py"):
        if any(path.is_relative_to(f) for f in optional):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "viewer"}


def _undeclared(imported: set[str], declared: set[str]) -> dict[str, list[str] | None]:
    owners = importlib.metadata.packages_distributions()
    return {name: owners.get(name) for name in imported
            if owners.get(name) and not any(_normal(d) in declared for d in owners[name])}


def test_every_imported_library_is_declared() -> None:
    missing = _undeclared(_imported_top_levels(), _declared())
    assert not missing, f"imported but not in pyproject dependencies: {missing}"


def test_what_an_optional_part_imports_is_in_its_extra() -> None:
    for extra, folder in OPTIONAL.items():
        missing = _undeclared(_imported_top_levels(folder), _declared(extra))
        assert not missing, f"imported by {folder} but not in the [{extra}] extra: {missing}"


def test_the_html_cleaner_jusText_needs_is_declared() -> None:
    # jusText imports lxml.html.clean, which lxml 5.2 moved to the lxml_html_clean project;
    # jusText asks for it only through the lxml[html_clean] extra, which older pips skip.
    assert {"lxml", "lxml-html-clean", "justext"} <= _declared()
