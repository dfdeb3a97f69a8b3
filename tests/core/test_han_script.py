"""Traditional Chinese read as simplified: one character for one, from the shipped table."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.packaging_support import ROOT
from viewer.core.han_script import TABLE_FILE, HanTableMissing, read_han_table, to_simplified


def test_traditional_characters_read_as_simplified_and_nothing_moves() -> None:
    text = "以習近平同志為核心的黨中央 (Xi) 𠀀😀 與會代表"
    read = to_simplified(text)
    assert read == "以习近平同志为核心的党中央 (Xi) 𠀀😀 与会代表"
    assert len(read) == len(text)


def test_simplified_and_latin_text_read_as_themselves() -> None:
    simplified = "坚持以人民为中心的发展思想，推进高质量发展。"
    assert to_simplified(simplified) is simplified
    assert to_simplified("plain ASCII") == "plain ASCII"


def test_the_shipped_table_is_the_installed_openccs(tmp_path) -> None:
    # Redraw it with packaging/make_han_table.py when this fails.
    redrawn = tmp_path / "table.txt"
    subprocess.run([sys.executable, str(ROOT / "packaging" / "make_han_table.py"),
                    str(redrawn)], check=True, capture_output=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert redrawn.read_bytes() == TABLE_FILE.read_bytes()
    table = read_han_table(TABLE_FILE)
    assert table[ord("國")] == ord("国") and table[ord("爲")] == ord("为")
    assert ord("国") not in table  # a simplified character is no key


def test_a_missing_or_damaged_table_is_named(tmp_path) -> None:
    with pytest.raises(HanTableMissing, match="han.txt is missing"):
        read_han_table(tmp_path / "han.txt")
    damaged = tmp_path / "damaged.txt"
    damaged.write_text("# header\n國国\n國\n", encoding="utf-8")
    with pytest.raises(HanTableMissing, match="damaged.txt, line 3"):
        read_han_table(damaged)
