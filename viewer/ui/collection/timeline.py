"""The timeline of one or more formulations (per day, month or year: `viewer.present.timeline`),
drawn with pyqtgraph.

Why pyqtgraph: it is pure Python over QtWidgets and numpy (about 3 MB of modules in the
bundle), where QtCharts needs PySide6-Addons (hundreds of MB of Qt modules, almost all
unused). One line per formulation, so several selected ones overlay and can be compared.
The legend names the first few (`legend_entries`); the others are drawn thin and grey beneath
them, and the legend counts them ("and 54 more"), so that it never covers the plot.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QWidget

from viewer.present.wording import LEGEND_NAMED, legend_entries
from viewer.ui.colors import is_dark

#: Line colours, told apart on a light and a dark background (Okabe-Ito, colour-blind safe).
LINE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
#: Okabe-Ito's yellow: 1.3:1 on white, a line and a legend swatch all but unseen there; it
#: is drawn on a dark background only.
PALE_YELLOW = "#F0E442"
#: The named lines' point shapes, one per round of the colours: the eighth line, blue again,
#: is told from the first by its triangles.
LINE_SYMBOLS = ("o", "t", "s", "d")
#: How opaque (of 255) the lines the legend does not name are, in the text's colour.
REST_ALPHA = 50
#: At most this many month labels under the axis, fewer where they would not fit side by
#: side; the others are ticks only.
MAX_LABELS = 12
#: The least gap between two month labels, in widths of a label.
LABEL_GAP = 0.5
#: The legend's columns are at least this many characters wide where names are longer
#: (names cut in the middle to their column), and the width a swatch takes beside a name.
LEGEND_MIN_CHARS = 24
LEGEND_SWATCH = 40
#: The share of the chart's width the legend's columns may take.
LEGEND_WIDTH_SHARE = 0.8
#: The legend's place: pixels from the plot's left and top edges.
LEGEND_OFFSET = (10, 5)
#: Pixels between the legend's offset from the plot's top and the highest count, besides
#: the legend's own height.
LEGEND_GAP = 12
#: The share of the plot's height the counts keep however tall the legend (many lines
#: selected in a short chart).
MIN_PLOT_SHARE = 0.4
#: The least distance between the counts' ticks, in heights of their labels.
TICK_ROOM = 1.2


def whole_tick_step(most: int, ticks: int = 6) -> int:
    """The step of at most about `ticks` ticks from 0 to `most`, a whole number of the form
    1, 2 or 5 times a power of ten."""
    scale = 1
    while True:
        for base in (1, 2, 5):
            if base * scale * ticks >= most:
                return base * scale
        scale *= 10


def labelled_months(months: int, step: int, apart: int) -> list[int]:
    """The months (indexes) labelled under the axis, every `step`-th: always the first and
    the last, where the series starts and ends; the one before the last left out where it
    is fewer than `apart` months (at most `step`) before it, and would run into it."""
    shown = list(range(0, months, step))
    if shown and shown[-1] != months - 1:
        if len(shown) > 1 and months - 1 - shown[-1] < apart:
            shown.pop()
        shown.append(months - 1)
    return shown


def months_apart(month_width: float, label_width: float) -> int:
    """How many months apart labels `label_width` pixels wide stand, months `month_width`
    pixels wide, to leave `LABEL_GAP` between them."""
    return max(1, math.ceil(label_width * (1 + LABEL_GAP) / max(month_width, 1e-9)))


def distinct_names(names: Sequence[str], fit: Callable[[str], str]) -> list[str]:
    """`names` as `fit` cuts them, told apart where two would read alike: the words they
    begin with in common are left out ("…open transition", "…inclusive transition"), and
    any still alike are numbered in their order."""
    shown = [fit(name) for name in names]
    for group in _alike(shown):
        common = _common_words([names[k] for k in group])
        for k in group:
            shown[k] = fit("…" + names[k][common:]) if common else shown[k]
    for group in _alike(shown):
        for number, k in enumerate(group, 1):
            shown[k] = f"{number}. {shown[k]}"
    return shown


def _alike(shown: Sequence[str]) -> list[list[int]]:
    """The groups (indexes) of `shown` names that read alike."""
    groups: dict[str, list[int]] = {}
    for k, name in enumerate(shown):
        groups.setdefault(name, []).append(k)
    return [group for group in groups.values() if len(group) > 1]


def _common_words(names: Sequence[str]) -> int:
    """The length of the whole words (and the space after them) `names` all begin with."""
    return os.path.commonprefix(list(names)).rfind(" ") + 1


def line_colours(palette: QPalette) -> tuple[str, ...]:
    """The named lines' colours, in turn, on `palette`'s background."""
    if is_dark(palette):
        return LINE_COLOURS
    return tuple(colour for colour in LINE_COLOURS if colour != PALE_YELLOW)


class TimelineChart(pg.PlotWidget):
    """Uses per day, month or year (`timeline_bins`) of the selected formulations."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline_chart")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        # A picture, then: no key does anything to it, so Tab passes over it.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.showGrid(x=False, y=True, alpha=0.25)
        self.setLabel("left", "uses")
        # In the widget's font, as the axes' labels are: pyqtgraph's own 9 pt was half the
        # size of everything beside it at 16 pt.
        self.legend = self.addLegend(offset=LEGEND_OFFSET, labelTextSize=self._text_size())
        #: What is drawn: (label, x labels, counts) per line, for the tests and the bench.
        self.series: list[tuple[str, tuple[str, ...], tuple[int, ...]]] = []
        #: How many lines the legend names (`_legend_room`); 0 where it is hidden.
        self._named = LEGEND_NAMED
        #: The x labels drawn (the longest series'), for `_label_ticks`.
        self.labels: tuple[str, ...] = ()
        self.plotItem.vb.sigResized.connect(self._plot_resized)
        self.setMinimumHeight(160)
        self.apply_palette()

    def show_series(self, series: Sequence[tuple[str, Sequence[str], Sequence[int]]]) -> None:
        self.clear()
        self.legend.clear()
        self.series = [(label, tuple(xs), tuple(int(c) for c in counts))
                       for label, xs, counts in series]
        labels: tuple[str, ...] = ()
        self.legend.setColumnCount(1)  # laid out again below, once it holds the names
        self._named = self._legend_room()
        named, more = self._legend_entries()
        colours = line_colours(self.palette())
        grey = QColor(self.palette().color(QPalette.ColorRole.Text))
        grey.setAlpha(REST_ALPHA)
        rest = []
        for k, (label, xs, counts) in enumerate(self.series):
            labels = xs if len(xs) > len(labels) else labels
            if k >= len(named):  # drawn beneath the named lines, counted in the legend
                line = self.plot(list(range(len(counts))), list(counts),
                                 pen=pg.mkPen(grey, width=1))
                line.setZValue(-1)
                rest.append(line)
                continue
            colour = colours[k % len(colours)]
            symbol = LINE_SYMBOLS[k // len(colours) % len(LINE_SYMBOLS)]
            self.plot(list(range(len(counts))), list(counts),
                      name=label if self._named else None,
                      pen=pg.mkPen(colour, width=2), symbol=symbol, symbolSize=6,
                      symbolBrush=colour, symbolPen=colour)
        if rest and self._named:
            self.legend.addItem(_RestSample(rest), more)
        self.legend.setVisible(bool(self._named))
        self.labels = labels
        self._label_ticks()
        self._fit_legend()
        if labels:
            self.setXRange(-0.5, len(labels) - 0.5, padding=0)

    def _legend_entries(self) -> tuple[list[str], str]:
        """The names the legend shows and its count of the others (`legend_entries`): as
        many as it has room for, all the first ones where it has none (it is hidden)."""
        return legend_entries([label for label, _, _ in self.series],
                              self._named or LEGEND_NAMED)

    def _legend_room(self) -> int:
        """How many lines the legend names (at most `LEGEND_NAMED`): as many as its rows
        hold in the height the counts leave it (`MIN_PLOT_SHARE`), one place kept for the
        count of the others; 0 where it has room for no name, and is hidden."""
        labels = [label for label, _, _ in self.series]
        plot = self.plotItem.vb.height()
        if plot <= 0 or not labels:  # not laid out yet: its first resize decides
            return LEGEND_NAMED
        # Each entry's row is as tall as its label; the legend's margins above and below.
        _, top, _, bottom = self.legend.layout.getContentsMargins()
        row = pg.LabelItem("Ag", size=self._text_size()).itemRect().height()
        rows = int((plot * (1 - MIN_PLOT_SHARE) - LEGEND_GAP - top - bottom) // row)
        # Laid out in no fewer columns than the first names take (`_columns`): the fewer
        # names shown are no longer.
        places = max(0, rows) * self._columns(labels[:LEGEND_NAMED], LEGEND_NAMED + 1)
        named = min(LEGEND_NAMED, places if len(labels) <= places else places - 1)
        return max(0, named)

    def _most(self) -> int:
        return max((max(c, default=0) for _, _, c in self.series), default=1) or 1

    def _fit_legend(self) -> None:
        # The legend stands in the plot's top left corner, in as many columns as its share
        # of the width holds; the counts reach no higher than its bottom edge, so that no
        # line runs under it, whatever the chart's size.
        self._name_lines()
        plot = self.plotItem.vb.height()
        shown = self.series and self._named
        room = self.legend.boundingRect().height() + LEGEND_GAP if shown else 0.0
        share = 1 - room / plot if plot > 0 else 0.0
        top = self._most() / max(share, MIN_PLOT_SHARE)
        self.setYRange(0, top)
        self._space_count_ticks(top)

    def _space_count_ticks(self, top: float) -> None:
        """Ticks on whole numbers (no "2.5 uses" on a small count), as far apart as
        `TICK_ROOM` of their labels' height: at 16 pt in a short chart, ticks at every use
        ran into each other ("12" over "11" over "10")."""
        step = whole_tick_step(self._most())
        plot = self.plotItem.vb.height()
        if plot > 0:
            font = self.getAxis("left").style.get("tickFont") or self.font()
            least = TICK_ROOM * QFontMetrics(font).height() * top / plot
            step = max(step, whole_tick_step(math.ceil(least), 1))
        self.getAxis("left").setTickSpacing(major=step, minor=step)

    def _legend_width(self) -> float:
        """The width the legend's columns may take: the chart's share, but no more than the
        plot leaves right of the legend's offset, less its margins: in large fonts the axis
        beside the plot is wide, and names cut to the chart's share alone ran past the
        plot's edge."""
        left, _, right, _ = self.legend.layout.getContentsMargins()
        plot = self.plotItem.vb.width() or self.width()
        return min(self.width() * LEGEND_WIDTH_SHARE, plot - LEGEND_OFFSET[0] - left - right)

    def _columns(self, names: Sequence[str], entries: int) -> int:
        """How many columns (at most `entries`) the legend lays `names` out in: as many as
        its width holds of the longest, or of `LEGEND_MIN_CHARS` where that is longer."""
        metrics = QFontMetrics(self.font())
        longest = max(metrics.horizontalAdvance(name) for name in names) + LEGEND_SWATCH
        narrowest = metrics.averageCharWidth() * LEGEND_MIN_CHARS + LEGEND_SWATCH
        return max(1, min(entries, int(self._legend_width() // min(longest, narrowest))))

    def _name_lines(self) -> None:
        """Lay the legend out in columns, each line's name whole where its column holds it,
        else cut in the middle: phrases often share their first words ("establishing
        system…", "establishing strategy…"), so their ends tell them apart."""
        names, more = self._legend_entries()
        if not names or not self._named:
            return
        metrics = QFontMetrics(self.font())
        # The count of the lines not named ("and 54 more") takes a place of its own.
        columns = self._columns(names, len(names) + bool(more))
        each = max(1, int(self._legend_width() / columns) - LEGEND_SWATCH)
        shown = distinct_names(
            names, lambda name: metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, each))
        for (_, label), name in zip(self.legend.items, shown + ([more] if more else []),
                                    strict=True):
            label.setText(name)
        self.legend.setColumnCount(columns)
        # The legend takes the size of its grid, and the grid stretches the names to the
        # legend's size: shrunk first, it fits the names as they are now.
        self.legend.setGeometry(0, 0, 1, 1)
        self.legend.layout.activate()
        self.legend.updateSize()

    def legend_names(self) -> list[str]:
        """The lines' names as the legend shows them, and its count of the others ("and 54
        more") where it names only the first."""
        return [label.text for _, label in self.legend.items]

    def _label_ticks(self) -> None:
        """Label every so many months (at most `MAX_LABELS`), as far apart as the plot's
        width holds them (`months_apart`): measured on the chart's whole width, less a
        guess at the axis beside it, labels at 16 pt ran into each other."""
        labels = self.labels
        axis = self.getAxis("bottom")
        plot = self.plotItem.vb.width() or self.width() - 60  # not laid out yet
        apart = months_apart(plot / max(len(labels), 1), self._label_width())
        step = max(apart, -(-len(labels) // MAX_LABELS))
        # The first and last months stand half a label past the ends of the axis, where
        # pyqtgraph would drop their text: the axis lets them run over by that much, and
        # the plot keeps room on its right for the last.
        half = self._label_width() // 2 + 2
        axis.setStyle(hideOverlappingLabels=half)
        self.plotItem.layout.setContentsMargins(0, 0, half, 0)
        axis.setTicks([[(k, labels[k]) for k in labelled_months(len(labels), step, apart)],
                       [(k, "") for k in range(len(labels))]])

    def _plot_resized(self, _box: object) -> None:
        # The plot narrows without the chart being resized where the counts' labels widen
        # the axis beside it: the month labels are spaced again.
        self._label_ticks()

    def _label_width(self) -> int:
        font = self.getAxis("bottom").style.get("tickFont") or self.font()
        return QFontMetrics(font).horizontalAdvance(max(self.labels, key=len,
                                                        default="0000-00"))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if not hasattr(self, "labels"):  # not while pyqtgraph builds the widget
            return
        if self._legend_room() != self._named:  # the legend names more lines, or fewer
            self.show_series(self.series)
        else:
            self._label_ticks()
            self._fit_legend()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        # pyqtgraph sets a palette role while it is being built: its plot is not there yet.
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "legend"):
            self.apply_palette()
        elif event.type() == QEvent.Type.FontChange and hasattr(self, "labels"):
            self.legend.setLabelTextSize(self._text_size())
            self.show_series(self.series)  # the legend and the labels laid out anew
        super().changeEvent(event)

    def _text_size(self) -> str:
        """The widget's font size as a style sheet gives it to the legend's labels."""
        font = self.font()
        if font.pointSizeF() > 0:
            return f"{font.pointSizeF():g}pt"
        return f"{font.pixelSize()}px"

    def apply_palette(self) -> None:
        """Background and axes from the widget's palette (light or dark)."""
        palette = self.palette()
        self.setBackground(palette.color(QPalette.ColorRole.Base))
        text = QColor(palette.color(QPalette.ColorRole.Text))
        for side in ("left", "bottom"):
            axis = self.getAxis(side)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))
        self.legend.setLabelTextColor(text)
        if self.series:  # legend labels take their colour when drawn
            self.show_series(self.series)


class _RestSample(pg.ItemSample):
    """The legend's swatch of the lines it does not name: a click hides or shows them all,
    as one named line's swatch does its line."""

    def __init__(self, lines: Sequence[pg.PlotDataItem]) -> None:
        super().__init__(lines[0])
        self.lines = list(lines)

    def mouseClickEvent(self, event: object) -> None:  # noqa: N802 (pyqtgraph override)
        super().mouseClickEvent(event)
        for line in self.lines[1:]:
            line.setVisible(self.lines[0].isVisible())
