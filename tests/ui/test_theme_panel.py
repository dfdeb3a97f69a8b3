"""The Themes tab marks a closest pair below the threshold as such beside its terms, with
the note the reports print as its tooltip; pairs above the threshold are plain rows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import wait_rendered
from viewer.present.theme_note import closest_only_note
from viewer.present.theme_words import RELATED_LABEL

ASH = "Volcanic ash grounded flights across the northern islands for two days running.\n"
# The closest pair of these two shares "island(s)", at a score below the threshold (one
# sharing nothing is not listed at all).
SYMPHONY = "The island orchestra rehearsed a new symphony by a young Estonian composer all week.\n"
PANDAS_A = ("Two giant panda babies born at the municipal zoo are thriving, say keepers who "
            "weigh them every morning and will show them to the public in summer.\n")
PANDAS_B = ("The city zoo welcomed twin panda cubs this spring; keepers say both are healthy, "
            "feeding well and gaining weight, and visitors can see them in summer.\n")


SNOW = ("Heavy snowfall closed the mountain roads on Sunday and stranded hundreds of skiers "
        "in their hotels overnight.\n")
BLIZZARD = ("A blizzard blocked alpine highways, leaving winter sports fans stuck in "
            "guesthouses until morning.\n")


def _themes_tab(make_window, qtbot, folder: Path, a: str, b: str):  # type: ignore[no-untyped-def]
    paths = [folder / "a.txt", folder / "b.txt"]
    for path, text in zip(paths, (a, b), strict=True):
        path.write_text(text, encoding="utf-8")
    window = make_window()
    window.open_paths([str(p) for p in paths])
    wait_rendered(qtbot, window)
    return window, window.side_panel.themes.model()


def test_a_closest_pair_below_the_threshold_is_marked(make_window, qtbot, tmp_path) -> None:
    window, model = _themes_tab(make_window, qtbot, tmp_path, ASH, SYMPHONY)
    comparison = window.rendered.comparison
    assert model.rowCount() == 1
    terms = model.data(model.index(0, 3), Qt.ItemDataRole.DisplayRole)
    assert terms.startswith("(closest only, below 0.12)")
    assert terms.endswith(", ".join(comparison.themes[0].terms))
    tip = model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert tip == closest_only_note(comparison) != ""


def test_pairs_above_the_threshold_are_plain_scores(make_window, qtbot, tmp_path) -> None:
    window, model = _themes_tab(make_window, qtbot, tmp_path, PANDAS_A, PANDAS_B)
    theme = window.rendered.comparison.themes[0]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole) == f"{theme.score:.2f}"
    assert model.data(model.index(0, 3), Qt.ItemDataRole.DisplayRole) == ", ".join(theme.terms)
    assert not model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)


def test_a_pair_sharing_no_term_shows_the_words_that_relate_it(make_window, qtbot,
                                                                 tmp_path) -> None:
    # Its "Shared terms" cell was empty: it now says the pair is related in meaning only,
    # and by which words of A and B.
    _, model = _themes_tab(make_window, qtbot, tmp_path, SNOW, BLIZZARD)
    shown = model.data(model.index(0, 3), Qt.ItemDataRole.DisplayRole)
    assert shown.startswith(f"{RELATED_LABEL}: ")
    assert "roads ~ highways" in shown
