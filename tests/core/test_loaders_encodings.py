"""Real-length texts saved in the encodings people use load exactly: Windows-1252 (or classic
Mac OS's Mac Roman) for Western text, GB18030/GBK and Big5 for Chinese, Shift-JIS for Japanese;
a UTF-8 file with a stray bad byte stays UTF-8 (with a note); UTF-32 without a byte-order mark
is text, not binary."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from viewer.core.loading import load_document

FIXTURES = Path(__file__).parents[1] / "fixtures" / "core"


def fixture(name: str) -> str:
    with open(FIXTURES / name, encoding="utf-8", newline="") as handle:
        return handle.read()


# The opening 16,000 characters of a real article (curly quotes and apostrophes) were read
# as cp775/cp852: "Jinping’s" became "JinpingÆs".
ENGLISH = fixture("en_article_002_head.txt")
FRENCH = ("Le conseil municipal a approuvé mardi le projet de rénovation du port. Selon la "
          "maire, les entrepôts seront transformés en logements abordables et une nouvelle "
          "gare maritime reliera le quartier à l’aéroport. Les opposants estiment que le "
          "coût du dragage a été sous-estimé par les experts engagés au printemps. « Nous "
          "ne sommes pas contre, mais il faut être honnête sur les chiffres », a déclaré "
          "un élu de l’opposition.\n\n") * 12
GERMAN = ("Der Stadtrat hat am Dienstag den Plan zur Erneuerung des Hafens gebilligt. Laut "
          "Bürgermeisterin werden die Lagerhäuser zu günstigen Wohnungen umgebaut – und ein "
          "neuer Fährbahnhof verbindet das Viertel mit dem Flughafen. Gegner meinen, die "
          "Kosten für das Ausbaggern seien „deutlich unterschätzt“ worden.\n\n") * 12
CZECH = ("Vláda dnes schválila návrh zákona o státním rozpočtu na příští rok. Podle ministra "
         "financí se schodek sníží o několik miliard korun, ale opozice tvrdí, že čísla jsou "
         "nereálná a že vláda podceňuje růst cen energií.\n\n") * 8
RUSSIAN = ("Городской совет во вторник одобрил проект реконструкции порта. По словам мэра, "
           "склады будут превращены в доступное жильё, а новый морской вокзал соединит "
           "район с аэропортом.\n\n") * 8
CHINESE = fixture("zh_a.txt") + fixture("zh_b.txt")

CASES = [pytest.param(text, encoding, id=label) for label, text, encoding in (
    ("English cp1252", ENGLISH, "cp1252"),
    ("French cp1252", FRENCH, "cp1252"),
    ("German cp1252", GERMAN, "cp1252"),
    ("Czech cp1250", CZECH, "cp1250"),
    ("Russian cp1251", RUSSIAN, "cp1251"),
    ("Chinese GB18030", CHINESE, "gb18030"),
    ("Chinese GBK", CHINESE, "gbk"),
    ("Chinese Big5", fixture("zh_hant.txt"), "big5"),
    ("Chinese cp950 (Big5 as Windows saves it)", fixture("zh_hant.txt") + "碁銹裏", "cp950"),
    ("Japanese Shift-JIS", fixture("ja.txt"), "shift_jis"),
    ("Japanese cp932 (Shift-JIS as Windows saves it)", fixture("ja.txt") + "①Ⅲ㈱", "cp932"),
)]


@pytest.mark.parametrize("text,encoding", CASES)
def test_legacy_encodings_people_write_load_exactly(tmp_path: Path, text: str,
                                                    encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    doc = load_document(path)
    assert doc.text == text
    assert doc.notes == ()


@pytest.mark.parametrize("text", [
    pytest.param("The café’s “menu” was short.\n", id="one line"),
    pytest.param(ENGLISH, id="English, a few curly quotes"),
    # Past 256 bytes beyond ASCII the detector decides: it named cp775 or cp1250, and the
    # text was read as Windows-1252, every “ a Ò.
    pytest.param(ENGLISH * 6, id="English, many curly quotes"),
    pytest.param("The board met on Tuesday.\n" * 6000 + ENGLISH * 6, id="English, ASCII head"),
    pytest.param(FRENCH, id="French"),
    pytest.param(GERMAN, id="German"),
    pytest.param(FRENCH + "Note† : le ﬁnancement ‹ fin ›.\n", id="French, Mac-only marks"),
])
def test_classic_mac_os_text_loads_as_mac_roman(tmp_path: Path, text: str) -> None:
    # A text saved on classic Mac OS: its “ ” ’ (0xD2, 0xD3, 0xD5) and é (0x8E) were read
    # as Windows-1251, "The cafЋХs ТmenuУ", or as Windows-1252, "cafŽŐs".
    path = tmp_path / "mac.txt"
    path.write_bytes(text.encode("mac_roman"))
    doc = load_document(path)
    assert doc.text == text
    assert doc.notes == ()


@pytest.mark.parametrize("name", ["en_article_002_head.txt", "zh_hant.txt", "ja.txt"])
def test_utf8_with_one_bad_byte_stays_utf8_and_says_so(tmp_path: Path, name: str) -> None:
    text = fixture(name)
    data = text.encode("utf-8")
    cut = data.index(b"\n", len(data) // 2)  # a line end: no character is split
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    doc = load_document(path)
    assert doc.text == text[:len(data[:cut].decode())] + "\ufffd" + data[cut:].decode()
    line = data[:cut].count(b"\n") + 1
    assert doc.notes == (f"1 byte that is not valid UTF-8 replaced with \ufffd (the first on "
                         f"line {line}); the rest of the file is UTF-8",)


def test_utf8_cut_inside_its_last_character_stays_utf8_and_says_so(tmp_path: Path) -> None:
    # `head -c 3000 article.txt`: the cut falls inside a curly quote. An English text has
    # too few other non-ASCII letters to outweigh a bad byte, and was read as
    # Windows-1252, every "today’s" shown as "todayâ€™s".
    data = ENGLISH.encode("utf-8")
    wide = [i for i, byte in enumerate(data[:3000]) if byte >= 0xE0]  # 3-byte leads
    cut = wide[2] + 2  # two whole quotes before, two of the third's three bytes kept
    path = tmp_path / "head.txt"
    path.write_bytes(data[:cut])
    doc = load_document(path)
    assert doc.text == data[:wide[2]].decode("utf-8") + "\ufffd"
    assert any("cut" in note for note in doc.notes), doc.notes


def test_windows_1252_ending_on_an_accented_letter_stays_windows_1252(tmp_path: Path) -> None:
    # Its last byte (é, 0xE9) opens a UTF-8 sequence too, but nothing before it is UTF-8.
    text = "The harbour board met at the old quay. " * 20 + "They ordered a café"
    path = tmp_path / "cafe.txt"
    path.write_bytes(text.encode("cp1252"))
    assert load_document(path).text == text


@pytest.mark.parametrize("name", ["en_article_002_head.txt", "zh_hant.txt"])
def test_utf8_with_stray_nul_bytes_stays_text_and_says_so(tmp_path: Path, name: str) -> None:
    text = fixture(name)
    data = text.encode("utf-8")
    cut = data.index(b"\n", len(data) // 2)
    path = tmp_path / "nul.txt"
    path.write_bytes(data[:cut] + b"\x00" + data[cut:] + b"\x00")
    doc = load_document(path)
    head = data[:cut].decode()
    assert doc.text == head + "\ufffd" + text[len(head):] + "\ufffd"
    assert doc.notes == ("2 NUL bytes replaced with \ufffd",)
    # UTF-16 without a byte-order mark, every other byte NUL, is still read as UTF-16.
    path.write_bytes(text.encode("utf-16-le"))
    assert load_document(path).text == text


@pytest.mark.parametrize("text", [
    pytest.param(FRENCH, id="French"),
    pytest.param(GERMAN, id="German"),
    pytest.param(ENGLISH, id="English"),
    pytest.param(FRENCH[:200], id="French, a line"),
])
@pytest.mark.parametrize("stray", [b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"])
def test_windows_1252_with_a_byte_it_lacks_stays_windows_1252_and_says_so(
        tmp_path: Path, text: str, stray: bytes) -> None:
    # One byte Windows-1252 leaves undefined (a bad copy) and the whole text was read in
    # another code page with no note: French as Mac Roman ("approuvÈ"), German with
    # Windows-1251's "Ѓ".
    data = text.encode("cp1252")
    cut = data.index(b" ", len(data) // 2)
    path = tmp_path / "stray.txt"
    path.write_bytes(data[:cut] + stray + data[cut:])
    doc = load_document(path)
    head = data[:cut].decode("cp1252")
    assert doc.text == head + "\ufffd" + text[len(head):]
    line = data[:cut].count(b"\n") + 1
    assert doc.notes == (f"1 byte that is not valid CP1252 replaced with \ufffd (the first on "
                         f"line {line}); the rest of the file is CP1252",)


@pytest.mark.parametrize(("text", "encoding"), [
    pytest.param(CHINESE, "gbk", id="GBK"),
    pytest.param(FRENCH, "cp1252", id="Windows-1252"),
    pytest.param(RUSSIAN, "cp1251", id="Windows-1251"),
    pytest.param(ENGLISH, "mac_roman", id="Mac Roman"),
])
def test_legacy_text_with_stray_nul_bytes_stays_text_and_says_so(
        tmp_path: Path, text: str, encoding: str) -> None:
    # The same NULs in UTF-8 text were read as U+FFFD with a note; in a legacy encoding
    # the file was refused as binary.
    data = text.encode(encoding)
    cut = data.index(b"\n", len(data) // 2)
    path = tmp_path / "nul.txt"
    path.write_bytes(b"\x00" + data[:cut] + b"\x00" + data[cut:])
    doc = load_document(path)
    head = data[:cut].decode(encoding)
    assert doc.text == "\ufffd" + head + "\ufffd" + text[len(head):]
    assert doc.notes == ("2 NUL bytes replaced with \ufffd",)
    # UTF-16 without a byte-order mark, Chinese with few NULs of its own, is still UTF-16.
    path.write_bytes(CHINESE.encode("utf-16-le"))
    assert load_document(path).text == CHINESE


def test_utf8_with_a_bad_byte_and_a_stray_nul_stays_utf8(tmp_path: Path) -> None:
    # Both mishaps at once: read as any other text with stray NULs, it must not become
    # legacy text ("Jinping’s" as "JinpingÄôs").
    data = ENGLISH.encode("utf-8")
    cut = data.index(b"\n", len(data) // 2)
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:] + b"\x00" + b"The end.\n")
    doc = load_document(path)
    assert doc.text == data[:cut].decode() + "\ufffd" + data[cut:].decode() + "\ufffdThe end.\n"
    line = data[:cut].count(b"\n") + 1
    assert doc.notes == (f"1 byte that is not valid UTF-8 replaced with \ufffd (the first on "
                         f"line {line}); the rest of the file is UTF-8",
                         "1 NUL byte replaced with \ufffd")


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_without_a_byte_order_mark_is_text(tmp_path: Path, encoding: str) -> None:
    text = "Digital China “network power” café 数字中国 𠀋\n" * 20
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode(encoding))
    assert load_document(path).text == text


def test_utf8_with_a_few_curly_quotes_and_a_bad_sequence_stays_utf8(tmp_path: Path) -> None:
    # A CESU-8 surrogate (three bad bytes) in an English text whose only other non-ASCII
    # characters are four curly quotes: it was read as Windows-1251, "todayвЂ™s".
    text = ("It is today’s paper. The minister said the “new deal” was agreed, and the "
            "board’s chair agreed.\n\n"
            + "The harbour board met at the old quay and talked about the dredging.\n" * 20)
    data = text.encode("utf-8")
    cut = data.index(b"\n", len(data) // 2)
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:cut] + b"\xed\xa0\xbd" + data[cut:])
    doc = load_document(path)
    assert doc.text == data[:cut].decode() + "\ufffd" * 3 + data[cut:].decode()
    assert any("3 bytes" in note and "UTF-8" in note for note in doc.notes), doc.notes


@pytest.mark.parametrize("text,encoding", [
    # "déjà\xa0»" is E0 A0 BB: valid UTF-8 on its own, among bytes that are not.
    pytest.param("Il a dit «\xa0déjà\xa0» hier soir, sans plus.\n", "cp1252", id="French"),
    # "дії" (actions) is E4 B3 BF in Windows-1251: valid UTF-8 on its own too.
    pytest.param("Уряд схвалив дії міністерства щодо енергії.\n", "cp1251", id="Ukrainian"),
])
def test_legacy_text_with_a_chance_utf8_sequence_stays_legacy(tmp_path: Path, text: str,
                                                                encoding: str) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode(encoding))
    assert load_document(path).text == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_with_a_lone_surrogate_stays_text(
        tmp_path: Path, encoding: str) -> None:
    # Half of an emoji (a string cut between its two surrogates) in UTF-16 saved without a
    # byte-order mark: the detector gave up on it, and the file was refused as binary.
    text = fixture("en_article_002_head.txt")[:3000] + fixture("zh_hant.txt")[:500]
    data = text.encode(encoding)
    cut = data.index("\n".encode(encoding), len(data) // 2)
    lone = "\ud83d".encode(encoding, "surrogatepass")
    path = tmp_path / "wide.txt"
    path.write_bytes(data[:cut] + lone + data[cut:])
    doc = load_document(path)
    head = data[:cut].decode(encoding)
    assert doc.text == head + "\ufffd" + text[len(head):]
    assert doc.notes == (f"1 code unit that is not valid {encoding.upper()} replaced with "
                         f"\ufffd (the first on line {head.count(chr(10)) + 1}); the rest of "
                         f"the file is {encoding.upper()}",)
    # Whole, it is read as before.
    path.write_bytes(data)
    assert load_document(path).text == text


@pytest.mark.parametrize(("mark", "encoding", "bad", "unit"), [
    # Notepad's UTF-8 with a byte-order mark (kept as U+FEFF), a Windows-1252 é pasted in.
    pytest.param(codecs.BOM_UTF8, "utf-8", b"\xe9", "byte", id="UTF-8"),
    # UTF-16 as Word's "Unicode text" saves it, half an emoji cut off.
    pytest.param(codecs.BOM_UTF16_LE, "utf-16-le",
                 "\ud83d".encode("utf-16-le", "surrogatepass"), "code unit", id="UTF-16"),
])
def test_a_file_with_a_byte_order_mark_and_one_bad_unit_is_read_and_says_so(
        tmp_path: Path, mark: bytes, encoding: str, bad: bytes, unit: str) -> None:
    # Without the mark such a file was read with a note; with it, it was refused.
    text = fixture("en_article_002_head.txt") + fixture("zh_hant.txt")
    data = text.encode(encoding)
    cut = data.index("\n".encode(encoding), len(data) // 2)
    path = tmp_path / "damaged.txt"
    path.write_bytes(mark + data[:cut] + bad + data[cut:])
    doc = load_document(path)
    head = data[:cut].decode(encoding)
    kept_mark = "\ufeff" if encoding == "utf-8" else ""
    assert doc.text == kept_mark + head + "\ufffd" + text[len(head):]
    name = "UTF-8" if encoding == "utf-8" else "UTF-16"
    assert doc.notes == (f"1 {unit} that is not valid {name} replaced with \ufffd (the first "
                         f"on line {head.count(chr(10)) + 1}); the rest of the file is {name}",)


@pytest.mark.parametrize(("text", "encoding", "padding"), [
    # Zero-filled after a crash (the file's size was written, its last block was not).
    pytest.param(ENGLISH, "utf-8", 4096, id="UTF-8 padded"),
    pytest.param(FRENCH, "cp1252", 512, id="Windows-1252 padded"),
    # A C string's terminator written with the text.
    pytest.param(CHINESE, "gbk", 1, id="GBK terminated"),
])
def test_text_ending_in_nul_bytes_is_read_and_says_so(tmp_path: Path, text: str,
                                                      encoding: str, padding: int) -> None:
    # It was refused as binary: NUL bytes are no part of legacy text, nor this many of
    # UTF-8 text.
    path = tmp_path / "padded.txt"
    path.write_bytes(text.encode(encoding) + b"\x00" * padding)
    doc = load_document(path)
    assert doc.text == text + "\ufffd" * padding
    assert doc.notes == (f"{padding} NUL byte{'s' if padding > 1 else ''} replaced with \ufffd",)


FEW_QUOTES = ("It’s the board’s “new deal”, the minister said.\n\n"
              + "The harbour board met at the old quay and talked about the dredging.\n" * 20)


@pytest.mark.parametrize(("head", "pasted", "expected"), [
    # Two words pasted from a Windows-1252 text into an English one whose only other
    # non-ASCII characters are four curly quotes: the whole file was read as
    # Windows-1252, "Itâ€™s the boardâ€™s".
    pytest.param(FEW_QUOTES, b"They met at the caf\xe9; the chair\x92s view won.\n",
                 "They met at the café; the chair’s view won.\n", id="few curly quotes"),
    # A UTF-8 "café" and a pasted 0x92: read as Windows-1250, "cafĂ©".
    pytest.param("The café opened on the quay.\n" * 3, b"The board\x92s chair came.\n",
                 "The board’s chair came.\n", id="UTF-8 accents"),
    # Many UTF-8 quotes: the pasted é was a U+FFFD.
    pytest.param(ENGLISH, b"They met at the caf\xe9.\n", "They met at the café.\n",
                 id="real article"),
    # An "é" before a closing quote (E9 94), which opens a Chinese character in UTF-8, was
    # taken for a UTF-8 character cut short: "caf\ufffd".
    pytest.param(FEW_QUOTES, b"He said \x93caf\xe9\x94 and the chair\x92s view won.\n",
                 "He said “café” and the chair’s view won.\n", id="accent before a quote"),
    # A quote before an "é" (93 E9) opens no UTF-8 character: the file was refused,
    # "could not be read (UnicodeDecodeError ...)".
    pytest.param(FEW_QUOTES, b"It was \x93\xe9t\xe9\x94 in Paris.\n",
                 "It was “été” in Paris.\n", id="quote before an accent"),
])
def test_utf8_with_bytes_pasted_from_windows_1252_reads_them_so_and_says_so(
        tmp_path: Path, head: str, pasted: bytes, expected: str) -> None:
    path = tmp_path / "pasted.txt"
    path.write_bytes(head.encode("utf-8") + pasted)
    doc = load_document(path)
    assert doc.text == head + expected
    stray = len(pasted.translate(None, bytes(range(128))))
    assert doc.notes == (f"{stray} byte{'s that are' if stray > 1 else ' that is'} not valid "
                         "UTF-8 read as Windows-1252; the rest of the file is UTF-8",)


@pytest.mark.parametrize("bad", [
    pytest.param(b".\xff\n", id="0xFF after a full stop"),
    pytest.param(b" caf\x81 ", id="a byte Windows-1252 lacks"),
    # Two of a ’'s three bytes (E2 80), which Windows-1252 reads as "â€".
    pytest.param(b"ing\xe2\x80 here.\n", id="a curly quote cut short"),
    # A UTF-16 byte-order mark (FF FE) glued to a word was read as Windows-1252 letters no
    # Western language writes, "wordÿþ", and noted as pasted text.
    pytest.param(b" word\xff\xfe here.\n", id="FF FE after a word"),
    pytest.param(b" word\xfe here.\n", id="FE after a word"),
])
def test_utf8_with_few_quotes_and_a_damaged_byte_reads_it_as_u_fffd(
        tmp_path: Path, bad: bytes) -> None:
    # Bytes no Windows-1252 text pastes stay damage, as in a file with more UTF-8.
    path = tmp_path / "damaged.txt"
    path.write_bytes(FEW_QUOTES.encode("utf-8") + b"The end" + bad)
    doc = load_document(path)
    assert doc.text == FEW_QUOTES + "The end" + bad.decode("utf-8", "replace")
    line = FEW_QUOTES.count("\n") + 1
    assert [note.endswith(f"replaced with \ufffd (the first on line {line}); the rest of the "
                          "file is UTF-8") for note in doc.notes] == [True]


def test_utf8_with_a_pasted_word_and_damage_reads_each_as_what_it_is(tmp_path: Path) -> None:
    # Two UTF-8 dashes, a pasted Windows-1252 "café" and FF FE glued to a word: all three
    # bytes were read as Windows-1252, "wordÿþ", noted as pasted text.
    path = tmp_path / "mixed.txt"
    path.write_bytes("The board met — twice —.\n".encode() + b"At the caf\xe9, a word\xff\xfe.\n")
    doc = load_document(path)
    assert doc.text == "The board met — twice —.\nAt the café, a word\ufffd\ufffd.\n"
    assert doc.notes == (
        "1 byte that is not valid UTF-8 read as Windows-1252; the rest of the file is UTF-8",
        "2 bytes that are not valid UTF-8 replaced with \ufffd (the first on line 2); the "
        "rest of the file is UTF-8")


@pytest.mark.parametrize(("mark", "bad"), [
    pytest.param(b"", b"\xe2\x80", id="two bytes of a cut quote"),
    pytest.param(codecs.BOM_UTF8, b"\xe2\x80", id="the same after a byte-order mark"),
    pytest.param(b"", b" \xff\xfe", id="two bad bytes"),
])
def test_the_note_on_bad_bytes_counts_them_and_gives_the_first_ones_line(
        tmp_path: Path, mark: bytes, bad: bytes) -> None:
    # Two bytes of a curly quote that lost its third are one U+FFFD: the note said "1 byte",
    # and not where, so the reader could not find it in the file.
    lines = FRENCH.encode("utf-8").splitlines(keepends=True)
    data = mark + b"".join(lines[:3]) + b"Le port" + bad + b" ferme.\r\n" + b"".join(lines[3:])
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.notes == ("2 bytes that are not valid UTF-8 replaced with \ufffd (the first on "
                         "line 4); the rest of the file is UTF-8",)
    assert doc.text.splitlines()[3] == "Le port" + bad.decode("utf-8", "replace") + " ferme."


ASCII_LINES = [f"The harbour board met on day {n} and approved the plan before the vote.\n"
               for n in range(40)]


@pytest.mark.parametrize("stray", [
    pytest.param(b"\xff", id="FF after a word"),
    pytest.param(b" \xff", id="FF alone"),
    pytest.param(b"\xff\xfe", id="FF FE after a word"),
    # Icelandic letters (Windows-1252) and Turkish ones (Windows-1254), but none a word ends
    # on after "d": "approvedş", "approvedþ", "approvedð" were read silently.
    pytest.param(b"\xfe", id="FE after a word"),
    pytest.param(b"\xf0", id="F0 after a word"),
])
def test_a_stray_byte_in_an_ascii_text_is_replaced_and_noted(tmp_path: Path,
                                                            stray: bytes) -> None:
    # One 0xFF in an English text was read in some code page, silently: "approvedя",
    # "approved˙", or "approvedÿş" for FF FE.
    data = "".join(ASCII_LINES).encode("ascii")
    cut = data.index(b" the plan", len(data) // 2)
    path = tmp_path / "stray.txt"
    path.write_bytes(data[:cut] + stray + data[cut:])
    doc = load_document(path)
    head = data[:cut].decode("ascii")
    bad = len(stray.translate(None, bytes(range(128))))
    assert doc.text == head + stray.decode("utf-8", "replace") + data[cut:].decode("ascii")
    line = data[:cut].count(b"\n") + 1
    assert doc.notes == (f"{bad} byte{'s that are' if bad > 1 else ' that is'} not valid UTF-8 "
                         f"replaced with \ufffd (the first on line {line}); the rest of the file "
                         "is UTF-8",)


@pytest.mark.parametrize("written", ["½ a mile", "5×4 m", "10 m²", "Renée Smith", "the Æsir",
                                     "a déjà vu", "±3 m", "Faßbinder", "Þór", "Óðinn"])
def test_a_lone_windows_1252_character_in_an_ascii_text_reads_as_written(
        tmp_path: Path, written: str) -> None:
    # Each byte beyond ASCII alone between ASCII ones, and the text was read in whichever
    # code page scored best: "Ren閑" (GB18030), "˝ a mile" (Mac Roman), "the 鱷ir".
    text = "".join(ASCII_LINES[:20]) + f"They said {written} twice.\n" + "".join(ASCII_LINES[20:])
    path = tmp_path / "lone.txt"
    path.write_bytes(text.encode("cp1252"))
    doc = load_document(path)
    assert (doc.text, doc.notes) == (text, ())
