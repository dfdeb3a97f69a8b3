"""Align a collection's candidate pairs with the two-text matcher, over both cores.

`align_pairs(store, vocabulary, pairs)` returns the rows of the store's `passages` table:
for documents x < y, every passage `compare()` finds for their two texts (the same
function, `viewer.core.shared`), with its words as `compare()` counts them, its words on
the shorter side and its evidence beyond chance. The pairs are aligned in forked worker
processes (which read the documents' tokens from this module's context, set up before the
fork) in order, so the output does not depend on the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from viewer.collection.store import CollectionStore
from viewer.collection.words import CJK_LANGUAGES, SETTINGS
from viewer.core.match import chance_level, surplus_bits
from viewer.core.rarity import Rarity
from viewer.core.shared import (
    CJK_CHARS_PER_WORD,
    canonical_order,
    general_bits,
    phrases_of,
    shared_alignments,
)
from viewer.core.tokenize import TokenStream, Vocabulary

Progress = Callable[[str, float], None]
_CHUNK = 64


@dataclass
class _AlignContext:
    texts: dict[int, str]
    streams: dict[int, TokenStream]
    languages: dict[int, str]
    keys: list[str]
    bits: dict[str, np.ndarray]
    general: dict[tuple[int, bool], np.ndarray]


_CONTEXT: _AlignContext | None = None


def align_pairs(store: CollectionStore, vocabulary: Vocabulary, pairs: list[tuple[int, int]],
                 report: Progress, workers: int | None) -> list[tuple[int, ...]]:
    """Align every pair with the two-text matcher; rows for the `passages` table."""
    global _CONTEXT
    if not pairs:
        return []
    involved = sorted({num for pair in pairs for num in pair})
    arrays = store.token_arrays(involved)
    texts, languages = {}, {}
    for num in involved:
        text, language = store.connection.execute(
            "SELECT text, language FROM documents WHERE num = ?", (num,)).fetchone()
        texts[num], languages[num] = text, language
    streams = {num: TokenStream(ids, starts, ends, np.zeros(0, dtype=np.uint32))
               for num, (ids, starts, ends) in arrays.items()}
    needed = {("zh" if languages[x] in CJK_LANGUAGES or languages[y] in CJK_LANGUAGES else
               languages[x] if languages[x] == languages[y] else "en") for x, y in pairs}
    bits = {lang: Rarity(lang).bits_of(vocabulary.keys) for lang in needed}
    _CONTEXT = _AlignContext(texts, streams, languages, vocabulary.keys, bits, {})
    chunks = [pairs[k:k + 64] for k in range(0, len(pairs), 64)]
    rows: list[tuple[int, ...]] = []
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    try:
        if workers > 1 and len(pairs) > 64 and "fork" in multiprocessing.get_all_start_methods():
            # Workers leave Ctrl-C to the parent, which ends the pool and rolls back.
            with multiprocessing.get_context("fork").Pool(workers, _ignore_interrupt) as pool:
                for k, chunk_rows in enumerate(pool.imap(_align_chunk, chunks)):
                    rows.extend(chunk_rows)
                    report("Aligning pairs", 0.35 + 0.4 * (k + 1) / len(chunks))
        else:
            for k, chunk in enumerate(chunks):
                rows.extend(_align_chunk(chunk))
                report("Aligning pairs", 0.35 + 0.4 * (k + 1) / len(chunks))
    finally:
        _CONTEXT = None
    return rows


def _ignore_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _align_chunk(pairs: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    return [row for x, y in pairs for row in align_pair(x, y)]


def align_pair(x: int, y: int) -> list[tuple[int, ...]]:
    """The passages documents x < y share: (x, y, x0, x1, y0, y1, words) rows, exactly
    what `compare()` finds for the two texts."""
    context = _CONTEXT
    assert context is not None
    a, b = (x, y) if canonical_order(context.texts[x], context.texts[y]) else (y, x)
    lang_a, lang_b = context.languages[a], context.languages[b]
    cjk = lang_a in CJK_LANGUAGES or lang_b in CJK_LANGUAGES
    language = "zh" if cjk else lang_a if lang_a == lang_b else "en"
    bits = context.bits[language]
    general = context.general.get((a, cjk))
    if general is None:
        general = general_bits(context.streams[a], context.keys, bits, cjk)
        context.general[(a, cjk)] = general
    stream_a, stream_b = context.streams[a], context.streams[b]
    alignments = shared_alignments(stream_a, stream_b, context.keys, bits, cjk, SETTINGS,
                                   general_a=general)
    phrases = phrases_of(alignments, stream_a, stream_b, cjk, differences=False)
    chance = chance_level(len(stream_a), len(stream_b))
    scale = CJK_CHARS_PER_WORD if cjk else 1.0
    rows = []
    for al, p in zip(alignments, phrases, strict=True):
        span_x, span_y = (p.a, p.b) if a == x else (p.b, p.a)
        rows.append((x, y, span_x[0], span_x[1], span_y[0], span_y[1], p.words,
                     round(min(al.a1 - al.a0, al.b1 - al.b0) / scale),
                     round(surplus_bits(al, chance), 3)))
    return rows


# -- the finished results -------------------------------------------------------------------
