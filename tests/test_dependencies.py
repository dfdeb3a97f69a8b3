"""Every library the app imports, directly or through jusText's moved `lxml.html.clean`, is a
declared dependency, so a fresh `pip install` of any pip version has all of them."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

from tests.packaging_support import ROOT


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return {_normal(re.split(r"[\s<>=!~;\[]", spec, maxsplit=1)[0])
            for spec in project["dependencies"]}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_top_levels() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "viewer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "viewer"}


def test_every_imported_library_is_declared() -> None:
    owners = importlib.metadata.packages_distributions()
    declared = _declared()
    missing = {name: owners.get(name) for name in _imported_top_levels()
               if owners.get(name) and not any(_normal(d) in declared for d in owners[name])}
    assert not missing, f"imported but not in pyproject dependencies: {missing}"


def test_the_html_cleaner_jusText_needs_is_declared() -> None:
    # jusText imports lxml.html.clean, which lxml 5.2 moved to the lxml_html_clean project;
    # jusText asks for it only through the lxml[html_clean] extra, which older pips skip.
    assert {"lxml", "lxml-html-clean", "justext"} <= _declared()
