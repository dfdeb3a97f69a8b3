"""Align a collection's candidate pairs with the two-text matcher, over both cores.

`PairAligner(texts, streams, languages, keys).align(x, y)` gives the rows of the store's
`passages` table for documents x < y: every passage `compare()` finds for their two texts
(the same function, `viewer.core.shared`), with its words as `compare()` counts them, its
words on the shorter side and its evidence beyond chance. The Spark engine builds one per
batch of pairs. `align_pairs(store, vocabulary, pairs)` aligns the embedded engine's pairs
in forked worker processes (which inherit the aligner set up before the fork) in order, so
the output does not depend on the number of workers.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable

import numpy as np

from viewer.collection.store import CollectionStore, PassageRow
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
from viewer.core.tokenize import TokenStream, Vocabulary, char_codes

Progress = Callable[[str, float], None]
_CHUNK = 64


def pair_language(lang_x: str, lang_y: str) -> str:
    """The language two articles are aligned (and their passages judged) in: Chinese if
    either is, else their language when both have the same one, else English."""
    if lang_x in CJK_LANGUAGES or lang_y in CJK_LANGUAGES:
        return "zh"
    return lang_x if lang_x == lang_y else "en"


class PairAligner:
    """Aligns pairs of a set of documents, given by number: their texts, token streams
    (ids of one vocabulary whose match keys are `keys`) and languages. Rarity tables are
    made per language as pairs need them; a document's chance-run weights are kept for
    the other pairs it is in."""

    def __init__(self, texts: dict[int, str], streams: dict[int, TokenStream],
                 languages: dict[int, str], keys: list[str]) -> None:
        self.texts, self.streams, self.languages, self.keys = texts, streams, languages, keys
        self._bits: dict[str, np.ndarray] = {}
        self._general: dict[tuple[int, bool], np.ndarray] = {}

    def _language(self, x: int, y: int) -> str:
        return pair_language(self.languages[x], self.languages[y])

    def prepare(self, pairs: list[tuple[int, int]]) -> None:
        """Make the rarity tables these pairs need now."""
        for language in {self._language(x, y) for x, y in pairs}:
            self._rarity_bits(language)

    def _rarity_bits(self, language: str) -> np.ndarray:
        bits = self._bits.get(language)
        if bits is None:
            bits = self._bits[language] = Rarity(language).bits_of(self.keys)
        return bits

    def align(self, x: int, y: int) -> list[PassageRow]:
        """The passages documents x < y share: (x, y, x0, x1, y0, y1, words, short words,
        surplus) rows, exactly what `compare()` finds for the two texts."""
        a, b = (x, y) if canonical_order(self.texts[x], self.texts[y]) else (y, x)
        language = self._language(a, b)
        cjk = language == "zh"
        bits = self._rarity_bits(language)
        general = self._general.get((a, cjk))
        if general is None:
            general = general_bits(self.streams[a], self.keys, bits, cjk)
            self._general[(a, cjk)] = general
        stream_a, stream_b = self.streams[a], self.streams[b]
        alignments = shared_alignments(stream_a, stream_b, self.keys, bits, cjk, SETTINGS,
                                       general_a=general)
        phrases = phrases_of((self.texts[a], self.texts[b]), alignments, stream_a, stream_b, cjk,
                             differences=False)
        chance = chance_level(len(stream_a), len(stream_b))
        scale = CJK_CHARS_PER_WORD if cjk else 1.0
        rows: list[PassageRow] = []
        for al, p in zip(alignments, phrases, strict=True):
            span_x, span_y = (p.a, p.b) if a == x else (p.b, p.a)
            rows.append((x, y, span_x[0], span_x[1], span_y[0], span_y[1], p.words,
                         round(min(al.a1 - al.a0, al.b1 - al.b0) / scale),
                         round(surplus_bits(al, chance), 3)))
        return rows


#: The aligner forked workers inherit (set by `align_pairs` around its pool).
_ALIGNER: PairAligner | None = None


def align_pairs(store: CollectionStore, vocabulary: Vocabulary, pairs: list[tuple[int, int]],
                 report: Progress, workers: int | None) -> list[PassageRow]:
    """Align every pair with the two-text matcher; rows for the `passages` table."""
    global _ALIGNER
    if not pairs:
        return []
    involved = sorted({num for pair in pairs for num in pair})
    arrays = store.token_arrays(involved)
    texts, languages = {}, {}
    for num in involved:
        text, language = store.connection.execute(
            "SELECT text, language FROM documents WHERE num = ?", (num,)).fetchone()
        texts[num], languages[num] = text, language
    # The matcher reads paragraph breaks from the text's code points (as compare() does).
    streams = {num: TokenStream(ids, starts, ends, char_codes(texts[num]))
               for num, (ids, starts, ends) in arrays.items()}
    _ALIGNER = PairAligner(texts, streams, languages, vocabulary.keys)
    _ALIGNER.prepare(pairs)  # before the fork, not in every worker
    chunks = [pairs[k:k + _CHUNK] for k in range(0, len(pairs), _CHUNK)]
    rows: list[PassageRow] = []
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    forking = "fork" in multiprocessing.get_all_start_methods()
    try:
        if workers > 1 and len(pairs) > _CHUNK and forking:
            # Workers leave Ctrl-C to the parent, which ends the pool and rolls back.
            with multiprocessing.get_context("fork").Pool(
                    workers, _start_worker, (os.getpid(),)) as pool:
                for k, chunk_rows in enumerate(pool.imap(_align_chunk, chunks)):
                    rows.extend(chunk_rows)
                    report("Aligning pairs", 0.35 + 0.4 * (k + 1) / len(chunks))
        else:
            for k, chunk in enumerate(chunks):
                rows.extend(_align_chunk(chunk))
                report("Aligning pairs", 0.35 + 0.4 * (k + 1) / len(chunks))
    finally:
        _ALIGNER = None
    return rows


def _start_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's SIGTERM handler (unwind like Ctrl-C) is no worker's: ending the pool
    # terminates them, and each would print a traceback.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A parent killed outright (SIGKILL) leaves its workers aligning, then writing into
    # a pipe no one reads, each printing a traceback: they go with it (Linux).
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # gone before that was asked
        os._exit(0)


#: prctl(2)'s option that sends a signal to the process when its parent ends.
_PR_SET_PDEATHSIG = 1


def _align_chunk(pairs: list[tuple[int, int]]) -> list[PassageRow]:
    aligner = _ALIGNER
    assert aligner is not None
    return [row for x, y in pairs for row in aligner.align(x, y)]
