"""Markdown: the text a reader sees once the document is rendered, one paragraph per block.

markdown-it-py parses (CommonMark plus tables); its tokens are walked to plain text rather than
rendered to HTML, so markup characters, link targets and raw HTML never reach the text.
Headings, paragraphs, list items, quotes, code blocks and table rows each become a paragraph;
front matter (metadata at the head of the file) is no text.
"""

from __future__ import annotations

import functools
import re
import tomllib
from typing import Any

from viewer.core.errors import LoadError
from viewer.core.loaders.common import describe, join_paragraphs

_TAG = re.compile(r"<[^>]*>")
#: Metadata at the head of a file (Jekyll, Hugo, Obsidian, pandoc): YAML between "---" and
#: "---" or "...", or TOML between "+++" lines, opening on a key, never rendered. A file
#: opening on a rule and a paragraph ("---", "Some text") has no key there: it is text.
_FRONT_MATTER = re.compile(
    r"\A\ufeff?(?:---[ \t]*\r?\n[ \t]*[A-Za-z_][\w-]*[ \t]*:(?:.*\r?\n)*?(?:---|\.\.\.)"
    r"|\+\+\+[ \t]*\r?\n[ \t]*[A-Za-z_][\w-]*[ \t]*=(?:.*\r?\n)*?\+\+\+)[ \t]*(?:\r?\n|\Z)")
# A TOML key given a bare date or date-time, the whole value (date = 2023-02-30T08:00:00Z).
_TOML_DATE = re.compile(
    r"^([ \t]*[\w.\"'-]+[ \t]*=[ \t]*)"
    r"(\d{4}-\d{1,2}-\d{1,2}(?:[Tt ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?)"
    r"(?=[ \t]*(?:#.*)?$)", re.MULTILINE)
_BLOCK_LEAVES = {"paragraph_close", "heading_close", "th_close", "td_close"}


def extract_markdown(source: str, shown: str) -> tuple[str, tuple[str, ...]]:
    """Rendered text of a Markdown document, paragraphs separated by blank lines."""
    try:
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(
            _FRONT_MATTER.sub("", source, count=1))
        blocks = _blocks(tokens)
    except RecursionError:
        raise LoadError(shown, "is Markdown nested too deeply to read") from None
    except Exception as exc:  # markdown-it-py should not fail, but a bug must not crash us
        raise LoadError(shown, f"is Markdown that could not be read ({describe(exc)})") from None
    return join_paragraphs(blocks), ()


def front_matter(source: str) -> dict[str, Any]:
    """The keys and values of the front matter `source` opens with (YAML, or TOML between
    "+++" lines); {} when it has none, or none that reads as keys and values. A date that
    is no real day (2023-02-29) is the text written."""
    import yaml

    match = _FRONT_MATTER.match(source)
    if not match:
        return {}
    lines = match.group(0).splitlines()
    inside = "\n".join(lines[1:-1])
    try:
        found = (_toml(inside) if lines[0].lstrip("\ufeff").startswith("+++")
                 else yaml.load(inside, Loader=_loader()))
    except (yaml.YAMLError, tomllib.TOMLDecodeError, RecursionError):
        return {}
    return found if isinstance(found, dict) else {}


def _toml(inside: str) -> dict[str, Any]:
    """The keys and values of TOML front matter. tomllib refuses a date that is no real
    day (date = 2023-02-29), and with it the whole front matter: the post lost its title
    too. Such a date is read as the text written, as `_loader` reads it in YAML."""
    try:
        return tomllib.loads(inside)
    except tomllib.TOMLDecodeError:
        return tomllib.loads(_TOML_DATE.sub(_quoted_unless_read, inside))


def _quoted_unless_read(match: re.Match[str]) -> str:
    """A TOML line giving a bare date (`_TOML_DATE`), its date quoted when TOML does not
    read it as one."""
    key, date = match.groups()
    try:
        tomllib.loads(f"date = {date}")
    except tomllib.TOMLDecodeError:
        return f'{key}"{date}"'
    return match.group(0)


@functools.cache
def _loader() -> type:
    """PyYAML's safe loader, but for a date that is no real day or time: yaml.safe_load
    raised ValueError on it (a Hugo post dated 2023-02-29 stopped a whole collection's
    indexing with a traceback); it is kept as the text written, which the date reader
    then tells as a date it could not read."""
    import yaml

    class Loader(yaml.SafeLoader):
        def construct_yaml_timestamp(self, node):  # type: ignore[no-untyped-def]
            try:
                return super().construct_yaml_timestamp(node)
            except (ValueError, OverflowError):
                return self.construct_scalar(node)

    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    return Loader


def _blocks(tokens) -> list[str]:  # type: ignore[no-untyped-def]
    blocks: list[str] = []
    row: list[str] = []
    pending = ""
    for token in tokens:
        kind = token.type
        if kind == "inline":
            pending += _inline_text(token.children or [])
        elif kind in ("fence", "code_block"):
            blocks.append(token.content)
        elif kind == "html_block":
            text = _TAG.sub(" ", token.content)
            if text.strip() and not re.match(r"\s*<(script|style)", token.content, re.I):
                blocks.append(text)
        elif kind in ("th_close", "td_close"):
            row.append(pending.strip())
            pending = ""
        elif kind == "tr_close":
            blocks.append("\t".join(cell for cell in row if cell))
            row = []
        elif kind in _BLOCK_LEAVES:
            blocks.append(pending)
            pending = ""
    if pending:
        blocks.append(pending)
    return blocks


def _inline_text(children) -> str:  # type: ignore[no-untyped-def]
    parts: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "image":
            parts.append(_inline_text(child.children or []))
        # html_inline (tags) and link_open/close (targets) carry no visible text.
    return "".join(parts)
