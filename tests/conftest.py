"""Test set-up: Qt runs offscreen (set before any Qt import), the user's configuration
folder is swapped for a temporary one (so no test, and no command a test starts, can write
the real settings or recent files), and fixture paths."""

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
#: Set before Qt looks: QStandardPaths reads XDG_CONFIG_HOME, and child processes inherit it.
CONFIG_HOME = tempfile.mkdtemp(prefix="tandem-tests-config-")
os.environ["XDG_CONFIG_HOME"] = CONFIG_HOME

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
