"""Slogans: formulations listed whole, and counted whole, where one use's writing, a
conjunction after every use, a verb before it or a longer context would hide them."""

import pytest

from viewer.core.compare import compare
from viewer.core.document import Document


def _slogans(a: str, b: str) -> list[tuple[str, tuple[str, ...], int, int]]:
    """The slogans of texts `a` and `b`: phrase and variants lower-cased, counts."""
    return [(s.phrase.casefold(), tuple(v.casefold() for v in s.variants), s.count_a,
             s.count_b) for s in compare(Document(a, "a"), Document(b, "b")).slogans]


@pytest.mark.parametrize(("a", "b", "listed"), [
    # Each text's title writes its dash as a hyphen ("Welfare-Mayor"): the phrase does
    # not end inside a word in its other uses.
    ("Into the Promotion of Nordic-style Welfare-Mayor Zembrowski Speaks. Rain fell. "
     "Towns pursue Nordic-style welfare today. Critics doubt Nordic-style welfare.",
     "On Nordic-style Welfare-Governor Okafor Writes. Ports want Nordic-style welfare now. "
     "Snow came. Farms test Nordic-style welfare.",
     ["nordic-style welfare"]),
    # "and" follows each use, then something different each time: the phrase is whole.
    ("The plan calls for building a quantum harbour country in a tidal way and promoting "
     "trade. Rain fell. Firms back building a quantum harbour country in a tidal way and "
     "lower taxes.",
     "Mayors spoke of building a quantum harbour country in a tidal way and steadily "
     "widening canals. Snow came.",
     ["building a quantum harbour country in a tidal way"]),
    # "construction of a Zembrowski harbour", once in each text, is "Zembrowski harbour"
    # (used on its own too) in a context: the phrase is listed, not its context.
    ("Mayors set the goal of building a Zembrowski harbour. Rain fell. They praised the "
     "construction of a Zembrowski harbour. Snow came.",
     "Cities sped up the construction of a Zembrowski harbour. Trade grew.",
     ["zembrowski harbour"]),
    # "adhere / adhering to the" comes before every use: the texts use "adhere" as a
    # verb, what is said of the phrase, so the phrase is not a piece of a longer one.
    ("Mayors adhere to the tide-centered harbour reform philosophy. Rain fell. They want "
     "reform. Reform is slow, and reform is costly.",
     "Cities kept adhering to the tide-centered harbour reform idea. Snow came. Adhere to "
     "the tide-centered harbour reform idea, they said.",
     ["tide-centered harbour reform", "tide-centered harbour reform idea"]),
    # "powerful", used twice, is followed by a content word both times: "tidal country"
    # always comes after "powerful" or "strong", which vary: a piece of those phrases.
    ("Ports are the cornerstone of a powerful tidal country. Rain fell. A powerful storm "
     "came. Tidal maps help. Tidal charts help.",
     "We build a strong tidal country. Snow came. A strong tidal country needs ports. The "
     "strong tidal country grows. Strong winds blew. Tidal clocks help.",
     ["strong tidal country"]),
], ids=["dash-as-hyphen-in-a-title", "conjunction-after", "phrase-in-a-context",
        "inflected-verb-before", "twice-used-modifier-before"])
def test_formulations_are_listed_whole(a: str, b: str, listed: list[str]) -> None:
    assert [phrase for phrase, *_ in _slogans(a, b)] == listed


def test_a_word_form_used_only_inside_longer_phrases_is_counted_with_its_phrase():
    # "quantum harbours" is always part of "Zembrowski / Okafor quantum harbours", but
    # "quantum harbour" is listed: both forms are that one slogan, counted together.
    a = ("Firms need Zembrowski quantum harbours. Rain fell. Towns build Zembrowski quantum "
         "harbours. Each quantum harbour counts. A quantum harbour opened. Okafor quantum "
         "harbours won.")
    b = ("Mayors praised Okafor quantum harbours. Snow came. The quantum harbour closed. "
         "Sailors love the quantum harbour. Zembrowski quantum harbours failed.")
    assert ("quantum harbours", ("quantum harbour",), 5, 4) in _slogans(a, b)


def test_a_page_header_written_out_again_is_one_use():
    # The header line, repeated four times in `a`, is one passage: "quantum harbour"
    # is not a piece of a fixed context there, since `b` uses it freely.
    header = "Striving towards a Quantum Harbour | Mayors Speak | Ports\n\n"
    a = (header + "Rain fell on the town.\n\n" + header + "Trade grew in spring.\n\n" + header
         + "Farmers sold grain.\n\n" + header + "Snow came late.")
    b = "Officials praised the thoughts on the quantum harbour, then left. Sailors waited."
    assert [s for s in _slogans(a, b) if s[3]] == [("quantum harbour", (), 4, 1)]


def test_a_chinese_slogan_does_not_open_on_the_measure_word_of_a_figure() -> None:
    # "200户特困职工", "45户特困职工": 户 counts the households, it is no part of the phrase.
    a = Document("矿区工会今年共帮助200户特困职工解决生活困难。\n\n公司又拿出50万元无息贷款，"
                 "扶持35户特困职工开展生产自救。\n\n全年发放50万元无息贷款。", "a.txt")
    b = Document("市总工会走访了45户特困职工，送去慰问金。\n\n这项工作惠及120户特困职工，"
                 "并提供20万元无息贷款。", "b.txt")
    assert [s.phrase for s in compare(a, b).slogans] == ["特困职工"]
