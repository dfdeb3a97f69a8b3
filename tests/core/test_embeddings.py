"""The shipped word-meaning model: loaded from the installed package, never fetched."""

import numpy as np

from viewer.core import embeddings


def test_vectors_are_unit_length_and_related_words_are_closer_than_unrelated_ones():
    vectors = embeddings.embed_words(["train", "railway", "panda", ""])
    assert vectors.shape == (4, embeddings.dimensions())
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-5)
    assert not vectors[3].any()  # nothing to embed: a zero vector, not NaN
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > similarity[0, 2] + 0.2


def test_texts_on_one_subject_are_closer_than_texts_on_different_subjects():
    fares, tickets, pandas = embeddings.embed_texts([
        "Rail fares will rise by five percent in January.",
        "Commuters face higher train ticket prices from the new year.",
        "Twin panda cubs at the zoo are feeding well."])
    assert fares @ tickets > fares @ pandas


def test_the_model_files_are_the_ones_inside_the_installed_package():
    folder = embeddings.model_dir()
    assert (folder / embeddings.WEIGHTS_FILE).stat().st_size > 10_000_000
    assert (folder / embeddings.TOKENIZER_FILE).is_file()


def test_the_model_is_read_without_wordllamas_loader_which_downloads():
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    code = ("import sys; from viewer.core import embeddings; embeddings.embed_words(['port']); "
            "print(sorted(m for m in ('wordllama', 'requests') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": root, "PATH": ""}).stdout
    assert out.strip() == "[]"
