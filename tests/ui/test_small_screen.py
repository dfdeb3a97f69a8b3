"""The two-text window as a reader with large fonts on a 1024×768 screen sees it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from tests.ui.conftest import wait_rendered


@pytest.fixture(params=[14, 16])
def large_font(qapp, request):  # type: ignore[no-untyped-def]
    """The application's font at `request.param` points, as a reader's desktop sets it."""
    font = qapp.font()
    large = qapp.font()
    large.setPointSizeF(request.param)
    qapp.setFont(large)
    yield request.param
    qapp.setFont(font)


def _whole_and_apart(buttons: list[QPushButton]) -> None:
    for button in buttons:
        assert button.width() >= button.sizeHint().width(), button.text()
        assert button.parentWidget().rect().contains(button.geometry()), button.text()
    for n, button in enumerate(buttons):
        for other in buttons[n + 1:]:
            assert not button.geometry().intersects(other.geometry()), (button.text(),
                                                                          other.text())


def test_the_window_fits_a_small_screen_in_large_fonts(make_window, qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # The welcome's buttons, the slogans' filters and the collection's (hidden) tabs made
    # the window at least 1062 pixels wide at 14 pt, 1155 at 16.
    window = make_window()
    window.resize(1024, 700)
    qtbot.wait(50)
    assert window.width() <= 1024
    _whole_and_apart(window.welcome.findChildren(QPushButton))
    window.action_try_sample()
    wait_rendered(qtbot, window)
    panel = window.side_panel
    panel.setCurrentIndex(1)
    window.resize(1024, 700)
    qtbot.wait(50)
    assert window.width() <= 1024
    _whole_and_apart(list(panel.slogan_filters.buttons()))
