"""`trim_noise`: generic rules for repeated title lines, link-list tails and stray tokens."""

from __future__ import annotations

from viewer.core.trim import trim_noise

PROSE = [
    f"Paragraph {n} explains, in several complete sentences, how the river authority "
    f"measured the spring flood and what the engineers decided to change afterwards."
    for n in range(8)
]


def test_clean_text_is_returned_unchanged() -> None:
    text = "\n\n".join(PROSE) + "\n"
    result = trim_noise(text)
    assert result.text == text
    assert result.notes == ()


def test_repeated_title_line_keeps_only_its_first_occurrence() -> None:
    title = "Flood Report | Regional News"
    text = "\n\n".join([title, *PROSE[:3], title, *PROSE[3:]]) + "\n"
    result = trim_noise(text)
    assert result.text == "\n\n".join([title, *PROSE]) + "\n"
    assert result.notes == ("trimmed 1 repeated line: 'Flood Report | Regional News'",)


def test_a_line_repeated_often_is_named_once_with_its_count_and_cut_at_a_word() -> None:
    banner = ("Striving towards a Cyber Power | Innovating to Better Benefit the Country and "
              "People | General Secretary | The Country")
    menu = "Home | World News | Opinion"
    text = "\n\n".join([banner, menu, PROSE[0], banner, PROSE[1], menu, PROSE[2], banner,
                        *PROSE[3:5], banner, *PROSE[5:]]) + "\n"
    result = trim_noise(text)
    assert result.text == "\n\n".join([banner, menu, *PROSE]) + "\n"
    # Not the same cut-off text three times over ('... to Better Benef…', ...).
    assert result.notes == ("trimmed 4 repeated lines: 'Striving towards a Cyber Power | "
                            "Innovating to Better…' (3 times), 'Home | World News | Opinion'",)


def test_lines_past_the_third_are_counted_as_lines_not_copies() -> None:
    heads = ["Flood Desk | Home", "River Desk | Home", "Delta Desk | Home", "Dam Desk | Home"]
    text = "\n\n".join([*heads, PROSE[0], heads[0], PROSE[1], heads[1], PROSE[2], heads[2],
                        PROSE[3], heads[3], PROSE[4], heads[3], PROSE[5], heads[3],
                        *PROSE[6:]]) + "\n"
    [note] = trim_noise(text).notes
    assert note.startswith("trimmed 6 repeated lines: ") and note.endswith(" and 1 more")


def test_trailing_link_list_with_teasers_is_cut() -> None:
    tail = ["Read more from the desk:", "Dams and deltas | Environment",
            "Dams and deltas | Environment", "A teaser sentence about another story ends here.",
            "Winter roads | Transport", "Editor | Someone"]
    text = "\n\n".join([*PROSE, *tail]) + "\n"
    result = trim_noise(text)
    assert result.text == "\n\n".join(PROSE) + "\n"
    assert "trailing list of 6 link-like lines" in result.notes[0]


def test_headings_inside_the_article_are_not_a_tail() -> None:
    text = "\n\n".join([PROSE[0], "A heading", *PROSE[1:5], "Another heading", *PROSE[5:]])
    assert trim_noise(text).text == text


def test_stray_lowercase_tokens_after_a_sentence_are_removed() -> None:
    line = "The minister set out the plan in full in a signed article as follows: cheap widget deal"
    result = trim_noise(line + "\n" + "\n".join(PROSE))
    assert result.text.startswith("The minister set out the plan in full in a signed article "
                                  "as follows:\n")
    assert result.notes == ("trimmed 1 stray end-of-line token: 'cheap widget deal'",)


def test_short_lines_ending_in_lowercase_words_are_kept() -> None:
    text = "Note: see below\n" + "\n".join(PROSE)
    assert trim_noise(text).text == text


def test_the_kept_spans_are_where_the_trimmed_text_is_in_the_input() -> None:
    # Each kind of noise at once, with Windows line breaks: the trimmed text is its input's
    # kept spans, in order and apart (so offsets can be taken back to the input).
    title = "Flood Report | Regional News"
    tail = ["Dams and deltas | Environment", "Winter roads | Transport", "Editor | Someone"]
    token = PROSE[2] + " cheap widget deal"
    for newline in ("\n", "\r\n"):
        text = newline.join([title, PROSE[0], title, PROSE[1], token, *PROSE[3:], *tail])
        result = trim_noise(text)
        assert len(result.notes) == 3
        assert result.text == newline.join([title, *PROSE]) + newline
        assert result.text == "".join(text[start:end] for start, end in result.kept)
        bounds = [at for span in result.kept for at in span]
        assert bounds == sorted(bounds) and len(set(bounds)) == len(bounds)
