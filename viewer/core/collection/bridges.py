"""Bridges: formulations that a rare form shows to be one phrase written several ways.

A formulation's forms are each one word from its main form; two of them may be two words
apart, and when the main form is used too seldom to be a candidate, the two are listed as
two formulations ("promoting mission and tradition", "promoting overall protection and
tradition"). The main form is then found as a rare form of one of them ("promoting
protection and tradition", three articles), and it is a variant of the other as well.
Such a rare form joins the two when it keeps `strong` content units of both forms it
links, as two candidate forms must to be grouped without the collection's say
(`viewer.core.variants.group_variants`); one keeping a single word of either ("curiosity
and harvest" of "curiosity and perplexity" and "courage and harvest") may be any phrase,
and only counts in the first (`formulations._each_form_once`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import NamedTuple

import numpy as np

from viewer.core.collection import co_use
from viewer.core.collection.form_shapes import VariantShape
from viewer.core.variants import Words, group_variants


class _Form(NamedTuple):
    """A form of a found formulation: which formulation, which of its forms, and whether
    it is rare."""

    owner: int
    number: int
    rare: bool


UsedForm = tuple[int, np.ndarray]


def bridged(found: list[tuple[list[UsedForm], list[bool]]],
            words_of: Callable[[int, np.ndarray], Words], doc_of: np.ndarray,
            is_content: Callable[[Hashable], bool], shape: VariantShape,
            whole_word: Callable[[UsedForm, UsedForm], bool] | None = None
            ) -> list[list[UsedForm]]:
    """The forms of `found` formulations (forms as (length, start positions), and whether
    each is rare: found among the tokens, not a candidate that recurs on its own), best
    first, with those a rare form links joined into the best of them, its forms first.

    A rare form links only when it is used in `co_use.RARE_DOCUMENTS` documents or more:
    once, it may be a phrase met by chance. Two recurring forms of different formulations
    are never linked here: the candidates were grouped, and kept apart, on what the
    collection says of them. Where units are letters (Chinese), the two forms a link
    joins must also be one whole word apart (`whole_word`), as grouped forms are."""

    def used(form: _Form) -> UsedForm:
        return found[form.owner][0][form.number]

    forms = [form for form in (_Form(k, number, rare) for k, (_, flags) in enumerate(found)
                               for number, rare in enumerate(flags))
             if not form.rare
             or len(np.unique(doc_of[used(form)[1]])) >= co_use.RARE_DOCUMENTS]

    def apart(grouped: _Form, new: _Form) -> bool:
        # A link runs between a rare form and a form of another formulation.
        return (grouped.owner == new.owner or grouped.rare == new.rare
                or (whole_word is not None and not whole_word(used(grouped), used(new))))

    owner = list(range(len(found)))

    def root(k: int) -> int:
        while owner[k] != k:
            owner[k] = owner[owner[k]]
            k = owner[k]
        return k

    for group in group_variants(forms, lambda form: words_of(*used(form)), is_content,
                                lambda _grouped, _new: False, **shape, apart=apart):
        heads = sorted({root(form.owner) for form in group})
        for head in heads[1:]:
            owner[head] = heads[0]
    joined: dict[int, list[UsedForm]] = {}
    for k, (uses, _) in enumerate(found):
        joined.setdefault(root(k), []).extend(uses)
    return list(joined.values())
