"""Plain text in any encoding loads exactly; bad files give one clear error."""

import codecs

import pytest

from viewer.core.compare import compare
from viewer.core.errors import RAISE_LIMIT, LoadError, TooLarge
from viewer.core.loading import load_document

SAMPLE = "Digital China\r\nbuilds a \u201cnetwork power\u201d \u2014 caf\u00e9 数字中国.\n"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_text_decodes_exactly_with_crlf_kept(tmp_path, encoding, prefix):
    path = tmp_path / "a.txt"
    path.write_bytes(prefix + SAMPLE.encode(encoding))
    assert load_document(path).text == SAMPLE


def test_a_utf8_byte_order_mark_is_kept_so_offsets_match_a_utf8_reader(tmp_path):
    with_mark, without = tmp_path / "mark.txt", tmp_path / "plain.txt"
    with_mark.write_bytes(codecs.BOM_UTF8 + SAMPLE.encode())
    without.write_bytes(SAMPLE.encode())
    loaded = load_document(with_mark)
    assert loaded.text == with_mark.read_bytes().decode("utf-8") == "\ufeff" + SAMPLE
    [phrase] = compare(loaded, load_document(without)).shared_phrases
    assert phrase.a == (1, len(loaded.text) - 1) and phrase.b == (0, len(SAMPLE) - 1)


LEGACY = {
    "gb18030": "会议指出，要坚持把科技自立"
               "自强作为城市发展的战略支撑"
               "。今年以来，全市研发投入"
               "持续增长。\r\n" * 3,
    "cp1252": "Le conseil municipal a approuv\u00e9 mardi le projet de r\u00e9novation du port. "
              "Selon le maire, les entrep\u00f4ts seront transform\u00e9s en logements "
              "abordables et une nouvelle gare maritime reliera le quartier \u00e0 "
              "l\u2019a\u00e9roport. Les opposants estiment que le co\u00fbt du dragage a "
              "\u00e9t\u00e9 sous-estim\u00e9 par les experts engag\u00e9s au printemps.\n",
}


@pytest.mark.parametrize("encoding", sorted(LEGACY))
def test_legacy_encoding_is_detected(tmp_path, encoding):
    path = tmp_path / "legacy.txt"
    path.write_bytes(LEGACY[encoding].encode(encoding))
    assert load_document(path).text == LEGACY[encoding]


@pytest.mark.parametrize("make,problem", [
    (lambda p: None, "no such file"),
    (lambda p: p.mkdir(), "is a folder"),
    (lambda p: p.write_bytes(b""), "is empty"),
    (lambda p: p.write_bytes(b"  \n\t \n"), "is empty"),
    (lambda p: p.write_bytes(bytes(range(256)) * 40), "is binary"),
])
def test_bad_files_name_the_file_and_the_problem(tmp_path, make, problem):
    path = tmp_path / "bad.txt"
    make(path)
    with pytest.raises(LoadError) as info:
        load_document(path)
    assert problem in str(info.value)
    assert str(path) in str(info.value)


def test_too_large_names_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    with pytest.raises(TooLarge, match="too large") as info:
        load_document(path, max_bytes=1000)
    # Typed, so that the window and a collection, which cannot raise the limit, say their own.
    assert info.value.hint == RAISE_LIMIT


def test_loading_never_writes_to_the_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(SAMPLE.encode("utf-8"))
    before = path.stat()
    load_document(path)
    after = path.stat()
    assert (before.st_mtime_ns, before.st_size) == (after.st_mtime_ns, after.st_size)
