"""What the panes show of one comparison as the reader moves: the active passage, jumps to
passages, slogans and themes, slogans hidden by the reader, and linked scrolling.

The order, the lookups and the scroll map come from `viewer.present` (via `Rendered`);
this module moves the panes. Hidden slogans are remembered by their phrase, so adding a
watch-list phrase (which renumbers the slogans) never hides another one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from viewer.core.model import Slogan
from viewer.present.marks import Mark, slogan_mark
from viewer.present.theme_words import shown_words
from viewer.ui.pane import Pane
from viewer.ui.rendering import Rendered
from viewer.ui.side_panel import SidePanel

Say = Callable[[str, int], None]


class PassageView(QObject):
    def __init__(self, panes: tuple[Pane, Pane], side_panel: SidePanel, say: Say,
                 linked: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panes, self.side_panel, self.say, self.linked = panes, side_panel, say, linked
        self.rendered: Rendered | None = None
        self.active_phrase: int | None = None
        #: Phrases of the slogans the reader unticked, and of those ticked that are hidden
        #: by default: by default the panes underline only the slogans both texts use and
        #: the watch-list, so the real formulations stand out; the rest are listed unticked.
        self.hidden_slogans: set[str] = set()
        self.shown_slogans: set[str] = set()
        #: The slogan last chosen in the list, of which comparison, and the use shown: the
        #: next click on it shows its next use.
        self._slogan_use: tuple[object, int, int] | None = None
        self._syncing = False
        for side, pane in enumerate(panes):
            pane.activated.connect(lambda offset, s=side: self.on_pane_activated(s, offset))
            pane.scrolled.connect(lambda s=side: self.on_pane_scrolled(s))
        side_panel.phrase_chosen.connect(lambda i: self.jump_to_phrase(i, None))
        side_panel.slogan_chosen.connect(self.on_slogan_chosen)
        side_panel.theme_chosen.connect(self.on_theme_chosen)
        side_panel.slogan_toggled.connect(self.on_slogan_toggled)

    def show(self, rendered: Rendered | None) -> None:
        """Paint a new comparison (None: forget the old one). The same texts compared again
        (a setting changed) keep the passage the reader is on, set apart where it still is
        one, so Next goes on from it rather than from the top."""
        kept = self._kept_passage(rendered)
        self.rendered = rendered
        self.active_phrase = None
        if rendered is None:
            self.side_panel.show_comparison(None)
            return
        hidden = self.hidden_marks()
        for side, (pane, index) in enumerate(zip(self.panes, (rendered.index_a, rendered.index_b),
                                                 strict=True)):
            pane.highlighter.hidden = set(hidden)
            pane.set_highlights(index, *rendered.marks[side])
            pane.set_active(None)
        slogans = rendered.comparison.slogans
        self.side_panel.show_comparison(
            rendered.comparison, {n for n, s in enumerate(slogans) if self.is_hidden(s)})
        if kept is not None:
            phrase = rendered.comparison.shared_phrases[kept]
            self.active_phrase = kept
            for pane, span in zip(self.panes, (phrase.a, phrase.b), strict=True):
                pane.set_active(span)  # not scrolled: the panes stay where the reader is
            self.side_panel.phrases.selectRow(kept)

    def _kept_passage(self, rendered: Rendered | None) -> int | None:
        """The passage of `rendered` covering the text of the one active now, when
        `rendered` compares the same two texts again; else None."""
        old, number = self.rendered, self.active_phrase
        if rendered is None or old is None or number is None or any(
                new is not was for new, was in zip(rendered.comparison.documents,
                                                   old.comparison.documents, strict=True)):
            return None
        start, end = old.comparison.shared_phrases[number].a
        for offset in (start, (start + end) // 2, end - 1):
            kept = rendered.navigation.passage_at(0, offset)
            if kept is not None:
                return kept
        return None

    def is_hidden(self, slogan: Slogan) -> bool:
        if slogan.phrase in self.hidden_slogans:
            return True
        hidden_by_default = not slogan.watchlist and slogan.presence != "both"
        return hidden_by_default and slogan.phrase not in self.shown_slogans

    def hidden_marks(self) -> set[Mark]:
        if self.rendered is None:
            return set()
        return {slogan_mark(n, s.watchlist) for n, s in enumerate(self.rendered.comparison.slogans)
                if self.is_hidden(s)}

    # -- passages --------------------------------------------------------------------------
    def phrase_at(self, side: int, offset: int) -> int | None:
        return None if self.rendered is None else self.rendered.navigation.passage_at(side, offset)

    def jump_to_phrase(self, number: int, source: int | None) -> None:
        """Make passage `number` active in both panes; scroll the other pane (or both, when the
        jump came from a list or key) so it is in view, and flash both."""
        if self.rendered is None:
            return
        phrase = self.rendered.comparison.shared_phrases[number]
        self.active_phrase = number
        with self._quiet():
            for side, (pane, span) in enumerate(zip(self.panes, (phrase.a, phrase.b),
                                                    strict=True)):
                pane.set_active(span, flash=True)
                if side != source:
                    pane.place_cursor(span[0])
                    pane.center_on(span[0])
        self.side_panel.phrases.selectRow(number)
        navigation = self.rendered.navigation
        self.say(f"Passage {navigation.rank(number) + 1} of {len(navigation)}: "
                 f"{phrase.words} words, {'identical' if phrase.exact else 'edited'}", 4000)

    def step(self, direction: int) -> None:
        """Next (1) or previous (-1) passage in reading order."""
        if self.rendered is None:
            return
        number = self.rendered.navigation.step(self.active_phrase, direction)
        if number is not None:
            self.jump_to_phrase(number, None)

    def on_pane_activated(self, side: int, offset: int) -> None:
        number = self.phrase_at(side, offset)
        if number is not None:
            self.jump_to_phrase(number, side)

    # -- slogans and themes ----------------------------------------------------------------
    def on_slogan_chosen(self, number: int) -> None:
        if self.rendered is None:
            return
        comparison = self.rendered.comparison
        slogan = comparison.slogans[number]
        uses = (slogan.occurrences_a, slogan.occurrences_b)
        # Choosing it again steps through its uses, side by side, each text's from its
        # first again once they are all shown: a slogan used forty times is read in turn.
        last = self._slogan_use
        again = last is not None and last[0] is comparison and last[1] == number
        use = last[2] + 1 if last is not None and again else 0
        use %= max(1, *(len(spans) for spans in uses))
        self._slogan_use = (comparison, number, use)
        with self._quiet():
            for pane, spans in zip(self.panes, uses, strict=True):
                if spans:
                    span = spans[use % len(spans)]
                    pane.set_active(span, flash=True)
                    pane.center_on(span[0])
                else:  # what was chosen before is no use of this slogan
                    pane.set_active(None)
        # Said of every slogan chosen, so no earlier slogan's "use 2 of 9" stays in sight.
        told = ", ".join(f"use {use % len(spans) + 1} of {len(spans)} in {side}"
                         for side, spans in zip("AB", uses, strict=True) if spans)
        more = " (choose it again for the next)" if max(map(len, uses)) > 1 else ""
        self.say(f"\u201c{slogan.phrase}\u201d: {told or 'used by neither text'}{more}", 5000)

    def on_theme_chosen(self, number: int) -> None:
        if self.rendered is None:
            return
        theme = self.rendered.comparison.themes[number]
        with self._quiet():
            for pane, span in zip(self.panes, (theme.a, theme.b), strict=True):
                pane.set_theme_span(span)
                pane.center_on(span[0])
        self.say(f"Theme pair scored {theme.score:.2f}: {shown_words(theme)}", 5000)

    def on_slogan_toggled(self, number: int, shown: bool) -> None:
        if self.rendered is None:
            return
        slogan = self.rendered.comparison.slogans[number]
        key = slogan_mark(number, slogan.watchlist)
        if shown:
            self.hidden_slogans.discard(slogan.phrase)
            self.shown_slogans.add(slogan.phrase)
        else:
            self.hidden_slogans.add(slogan.phrase)
            self.shown_slogans.discard(slogan.phrase)
        for pane, index, spans in zip(self.panes, (self.rendered.index_a, self.rendered.index_b),
                                      (slogan.occurrences_a, slogan.occurrences_b), strict=True):
            if shown:
                pane.highlighter.hidden.discard(key)
            else:
                pane.highlighter.hidden.add(key)
            blocks: set[int] = set()
            for start, end in spans:
                blocks.update(range(index.block_of(start), index.block_of(max(start, end - 1)) + 1))
            pane.highlighter.refresh_blocks(blocks)

    # -- linked scrolling ------------------------------------------------------------------
    def on_pane_scrolled(self, side: int) -> None:
        if self._syncing or self.rendered is None or not self.linked():
            return
        source, target = self.panes[side], self.panes[1 - side]
        middle = source.middle_offset()
        scroll_map = self.rendered.scroll_map
        mapped = scroll_map.a_to_b(middle) if side == 0 else scroll_map.b_to_a(middle)
        with self._quiet():
            target.center_on(mapped)

    def _quiet(self) -> _Quiet:
        """While the panes are moved on purpose, their scrolling is not mirrored."""
        return _Quiet(self)


class _Quiet:
    def __init__(self, view: PassageView) -> None:
        self.view = view

    def __enter__(self) -> None:
        self.view._syncing = True

    def __exit__(self, *exc: object) -> None:
        self.view._syncing = False
