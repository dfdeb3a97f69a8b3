"""`tandem --install-desktop` / `--uninstall-desktop` against a throw-away XDG_DATA_HOME."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests import samples
from tests.packaging_support import ROOT
from viewer.desktop_entry import (
    ICON_SIZES,
    MIME_TYPES,
    desktop_entry_text,
    installed_paths,
    quote_exec_argument,
)

needs_validator = pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                                     reason="desktop-file-validate (desktop-file-utils) missing")


def run_tandem(*args: str, data_home: Path,
               home: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a child, and report whether it imported Qt."""
    env = dict(os.environ, XDG_DATA_HOME=str(data_home))
    if home is not None:
        env["HOME"] = str(home)
    code = ("import sys; from viewer.cli import main; rc = main(sys.argv[1:]); "
            "print('QT-IMPORTED' if 'PySide6' in sys.modules else 'qt-free'); sys.exit(rc)")
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def validate(path: Path) -> None:
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


@needs_validator
def test_install_writes_a_valid_entry_and_every_icon(tmp_path: Path) -> None:
    result = run_tandem("--install-desktop", data_home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "qt-free" in result.stdout
    paths = installed_paths(tmp_path)
    entry = tmp_path / "applications" / "tandem.desktop"
    assert paths["entry"] == entry and entry.is_file()
    validate(entry)
    text = entry.read_text(encoding="utf-8")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" %F")
    program = exec_line[len("Exec="):].split(" ")[0].strip('"')
    # The menu must start this installation, so the command is an absolute, existing file.
    assert os.path.isabs(program) and os.path.isfile(program), exec_line
    for mime in MIME_TYPES:
        assert f"{mime};" in text
    for size in ICON_SIZES:
        icon = tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "tandem.png"
        assert png_size(icon) == (size, size)
    svg = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "tandem.svg"
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert str(entry) in result.stdout


def test_uninstall_removes_exactly_what_install_wrote(tmp_path: Path) -> None:
    keep = tmp_path / "applications" / "other.desktop"
    keep.parent.mkdir(parents=True)
    keep.write_text("[Desktop Entry]\n", encoding="utf-8")
    assert run_tandem("--install-desktop", data_home=tmp_path).returncode == 0
    result = run_tandem("--uninstall-desktop", data_home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "qt-free" in result.stdout
    assert not any(path.exists() for path in installed_paths(tmp_path).values())
    assert keep.is_file()
    again = run_tandem("--uninstall-desktop", data_home=tmp_path)
    assert again.returncode == 0 and "Nothing to remove" in again.stdout


def test_relative_xdg_data_home_is_ignored_as_the_spec_says(tmp_path: Path) -> None:
    result = run_tandem("--install-desktop", data_home=Path("relative/share"), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / ".local" / "share" / "applications" / "tandem.desktop").is_file()
    assert not (ROOT / "relative").exists()


def test_unwritable_data_home_gives_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    result = run_tandem("--install-desktop", data_home=blocker)
    assert result.returncode == 1
    assert "cannot install the desktop entry" in result.stderr
    assert str(blocker) in result.stderr
    assert "Traceback" not in result.stderr


def test_flags_take_no_files(tmp_path: Path) -> None:
    result = run_tandem("--install-desktop", "a.txt", data_home=tmp_path)
    assert result.returncode == 2 and "take no files" in result.stderr
    assert not (tmp_path / "applications").exists()


@needs_validator
def test_committed_entry_is_the_generated_one_and_valid() -> None:
    committed = ROOT / "packaging" / "tandem.desktop"
    assert committed.read_text(encoding="utf-8") == desktop_entry_text(["tandem"])
    assert "Exec=tandem %F" in committed.read_text(encoding="utf-8")
    validate(committed)


@needs_validator
def test_awkward_executable_paths_are_quoted_validly(tmp_path: Path) -> None:
    command = ["/opt/my apps/tandem's \"best\" $HOME\\100%/tandem"]
    entry = tmp_path / "tandem.desktop"
    entry.write_text(desktop_entry_text(command), encoding="utf-8")
    validate(entry)
    assert quote_exec_argument("/usr/bin/tandem") == "/usr/bin/tandem"
    assert quote_exec_argument("/a b/100%") == '"/a b/100%%"'
    # Quoting per the spec: $ " ` and \ escaped inside quotes, then \ doubled as a string value.
    assert quote_exec_argument('/x/$"') == '"/x/\\\\$\\\\""'


def _what_the_window_opens(root: Path) -> dict[str, Path]:
    """One real file (or folder) of each kind `tandem PATH` opens."""
    folder = root / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text(samples.PARAGRAPHS[0], encoding="utf-8")
    lines = root / "news.jsonl"
    lines.write_text(json.dumps({"id": "one", "text": samples.PARAGRAPHS[0]}) + "\n",
                     encoding="utf-8")
    store = root / "news.sqlite"
    with sqlite3.connect(store) as connection:
        connection.execute("CREATE TABLE articles (id TEXT)")
    connection.close()
    files = {"folder": folder, "json lines": lines, "store": store,
             "gzipped json lines": root / "news.jsonl.gz",
             "text": root / "a.txt", "html": root / "a.html", "markdown": root / "a.md",
             "docx": root / "a.docx", "pdf": root / "a.pdf"}
    files["gzipped json lines"].write_bytes(gzip.compress(lines.read_bytes()))
    files["text"].write_text(samples.PARAGRAPHS[0], encoding="utf-8")
    files["html"].write_bytes(samples.html_article())
    files["markdown"].write_text(samples.MARKDOWN, encoding="utf-8")
    files["docx"].write_bytes(samples.docx_with_table())
    files["pdf"].write_bytes(samples.two_page_pdf())
    return files


def test_the_entry_lists_the_type_of_everything_the_window_opens(tmp_path: Path) -> None:
    """A file manager offers Tandem only for the types its entry lists (or their subtypes):
    a folder, a gzipped JSON-lines file and a store are collections `tandem PATH` opens."""
    from PySide6.QtCore import QMimeDatabase

    mime_types = QMimeDatabase()
    omitted = {}
    for kind, path in _what_the_window_opens(tmp_path).items():
        detected = mime_types.mimeTypeForFile(str(path))
        if not {detected.name(), *detected.allAncestors()} & set(MIME_TYPES):
            omitted[kind] = detected.name()
    assert not omitted
