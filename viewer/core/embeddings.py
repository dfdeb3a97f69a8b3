"""Word meaning as vectors: the static embedding model that the `wordllama` wheel ships.

The model is a 32,000 x 256 table of token vectors (16 MB, float16) with its tokenizer,
both inside the installed package (or inside the bundle). A word or text is the mean of its
tokens' vectors, L2-normalized, so a dot product is a cosine similarity; `token_sums` gives
the raw sums, which are what to add up into a passage (see `theme_meaning`).

The files are found by path and read here, never through `wordllama.WordLlama.load`: that
loader looks for the tokenizer in a folder that does not exist and then downloads it, and
importing the package also pulls in `requests` and reconfigures logging. Nothing is ever
fetched from the network. The model is loaded once, on first use, under a lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from viewer.core.package_files import folder_holding

if TYPE_CHECKING:
    from tokenizers import Tokenizer

#: The model's files inside the `wordllama` package folder.
WEIGHTS_FILE = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER_FILE = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
_TENSOR = "embedding.weight"
#: The sentencepiece word-start marker alone: the tokenizer puts it before text that opens
#: with a character it then spells in bytes (most CJK); it carries no meaning.
_BARE_MARKER = "\u2581"


class EmbeddingModelMissing(RuntimeError):
    """The model's files are not where the installed package (or the bundle) keeps them."""


@dataclass(frozen=True)
class _Model:
    tokenizer: Tokenizer
    #: (tokens, dimensions), float16 as shipped: half the memory of float32, and every
    #: float16 converts exactly, so sums taken in float32 are the same.
    vectors: np.ndarray
    ignored: int  # the id of the bare word-start marker
    pieces: dict[str, int]  # the tokenizer's vocabulary: piece -> id


_model: _Model | None = None
_lock = threading.Lock()
#: Vectors of texts that are not one vocabulary piece, kept for up to this many texts
#: (1 kB each).
_KNOWN_SUMS_LIMIT = 20_000
_KNOWN_TEXT_CHARS = 64
_known_sums: dict[str, np.ndarray] = {}


def model_dir() -> Path:
    """The folder that holds the model's weights and tokenizer files.

    Found without importing `wordllama`: from the installed package's location, or from
    the bundle's folder of collected data when frozen by PyInstaller."""
    folder, looked = folder_holding("wordllama", WEIGHTS_FILE, TOKENIZER_FILE)
    if folder is not None:
        return folder
    raise EmbeddingModelMissing(
        f"The word-meaning model ({WEIGHTS_FILE.name}, {TOKENIZER_FILE.name}) was not "
        f"found; looked in {looked}. Reinstall Tandem's dependencies (pip install wordllama).")


def _load() -> _Model:
    from safetensors import safe_open
    from tokenizers import Tokenizer

    folder = model_dir()
    tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    with safe_open(str(folder / WEIGHTS_FILE), framework="np") as weights:
        vectors = np.ascontiguousarray(weights.get_tensor(_TENSOR))
    ignored = tokenizer.token_to_id(_BARE_MARKER)
    return _Model(tokenizer, vectors, -1 if ignored is None else ignored,
                  tokenizer.get_vocab(with_added_tokens=False))


def model() -> _Model:
    """The loaded model, loading it on first call (thread-safe)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _load()
    return _model


def dimensions() -> int:
    """How many numbers make one vector."""
    return int(model().vectors.shape[1])


def token_sums(texts: list[str]) -> np.ndarray:
    """The sum of each text's token vectors, not normalized, shape (len(texts),
    dimensions()); zeros for a text with no tokens.

    A rare word is spelled with more, and longer, vectors than a common one, so these sums
    are what to add up over the words of a passage: on the Lee et al. news ratings a
    passage's sum of word sums correlates at r = 0.68 with people, the sum of normalized
    word vectors at 0.40. A text that is a whole piece of the tokenizer's vocabulary (most
    words) is looked up rather than tokenized, which is ten times quicker."""
    loaded = model()
    out = np.zeros((len(texts), loaded.vectors.shape[1]), dtype=np.float32)
    if not texts:
        return out
    pieces = loaded.pieces
    # -1: to be tokenized; the bare marker's id: empty, nothing to add.
    whole = np.fromiter((pieces.get(_BARE_MARKER + t, -1) for t in texts), dtype=np.int64,
                        count=len(texts))
    found = np.flatnonzero((whole >= 0) & (whole != loaded.ignored))
    out[found] = loaded.vectors[whole[found]]
    rest = np.flatnonzero(whole < 0).tolist()
    if rest:
        out[rest] = [_tokenized_sum(loaded, texts[k]) for k in rest]
    return out


def _tokenized_sum(loaded: _Model, text: str) -> np.ndarray:
    """The sum of a text's token vectors, remembered: the same words come back comparison
    after comparison. Texts are encoded one at a time, since the batch encoder's threads
    cost more than they save on a few hundred words when the machine is busy."""
    vector = _known_sums.get(text)
    if vector is None:
        ids = np.asarray(loaded.tokenizer.encode(text, add_special_tokens=False).ids,
                         dtype=np.int64)
        vector = loaded.vectors[ids[ids != loaded.ignored]].sum(axis=0, dtype=np.float32)
        if len(text) <= _KNOWN_TEXT_CHARS:  # words and phrases recur; passages do not
            if len(_known_sums) >= _KNOWN_SUMS_LIMIT:
                _known_sums.clear()
            _known_sums[text] = vector
    return vector


def _normalized(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    np.divide(vectors, norms, out=vectors, where=norms > 0)
    return vectors


def embed_words(words: list[str]) -> np.ndarray:
    """One L2-normalized vector per word or short phrase, shape (len(words), dimensions()):
    the mean of its tokens' vectors. A word with no tokens (empty) gets a zero vector."""
    return _normalized(token_sums(words))


def embed_texts(texts: list[str]) -> np.ndarray:
    """One L2-normalized vector per text, the mean of all its tokens' vectors (function
    words count too: on the Lee et al. ratings that does better than content words alone)."""
    return _normalized(token_sums(texts))
