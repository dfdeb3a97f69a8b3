"""Write viewer/core/data/han_t2s_characters.txt (or the file given) from the OpenCC that
the `opencc` package installs: run it when OpenCC's conversion changes (a test redraws the
table into a temporary file and says when it has)."""

import sys
from pathlib import Path

import opencc

from viewer.core.han_script import TABLE_FILE, write_han_table
from viewer.core.tokenize import CJK_RANGES


def opencc_table() -> dict[str, str]:
    """Every Han or kana character that OpenCC's t2s turns into one other character."""
    converter = opencc.OpenCC("t2s")
    table = {}
    for low, high in CJK_RANGES:
        for code in range(low, high + 1):
            character = chr(code)
            simplified = converter.convert(character)
            if len(simplified) == 1 and simplified != character:
                table[character] = simplified
    return table


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TABLE_FILE
    write_han_table(opencc_table(), target)
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")
