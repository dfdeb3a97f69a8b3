"""Tests of viewer.collection.stored_article: finding a loaded text among a store's
articles, and its passages on the stored text's offsets, also when the loaded text was
trimmed of a scraped page's noise (`--trim`)."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.collection.planted import LINK_LIST, STRAY_TOKEN, make_collection, with_scraped_noise
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore
from viewer.collection.stored_article import article_of
from viewer.core.loading import load_document
from viewer.core.trim import TrimResult, trim_noise


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> CollectionStore:
    folder = tmp_path_factory.mktemp("stored")
    planted = make_collection()
    # One article stored as a Windows file writes it: every line break "\r\n".
    planted.rows[5]["text"] = planted.rows[5]["text"].replace("\n", "\r\n")
    # Two carriers of the chain as scraped, noise and all, one of them with "\r\n".
    with_scraped_noise(planted, ("d011", "d017"))
    planted.rows[16]["text"] = planted.rows[16]["text"].replace("\n", "\r\n")
    opened = CollectionStore.create_or_open(folder / "store.sqlite")
    add_sources(opened, [planted.write(folder / "c.jsonl")], workers=1)
    return opened


def _stored(store: CollectionStore, doc_id: str) -> str:
    (text,) = store.connection.execute("SELECT text FROM documents WHERE id = ?",
                                       (doc_id,)).fetchone()
    return str(text)


def _span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.mark.parametrize(("doc_id", "saved"), [
    ("d002", lambda text: text),
    ("d002", lambda text: text.rstrip() + "\n\n"),
    ("d002", lambda text: text.replace("\n", "\r\n")),
    ("d002", lambda text: text.replace("\n", "\r")),
    ("d006", lambda text: text.replace("\r\n", "\n")),
    ("d006", lambda text: text.replace("\r\n", "\n").rstrip()),
])
def test_a_text_saved_with_other_line_breaks_is_the_article_at_its_offsets(
        store: CollectionStore, doc_id: str, saved: Callable[[str], str]) -> None:
    stored = _stored(store, doc_id)
    text = saved(stored)
    found = article_of(store, text)
    assert found is not None and found.id == doc_id
    # Its last paragraph, wherever the line breaks before it put it in either text.
    paragraph = stored.replace("\r\n", "\n").rstrip().rsplit("\n", 1)[1]
    at = _span_of(text, paragraph)
    assert found.span(at) == _span_of(stored, paragraph)
    title = stored.split("\r")[0].split("\n")[0]
    assert found.span(_span_of(text, title)) == _span_of(stored, title)


def test_an_edited_text_is_no_article(store: CollectionStore) -> None:
    stored = _stored(store, "d002")
    assert article_of(store, stored.replace("\n", "\r\n").replace("Title", "Headline")) is None
    assert article_of(store, "\r\n\r\n") is None


def _trimmed(text: str) -> str:
    return trim_noise(text).text


@pytest.mark.parametrize(("doc_id", "saved"), [
    ("d011", lambda text: text),
    ("d011", lambda text: text.replace("\n", "\r\n")),
    ("d017", lambda text: text.replace("\r\n", "\n")),
    ("d017", lambda text: text),
])
def test_a_trimmed_text_is_the_article_it_was_trimmed_from_at_its_offsets(
        store: CollectionStore, doc_id: str, saved: Callable[[str], str]) -> None:
    stored = _stored(store, doc_id)
    text = _trimmed(saved(stored))
    assert STRAY_TOKEN not in text and LINK_LIST[0] not in text
    assert article_of(store, text) is None  # only a text said to be trimmed is looked for so
    found = article_of(store, text, trimmed=True)
    assert found is not None and found.id == doc_id
    # Each paragraph, before and after each piece of noise, is where the stored text has
    # it: its first (the token after it), the chain's passage (after the repeated title
    # line) and its last (the links after it), and the title; and so is the whole text.
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    assert len(paragraphs) >= 4
    for words in paragraphs:
        assert found.span(_span_of(text, words)) == _span_of(stored, words)
    # The whole text: up to the links, the title line and the token inside it.
    assert found.span((0, len(text.rstrip()))) == (
        0, len(stored[:stored.index(LINK_LIST[0])].rstrip()))


def test_a_stored_text_that_is_the_trimmed_one_is_found_as_it_is(
        store: CollectionStore) -> None:
    stored = _stored(store, "d002")
    assert _trimmed(stored) == stored
    found = article_of(store, stored, trimmed=True)
    assert found is not None and found.id == "d002" and found.span((3, 9)) == (3, 9)


def test_a_trimmed_text_edited_since_is_no_article(store: CollectionStore) -> None:
    text = _trimmed(_stored(store, "d011"))
    assert article_of(store, text.replace("Title", "Headline"), trimmed=True) is None
    assert article_of(store, text[:-40], trimmed=True) is None


def test_a_trimmed_text_sharing_only_its_first_line_trims_no_stored_text(
        store: CollectionStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # Scraped pages of one site open with one line (here a word every title has): a text
    # of other paragraphs is none of the articles, told without trimming each stored text
    # that holds its first line (every one, in a large store: seconds a side).
    trimmed: list[str] = []

    def counted(text: str) -> TrimResult:
        trimmed.append(text)
        return trim_noise(text)

    monkeypatch.setattr("viewer.collection.stored_article.trim_noise", counted)
    paragraph = "Zorbulent quimbly fasterned the plovic and then the grumbly smelt. " * 3
    text = "Title\n\n" + "\n\n".join([paragraph] * 2) + "\n"
    assert article_of(store, text, trimmed=True) is None
    assert trimmed == []
    # An article trimmed is still found, its stored text trimmed to tell it.
    found = article_of(store, _trimmed(_stored(store, "d011")), trimmed=True)
    assert found is not None and found.id == "d011" and len(trimmed) == 1


@pytest.mark.parametrize("line_break", ["\n", "\r\n"])
def test_a_file_saved_with_a_byte_order_mark_is_the_article_at_its_offsets(
        store: CollectionStore, tmp_path: Path, line_break: str) -> None:
    # Notepad's "UTF-8 with BOM": the mark is loaded as the text's first character.
    stored = _stored(store, "d002")
    saved = tmp_path / "d002.txt"
    saved.write_bytes(codecs.BOM_UTF8 + stored.replace("\n", line_break).encode("utf-8"))
    text = load_document(str(saved)).text
    found = article_of(store, text)
    assert found is not None and found.id == "d002"
    paragraph = stored.rstrip().rsplit("\n", 1)[1]
    assert found.span(_span_of(text, paragraph)) == _span_of(stored, paragraph)
    assert found.span(_span_of(text, "Title")) == _span_of(stored, "Title")
