"""Traditional Chinese read as simplified, one character for one, so offsets never move.

A Taiwan or Hong Kong article (傳統, 國家) and a mainland one (传统, 国家) share their words:
match keys (`viewer.core.normalize`), the word segmenter's input and the dictionary and
stop-word checks read characters through `to_simplified`. The table is OpenCC's
traditional-to-simplified conversion of each character on its own, drawn by
packaging/make_han_table.py into viewer/core/data (a test checks it against the installed
OpenCC). Character by character, not phrase by phrase: OpenCC reads 乾隆 as 乾隆 but 乾
alone, as in 乾淨, as 干, and the table reads every 乾 as 干. Both texts are read alike, so
that costs nothing in matching; what it buys is that a text and its reading have one
length, so a key, a segmenter's word and an offset all point at the same characters.
Simplified text reads as itself: of the 1.4 million characters of the benchmark's Chinese
collection, 9 change (乾, 塚).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from viewer.core.errors import TandemError

#: One line per traditional character whose simplified form differs: the two characters.
TABLE_FILE = Path(__file__).parent / "data" / "han_t2s_characters.txt"
_HEADER = "# "


class HanTableMissing(TandemError):
    """The shipped table of traditional and simplified characters is missing or damaged."""


def to_simplified(text: str) -> str:
    """`text` with every traditional character read as its simplified form (same length;
    `text` itself when none is traditional)."""
    if text.isascii():
        return text
    lookup = _lookup()
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    inside = codes < len(lookup)
    read = lookup[np.where(inside, codes, 0)]
    changed = inside & (read != codes)
    if not changed.any():
        return text
    return np.where(changed, read, codes).astype(np.uint32).tobytes().decode(
        "utf-32-le", "surrogatepass")


@lru_cache(maxsize=1)
def han_table() -> dict[int, int]:
    """Code point of each traditional character -> code point of its simplified form."""
    return read_han_table(TABLE_FILE)


@lru_cache(maxsize=1)
def _lookup() -> np.ndarray:
    """`han_table` as an array over code points up to the last traditional one (a
    megabyte, read at numpy speed: a Python-level `str.translate` costs 0.3 s a
    million characters)."""
    table = han_table()
    lookup = np.arange(max(table, default=0) + 1, dtype=np.uint32)
    lookup[list(table)] = list(table.values())
    return lookup


def read_han_table(path: Path) -> dict[int, int]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise HanTableMissing(f"{path} is missing ({error.strerror}): reinstall Tandem, or "
                              "draw it with packaging/make_han_table.py") from error
    table = {}
    for number, line in enumerate(lines, 1):
        if line.startswith(_HEADER) or not line:
            continue
        if len(line) != 2:
            raise HanTableMissing(f"{path}, line {number}: {line!r} is not two characters; "
                                  "draw the table again with packaging/make_han_table.py")
        table[ord(line[0])] = ord(line[1])
    return table


def write_han_table(table: dict[str, str], path: Path) -> None:
    """Write `table` (traditional -> simplified character) in code point order."""
    rows = [f"{_HEADER}Traditional Chinese characters and their simplified forms, drawn "
            "from OpenCC's t2s",
            f"{_HEADER}(Apache-2.0) by packaging/make_han_table.py: one line per character."]
    rows += [f"{t}{s}" for t, s in sorted(table.items())]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")

