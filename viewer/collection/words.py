"""How a collection reads words: the matcher's settings, the normalizer, the store's
shared vocabulary and the content hash that tells a changed article from an unchanged one.
Shared by the engine, the alignment workers, the derived results and
`tandem compare --collection`."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from viewer.core.normalize import Normalizer, shared_normalizer
from viewer.core.settings import Settings
from viewer.core.shared import text_words
from viewer.core.tokenize import TokenStream, Vocabulary, tokenize_many

#: The matcher's settings of a collection (the defaults of `tandem compare`).
SETTINGS = Settings()
CJK_LANGUAGES = frozenset({"zh", "ja"})

#: Articles tokenized together. A vocabulary numbers words as the batches meet them, and the
#: formulations break ties by those numbers: both engines batch alike to get the same ones.
TOKENIZE_BATCH = 200


def article_words(tokens: int, language: str) -> int:
    """The length in words of an article of `tokens` tokens, as its passages' words are
    counted (`viewer.core.shared.text_words`)."""
    return text_words(tokens, language in CJK_LANGUAGES)


def content_hash(text: str) -> str:
    """The hash of an article's text, stored with it."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def collection_normalizer() -> Normalizer:
    """The normalizer every article of a collection is tokenized with."""
    return shared_normalizer(case_sensitive=SETTINGS.case_sensitive,
                             stemming=SETTINGS.stemming, language="en")


def tokenize_articles(texts: Sequence[str], vocabulary: Vocabulary,
                      normalizer: Normalizer | None = None) -> list[TokenStream]:
    """The token streams of `texts`, in `TOKENIZE_BATCH` batches, words numbered by
    `vocabulary` (which grows)."""
    words = normalizer or collection_normalizer()
    streams: list[TokenStream] = []
    for start in range(0, len(texts), TOKENIZE_BATCH):
        streams.extend(tokenize_many(list(texts[start:start + TOKENIZE_BATCH]), words,
                                     vocabulary))
    return streams


def stored_vocabulary(keys: list[str]) -> Vocabulary:
    """A vocabulary holding the store's keys with their ids (spellings: the keys)."""
    vocabulary = Vocabulary()
    vocabulary.keys = keys
    vocabulary.ids = {key: k for k, key in enumerate(keys)}
    vocabulary.spellings = list(keys)
    return vocabulary
