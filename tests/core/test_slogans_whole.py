"""Slogans: formulations listed whole where one use's writing or a conjunction after
every use would hide them."""

from viewer.core.compare import compare
from viewer.core.document import Document


def _listed(a: str, b: str, *, variants: bool = False) -> list[str]:
    """The slogans of texts `a` and `b`, lower-cased, with their variants if asked."""
    slogans = compare(Document(a, "a"), Document(b, "b")).slogans
    return [p.casefold() for s in slogans for p in (s.phrase, *(s.variants if variants else ()))]


def test_a_phrase_whose_first_use_a_dash_glues_to_the_next_word_is_listed():
    # Each text's title writes its dash as a hyphen ("Welfare-Mayor"): the phrase does
    # not end inside a word in its other uses.
    a = ("Into the Promotion of Nordic-style Welfare-Mayor Zembrowski Speaks. Rain fell. "
         "Towns pursue Nordic-style welfare today. Critics doubt Nordic-style welfare.")
    b = ("On Nordic-style Welfare-Governor Okafor Writes. Ports want Nordic-style welfare "
         "now. Snow came. Farms test Nordic-style welfare.")
    assert _listed(a, b) == ["nordic-style welfare"]


def test_a_phrase_a_conjunction_follows_at_every_use_is_listed():
    # "and" follows each use, then something different each time: the phrase is whole.
    a = ("The plan calls for building a quantum harbour country in a tidal way and "
         "promoting trade. Rain fell. Firms back building a quantum harbour country in a "
         "tidal way and lower taxes.")
    b = ("Mayors spoke of building a quantum harbour country in a tidal way and steadily "
         "widening canals. Snow came.")
    assert _listed(a, b) == ["building a quantum harbour country in a tidal way"]


def test_a_word_form_used_only_inside_longer_phrases_is_counted_with_its_phrase():
    # "quantum harbours" is always part of "Zembrowski / Okafor quantum harbours", but
    # "quantum harbour" is listed: both forms are that one slogan, counted together.
    a = ("Firms need Zembrowski quantum harbours. Rain fell. Towns build Zembrowski quantum "
         "harbours. Each quantum harbour counts. A quantum harbour opened. Okafor quantum "
         "harbours won.")
    b = ("Mayors praised Okafor quantum harbours. Snow came. The quantum harbour closed. "
         "Sailors love the quantum harbour. Zembrowski quantum harbours failed.")
    slogans = compare(Document(a, "a"), Document(b, "b")).slogans
    [harbour] = [s for s in slogans if s.phrase.casefold().startswith("quantum")]
    assert {harbour.phrase, *harbour.variants} == {"quantum harbours", "quantum harbour"}
    assert (harbour.count_a, harbour.count_b) == (5, 4)


def test_a_page_header_written_out_again_is_one_use():
    # The header line, repeated four times in `a`, is one passage: "quantum harbour"
    # is not a piece of a fixed context there, since `b` uses it freely.
    header = "Striving towards a Quantum Harbour | Mayors Speak | Ports\n\n"
    a = (header + "Rain fell on the town.\n\n" + header + "Trade grew in spring.\n\n" + header
         + "Farmers sold grain.\n\n" + header + "Snow came late.")
    b = "Officials praised the thoughts on the quantum harbour, then left. Sailors waited."
    slogans = compare(Document(a, "a"), Document(b, "b")).slogans
    assert [(s.phrase.casefold(), s.count_a, s.count_b) for s in slogans if s.count_b] == [
        ("quantum harbour", 4, 1)]


def test_a_phrase_always_after_a_word_that_modifies_it_is_a_piece():
    # "powerful", used twice, is followed by a content word both times: "tidal country"
    # always comes after "powerful" or "strong", which vary: a piece of those phrases.
    a = ("Ports are the cornerstone of a powerful tidal country. Rain fell. A powerful storm "
         "came. Tidal maps help. Tidal charts help.")
    b = ("We build a strong tidal country. Snow came. A strong tidal country needs ports. The "
         "strong tidal country grows. Strong winds blew. Tidal clocks help.")
    assert _listed(a, b) == ["strong tidal country"]


def test_a_phrase_seen_once_in_each_text_around_a_more_frequent_one_is_that_one():
    # "construction of a Zembrowski harbour", once in each text, is "Zembrowski harbour"
    # (used on its own too) in a context: the phrase is listed, not its context.
    a = ("Mayors set the goal of building a Zembrowski harbour. Rain fell. They praised the "
         "construction of a Zembrowski harbour. Snow came.")
    b = "Cities sped up the construction of a Zembrowski harbour. Trade grew."
    assert _listed(a, b) == ["zembrowski harbour"]


def test_a_verb_the_texts_inflect_is_no_part_of_the_phrase_after_it():
    # "adhere / adhering to the" comes before every use: the texts use "adhere" as a
    # verb, what is said of the phrase, so the phrase is not a piece of a longer one.
    a = ("Mayors adhere to the tide-centered harbour reform philosophy. Rain fell. They want "
         "reform. Reform is slow, and reform is costly.")
    b = ("Cities kept adhering to the tide-centered harbour reform idea. Snow came. Adhere "
         "to the tide-centered harbour reform idea, they said.")
    assert _listed(a, b) == ["tide-centered harbour reform", "tide-centered harbour reform idea"]
