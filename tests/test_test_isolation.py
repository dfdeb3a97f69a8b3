"""The tests' own set-up: one temporary configuration folder per run, removed at the end."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import tests.conftest  # imported a second time, as in tests that take FIXTURES from it


def test_importing_conftest_again_keeps_the_one_temporary_config_folder() -> None:
    home = Path(os.environ["XDG_CONFIG_HOME"])
    assert str(home) == tests.conftest.CONFIG_HOME
    assert home.is_dir() and home.is_relative_to(tempfile.gettempdir())
    assert not home.is_relative_to(Path.home() / ".config")


def test_a_run_leaves_no_config_folder_behind(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TANDEM_TESTS_CONFIG_HOME"}
    env["TMPDIR"] = str(tmp_path)
    code = ("import conftest, tests.conftest, os; "
            "assert conftest.CONFIG_HOME == tests.conftest.CONFIG_HOME; "
            "print(os.path.isdir(conftest.CONFIG_HOME))")
    root = Path(__file__).parent
    done = subprocess.run([sys.executable, "-c", code], cwd=root.parent, env=env | {
        "PYTHONPATH": os.pathsep.join([str(root), str(root.parent)])},
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"  # it existed during the run
    assert list(tmp_path.iterdir()) == []  # and is gone afterwards
