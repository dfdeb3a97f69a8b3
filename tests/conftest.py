"""Test set-up: Qt runs offscreen (set before any Qt import), the user's configuration
folder is swapped for a temporary one (so no test, and no command a test starts, can write
the real settings or recent files), hypothesis without its wall-clock deadline, and fixture
paths."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

#: Hypothesis fails an example that runs over 200 ms of wall time, and again as "flaky" when
#: its rerun is quick: on a busy CI machine that is noise, not a finding. The property tests
#: check results; the loaders' fuzz test bounds CPU time itself.
settings.register_profile("tandem", deadline=None)
settings.load_profile("tandem")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
#: Set before Qt looks: QStandardPaths reads XDG_CONFIG_HOME, and child processes inherit it.
#: Made once per run: this file is imported again as `tests.conftest` by some tests, and that
#: must neither move the folder mid-run nor leave a second one behind in the temp folder.
CONFIG_HOME = os.environ.get("TANDEM_TESTS_CONFIG_HOME", "")
if not CONFIG_HOME:
    CONFIG_HOME = tempfile.mkdtemp(prefix="tandem-tests-config-")
    os.environ["TANDEM_TESTS_CONFIG_HOME"] = CONFIG_HOME
    atexit.register(shutil.rmtree, CONFIG_HOME, ignore_errors=True)
os.environ["XDG_CONFIG_HOME"] = CONFIG_HOME

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
