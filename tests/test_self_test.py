"""`tandem --self-test`: reports each check, names what is missing, exits 0 only when all pass."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging_support import ROOT, missing_app_parts
from viewer.self_test import EXIT_FAILED, EXIT_OK, SelfTest, run_self_test


def test_missing_samples_fail_with_their_paths(tmp_path: Path, capsys) -> None:
    code = run_self_test(samples=tmp_path / "nowhere")
    out = capsys.readouterr().out
    assert code == EXIT_FAILED
    assert "FAIL  sample articles" in out
    assert str(tmp_path / "nowhere" / "sample_a.txt") in out
    assert "Self-test FAILED" in out and "Traceback" not in out


def test_engine_checks_pass_on_real_articles(fixtures: Path, tmp_path: Path) -> None:
    lines: list[str] = []
    test = SelfTest(fixtures / "pack", tmp_path, echo=lines.append)
    assert test.check("data files", test.engine_data)
    assert test.check("sample articles", test.sample_files)
    assert test.check("comparison", test.compare_samples)
    assert test.comparison is not None and test.comparison.shared_phrases
    assert not test.failures
    assert any("shared phrases" in line for line in lines)


def test_a_failing_check_is_reported_not_raised(tmp_path: Path) -> None:
    lines: list[str] = []
    test = SelfTest(tmp_path, tmp_path, echo=lines.append)

    def broken() -> str:
        raise OSError("disk on fire")

    assert not test.check("exploding check", broken)
    assert test.failures == ["exploding check: OSError: disk on fire"]
    assert lines == ["  FAIL  exploding check: OSError: disk on fire"]


def test_pdf_fonts_fail_when_no_font_draws_chinese(tmp_path: Path) -> None:
    # The report draws Chinese in the first CJK-capable font it finds; with none, in one
    # without Chinese glyphs (empty boxes): the check says so rather than "ok".
    lines: list[str] = []
    empty = tmp_path / "fonts"
    empty.mkdir()
    test = SelfTest(tmp_path, tmp_path, echo=lines.append, font_folders=[empty])
    assert not test.check("PDF fonts", test.fonts)
    assert lines == ["  FAIL  PDF fonts: no font with Chinese characters was found: Chinese "
                     "text in PDF reports would show as empty boxes (install the "
                     "fonts-wqy-microhei package)"]


def test_pdf_fonts_name_the_files_the_report_draws_with(tmp_path: Path) -> None:
    from viewer.export.pdf_report import font_file, report_fonts

    lines: list[str] = []
    test = SelfTest(tmp_path, tmp_path, echo=lines.append)
    fonts = report_fonts()
    assert test.check("PDF fonts", test.fonts), lines
    assert f"Chinese {font_file(fonts.cjk)}" in lines[0]


def test_self_test_takes_no_files() -> None:
    result = subprocess.run([sys.executable, "-m", "viewer", "--self-test", "a.txt"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "take no files" in result.stderr


@pytest.mark.skipif(bool(missing_app_parts()),
                    reason=f"not merged into this branch yet: {', '.join(missing_app_parts())}")
def test_full_self_test_passes_from_the_command_line(tmp_path: Path) -> None:
    config = tmp_path / "config"  # stands for the user's configuration folder
    result = subprocess.run([sys.executable, "-m", "viewer", "--self-test"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                 "XDG_CONFIG_HOME": str(config)})
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    assert not config.exists()  # the user's settings and recent files were left alone
    for check in ("data files", "comparison", "window", "PDF export", "HTML export"):
        assert f"ok    {check}" in result.stdout
    assert "Self-test passed" in result.stdout
    assert result.stderr == ""  # no Qt notice of the offscreen platform among the lines


@pytest.mark.skipif(bool(missing_app_parts()),
                    reason=f"not merged into this branch yet: {', '.join(missing_app_parts())}")
def test_the_report_names_no_file_it_removed(tmp_path: Path) -> None:
    """The exports are checked in a temporary folder that is gone when the report is read:
    a path the report prints must still be there."""
    result = subprocess.run([sys.executable, "-m", "viewer", "--self-test"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                 "XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    printed = re.findall(r"(?<![\w.])/[^\s,()]+", result.stdout)
    assert printed  # the sample articles, at least
    assert [path for path in printed if not Path(path).exists()] == []
    assert "PDF export" in result.stdout and "sample.pdf" in result.stdout
