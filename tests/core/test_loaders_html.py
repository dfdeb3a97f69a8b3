"""HTML shapes that made the parsers quadratic or blind: a tag with very many attributes,
and tens of thousands of nested tags before the article."""

from __future__ import annotations

import time
from pathlib import Path

import samples

from viewer.core.loaders.html import MAX_ATTRIBUTES, bounded_markup
from viewer.core.loading import load_document

ARTICLE = "\n\n".join(("Rivers of the North", *samples.PARAGRAPHS))


def _with(before_article: str) -> bytes:
    page = samples.html_article().decode()
    at = page.index("<article>")
    return (page[:at] + before_article + page[at:]).encode()


def test_a_tag_with_a_hundred_thousand_attributes_loads_the_article(tmp_path: Path) -> None:
    attributes = " ".join(f'data-a{n}="v{n} > x"' for n in range(100_000))
    path = tmp_path / "attrs.html"
    path.write_bytes(_with(f"<p {attributes}>x</p>"))
    start = time.perf_counter()
    doc = load_document(path)
    assert time.perf_counter() - start < 60  # was minutes; now well under a second
    assert doc.text.endswith(ARTICLE)


def test_attributes_past_the_bound_are_dropped_and_the_rest_kept() -> None:
    many = " ".join(f"a{n}='{n}'" for n in range(5 * MAX_ATTRIBUTES))
    markup = f'<p id="keep" {many}>text</p><img src="x.png" alt="a > b">'
    bounded = bounded_markup(markup)
    assert bounded.count("='") == MAX_ATTRIBUTES - 1
    assert bounded.startswith('<p id="keep" a0=\'0\'') and bounded.endswith(
        '>text</p><img src="x.png" alt="a > b">')


def test_a_hundred_thousand_nested_divs_before_the_article(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_bytes(_with("<div>" * 100_000))
    text = load_document(path).text
    # The paragraphs are all there (the extractor may take the title for page furniture
    # under so many wrappers); before, the parser stopped at depth 256 and only the menu
    # was left.
    assert text.endswith("\n\n".join(samples.PARAGRAPHS))
    assert "World news" not in text


def test_ordinary_nesting_is_untouched() -> None:
    markup = "<div><div><section><div><p><span><b>x</b></span></p></div></section></div></div>"
    assert bounded_markup(markup) == markup
