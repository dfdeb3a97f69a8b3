"""Traditional and simplified Chinese read alike, one character for one, from the shipped
table: keys for matching, readings for the segmenter."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.packaging_support import ROOT
from viewer.core.han_script import (
    SIMPLIFIED,
    TABLE_FILE,
    TRADITIONAL,
    HanTableMissing,
    han_script,
    key_characters,
    read_han_table,
    to_simplified,
)


def test_traditional_characters_read_as_simplified_and_nothing_moves() -> None:
    text = "以習近平同志為核心的黨中央 (Xi) 𠀀😀 與會代表"
    read = to_simplified(text)
    assert read == "以习近平同志为核心的党中央 (Xi) 𠀀😀 与会代表"
    assert key_characters(text) == read
    assert len(read) == len(text)


def test_hong_kong_and_taiwan_forms_key_as_the_mainland_characters() -> None:
    # 衞 (Hong Kong) and 衛 (Taiwan) are 卫; Taiwan writes 著 for 着 and 瞭解 for 了解.
    assert key_characters("公共衞生") == key_characters("公共衛生") == "公共卫生"
    assert key_characters("看著") == key_characters("看着")
    assert key_characters("瞭解") == key_characters("了解")
    # The segmenter reads 著 as written: a mainland text writes it too (著名).
    assert to_simplified("衞生 著名") == "卫生 著名"


def test_simplified_and_latin_text_read_as_themselves() -> None:
    simplified = "坚持以人民为中心的发展思想，推进高质量发展。"
    assert to_simplified(simplified) is simplified
    assert key_characters(simplified) is simplified
    assert to_simplified("plain ASCII") == key_characters("plain ASCII") == "plain ASCII"


def test_the_shipped_table_is_the_installed_openccs(tmp_path) -> None:
    # Redraw it with packaging/make_han_table.py when this fails.
    redrawn = tmp_path / "table.tsv"
    subprocess.run([sys.executable, str(ROOT / "packaging" / "make_han_table.py"),
                    str(redrawn)], check=True, capture_output=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert redrawn.read_bytes() == TABLE_FILE.read_bytes()
    table = read_han_table(TABLE_FILE)
    assert table["國"] == ("国", "国") and table["著"] == ("着", "著")
    assert "国" not in table and "着" not in table  # a class's key reads as itself
    assert min(map(ord, table)) >= 0x3400  # what `_read` skips below holds none of it


def test_a_missing_or_damaged_table_is_named(tmp_path) -> None:
    with pytest.raises(HanTableMissing, match="han.tsv is missing"):
        read_han_table(tmp_path / "han.tsv")
    damaged = tmp_path / "damaged.tsv"
    damaged.write_text("# header\n國\t国\t国\n國国\n", encoding="utf-8")
    with pytest.raises(HanTableMissing, match="damaged.tsv, line 3"):
        read_han_table(damaged)


def test_a_text_is_told_traditional_or_simplified_by_the_characters_it_uses() -> None:
    fixtures = ROOT / "tests" / "fixtures" / "core"
    traditional = (fixtures / "zh_hant.txt").read_text(encoding="utf-8")
    simplified = (fixtures / "zh_hans.txt").read_text(encoding="utf-8")
    assert han_script(traditional) == TRADITIONAL
    assert han_script(simplified) == SIMPLIFIED
    # A name quoted as written leaves a simplified text simplified; English has no script.
    assert han_script(simplified + "（臺灣）") == SIMPLIFIED
    assert han_script("The harbour board met.") == ""
    assert han_script(traditional + simplified * 4) == ""  # both: neither
