"""The JSON contract, version 1, of `tandem compare --json` (see the design's contract)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from viewer.core.document import Document
from viewer.core.model import Comparison
from viewer.export.atomic import write_report
from viewer.present.script_note import document_notes

CONTRACT_VERSION = 1


def _document(doc: Document, words: int, notes: tuple[str, ...]) -> dict[str, Any]:
    return {"path": doc.path, "name": doc.name, "chars": len(doc.text), "words": words,
            "language": doc.language, "notes": list(notes)}


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data, following contract version 1."""
    text_a, text_b = comparison.document_a.text, comparison.document_b.text
    stats = comparison.stats
    notes_a, notes_b = document_notes(comparison)
    return {
        "version": CONTRACT_VERSION,
        "documents": [_document(comparison.document_a, stats.words_a, notes_a),
                      _document(comparison.document_b, stats.words_b, notes_b)],
        "settings": comparison.settings.to_dict(),
        "shared_phrases": [
            {"a": list(p.a), "b": list(p.b), "words": p.words, "exact": p.exact,
             "text_a": text_a[p.a[0]:p.a[1]], "text_b": text_b[p.b[0]:p.b[1]],
             "differences": [{"kind": d.kind, "a": list(d.a), "b": list(d.b),
                              "text_a": text_a[d.a[0]:d.a[1]], "text_b": text_b[d.b[0]:d.b[1]]}
                             for d in p.differences]}
            for p in comparison.shared_phrases
        ],
        "slogans": [
            {"phrase": s.phrase, "words": s.words, "count_a": s.count_a, "count_b": s.count_b,
             "occurrences_a": [list(o) for o in s.occurrences_a],
             "occurrences_b": [list(o) for o in s.occurrences_b], "watchlist": s.watchlist,
             "in": s.presence, "variants": list(s.variants),
             **({"phrase_b": s.phrase_b} if s.phrase_b else {})}
            for s in comparison.slogans
        ],
        "themes": [
            {"a": list(t.a), "b": list(t.b), "score": t.score, "terms": list(t.terms),
             **({"terms_b": list(t.terms_b)} if t.terms_b else {}),
             **({"related": [list(pair) for pair in t.related]} if t.related else {})}
            for t in comparison.themes
        ],
        "stats": {"shared_chars_a": stats.shared_chars_a, "shared_chars_b": stats.shared_chars_b,
                  "seconds": stats.seconds},
    }


def comparison_to_json(comparison: Comparison, context: Mapping[str, Any] | None = None, *,
                       trim: bool = False) -> str:
    """The comparison's JSON text. With a collection's `context`
    (`viewer.collection.context.collection_context`) each slogan and shared phrase gains a
    "collection" field, and the top level one too. `trim` (--trim) is among the settings
    that shaped the result: the offsets index the trimmed texts."""
    data = comparison_to_dict(comparison)
    data["settings"]["trim"] = trim
    if context is not None:
        data["collection"] = context["collection"]
        for key in ("slogans", "shared_phrases"):
            for item, figures in zip(data[key], context[key], strict=True):
                item["collection"] = figures
    return json.dumps(data, ensure_ascii=False, indent=1)


def write_json(comparison: Comparison, path: str,
               context: Mapping[str, Any] | None = None) -> None:
    """`comparison_to_json` written atomically to `path` (a `LoadError` naming it when it
    cannot be), as the window exports it: its texts are never trimmed."""
    text = comparison_to_json(comparison, context)
    write_report(path, lambda handle: handle.write(text.encode("utf-8")))
