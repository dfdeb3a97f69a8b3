"""Names: two forms alike but for one name are two phrases.

"Miss Woodhouse" and "Miss Bates", "Captain Wentworth" and "Captain Benwick", "Mrs Croft"
and "Admiral Croft": where one form has a name (or a title) and the other another in its
place, the two speak of two people, however often the articles of one novel, one story or
one beat use them together. That is what co-use takes for one phrase written two ways, so
names are told apart first. A word is a name where writers capitalize it wherever the
form is used, not only where it opens a sentence. (For languages written in capitals and
small letters; Chinese has no such sign.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from viewer.core.collection.form_shapes import one_place
from viewer.core.phrases import RecurringGrams
from viewer.core.tokenize import TokenStream

#: Share of a form's uses looked at that must write the word with a capital.
NAME_SHARE = 0.9
#: Uses looked at per form, spread over all of them.
SAMPLED_USES = 25

Form = tuple[int, int]  # (length, index in that level of the grams)


class NameSlots:
    """Which words of a collection's candidate forms are names, asked form by form."""

    def __init__(self, grams: RecurringGrams, texts: Sequence[str],
                 streams: Sequence[TokenStream], words: Callable[[int, int], tuple[int, ...]],
                 unit: np.ndarray) -> None:
        self.grams = grams
        self.texts = texts
        self.words = words  # a form's word ids
        self.unit = unit  # the word each id is compared as (`PhraseScorer.word_unit`)
        self.streams = streams
        # Where each document's tokens begin among all of them (not every token's start
        # copied end to end: 60 MB for 7.7 million words, at the run's busiest).
        self.first_token = np.cumsum([0] + [len(s) for s in streams])
        self.seen: dict[tuple[Form, int], bool] = {}

    def differ_by_a_name(self, head: Form, form: Form) -> bool:
        """Whether the two forms differ in one word, a name in both."""
        place = one_place(self.words(*head), self.words(*form), self.unit)
        return place is not None and self.is_name(head, place) and self.is_name(form, place)

    def is_name(self, form: Form, place: int) -> bool:
        """Whether the word at `place` of `form` is capitalized in nearly every use."""
        key = (form, place)
        if key not in self.seen:
            self.seen[key] = self.capitalized(
                self.grams.levels[form[0]].occurrences(form[1]), place)
        return self.seen[key]

    def capitalized(self, uses: np.ndarray, place: int) -> bool:
        """Whether the word at `place` of the uses starting at positions `uses` is
        capitalized in nearly all of them."""
        picked = uses[np.linspace(0, len(uses) - 1, min(len(uses), SAMPLED_USES)).astype(int)]
        capitals = 0
        for p in picked.tolist():
            doc = int(self.grams.doc_of[p])
            start = int(self.streams[doc].starts[p + place - int(self.first_token[doc])])
            capitals += self.texts[doc][start].isupper()
        return len(picked) > 0 and capitals >= NAME_SHARE * len(picked)
