"""Paragraphs: blocks between blank lines, or lines when there are none, trimmed."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from viewer.core.document import UNDETERMINED, Document, detect_language


def _texts(spans: tuple[tuple[int, int], ...], text: str) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_blank_lines_separate_paragraphs_and_single_newlines_do_not():
    text = "  First line\nstill first.\n \t\nSecond.\r\n\r\n\r\nThird \n"
    assert _texts(Document(text, "t").paragraphs, text) == [
        "First line\nstill first.", "Second.", "Third"]


def test_without_blank_lines_every_line_is_a_paragraph():
    text = "One.\r\nTwo.\n   \u3000Three\u3000\n\n"[:-1]
    assert _texts(Document(text, "t").paragraphs, text) == ["One.", "Two.", "Three"]


def test_white_space_only_has_no_paragraphs():
    assert Document(" \n\t\n\u00a0", "t").paragraphs == ()
    assert Document("", "t").paragraphs == ()


def _reference(text: str) -> list[tuple[int, int]]:
    """The definition, one regular expression match at a time. A carriage return alone
    ends a line as a line feed does (classic Mac OS)."""
    text = re.sub(r"\r(?!\n)", "\n", text)
    blank = re.compile(r"\n[ \t\r\f\v]*\n\s*")
    separators = blank if blank.search(text) else re.compile(r"\r?\n")
    spans, start = [], 0
    for end, following in [(m.start(), m.end()) for m in separators.finditer(text)] + [
            (len(text), len(text))]:
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = following
    return spans


@given(st.lists(st.sampled_from(["a", "bc", " ", "\t", "\n", "\r", "\r\n", "\u00a0",
                                 "\u3000", "\u2028", "\f", "中"]), max_size=30).map("".join))
def test_paragraphs_follow_their_definition(text):
    assert list(Document(text, "t").paragraphs) == _reference(text)


@pytest.mark.parametrize("text,language", [
    # Short texts under 20 CJK characters were English whatever they held.
    ("网络强国建设取得新进展。\n", "zh"),
    ("數位中國", "zh"),
    ("5G网络建设取得新进展，APP用户破亿。", "zh"),  # Latin letters and digits inside
    ("東京へ行きます。", "ja"),  # kana make Japanese, short or long
    # A Chinese headline writing a foreign name with the katakana middle dot was Japanese.
    ("唐纳德・特朗普访华", "zh"),
    ("中国・北京", "zh"),
    ("ラーメン", "ja"),
    # Mixed: English that quotes a Chinese term stays English.
    ("The slogan 网络强国 means a strong cyber nation.", "en"),
    ("President Xi Jinping (习近平) spoke in Beijing on Tuesday about the economy.", "en"),
    ("No Chinese at all.", "en"),
    ("", "en"),
    # Kana-range marks that are no letters: no language to tell, and no division by zero.
    ("・ ・ ・", "en"),
])
def test_language_of_short_and_mixed_texts(text, language):
    assert detect_language(text) == language
    assert detect_language(text * 50) == language  # as the same text at length


HEBREW = "הממשלה אישרה אתמול את תקציב המדינה לשנה הבאה, לאחר דיון ארוך בכנסת."
ARABIC = "وافقت الحكومة أمس على ميزانية الدولة للعام المقبل بعد نقاش طويل في البرلمان."
RUSSIAN = "Правительство вчера утвердило бюджет страны на следующий год после долгих споров."


@pytest.mark.parametrize("text,language", [
    # A script we have no language data for is no English: no English stemming, stop words
    # or word frequencies for it, and no "en" on its report.
    (HEBREW, UNDETERMINED),
    (ARABIC, UNDETERMINED),
    (RUSSIAN, UNDETERMINED),
    ("Η κυβέρνηση ενέκρινε χθες τον προϋπολογισμό του κράτους.", UNDETERMINED),
    ("הַמֶּמְשָׁלָה אִשְּׁרָה אֶת הַתַּקְצִיב", UNDETERMINED),  # with vowel points
    (HEBREW + " Benjamin Netanyahu, OECD.", UNDETERMINED),  # Latin names inside
    # English that quotes another script stays English; accented Latin is Latin.
    (f"The minister said, quoting the bill: “{HEBREW[:20]}” before the vote on the budget "
     "that parliament passed late on Tuesday night after a long debate.", "en"),
    ("Le gouvernement a approuvé hier le budget de l'État, après un long débat.", "en"),
    ("Chính phủ đã phê duyệt ngân sách nhà nước cho năm tới.", "en"),
])
def test_a_text_in_another_script_is_undetermined(text, language):
    assert detect_language(text) == language
    assert Document(text * 20, "t").language == language


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_a_text_with_mac_or_windows_line_endings_has_the_paragraphs_of_one_with_unix_ones(
        tmp_path, ending):
    from samples import PARAGRAPHS

    from viewer.core.compare import compare
    from viewer.core.loading import load_document

    lines = [line for paragraph in PARAGRAPHS for line in (*paragraph.split(". "), "")]
    unix, other = tmp_path / "unix.txt", tmp_path / "other.txt"
    unix.write_bytes("\n".join(lines).encode())
    other.write_bytes(ending.join(lines).encode())
    as_unix, as_other = load_document(unix), load_document(other)
    assert [text.replace(ending, "\n") for text in _texts(as_other.paragraphs, as_other.text)
            ] == _texts(as_unix.paragraphs, as_unix.text)
    assert len(as_other.paragraphs) == len(PARAGRAPHS)
    if ending == "\r":  # the same characters, one for one: the same themes, at the same places
        assert compare(as_other, as_other).themes == compare(as_unix, as_unix).themes
