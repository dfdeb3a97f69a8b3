"""Tests of viewer.core.east_asian_decoding: a short text in a legacy East Asian encoding
reads as written, not as another language's rare characters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from viewer.core.loading import load_document

FIXTURES = Path(__file__).parents[1] / "fixtures" / "core"
KOREAN = ("대한민국 정부는 오늘 새로운 경제 정책을 발표했다. 서울 시민들은 대체로 환영했다. "
          "전문가들은 물가 상승을 우려한다. 국회는 다음 주에 법안을 심의할 예정이다.")


def _openings(text: str, length: int) -> list[str]:
    """The first `length` characters of each sentence of `text` that long."""
    sentences = (s.strip() for s in re.split(r"[。！？.\n]", text))
    return [s[:length] for s in sentences if len(s) >= length]


def _fixture(*names: str) -> str:
    return "".join((FIXTURES / name).read_text(encoding="utf-8") for name in names)


@pytest.mark.parametrize(("text", "encoding"), [
    pytest.param(_fixture("zh_a.txt", "zh_b.txt"), "gbk", id="Chinese GBK"),
    pytest.param(_fixture("zh_hant.txt"), "cp950", id="Chinese Big5"),
    pytest.param(_fixture("ja.txt"), "cp932", id="Japanese Shift-JIS"),
    pytest.param(_fixture("ja.txt"), "euc_jp", id="Japanese EUC-JP"),
    pytest.param(KOREAN, "cp949", id="Korean"),
])
@pytest.mark.parametrize("length", [4, 6, 10])
def test_a_few_characters_read_in_their_own_encoding(tmp_path: Path, text: str,
                                                     encoding: str, length: int) -> None:
    # A title or a line of a few characters: the detector alone read most GBK ones as
    # Korean and some Big5 ones as UTF-16.
    openings = [s for s in _openings(text, length) if s.isprintable()][:40]
    assert len(openings) >= 3
    read_right = 0
    for k, opening in enumerate(openings):
        path = tmp_path / f"{k}.txt"
        path.write_bytes(opening.encode(encoding))
        read_right += load_document(path).text == opening
    assert read_right >= 0.9 * len(openings), (read_right, len(openings))
