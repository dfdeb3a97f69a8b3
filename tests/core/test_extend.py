"""Passages reach their last matching word over a short edited stretch at either end, and
no further: not over chance words, not across a paragraph break."""

import pytest

from viewer.core.compare import compare
from viewer.core.document import Document

BEFORE_A = "Farmers in the valley sold their wool early this year. "
BEFORE_B = "The museum reopened its east wing after the long renovation. "
AFTER_A = " Heavy rain is expected across the north by the weekend."
AFTER_B = " The orchestra will tour five cities in the spring."

COPY_A = ("The envoy met the exiled leader at the harbour fortress in a fresh attempt to "
          "broker a truce along the mountain border, a Palestinian official said.")
COPY_B = ("The envoy met the exiled leader at the harbour fortress in a fresh attempt to "
          "broker a truce along the mountain Are, a Palestinian Parliament said.")


def span_of(text: str, passage: str) -> tuple[int, int]:
    start = text.index(passage)
    return (start, start + len(passage))


def only_passage(a: str, b: str) -> tuple[tuple[int, int], tuple[int, int]]:
    phrases = compare(Document(a, "a"), Document(b, "b")).shared_phrases
    assert len(phrases) == 1
    return phrases[0].a, phrases[0].b


def test_a_passage_with_an_edited_tail_reaches_its_last_matching_word():
    a, b = BEFORE_A + COPY_A + AFTER_A, BEFORE_B + COPY_B + AFTER_B
    span_a, span_b = only_passage(a, b)
    # "... border, a Palestinian official said" against "... Are, a Palestinian
    # Parliament said": the last matching word is "said" on both sides, with the full stop
    # after it.
    assert span_a == span_of(a, COPY_A)
    assert span_b == span_of(b, COPY_B)


def test_a_passage_with_an_edited_head_starts_at_its_first_matching_word():
    # "Rebel" and "Tarik" match, one word apart: too short a run to seed a passage.
    head_a = "Rebel commander Tarik said that "
    head_b = "Rebel leader Tarik insisted that "
    rest = ("the envoy met the exiled leader at the harbour fortress in a fresh attempt to "
            "broker a truce along the mountain border.")
    a, b = BEFORE_A + head_a + rest + AFTER_A, BEFORE_B + head_b + rest + AFTER_B
    span_a, span_b = only_passage(a, b)
    assert span_a == span_of(a, head_a + rest)
    assert span_b == span_of(b, head_b + rest)


def test_chance_words_after_a_passage_do_not_extend_it():
    copy = COPY_A[:COPY_A.index(" border") + len(" border")]
    # Both texts go on with the same ordinary words ("the", "of", "and"), by chance.
    a = BEFORE_A + copy + ". Then the price of the bread rose again."
    b = BEFORE_B + copy + ". Now the choir of the school sang on."
    span_a, span_b = only_passage(a, b)
    assert span_a == span_of(a, copy + ".")
    assert span_b == span_of(b, copy + ".")


def test_an_edited_tail_beyond_a_paragraph_break_is_not_taken():
    # The sentence's last word, swapped ("zone" for "line"), is the copy's; what follows
    # the paragraph break is not, however alike.
    copy = COPY_A[:COPY_A.index(" border") + len(" border")]
    a = BEFORE_A + copy + " zone.\n\nA Palestinian official said it." + AFTER_A
    b = BEFORE_B + copy + " line.\n\nA Palestinian spokesman said so." + AFTER_B
    span_a, span_b = only_passage(a, b)
    assert span_a == span_of(a, copy + " zone.")
    assert span_b == span_of(b, copy + " line.")


@pytest.mark.parametrize(("edited_a", "edited_b", "taken"), [
    ("Two obstacles", "Unbelief obstacles", True),       # the first word swapped
    ("Two obstacles", "Then two obstacles", False),      # a word of B's own before it
])
def test_a_copy_whose_first_words_are_swapped_starts_where_its_sentence_does(
        edited_a: str, edited_b: str, taken: bool):
    rest = (" of the five being common to all the copies of the charter were the harbour "
            "fortress and the mountain border.")
    a = BEFORE_A + edited_a + rest + AFTER_A
    b = BEFORE_B + edited_b + rest + AFTER_B
    span_a, span_b = only_passage(a, b)
    if taken:
        assert (span_a, span_b) == (span_of(a, edited_a + rest), span_of(b, edited_b + rest))
    else:
        assert (span_a, span_b) == (span_of(a, edited_a + rest),
                                    span_of(b, edited_b.removeprefix("Then ") + rest))


def test_a_copy_edited_after_its_first_words_starts_where_its_sentence_does():
    # "And ... servant" match, across two edits: too little evidence to stretch a passage
    # over, but both texts begin the sentence there.
    head_a, head_b = "And the servant said nothing;", "And then a servant nothing;"
    rest = (" his looks only expressed the extreme astonishment of a man who had met the "
            "exiled leader at the harbour fortress.")
    a, b = BEFORE_A + head_a + rest + AFTER_A, BEFORE_B + head_b + rest + AFTER_B
    span_a, span_b = only_passage(a, b)
    assert (span_a, span_b) == (span_of(a, head_a + rest), span_of(b, head_b + rest))


@pytest.mark.parametrize(("opening_a", "opening_b"), [
    ("We realize ", "They achieve "), ("And the council noted ", "And then a council stressed ")])
def test_a_shared_phrase_set_into_two_sentences_does_not_take_their_words(
        opening_a: str, opening_b: str):
    # Ten words, set a few words into a sentence of each text (some of them alike): a
    # phrase, not a copy of the sentence.
    phrase = "the great rejuvenation of the harbour fortress of Zembla nation"
    a = BEFORE_A + opening_a + phrase + "." + AFTER_A
    b = BEFORE_B + opening_b + phrase + "." + AFTER_B
    span_a, span_b = only_passage(a, b)
    assert (span_a, span_b) == (span_of(a, phrase + "."), span_of(b, phrase + "."))


def test_a_copy_edited_before_its_last_word_runs_to_the_end_of_its_sentence():
    # "heaven" alone, after a word swapped, carries too little evidence to stretch a
    # passage over; but both texts end the sentence right after it: the copy runs there.
    copy = ("At the same time came the disciples unto Jesus, saying, Who is the greatest "
            "in the kingdom of")
    a = BEFORE_A + copy + " heaven?" + AFTER_A
    b = BEFORE_B + copy.removesuffix(" of") + " Bahnaric heaven?" + AFTER_B
    span_a, span_b = only_passage(a, b)
    assert a[slice(*span_a)].endswith("kingdom of heaven?")
    assert b[slice(*span_b)].endswith("kingdom Bahnaric heaven?")
    # Where one of them goes on with its sentence, the word is not taken.
    b = BEFORE_B + copy.removesuffix(" of") + " Bahnaric heaven and earth." + AFTER_B
    span_a, span_b = only_passage(a, b)
    assert a[slice(*span_a)].endswith("in the kingdom")


def test_two_halves_of_an_edited_copy_brought_together_by_their_stretched_ends_are_one():
    # Newton's Opticks, copied with many edits. The seeds of the second half begin at
    # "may be uniformly mixed", too far from the first half's last seed to join; stretched
    # over their edited ends ("requisite to", "this Experiment"), the two halves lie one
    # short edit apart ("the Success of" against "state Development Christmas").
    copy_a = ("This Experiment succeeds also, as I have tried, when the Angle b of the lower "
              "Prism, is a little greater than the Angle B of the upper, and between the "
              "interior Angles B and c, there intercedes some Space Bc, as is represented in "
              "the Figure, and the refracting Planes BC and bc, are neither in Directum, nor "
              "parallel to one another. For there is nothing more requisite to the Success of "
              "this Experiment, than that the Rays of all sorts may be uniformly mixed upon the "
              "Paper in the Place PT.")
    copy_b = ("This Experiment succeeds also, as I bias have tried, when the Angle b of the "
              "lower Prism, is a broad greater than the Angle B of the upper, and between the "
              "interior Angles revolt B and c, there intercedes some Space Bc, as is "
              "represented in depth the Figure, and the refracting Planes Developing and bc, "
              "are neither in Directum, parallel to purpose another. For day is used more "
              "requisite to state Development Christmas this Experiment, sovereign the Rays "
              "that of bank sorts may be uniformly mixed upon the Paper in PT.")
    a, b = BEFORE_A + copy_a + AFTER_A, BEFORE_B + copy_b + AFTER_B
    span_a, span_b = only_passage(a, b)
    assert span_a == span_of(a, copy_a)
    assert span_b == span_of(b, copy_b)


@pytest.mark.parametrize(("end_a", "end_b"), [
    (" beloved.", " ."),                   # the last word left out
    (" intifada.", " happening Maria."),   # swapped for two words
])
def test_a_copy_whose_last_words_are_edited_unevenly_runs_to_the_end_of_its_sentence(
        end_a: str, end_b: str):
    # A copy of a whole sentence stops short of its end in both texts, by one or two
    # words, not as many in each: its last words, edited.
    copy = ("To the praise of the glory of his grace, wherein he hath made us accepted "
            "in the")
    a, b = BEFORE_A + copy + end_a + AFTER_A, BEFORE_B + copy + end_b + AFTER_B
    span_a, span_b = only_passage(a, b)
    assert (span_a, span_b) == (span_of(a, copy + end_a), span_of(b, copy + end_b))


def test_a_copy_runs_to_the_end_of_its_sentence_and_not_one_chance_word_beyond():
    # An edited sentence copied whole. Right after it, the texts go on with two other
    # sentences, one of which begins with a numbered list's "１、": past it, the one
    # character the two next sentences share (沉) is chance's, and the copy ends with the
    # sentence it copies, as `compare()` and the collection's whole-sentence rule read it.
    copy_a = "这部片子很感人，本子写得好，演员演得好，拍得也好。"
    copy_b = "这部片子无记名感人，本子写得，演员演好得好，拍也好。"
    a = "今年山区的农民提早卖出了羊毛。" + copy_a + "沉寂３种类型的节目。"
    b = "博物馆在长期整修之后重新开放了东翼。" + copy_b + "１、沉重的医科大学教授。"
    span_a, span_b = only_passage(a, b)
    assert (span_a, span_b) == (span_of(a, copy_a), span_of(b, copy_b))
