"""Word meaning as vectors: the static embedding model that the `wordllama` wheel ships.

The model is a 32,000 x 256 table of token vectors (16 MB, float16) with its tokenizer,
both inside the installed package (or inside the bundle). A word or text is the mean of its
tokens' vectors, L2-normalized, so a dot product is a cosine similarity.

The files are found by path and read here, never through `wordllama.WordLlama.load`: that
loader looks for the tokenizer in a folder that does not exist and then downloads it, and
importing the package also pulls in `requests` and reconfigures logging. Nothing is ever
fetched from the network. The model is loaded once, on first use, under a lock.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

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
    vectors: np.ndarray  # (tokens, dimensions), float32
    ignored: int  # the id of the bare word-start marker


_model: _Model | None = None
_lock = threading.Lock()


def model_dir() -> Path:
    """The folder that holds the model's weights and tokenizer files.

    Found without importing `wordllama`: from the installed package's location, or from
    the bundle's folder of collected data when frozen by PyInstaller."""
    candidates = []
    spec = importlib.util.find_spec("wordllama")
    if spec is not None and spec.submodule_search_locations:
        candidates += [Path(p) for p in spec.submodule_search_locations]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "wordllama")
    for folder in candidates:
        if (folder / WEIGHTS_FILE).is_file() and (folder / TOKENIZER_FILE).is_file():
            return folder
    looked = ", ".join(str(c) for c in candidates) or "nowhere (package not installed)"
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
        vectors = np.ascontiguousarray(weights.get_tensor(_TENSOR), dtype=np.float32)
    ignored = tokenizer.token_to_id(_BARE_MARKER)
    return _Model(tokenizer, vectors, -1 if ignored is None else ignored)


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


def _mean_vectors(texts: list[str], weights: np.ndarray | None = None) -> np.ndarray:
    loaded = model()
    out = np.zeros((len(texts), loaded.vectors.shape[1]), dtype=np.float32)
    if not texts:
        return out
    encodings = loaded.tokenizer.encode_batch(texts, add_special_tokens=False)
    ids = [np.asarray(e.ids, dtype=np.int64) for e in encodings]
    lengths = np.array([len(i) for i in ids], dtype=np.int64)
    flat = np.concatenate(ids) if len(ids) else np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(len(texts)), lengths)
    keep = flat != loaded.ignored
    flat, owner = flat[keep], owner[keep]
    np.add.at(out, owner, loaded.vectors[flat])
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


def embed_words(words: list[str]) -> np.ndarray:
    """One L2-normalized vector per word or short phrase, shape (len(words), dimensions()):
    the mean of its tokens' vectors. A word with no tokens (empty) gets a zero vector."""
    return _mean_vectors(words)


def embed_texts(texts: list[str]) -> np.ndarray:
    """One L2-normalized vector per text, the mean of all its tokens' vectors.

    Every token counts alike, function words too; to weight words by importance, embed
    the words with `embed_words` and take a weighted mean of those."""
    return _mean_vectors(texts)
