"""`bash packaging/start [ARGS]`, the README's first command: sets up once, then runs tandem."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging_support import ROOT

INSTALLED = Path(sys.executable).parent / "tandem"


def _set_up_checkout(checkout: Path) -> None:
    """A checkout whose set-up is done: the start script as committed, no Debian packages
    to install, and a .venv whose tandem is this environment's."""
    (checkout / "packaging").mkdir(parents=True)
    for script in ("start", "install-debian-packages"):
        shutil.copy(ROOT / "packaging" / script, checkout / "packaging" / script)
    (checkout / "packaging" / "debian-packages.txt").write_text("", encoding="utf-8")
    (checkout / ".venv" / "bin").mkdir(parents=True)
    (checkout / ".venv" / "bin" / "tandem").symlink_to(INSTALLED)


@pytest.mark.skipif(not INSTALLED.is_file(), reason="tandem is not installed in this venv")
def test_relative_paths_name_files_where_the_user_is(tmp_path: Path) -> None:
    checkout = tmp_path / "tandem checkout"
    _set_up_checkout(checkout)
    here = tmp_path / "my articles"
    here.mkdir()
    for name in ("sample_a.txt", "sample_b.txt"):
        shutil.copy(ROOT / "resources" / "samples" / name, here / name)
    result = subprocess.run(["bash", str(checkout / "packaging" / "start"), "compare",
                             "sample_a.txt", "sample_b.txt", "--json", "out.json"],
                            cwd=here, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    documents = json.loads((here / "out.json").read_text(encoding="utf-8"))["documents"]
    assert [d["path"] for d in documents] == [str(here / "sample_a.txt"),
                                              str(here / "sample_b.txt")]
    assert not (checkout / "out.json").exists()
