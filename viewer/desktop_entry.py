"""Add Tandem to the current user's application menu (`tandem --install-desktop`) and take it out.

Follows the freedesktop.org specs: the entry goes to $XDG_DATA_HOME/applications, the icon to
the hicolor theme under $XDG_DATA_HOME/icons. The entry's Exec line names the executable that
is running now, so the menu starts this very installation (a venv or a bundle) even when it is
not on PATH. Qt-free: it runs before, and without, the window.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from viewer.core.errors import os_problem
from viewer.resources import resource_path

APP_ID = "tandem"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
MIME_TYPES = (
    "text/plain",
    "text/html",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/pdf",
    "text/markdown",
    # Collections: a folder of articles, a gzipped JSON-lines file (a plain one is
    # text/plain) and a store, which `tandem PATH` opens as such.
    "inode/directory",
    "application/gzip",
    "application/vnd.sqlite3",
)
# Characters that force an Exec argument into double quotes (Desktop Entry spec, "Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def desktop_entry_text(command: Sequence[str] = ("tandem",)) -> str:
    """The .desktop file that starts `command` with the chosen files appended."""
    exec_line = " ".join(quote_exec_argument(part) for part in command) + " %F"
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.0",
        "Name=Tandem",
        "GenericName=Article Comparison",
        "Comment=Read two articles side by side and see the phrases, slogans and themes "
        "they share",
        f"Exec={exec_line}",
        f"TryExec={escape_value(command[0])}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Office;Viewer;",
        "MimeType=" + "".join(f"{mime};" for mime in MIME_TYPES),
        "Keywords=compare;diff;plagiarism;phrases;slogans;article;",
        "StartupNotify=true",
    ]
    return "\n".join(lines) + "\n"


def escape_value(value: str) -> str:
    """Escape a string value for a .desktop file (backslash first, then control characters)."""
    return (value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def quote_exec_argument(argument: str) -> str:
    """One Exec argument: quoted when needed, `%` doubled, then escaped as a string value."""
    argument = argument.replace("%", "%%")
    if argument and not _RESERVED.intersection(argument):
        return escape_value(argument)
    inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument)
    return escape_value(f'"{inner}"')


def running_command() -> list[str]:
    """The command that starts this installation of Tandem, as absolute paths.

    A bundle is its own executable; a `tandem` script started by path is used as is; otherwise
    the `tandem` on PATH, and failing that this interpreter with `-m viewer`.
    """
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.name == APP_ID and argv0.is_file():
        return [str(argv0.resolve())]
    found = shutil.which(APP_ID)
    if found:
        return [str(Path(found).resolve())]
    return [str(Path(sys.executable).absolute()), "-m", "viewer"]


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset or not absolute (as the spec says)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def installed_paths(root: Path | None = None) -> dict[str, Path]:
    """Every file the installer writes, keyed by what it is."""
    root = data_home() if root is None else root
    icons = root / "icons" / "hicolor"
    paths = {"entry": root / "applications" / f"{APP_ID}.desktop",
             "icon-scalable": icons / "scalable" / "apps" / f"{APP_ID}.svg"}
    for size in ICON_SIZES:
        paths[f"icon-{size}"] = icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    return paths


def _icon_sources() -> dict[str, Path]:
    sources = {"icon-scalable": resource_path("icons", f"{APP_ID}.svg")}
    for size in ICON_SIZES:
        sources[f"icon-{size}"] = resource_path("icons", f"{APP_ID}-{size}.png")
    return sources


def _refresh_caches(root: Path) -> None:
    """Let menus notice at once; both tools are optional, and a failure only delays that."""
    commands = (["update-desktop-database", "-q", str(root / "applications")],
                ["gtk-update-icon-cache", "-q", "-t", "-f", str(root / "icons" / "hicolor")])
    for command in commands:
        if shutil.which(command[0]):
            subprocess.run(command, check=False, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)


def install(command: Sequence[str] | None = None, root: Path | None = None) -> list[Path]:
    """Write the entry and icons; returns the files written. Raises OSError naming the file."""
    root = data_home() if root is None else root
    command = list(command) if command else running_command()
    targets = installed_paths(root)
    sources = _icon_sources()
    missing = [str(path) for path in sources.values() if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"icon files are missing from this installation: "
                                f"{', '.join(missing)}")
    written: list[Path] = []
    for key, source in sources.items():
        target = targets[key]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    entry = targets["entry"]
    entry.parent.mkdir(parents=True, exist_ok=True)
    temporary = entry.with_name(f".{entry.name}.tmp")
    temporary.write_text(desktop_entry_text(command), encoding="utf-8")
    os.replace(temporary, entry)
    written.append(entry)
    _refresh_caches(root)
    return written


def uninstall(root: Path | None = None) -> list[Path]:
    """Remove what `install` wrote; returns the files removed (none if it was not installed)."""
    root = data_home() if root is None else root
    removed = []
    for path in installed_paths(root).values():
        if path.is_file():
            path.unlink()
            removed.append(path)
    if removed:
        _refresh_caches(root)
    return removed


def run_install() -> int:
    """`tandem --install-desktop`: install and report, or one line saying what failed."""
    try:
        written = install()
    except OSError as exc:
        print(f"tandem: cannot install the desktop entry: {_describe(exc)}", file=sys.stderr)
        return 1
    entry = written[-1]
    print(f"Installed {entry}")
    print(f"  starts: {_exec_of(entry)}")
    print(f"  icons:  {len(written) - 1} files under {data_home() / 'icons' / 'hicolor'}")
    return 0


def run_uninstall() -> int:
    """`tandem --uninstall-desktop`: remove and report."""
    try:
        removed = uninstall()
    except OSError as exc:
        print(f"tandem: cannot remove the desktop entry: {_describe(exc)}", file=sys.stderr)
        return 1
    if not removed:
        print(f"Nothing to remove: no Tandem desktop entry under {data_home()}")
    for path in removed:
        print(f"Removed {path}")
    return 0


def _exec_of(entry: Path) -> str:
    for line in entry.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            return line[len("Exec="):]
    return "?"


def _describe(exc: OSError) -> str:
    if exc.filename:
        return f"{exc.filename}: {os_problem(exc)}"
    return str(exc)
