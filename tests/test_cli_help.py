"""Every command's --help names what it takes: each argument has a description, the
top-level help names both headless commands, and the watch-list format is told alike by
`compare` and `corpus`. Each case reads the help of the real command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def help_of(*command: str) -> str:
    """`tandem COMMAND --help`, its lines joined (a wide terminal must not matter)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "80"}
    done = subprocess.run([sys.executable, "-m", "viewer", *command, "--help"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def described(help_text: str) -> dict[str, str]:
    """Each argument or option of a help text -> its description ("" when it has none)."""
    entries: dict[str, str] = {}
    name = None
    for line in help_text.splitlines():
        entry = re.match(r"^  (\S.*?)(?:\s{2,}(\S.*))?$", line)
        if entry:
            name = entry[1]
            entries[name] = entry[2] or ""
        elif name is not None and line.startswith("    ") and line.strip():
            entries[name] = f"{entries[name]} {line.strip()}".strip()
        else:
            name = None
    return entries


def test_the_top_level_help_names_compare_and_corpus() -> None:
    text = " ".join(help_of().split())
    assert "tandem compare A B" in text
    assert "tandem corpus SOURCE..." in text


@pytest.mark.parametrize("command", [("compare",), ("corpus",), ("corpus", "add"),
                                     ("corpus", "report"), ("corpus", "import")])
def test_every_argument_of_a_command_is_described(command: tuple[str, ...]) -> None:
    entries = described(help_of(*command))
    assert entries, "no arguments found in the help"
    assert [name for name, text in entries.items() if not text] == []


@pytest.mark.parametrize("command", [("compare",), ("corpus",), ("corpus", "report")])
def test_the_watchlist_format_is_told_alike(command: tuple[str, ...]) -> None:
    (watchlist,) = [text for name, text in described(help_of(*command)).items()
                    if name.startswith("--watchlist")]
    assert watchlist.startswith(
        "phrases of your own, one per line (#: a comment; variants after a phrase: 'a | b')")


@pytest.mark.parametrize(("typed", "meant"), [("comapre", "compare"), ("corpsu", "corpus")])
def test_a_mistyped_command_is_told_not_opened_in_the_window(tmp_path: Path, typed: str,
                                                             meant: str) -> None:
    # `tandem comapre A B` opened the window on three "files", the first missing.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "viewer", typed, "a.txt", "b.txt"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stderr) == (
        2, f"tandem: {typed}: no such file, nor a command; did you mean 'tandem {meant}'? "
           "(see tandem --help)\n")

