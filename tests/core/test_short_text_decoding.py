"""Tests of viewer.core.short_text_decoding: a short text in a legacy encoding reads as
written, not as another language's rare words or characters, nor is refused as binary
where the detector makes no guess; binary data still is."""

from __future__ import annotations

import random
import re
import struct
import time
from pathlib import Path

import pytest
from charset_normalizer import from_bytes

from viewer.core.errors import LoadError
from viewer.core.loading import load_document
from viewer.core.rarity import commonest_words
from viewer.core.short_text_decoding import lines_holding

FIXTURES = Path(__file__).parents[1] / "fixtures" / "core"
FRENCH = ("Le conseil municipal a approuvé mardi le projet de rénovation du port. Selon la "
          "maire, les entrepôts seront transformés en logements abordables et une nouvelle "
          "gare maritime reliera le quartier à l’aéroport. « Nous ne sommes pas contre », "
          "a déclaré un élu. Déjà vu. Château. Crème brûlée.")
GERMAN = ("Der Stadtrat hat am Dienstag den Plan gebilligt. Laut Bürgermeisterin werden die "
          "Lagerhäuser zu günstigen Wohnungen umgebaut – und ein neuer Fährbahnhof verbindet "
          "das Viertel. Kosten seien „deutlich unterschätzt“ worden. Grüße aus München.")
SPANISH = ("El ayuntamiento aprobó el martes el proyecto de renovación del puerto. Según la "
           "alcaldesa, los almacenes se convertirán en viviendas. ¿Qué pasará? Año nuevo.")
# Words with ß, which wordfreq's case-folded lists spell "ss": read as Windows-1251, "StraЯe".
GERMAN_SHARP_S = ("Die Straße ist groß. Ich weiß es nicht, sagte er draußen. Viele Grüße "
                  "vom Fußballplatz, wo man außerdem gemäß der Regel mit Maß isst.")
# Words ending in ς, which those lists spell σ: read as Windows-1251, "фзт" for "της".
GREEK = ("Ο πρόεδρος της χώρας μίλησε για τις εξελίξεις στην οικονομία. Η κυβέρνηση "
         "ανακοίνωσε τις αποφάσεις της για τους μισθούς και τις συντάξεις.")
CZECH = ("Vláda dnes schválila návrh zákona o státním rozpočtu na příští rok. Podle ministra "
         "financí se schodek sníží o několik miliard korun, ale opozice tvrdí, že čísla jsou "
         "nereálná.")
POLISH = ("Rada miasta zatwierdziła we wtorek projekt przebudowy portu. Według burmistrza "
          "magazyny zostaną zamienione na tanie mieszkania, a nowy dworzec morski połączy "
          "dzielnicę z lotniskiem.")
CROATIAN = ("Gradsko vijeće u utorak je odobrilo projekt obnove luke. Prema riječima "
            "gradonačelnika, skladišta će postati pristupačni stanovi, a novi pomorski "
            "terminal povezat će četvrt sa zračnom lukom.")
RUSSIAN = ("Городской совет во вторник одобрил проект реконструкции порта. По словам мэра, "
           "склады будут превращены в доступное жильё, а новый морской вокзал соединит район "
           "с аэропортом.")
UKRAINIAN = ("Міська рада у вівторок схвалила проєкт реконструкції порту. За словами мера, "
             "склади перетворять на доступне житло, а новий морський вокзал з'єднає район.")
BULGARIAN = ("Общинският съвет одобри във вторник проекта за реконструкция на пристанището. "
             "Според кмета складовете ще бъдат превърнати в достъпни жилища.")
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
    read_right = _read_right(tmp_path, openings, encoding)
    assert read_right >= 0.9 * len(openings), (read_right, len(openings))


def _read_right(folder: Path, texts: list[str], encoding: str) -> int:
    """How many of `texts`, each saved in `encoding` to a file of its own, load as
    written."""
    right = 0
    for k, text in enumerate(texts):
        path = folder / f"{k}.txt"
        path.write_bytes(text.encode(encoding))
        right += load_document(path).text == text
    return right


def _word_runs(text: str, words: int) -> list[str]:
    """Every run of `words` words of `text` holding a letter beyond ASCII."""
    split = text.split()
    runs = (" ".join(split[k:k + words]) for k in range(len(split) - words + 1))
    return [run for run in runs if any(not c.isascii() and c.isalpha() for c in run)]


@pytest.mark.parametrize(("text", "encoding"), [
    pytest.param(FRENCH, "cp1252", id="French Windows-1252"),
    pytest.param(FRENCH.replace("’", "'"), "latin-1", id="French Latin-1"),
    pytest.param(GERMAN, "cp1252", id="German Windows-1252"),
    pytest.param(GERMAN_SHARP_S, "cp1252", id="German with ß, Windows-1252"),
    pytest.param(GREEK, "cp1253", id="Greek Windows-1253"),
    pytest.param(SPANISH, "cp1252", id="Spanish Windows-1252"),
    pytest.param(CZECH, "cp1250", id="Czech Windows-1250"),
    pytest.param(POLISH, "cp1250", id="Polish Windows-1250"),
    pytest.param(CROATIAN, "cp1250", id="Croatian Windows-1250"),
    pytest.param(RUSSIAN, "cp1251", id="Russian Windows-1251"),
    # KOI8 reads Windows-1251's small letters as capitals, other ones: "склады" as "ЯЙКЮДШ".
    pytest.param(UKRAINIAN, "cp1251", id="Ukrainian Windows-1251"),
    pytest.param(BULGARIAN, "cp1251", id="Bulgarian Windows-1251"),
])
@pytest.mark.parametrize("words", [1, 2, 3])
def test_a_few_words_read_in_their_own_encoding(tmp_path: Path, text: str, encoding: str,
                                                words: int) -> None:
    # A title or a series name: the detector alone read "Déjà" as 䓩櫠, "approuvé" as
    # "approuvﻠ", "Vláda" as "Vlﻕda" and "вторник" as Arabic letters.
    runs = _word_runs(text, words)
    read_right = _read_right(tmp_path, runs, encoding)
    assert read_right >= 0.85 * len(runs), (read_right, len(runs))


@pytest.mark.parametrize(("text", "encoding"), [
    pytest.param(RUSSIAN, "koi8_r", id="Russian KOI8-R"),
    pytest.param(UKRAINIAN, "koi8_u", id="Ukrainian KOI8-U"),
])
@pytest.mark.parametrize("words", [2, 3])
def test_a_few_words_in_koi8_read_as_written(tmp_path: Path, text: str, encoding: str,
                                             words: int) -> None:
    # Unix's Cyrillic was weighed as no encoding: a line of Russian in KOI8-R read as Mac
    # Roman ("Ìœ”À◊¡") or as Windows-1251's capitals ("рТЙЧЕФ").
    runs = _word_runs(text, words)
    read_right = _read_right(tmp_path, runs, encoding)
    assert read_right >= 0.85 * len(runs), (read_right, len(runs))


def _middling_words(language: str, count: int) -> list[str]:
    """`count` words of `language`'s list, evenly spread past its commonest 500, of three
    letters or more (two bytes read as well as one character of a double-byte code page)."""
    words = [word for word in list(commonest_words(language, 20_000))[500:]
             if word.isalpha() and len(word) > 2]
    return words[::len(words) // count][:count]


@pytest.mark.parametrize(("language", "encoding"), [
    ("ru", "koi8_r"), ("bg", "koi8_r"), ("uk", "koi8_u"), ("el", "cp1253")])
def test_one_middling_word_reads_in_its_own_encoding(tmp_path: Path, language: str,
                                                     encoding: str) -> None:
    # Readings were weighed by the mean of their items, so a run of common marks or
    # characters outweighed one rarer word: "спорта" in KOI8-R read as Mac Roman's
    # "”–œ“‘¡", "семена" in Windows-1251 as the Greek "ρεμενΰ".
    words = _middling_words(language, 60)
    read_right = _read_right(tmp_path, words, encoding)
    assert read_right >= 0.95 * len(words), (read_right, len(words))


@pytest.mark.parametrize(("text", "encoding"), [
    # Windows-1252's small ñ is Mac Roman's capital Ò: "NuÒez", a word no language writes.
    pytest.param("The captain was Nuñez, from the old town.", "cp1252", id="Nuñez in a sentence"),
    pytest.param("He met Nuñez.", "cp1252", id="Nuñez"),
    # Turkish capital İ folded as other languages fold it, "i̇ngiltere", was in no list:
    # "›ngiltere ve ›Ái˛leri" (Mac Roman), "Diyarbakýr'dan Ýzmir'e" (Windows-1252).
    pytest.param("İngiltere ve İçişleri.", "cp1254", id="Turkish İ"),
    pytest.param("Diyarbakır'dan İzmir'e", "cp1254", id="Turkish ı and İ"),
    pytest.param("IŞIK", "cp1254", id="Turkish capitals"),
])
def test_a_word_or_two_with_one_or_two_letters_beyond_ascii_read_as_written(
        tmp_path: Path, text: str, encoding: str) -> None:
    assert _read_right(tmp_path, [text], encoding) == 1


@pytest.mark.parametrize("text", [
    pytest.param("The tickets cost 5£ at the door, or £4 in advance.", id="pound"),
    pytest.param("The tickets cost 5¥ at the door, or ¥4 in advance.", id="yen"),
    pytest.param("The tickets cost 5¢ at the door, or ¢4 in advance.", id="cent"),
    pytest.param("It costs 5€.", id="euro"),
    pytest.param("Cost: €5 or £4.", id="euro and pound"),
    pytest.param("The tickets cost 5 dollars. " * 20 + "Cost: £5.", id="pound, long"),
])
def test_english_whose_only_other_characters_are_currency_signs_reads_as_written(
        tmp_path: Path, text: str) -> None:
    # £ ¥ ¢ were read as Shift-JIS half-width marks ("5｣"), € as Mac Roman's Ä, and "€5 or
    # £4" refused as binary (Shift-JIS reads byte 0x80 as a control character).
    encodings = ["cp1252"] if "€" in text else ["cp1252", "latin-1"]  # Latin-1 has no €
    for encoding in encodings:
        assert _read_right(tmp_path, [text], encoding) == 1, encoding


@pytest.mark.parametrize("text", [
    pytest.param("Price: 10\xa0% off.", id="before a sign"),
    pytest.param("1\xa0000 people came.", id="between digits"),
    pytest.param("Le prix\xa0: 10\xa0€.", id="French spacing"),
])
def test_a_no_break_space_reads_as_written(tmp_path: Path, text: str) -> None:
    # Windows-1252's no-break space (0xA0) is Mac Roman's "†": weighed as a rare letter,
    # it lost to that mark, "Price: 10†% off.", "Le prix†: 10†Ä."
    assert _read_right(tmp_path, [text], "cp1252") == 1


@pytest.mark.parametrize(("text", "encoding"), [
    pytest.param("教授!", "cp932", id="Japanese Shift-JIS: Professor!"),
    pytest.param("では?", "cp932", id="Japanese Shift-JIS: Then?"),
    pytest.param("好!", "gbk", id="Chinese GBK: Good!"),
    pytest.param("保護!", "cp950", id="Chinese Big5: Protect!"),
    pytest.param("繼續!", "cp950", id="Chinese Big5: Go on!"),
    pytest.param("Да.", "cp1251", id="Russian Windows-1251: Yes."),
    pytest.param("и т.д.", "cp1251", id="Russian Windows-1251: etc."),
])
def test_a_word_or_two_the_detector_gives_up_on_is_weighed_not_refused(
        tmp_path: Path, text: str, encoding: str) -> None:
    # charset_normalizer makes no guess at all for these: they were refused as binary.
    data = text.encode(encoding)
    assert from_bytes(data).best() is None
    assert _read_right(tmp_path, [text], encoding) == 1


@pytest.mark.parametrize("text", ["医学", "学校", "医院", "系统", "小说", "什么", "同时",
                                  "之前", "学习"])
def test_a_short_gbk_text_whose_bytes_are_utf8_too_reads_as_gbk(tmp_path: Path,
                                                                text: str) -> None:
    # Its bytes are valid UTF-8 too, and were read so: "医学" as "ҽѧ", letters of Abkhaz and
    # Old Church Slavonic that no code page writes; "小说" as "С˵", with a modifier mark.
    data = text.encode("gbk")
    assert data.decode("utf-8") != text
    assert _read_right(tmp_path, [text], "gbk") == 1


@pytest.mark.parametrize("text", [
    "Да", "Привет, мир", "Ωμέγα", "Ελληνικά", "Բարև", "Հայաստան", "үй", "Қазақстан", "Ђорђе",
    "Ħamrun", "ĉu", "Ĳsselmeer", "nǐ hǎo", "/ˈhɛloʊ/", "Hawaiʻi", "мʼясо", "שָׁלוֹם",
    "cafe\u0301", "Москва Αθήνα Երևան", "Ok 👍", "Ѣ", "Việt Nam", "Nguyễn Thị", "Đà Nẵng",
    "Azərbaycan", "ḥadīth", "Lǚ",
])
def test_short_utf8_text_of_any_script_still_reads_as_utf8(tmp_path: Path, text: str) -> None:
    assert _read_right(tmp_path, [text], "utf-8") == 1


@pytest.mark.parametrize(("data", "problem"), [
    pytest.param(struct.pack("<8I", 1, 2, 3, 4, 5, 6, 70000, 9), "is binary, not text",
                 id="NUL bytes"),
    pytest.param(bytes(range(1, 256)), "is binary, not text", id="control bytes, no NUL"),
    pytest.param(bytes(range(128, 256)), "is binary, not text", id="high bytes alone"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(40), "is a PNG image, not an article",
                 id="PNG image"),
])
def test_short_binary_data_is_still_refused(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(data)
    with pytest.raises(LoadError, match=re.escape(f"{path}: {problem}")):
        load_document(path)


@pytest.mark.parametrize("seed", [2, 4, 7, 8, 9])
def test_bytes_of_no_text_the_detector_gives_up_on_are_still_refused(
        tmp_path: Path, seed: int) -> None:
    # A hundred random bytes, none a NUL or a control byte: the detector makes no guess,
    # and Windows-1251 reads nearly any bytes ("Ьx(-в!ХsuЦЏb..."), but as no words of
    # Russian: they were refused as binary before the weighing, and still are.
    rng = random.Random(seed)
    data = bytes(rng.choice(range(32, 256)) for _ in range(100))
    assert from_bytes(data).best() is None
    path = tmp_path / "data.txt"
    path.write_bytes(data)
    with pytest.raises(LoadError, match=re.escape(f"{path}: is binary, not text")):
        load_document(path)


@pytest.mark.parametrize("word", ["Straße", "café", "naïve", "Zürich", "Señor", "Αθήνας"])
def test_one_foreign_word_in_an_ascii_text_reads_as_written(tmp_path: Path, word: str) -> None:
    # The German street name was "StraЯe": the lists spell ß as "ss".
    text = (f"The board met on Monday and approved the plan; {word} was the word the "
            "minister used twice before the vote.\n") * 3
    encoding = "cp1253" if word == "Αθήνας" else "cp1252"
    assert _read_right(tmp_path, [text], encoding) == 1


@pytest.mark.parametrize(("word", "encoding"), [
    ("Straße", "cp1252"), ("Αθήνας", "cp1253"), ("город", "cp1251"), ("数字中国", "gbk")])
def test_a_few_words_in_a_long_ascii_text_read_as_written(tmp_path: Path, word: str,
                                                          encoding: str) -> None:
    # A long ASCII text with one line beyond it is weighed on that line: word by word, a
    # 24 MB one took minutes.
    lines = [f"The board met on day {n} and the minister spoke before the vote.\n"
             for n in range(3000)]
    text = "".join(lines[:1500]) + f"The word was {word}, twice: {word}.\n" + "".join(lines[1500:])
    assert _read_right(tmp_path, [text], encoding) == 1


def test_the_lines_weighed_are_those_holding_the_bytes_looked_for() -> None:
    data = b"one\r\ntw\xe9\r\nthree\nf\xf6ur\nfive\n\xff"
    assert lines_holding(re.compile(rb"[\x80-\xff]"), data) == b"tw\xe9\r\nf\xf6ur\n\xff"
    assert lines_holding(re.compile(rb"[\x80-\xff]"), data, limit=3) == b"tw\xe9\r"
    assert lines_holding(re.compile(rb"~"), data) == b""


def test_a_long_line_is_weighed_around_its_stray_bytes_not_whole(tmp_path: Path) -> None:
    # A page saved as one line of 1 MB with one byte beyond ASCII was weighed whole, word
    # by word in every encoding: 6 s of CPU time for one "é".
    half = '<a class="link" href="/news/item">The board met</a>, ' * 10_000
    data = (half + "le caf\xe9-restaurant, d\xe9j\xe0 " + half).encode("cp1252")
    kept = lines_holding(re.compile(rb"[\x80-\xff]"), data)
    assert b"le caf\xe9-restaurant, d\xe9j\xe0 " in kept
    assert len(kept) < 1000 < len(data) // 1000
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    started = time.process_time()
    text = load_document(path).text
    assert time.process_time() - started < 1.0
    assert text == data.decode("cp1252")


@pytest.mark.parametrize("word", ["Straße", "Grüße", "Fußgängerzone"])
def test_backslashes_and_tildes_are_no_evidence_of_shift_jis(tmp_path: Path, word: str) -> None:
    # Shift-JIS 2004 reads "\" as ¥ and "~" as ‾: counted as its marks, a Windows-1252
    # text whose other lines write them was read in it, "Straﾟe", every "\" a ¥.
    lines = [f"Line {n}: about ~{n} people came, ~ {n + 2} more. \\ {n}\n" for n in range(10)]
    text = "".join(lines[:5]) + f"The office is in the {word} am Markt.\n" + "".join(lines[5:])
    assert _read_right(tmp_path, [text], "cp1252") == 1


@pytest.mark.parametrize("word", ["Faßbinder", "Straßenbahnhaltestelle", "Großstadtstraße"])
def test_a_word_with_sharp_s_the_lists_lack_reads_as_written(tmp_path: Path, word: str) -> None:
    # wordfreq's lists spell ß as "ss", so no letter of theirs is ß: a German name or
    # compound they lack was weighed as rarer than its Windows-1251 reading, "FaЯbinder".
    english = f"The board met on Monday and approved the plan; {word} was named twice.\n" * 3
    german = f"Der Stadtrat hat am Dienstag getagt; {word} wurde zweimal genannt.\n"
    assert _read_right(tmp_path, [english, german], "cp1252") == 2


@pytest.mark.parametrize(("text", "encoding"), [
    pytest.param("Überstundenregelung", "cp1252", id="German Ü"),
    pytest.param("Die Überstundenregelung gilt ab Mai.", "cp1252", id="German Ü in a sentence"),
    pytest.param("İstanbul", "cp1254", id="Turkish İ"),
    pytest.param("The summit will be held in İstanbul next week.", "cp1254",
                 id="Turkish İ in an English sentence"),
    pytest.param("İstanbul ve İzmir", "cp1254", id="Turkish İ twice"),
    # A quote Mac Roman text opens with them, and closes, still reads as one.
    pytest.param("Er sagte ›Überstunden‹ und ging.", "mac_roman", id="Mac Roman quote"),
])
def test_a_capital_opening_a_word_reads_as_written_not_as_a_quotation_mark(
        tmp_path: Path, text: str, encoding: str) -> None:
    # Windows-1252's Ü and Windows-1254's İ are Mac Roman's ‹ and ›: weighed as any mark, a
    # word the lists lack read as a quote opened and never closed, "‹berstundenregelung",
    # "›stanbul ve ›zmir".
    assert _read_right(tmp_path, [text], encoding) == 1


def test_a_turkish_name_in_a_long_ascii_text_reads_as_written(tmp_path: Path) -> None:
    lines = [f"The board met on day {n} and the minister spoke before the vote.\n"
             for n in range(3000)]
    text = "".join(lines[:1500]) + "The summit is in İstanbul.\n" + "".join(lines[1500:])
    assert _read_right(tmp_path, [text], "cp1254") == 1


ICELANDIC = ("Þór er sonur Óðins og Jarðar. Hann ekur um himininn í kerru sem tveir hafrar "
             "draga, og þegar hann fer verða þrumur. Óðinn er æðstur ása og faðir margra guða.")


@pytest.mark.parametrize(("text", "encoding"), [
    ("Óðins", "cp1252"), ("The hall of Óðins sons stood there.", "cp1252"),
    # Latin words a text of these languages glues to its characters still read as written.
    ("PC방", "cp949"), ("B超", "gbk"), ("在Windows上", "gbk")])
def test_a_character_glued_to_small_latin_letters_is_no_character_of_the_text(
        tmp_path: Path, text: str, encoding: str) -> None:
    # "Óð" is one GB18030 character, 羽: weighed as any common character, "Óðins" read
    # as "羽ins".
    assert _read_right(tmp_path, [text], encoding) == 1


@pytest.mark.parametrize("text", [
    "Þingvellir", "We drove to Þingvellir in the morning.",
    "The old parliament met at Þingvellir.\n" * 200])
def test_a_word_opening_with_thorn_reads_as_written_not_as_a_ligature(
        tmp_path: Path, text: str) -> None:
    # Windows-1252's Þ is Mac Roman's ligature ﬁ, which was weighed as the letter f:
    # "ﬁingvellir". A ligature is no letter a writer types.
    assert _read_right(tmp_path, [text], "cp1252") == 1


@pytest.mark.parametrize("text", [
    "Þór", "Óðinn", "They sang of Þór and Óðinn.",
    *(sentence + "." for sentence in ICELANDIC.split(". ")[:-1]), ICELANDIC.split(". ")[-1],
    pytest.param(ICELANDIC, id="a paragraph")])
def test_icelandic_in_windows_1252_reads_as_written(tmp_path: Path, text: str) -> None:
    # Windows-1252 writes Icelandic, but none of the lists it was weighed with holds þ or ð:
    # "Þór" read as Mac Roman's "ﬁÛr", "Óðinn" as "”\uf8ffinn", "Jarðar" as "Jarрar".
    assert _read_right(tmp_path, [text], "cp1252") == 1


@pytest.mark.parametrize(("text", "encoding"), [
    pytest.param("Zażółć gęślą jaźń", "cp1250", id="Polish rare words"),
    pytest.param("Čestitam, ćevapi, đak", "cp1250", id="Croatian"),
])
def test_rare_words_of_several_letters_beyond_ascii_read_as_written(
        tmp_path: Path, text: str, encoding: str) -> None:
    # "Zażółć gęślą jaźń" read as KOI8's "Za©СЁФ gЙ°l╧ ja÷Я": its words join letters the
    # commonest Polish words never join ("łć"), which told a stray byte as well as a rare
    # word. Croatian, which Windows-1250 writes, was no language weighed for it.
    assert _read_right(tmp_path, [text], encoding) == 1


@pytest.mark.parametrize("text", ["A股", "T故", "X光片", "做X光检查", "K线图"])
def test_a_chinese_character_after_a_latin_capital_reads_as_written(
        tmp_path: Path, text: str) -> None:
    # "A股" (a mainland share) in GBK is A B9 C9, which Windows-1251 reads as "A№Й": the
    # numero sign glued to the A, weighed as any mark, and "Й", a common Ukrainian word,
    # outweighed the one character.
    assert _read_right(tmp_path, [text], "gbk") == 1


@pytest.mark.parametrize("text", [
    "página", "tripulación", "comenzó", "La página de la tripulación comenzó.",
    "belgië", "officiële geëxecuteerd sicilië", "institució", "modificació conducció"])
def test_mac_roman_letters_read_as_marks_inside_a_word_lose_to_the_word(
        tmp_path: Path, text: str) -> None:
    # Mac Roman's á, ó, ë are Windows-1252's ‡, —, ‘: "p‡gina", "tripulaci—n", "belgi‘".
    # Only the mark was weighed, as common as one, never the pieces of word it left.
    assert _read_right(tmp_path, [text], "mac_roman") == 1


@pytest.mark.parametrize(("text", "encoding"), [
    ("it—and", "cp1252"), ("l’homme c’est", "cp1252"), ("isn’t", "cp1252"),
    ("O’Neill’s café", "cp1252"), ("d’Artagnan", "cp1252"), ("then—", "cp1252"),
    ("Kowalczyk—the end", "mac_roman"), ("Zork™", "mac_roman"), ("“Frobnitz”", "mac_roman")])
def test_marks_a_text_glues_to_words_still_read_as_written(
        tmp_path: Path, text: str, encoding: str) -> None:
    # Marks glued to words the lists hold, in them ("isn't"), or to a name they lack: the
    # name costs what a word they lack does, no more than its other reading ("KowalczykÑthe").
    assert _read_right(tmp_path, [text], encoding) == 1
