"""Group members: which forms stay in a formulation's group, and which join it.

Forms met under one key of `viewer.core.variants.group_variants` are not all variants
of one formulation. In Chinese, compared by characters, a form may be the phrase with a
stray character or a different word cut in half (`word_variants` keeps the forms one
whole word apart), and a likeness in use before the formulation may be a phrase of the
language (`earlier_forms_apart`). A form standing alone may belong to a group of
several whose documents it shares beyond doubt (`used_with_groups`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from viewer.core.collection import co_use
from viewer.core.collection.form_shapes import MAX_VARIANTS
from viewer.core.word_bounds import PhraseLocator, one_word_apart


def used_with_groups(groups: list[list[tuple[int, int]]],
                     one_apart: Callable[[tuple[int, int], tuple[int, int]], bool],
                     documents: Callable[[tuple[int, int]], np.ndarray],
                     total: int,
                     keeps: Callable[[tuple[int, int], tuple[int, int]], bool]
                     ) -> list[list[tuple[int, int]]]:
    """`groups` with each form standing alone joined to a group of several forms when it
    is one word apart from one of them, keeps a content unit of the group's first form
    (`keeps(first, form)`: keeping nothing of it, one word from another of its forms, it
    is another phrase) and shares documents with the group's, beyond doubt
    (`co_use.surely_together`). Writers pick a form for each use: an article using the
    formulation twice may hold two variants and not the form the lone one is nearest
    ("discipline employment" and "alleviation strategy", variants of "discipline
    strategy"), so the lone form is judged against all of the group's documents."""
    several = [k for k, group in enumerate(groups) if len(group) > 1]
    if not several:
        return groups
    held = {k: np.unique(np.concatenate([documents(form) for form in groups[k]]))
            for k in several}
    joined: dict[int, list[tuple[int, int]]] = {}
    for group in groups:
        if len(group) != 1:
            continue
        form = group[0]
        for m in several:
            if len(groups[m]) + len(joined.get(m, [])) > MAX_VARIANTS:
                continue
            if (any(one_apart(member, form) for member in groups[m])
                    and keeps(groups[m][0], form)
                    and co_use.surely_together(held[m], documents(form), total)):
                joined.setdefault(m, []).append(form)
                break
    lone = {form for forms in joined.values() for form in forms}
    return [group + joined.get(k, []) for k, group in enumerate(groups)
            if not (len(group) == 1 and group[0] in lone)]


def word_variants(groups: list[list[tuple[int, int]]], located: PhraseLocator,
                  cohesive: set[tuple[int, int]],
                  together: Callable[[tuple[int, int], tuple[int, int]], bool],
                  swapped_together: Callable[[tuple[int, int], tuple[int, int]], bool],
                  ) -> list[list[tuple[int, int]]]:
    """Chinese groups keeping only the forms one whole word apart from their base form
    (see `one_word_apart`): characters are tokens, so a blank of a few of them also meets
    the phrase with a stray character before it or a different word half-cut after it.
    A letter or two swapped inside, all else alike, is neither: such a form stays when
    `swapped_together(base, form)` says the writers use the two beside each other, though
    the segmenter reads the changed word in other pieces in each (早 | 见成效, 早盖 | 成效).
    At an end, a word swapped leaving one word (具有流动性, 具有紧迫性) or for one of
    another stem (继续用于灾, 继续用于岛) may as well make another phrase in that
    context: such a form stays only when `together(base, form)` (the writers who use one
    use the other beside it, far beyond chance or beyond what the words they keep bring
    with any other word, or the two are formulations with kindred words, 测量月球 and
    预测月球). The base is the form most others are one word apart from (深化财政 of
    深化内政 and 深思财政, which are two apart), the best of those alike. A form split
    off stands alone if it is a formulation itself."""
    out = []
    for group in groups:
        def apart_from(base: tuple[int, int], forms: list[tuple[int, int]]
                       ) -> list[tuple[int, int]]:
            head = located.at_whole(*base)
            return [form for form in forms if form != base and (
                one_word_apart(head, found := located.at_whole(*form))
                or (one_word_apart(head, found, any_end=True) and together(base, form))
                or swapped_together(base, form))]

        bases = group if len(group) > 2 else group[:1]
        near = [apart_from(base, group) for base in bases]
        # The base of most forms, of those whose group keeps a formulation (cohesive).
        best = max(range(len(bases)), key=lambda b: (
            any(f in cohesive for f in (bases[b], *near[b])), len(near[b]), -b))
        kept = {bases[best], *near[best]}
        out.append([form for form in group if form in kept])
        out += [[form] for form in group if form not in kept and form in cohesive]
    return out


def earlier_forms_apart(groups: list[list[tuple[int, int]]], cohesive: set[tuple[int, int]],
                        since: Callable[[tuple[int, int]], int],
                        vouched: Callable[[tuple[int, int], tuple[int, int]], bool],
                        kindred: Callable[[tuple[int, int], tuple[int, int]], bool],
                        ) -> list[list[tuple[int, int]]]:
    """Chinese groups (their formulation first) less the forms in use before their
    formulation (`since`: the date rank of a form's first document) that nothing vouches
    for (`vouched(formulation, form)`: the form is a formulation by its own evidence, or
    used as widely as the one ranked first, which may then be the variant, or the two
    are used together beyond doubt, or the words the two keep changing a word at an end
    are no phrase of their own: 医院及技术 of 医院及技术咨询 and 医院及技术排污, used
    nowhere else), unless it changes a kindred word of the formulation
    or of another form kept (`kindred(form kept, form)`: 必要的防震加固措施 of
    必要的抗震加固措施, kept beside 重要的抗震加固措施). A variant comes after its
    formulation: an earlier likeness that shares its words (扫除青壮年文盲 of
    扫除剩余文盲, a phrase of the language) would give the formulation its first
    appearance. A form split off stands alone if it is a formulation itself."""
    out = []
    for group in groups:
        head = group[0]
        start = since(head)
        kept = [form for form in group
                if form == head or since(form) >= start or vouched(head, form)]
        kept += [form for form in group if form not in kept
                 and any(kindred(member, form) for member in kept)]
        kept.sort(key=group.index)
        out.append(kept)
        out += [[form] for form in group if form not in kept and form in cohesive]
    return out
