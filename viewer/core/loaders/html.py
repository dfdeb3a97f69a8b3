"""HTML: the article's main text, without menus, scripts, footers or "related" lists.

trafilatura does the boilerplate removal; when it finds no article (tiny or odd pages) jusText
and then plain lxml text are tried. All three get an already-decoded string, so nothing is
fetched and no script runs, whatever the page links to or says. A headline the page sets
above its article element, which the extractors leave out with the page's furniture, is put
back at the top (`headline`).
"""

from __future__ import annotations

import codecs
import logging
import re
from typing import Any

from viewer.core.errors import LoadError
from viewer.core.loaders.common import join_paragraphs

# trafilatura logs "empty document" and the like as warnings; with no handler of ours Python
# would print them to stderr next to our one-line message.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("trafilatura").propagate = False

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Control characters XML has no place for: lxml parses a page holding one (Word's manual
# line break, U+000B, pasted into a page) but refuses it as text when a tree is edited.
# An HTML parser reads them as parse errors; the form feed among them is white space.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_DROPPED_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer",
                 "aside", "form", "iframe", "object", "svg", "button", "select")
#: Page furniture whose text is never an article: a page with text only in these has none
#: to read. Not <form>: ASP.NET pages wrap the whole page, article included, in one.
_FURNITURE_TAGS = tuple(tag for tag in _DROPPED_TAGS if tag != "form")
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td",
               "th", "dd", "dt", "figcaption", "caption")


def declared_encoding(data: bytes) -> str | None:
    """The encoding an HTML page names for itself (meta charset or XML declaration)."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers read a page that claims UTF-16 in ASCII markup as UTF-8 (HTML spec, "meta").
    return "utf-8" if canonical.startswith("utf-16") else canonical


#: The encodings browsers decode a page in when it names one of these (the WHATWG Encoding
#: Standard), in the order tried: Chinese pages that say gb2312 write GBK's characters
#: (镕 of 朱镕基), Big5 ones Microsoft's or Hong Kong's; "iso-8859-1" means Windows-1252,
#: whose curly quotes, dashes and € would read as invisible control characters.
_AS_BROWSERS_READ = {
    "gb2312": ("gb18030",), "gbk": ("gb18030",),
    "big5": ("big5", "cp950", "big5hkscs"), "big5hkscs": ("big5hkscs", "cp950"),
    "shift_jis": ("shift_jis", "cp932"), "euc_kr": ("euc_kr", "cp949"),
    "iso8859-1": ("cp1252", "iso8859-1"), "ascii": ("cp1252", "iso8859-1"),
    "iso8859-9": ("cp1254", "iso8859-9"), "tis-620": ("cp874",), "iso8859-11": ("cp874",),
}


def decode_html(data: bytes, shown: str) -> str:
    """The page's markup as text (`decode_html_with_notes`)."""
    return decode_html_with_notes(data, shown)[0]


def decode_html_with_notes(data: bytes, shown: str) -> tuple[str, tuple[str, ...]]:
    """Decode a page: byte-order mark, else its declared charset as browsers read it
    (strictly; UTF-8 when the bytes are not that charset but are UTF-8 throughout; else
    what they clearly are, with a note: `_misdeclared`), else detection. Notes say what
    was replaced or read otherwise than declared."""
    from viewer.core.loading import decode_text_with_notes, has_bom

    if has_bom(data):
        return decode_text_with_notes(data, shown, "page")
    encoding = declared_encoding(data)
    if encoding is None:
        return decode_text_with_notes(data, shown, "page")
    first_error: UnicodeDecodeError | None = None
    # A page saved as UTF-8 that still names the charset it was first written in: bytes
    # that are valid UTF-8 throughout are that, whatever the page says.
    for candidate in (*_AS_BROWSERS_READ.get(encoding, (encoding,)), "utf-8"):
        try:
            return data.decode(candidate), ()
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
    misdeclared = _misdeclared(data, encoding)
    if misdeclared is not None:
        return misdeclared
    start = first_error.start if first_error else 0
    raise LoadError(
        shown,
        f"has invalid bytes for its declared encoding {encoding.upper()} at byte {start}",
        "re-save the page with its real encoding",
    ) from None


#: Bytes not in the declared encoding that an English page with a stray byte or two may
#: hold: fewer are no evidence of another encoding, and the declaration stands.
_STRAY_BYTES = 8
#: How much of a page's non-ASCII lines is weighed to tell its encoding (`_misdeclared`).
_WEIGHED_BYTES = 65_536


def _misdeclared(data: bytes, declared: str) -> tuple[str, tuple[str, ...]] | None:
    """A page whose bytes are not in the encoding it declares, read as what they clearly
    are: UTF-8 with a few bad bytes (each U+FFFD); the declared encoding with a few stray
    bytes (each U+FFFD: too few to tell another encoding by); or one legacy encoding whose
    reading is made of its language's common words or characters (a GBK page whose
    template says utf-8, as on many Chinese sites). None when none is clear."""
    from viewer.core.loading import damaged_utf8, replaced_note, replaced_reading
    from viewer.core.short_text_decoding import READS_AS_TEXT, likeliest_reading

    damaged = damaged_utf8(data, "page")
    if damaged is not None:
        return damaged
    replaced, stray, line = replaced_reading(data,
                                             _AS_BROWSERS_READ.get(declared, (declared,))[-1])
    if stray < _STRAY_BYTES:
        return replaced, (replaced_note(stray, declared, line, "page"),)
    # Weighed on the lines that hold non-ASCII bytes only: the markup around them says
    # nothing of the encoding, and a megabyte page would take seconds.
    reading = likeliest_reading(_non_ascii_lines(data), READS_AS_TEXT)
    if reading is None:
        return None
    encoding = reading[0]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text, (f"the page declares the encoding {declared.upper()} but is written in "
                  f"{encoding.upper()}; read as {encoding.upper()}",)


def _non_ascii_lines(data: bytes) -> bytes:
    """The lines of `data` holding a byte beyond ASCII, up to about `_WEIGHED_BYTES`; a
    longer line (a page written on one) is cut before a "<" or a space, bytes no legacy
    encoding's second byte is, so that no character is cut in two."""
    kept: list[bytes] = []
    size = 0
    for line in data.splitlines():
        if size >= _WEIGHED_BYTES:
            break
        if not line.isascii():
            cut = max(line.rfind(b"<", 0, _WEIGHED_BYTES), line.rfind(b" ", 0, _WEIGHED_BYTES))
            kept.append(line[:cut] if len(line) > _WEIGHED_BYTES and cut > 0 else line)
            size += len(kept[-1])
    return b"\n".join(kept)


def extract_html(data: bytes, shown: str) -> tuple[str, tuple[str, ...]]:
    """The article text of an HTML page, paragraphs separated by blank lines, and notes."""
    markup, notes = decode_html_with_notes(data, shown)
    markup = bounded_markup(_NOT_XML.sub(" ", markup))
    if not markup.strip():
        raise LoadError(shown, "is empty", "choose a file with text in it", instead=True)
    # trafilatura, finding no article on a small page, returns whatever text it has, a
    # menu included: a page of navigation alone would be read as a tiny article.
    if _only_furniture(markup):
        raise LoadError(shown, "has no readable text in its HTML", "open the article's own page")
    text = _with_trafilatura(markup)
    if text:
        return _headed(text, markup), notes
    text = _with_justext(markup)
    if text:
        return (_headed(text, markup),
                (*notes, "no main article found; kept the page's text paragraphs (jusText)"))
    text = _with_lxml(markup)
    if text:
        return text, (*notes, "no main article found; kept all the page's visible text")
    raise LoadError(shown, "has no readable text in its HTML", "open the article's own page")


#: What sites put between a page title's headline and their own name ("Rivers of the North |
#: Daily Example", "标题_新闻_人民网").
_TITLE_SEPARATORS = re.compile(r"\s+[|\-\u2013\u2014:\u00b7]+\s+|\s*[|\uff5c_\u2014]+\s*|--+")
_H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)
#: Paragraphs at the top of the text in which a headline already counts as shown.
_HEAD_PARAGRAPHS = 3


def headline(markup: str) -> str:
    """The page's headline: its first <h1> outside navigation and sidebars whose text is
    what the page also gives as its title (the longest part of <title>, or og:title), so
    that a site's logo set as a heading is not taken; "" when there is none."""
    if not _H1.search(markup):  # no heading: no second parse of the page
        return ""
    try:
        root = _parsed(markup)
    except Exception:  # as in _with_trafilatura: no headline, the text stands as it is
        return ""
    titles = {_plain(content) for content in root.xpath(
        "//meta[@property='og:title' or @name='og:title' or @name='twitter:title']/@content")}
    for element in root.iter("title"):
        parts = _TITLE_SEPARATORS.split(element.text_content())
        titles.add(_plain(max(parts, key=len)))
    titles.discard("")
    for heading in root.iter("h1"):
        if any(ancestor.tag in ("nav", "aside", "footer") for ancestor in heading.iterancestors()):
            continue
        text = " ".join(heading.text_content().split())
        if text and _plain(text) in titles:
            return text
    return ""


def _headed(text: str, markup: str) -> str:
    """`text` with the page's headline at the top, unless it is there already."""
    title = headline(markup)
    if not title:
        return text
    top = _plain(" ".join(text.split("\n\n")[:_HEAD_PARAGRAPHS]))
    return text if _plain(title) in top else f"{title}\n\n{text}"


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]+", " ", text.casefold()).split())


def _with_trafilatura(markup: str) -> str:
    import trafilatura

    try:
        text = trafilatura.extract(
            markup, output_format="txt", include_comments=False, include_tables=True,
            include_links=False, include_images=False, with_metadata=False,
            deduplicate=False)
    except Exception:  # a library failure only means: try the next reader
        return ""
    return join_paragraphs((text or "").split("\n"))


def _with_justext(markup: str) -> str:
    try:
        import justext

        paragraphs = justext.justext(markup.encode("utf-8"), justext.get_stoplist("English"),
                                     encoding="utf-8")
    except Exception:  # as in _with_trafilatura
        return ""
    return join_paragraphs(p.text for p in paragraphs if not p.is_boilerplate)


def _parsed(markup: str) -> Any:
    """The page's element tree (lxml). The parser gets bytes so an in-page encoding
    declaration is not an error; it resolves no entities and loads nothing from the
    network."""
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                                  remove_pis=True)
    return lxml.html.document_fromstring(markup.encode("utf-8"), parser=parser)


def _only_furniture(markup: str) -> bool:
    """Whether the page's body holds no word outside its furniture (`_FURNITURE_TAGS`:
    navigation, header, footer, sidebars, scripts); False when that cannot be told (no
    body, a parser failure), which leaves the decision to the extractors."""
    try:
        root = _parsed(markup)
    except Exception:  # as in _with_trafilatura
        return False
    body = root.find("body")
    if body is None:
        return False
    for element in list(body.iter(*_FURNITURE_TAGS)):
        if element is not body:
            element.drop_tree()
    return not re.search(r"\w", body.text_content())


def _with_lxml(markup: str) -> str:
    try:
        root = _parsed(markup)
    except Exception:  # as in _with_trafilatura
        return ""
    for element in list(root.iter(*_DROPPED_TAGS)):
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()
    blocks = [el.text_content() for el in root.iter(*_BLOCK_TAGS)
              if not any(child.tag in _BLOCK_TAGS for child in el.iterdescendants())]
    if not any(b.strip() for b in blocks):
        body = root.find("body")
        blocks = [(body if body is not None else root).text_content()]
    return join_paragraphs(blocks)



#: Attributes kept per tag. The parsers check attributes for duplicates pairwise, so a tag
#: with 200,000 of them took minutes; pages carry a few dozen at most, and no text.
MAX_ATTRIBUTES = 256
#: Start tags kept in a row with nothing between. libxml2 stops parsing at 256 levels of
#: nesting, so 100,000 unclosed <div> before an article hid it; real pages nest ~30 deep.
MAX_TAGS_IN_A_ROW = 64
_ATTRIBUTE = r"""\s*+[^\s=/>"'<]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]*+))?+"""
_MANY_ATTRIBUTES = re.compile(
    rf"(<[A-Za-z][^\s/>]*+)((?:{_ATTRIBUTE}){{{MAX_ATTRIBUTES + 1},}}+)")
_ONE_ATTRIBUTE = re.compile(_ATTRIBUTE)
_START_TAG = rf"<[A-Za-z][^\s/>]*+(?:{_ATTRIBUTE})*+\s*+/?>"
_TAG_RUN = re.compile(rf"((?:{_START_TAG}\s*+){{{MAX_TAGS_IN_A_ROW}}})(?:{_START_TAG}\s*+)++")


def bounded_markup(markup: str) -> str:
    """`markup` with the parsers' work bounded: attributes past `MAX_ATTRIBUTES` in a tag
    and start tags past `MAX_TAGS_IN_A_ROW` in a row are dropped. Neither carries text.
    The patterns are possessive, so this pass is linear in the markup."""
    if markup.count("=") > MAX_ATTRIBUTES:
        markup = _MANY_ATTRIBUTES.sub(_first_attributes, markup)
    if markup.count("<") > MAX_TAGS_IN_A_ROW:
        markup = _TAG_RUN.sub(r"\1", markup)
    return markup


def _first_attributes(match: re.Match[str]) -> str:
    kept = [m.group() for _, m in zip(range(MAX_ATTRIBUTES),
                                      _ONE_ATTRIBUTE.finditer(match.group(2)), strict=False)]
    return match.group(1) + "".join(kept)
