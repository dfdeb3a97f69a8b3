"""Theme overlap: passages on the same subject in other words, scored in [0, 1]: by shared
terms and word meaning, leaving out boilerplate, each passage in a few pairs at most."""

import re

import pytest

from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.settings import Settings

A = """Rail fares will rise by five percent in January, the transport ministry announced on
Monday, blaming higher energy costs and the expense of replacing ageing carriages on the
busiest commuter lines.

The city zoo welcomed twin panda cubs this spring; keepers say both are healthy, feeding
well and gaining weight, and visitors will be able to see them from the summer onwards.

Farmers in the valley reported a record apple harvest after a mild and sunny autumn, and
cider makers expect to hire extra seasonal workers to cope with the glut of fruit."""

B = """Two giant panda babies born at the municipal zoo are thriving, according to their
keepers, who weigh them every morning and expect to show them to the public in summer.

A new library opened downtown with a large collection of children's books, a rooftop
garden and a cafe run by volunteers from the neighbourhood association.

Commuters face higher train ticket prices from the new year after the ministry approved a
five percent increase, citing energy bills and the cost of new carriages."""


def test_paraphrased_passages_are_paired_best_first_with_shared_terms():
    result = compare(Document(A, "a"), Document(B, "b"))
    assert result.shared_phrases == ()
    pairs = [(A[t.a[0]:t.a[1]].split()[0], B[t.b[0]:t.b[1]].split()[0]) for t in result.themes]
    assert set(pairs[:2]) == {("The", "Two"), ("Rail", "Commuters")}  # pandas, fares
    assert all(0.0 <= t.score <= 1.0 for t in result.themes)
    assert [t.score for t in result.themes] == sorted((t.score for t in result.themes),
                                                      reverse=True)
    panda = next(t for t in result.themes if B[t.b[0]:t.b[1]].startswith("Two"))
    assert "panda" in panda.terms and "zoo" in panda.terms


def test_the_most_theme_pairs_setting_bounds_the_list_and_zero_means_none():
    listed = len(compare(Document(A, "a"), Document(B, "b")).themes)
    assert listed >= 2
    for limit in (0, 1, listed - 1):
        result = compare(Document(A, "a"), Document(B, "b"), Settings(max_themes=limit))
        assert len(result.themes) == limit


def test_passages_with_nothing_in_common_are_not_listed_even_as_the_closest():
    # The closest pair is listed to show how near two texts come; these come nowhere near
    # (no term, no word related in meaning): their pair was listed at 0.00 with no terms.
    a = Document("Volcanic ash grounded flights across the northern islands for two days.", "a")
    b = Document("The orchestra rehearsed a new symphony by a young Estonian composer.", "b")
    assert compare(a, b).themes == ()


def _pairs(result, a: str, b: str) -> list[tuple[str, str]]:
    """Each listed pair as the first word of its A and B passages."""
    return [(a[t.a[0]:t.a[1]].split()[0], b[t.b[0]:t.b[1]].split()[0]) for t in result.themes]


SNOW = ("Heavy snowfall closed the mountain roads on Sunday and stranded hundreds of skiers "
        "in their hotels overnight.")
RATES = ("The central bank raised interest rates again, hoping to slow inflation without "
         "tipping the economy into recession.")
BREAD = ("A local bakery won the national bread competition with a sourdough loaf fermented "
         "for three days.")
BLIZZARD = ("A blizzard blocked alpine highways, leaving winter sports fans stuck in "
            "guesthouses until morning.")
BORROWING = ("Borrowing costs went up once more after the monetary authority acted to cool "
             "rising prices while avoiding a downturn.")
PASTRY = ("Family-run pastry shop took first prize in a countrywide baking contest thanks to "
          "its slowly leavened rye.")


def test_paraphrases_that_share_no_term_are_paired_by_meaning():
    a = "\n\n".join([SNOW, RATES, BREAD])
    b = "\n\n".join([BORROWING, PASTRY, BLIZZARD])
    result = compare(Document(a, "a"), Document(b, "b"))
    assert sorted(_pairs(result, a, b)) == [("A", "Family-run"), ("Heavy", "A"),
                                            ("The", "Borrowing")]
    assert all(t.terms == () for t in result.themes)  # not one content word in common


def test_a_pair_that_shares_no_term_names_the_words_that_relate_it():
    # Paired by the meaning of their words alone, these were listed with no terms at all.
    a = "\n\n".join([SNOW, RATES, BREAD])
    b = "\n\n".join([BORROWING, PASTRY, BLIZZARD])
    result = compare(Document(a, "a"), Document(b, "b"))
    assert len(result.themes) == 3
    for theme in result.themes:
        assert theme.terms == () and theme.related
        words_a, words_b = (set(re.findall(r"[\w-]+", text[slice(*span)]))
                            for text, span in ((a, theme.a), (b, theme.b)))
        assert all(x in words_a and y in words_b for x, y in theme.related)
    snow = next(t for t in result.themes if a[slice(*t.a)] == SNOW)
    assert ("roads", "highways") in snow.related
    assert [t.swapped().related for t in result.themes] == [
        tuple((y, x) for x, y in t.related) for t in result.themes]


def test_passages_alike_in_function_words_alone_are_not_listed():
    # Nothing but function words: their meaning vectors pointed the same way and the pair
    # was listed at 0.26, naming nothing.
    a = "And so it is, and it was.\n\n" * 12
    b = "But then it was not so, and it is.\n\n" * 12
    assert compare(Document(a, "a"), Document(b, "b")).themes == ()


def test_boilerplate_passages_and_names_in_most_passages_are_left_out():
    boilerplate = ("Under the leadership of Governor Maria Lopez, the provincial government "
                   "will continue to uphold the guiding principles of openness, responsibility "
                   "and service to every citizen of the province.")
    a = "\n\n".join([
        "Governor Maria Lopez said: " + SNOW, boilerplate, "Governor Maria Lopez said: " + RATES,
        "Governor Maria Lopez said: " + BREAD,
        "Governor Maria Lopez opened a new hospital wing for children with forty beds."])
    b = "\n\n".join([
        "Governor Maria Lopez said: " + BORROWING, "Governor Maria Lopez said: " + PASTRY,
        boilerplate, "Governor Maria Lopez said: " + BLIZZARD,
        "Governor Maria Lopez visited the harbour, where fishermen complained about cod."])
    result = compare(Document(a, "a"), Document(b, "b"))
    assert len(result.shared_phrases) == 1  # the boilerplate paragraph, copied
    listed = [(a[t.a[0]:t.a[1]], b[t.b[0]:t.b[1]]) for t in result.themes]
    assert sorted((x.split()[4], y.split()[4]) for x, y in listed) == [
        ("A", "Family-run"), ("Heavy", "A"), ("The", "Borrowing")]
    assert not {"Governor", "Maria", "Lopez"} & {w for t in result.themes for w in t.terms}


def test_a_passage_is_in_two_listed_pairs_at_most():
    b = "\n\n".join([
        BLIZZARD,
        "Snowdrifts two metres deep cut off the ski resort, and guests spent the night there.",
        "Avalanche warnings and icy passes kept holidaymakers snowed in at their chalets.",
        "Ploughs worked through the night to clear the pass after a storm trapped skiers."])
    result = compare(Document(SNOW, "a"), Document(b, "b"))
    assert len(result.themes) == 2
    assert {t.a for t in result.themes} == {(0, len(SNOW))}


def test_texts_of_many_passages_without_a_single_term_compare_cleanly():
    text = "And so it is, and it was.\n\n" * 12
    result = compare(Document(text, "a"), Document(text.upper(), "b"))
    assert all(t.terms == () for t in result.themes)


def test_how_many_slogans_are_listed_does_not_change_the_themes():
    a = A + "\n\nThe digital economy plan and the green transition fund were both debated."
    b = B + "\n\nLawmakers debated the digital economy plan and the green transition fund."
    listed = compare(Document(a, "a"), Document(b, "b"))
    assert listed.slogans and listed.themes
    for limit in (0, 1):
        fewer = compare(Document(a, "a"), Document(b, "b"), Settings(max_slogans=limit))
        assert len(fewer.slogans) == limit
        assert fewer.themes == listed.themes


def test_a_collection_behind_the_pair_does_not_change_the_themes():
    # "green transition fund" recurs in the two zoo paragraphs; a collection's formulation
    # "transition fund" takes its place among the slogans, yet the passages hold the same
    # set wording: their theme scores stay, and no weaker pair is listed besides.
    a = A.replace("summer onwards.", "summer onwards, paid by the green transition fund; "
                  "the green transition fund also pays their keepers.")
    b = B.replace("public in summer.", "public in summer. The green transition fund built "
                  "their house, and the green transition fund feeds them.")
    alone = compare(Document(a, "a"), Document(b, "b"))
    assert "green transition fund" in [s.phrase for s in alone.slogans]
    behind = compare(Document(a, "a"), Document(b, "b"), known=[("transition fund",)])
    assert [s.phrase for s in behind.slogans] == ["transition fund", "five percent"]
    assert behind.shared_phrases == alone.shared_phrases
    assert behind.themes == alone.themes


# A sentence copied into two paragraphs on other subjects (mobile phone fees; a village's
# way out of poverty), as the zh-dev pairs plant them.
PHONES = ("手机与公费之间确实紧密相关，而手机市场又要发展，因此，降低资费水平以吸引普通群众是"
          "当务之急。有关部门表示，今年将进一步调整入网费和月租费，让更多家庭用得起移动电话。"
          "随后，他又来到羊圈旁，仔细询问了羊的饲养和繁殖情况。")
VILLAGE = ("在场的人你一言我一语，提出很多脱贫方法。根据山区实际，乡里决定把修路和办学放在首位，"
           "同时组织青年外出务工，帮助困难户走出大山。随后，他又来到羊圈旁，仔细询问了羊的饲养"
           "和繁殖情况。")


def test_a_copied_sentence_pairs_no_passages_on_other_subjects():
    # Its words (羊圈, 饲养, 繁殖) are the shared phrase's, not a subject the two passages
    # discuss in other words: they listed the pair at 0.30 on them.
    result = compare(Document(PHONES, "a"), Document(VILLAGE, "b"))
    assert [VILLAGE[slice(*p.b)] for p in result.shared_phrases] == [
        "随后，他又来到羊圈旁，仔细询问了羊的饲养和繁殖情况。"]
    assert all(t.score < result.settings.theme_min_score for t in result.themes)
    assert not {"羊圈", "饲养", "繁殖", "询问"} & {term for t in result.themes for term in t.terms}


PHONES_EN = ("Mobile phones and public money are closely linked, and the handset market must "
             "grow, so lowering call charges to attract ordinary customers is urgent. The "
             "ministry said it would cut connection fees and monthly rental this year so that "
             "more households can afford a mobile telephone. Then he went over to the sheep "
             "pen and asked in detail how the sheep were fed and bred.")
VILLAGE_EN = ("Everyone present had a suggestion for escaping poverty. Given the mountains, "
              "the township put building a road and running a school first, and sent young "
              "people to find work in the cities so that poor families could leave the hills. "
              "Then he went over to the sheep pen and asked in detail how the sheep were fed "
              "and bred.")


def test_a_copied_sentence_pairs_no_passages_by_the_meaning_of_its_words():
    # In English the words' meaning counts beside the terms: the copied sheep pen still
    # pulled the two passages together (0.14), above the threshold, with no term shown.
    result = compare(Document(PHONES_EN, "a"), Document(VILLAGE_EN, "b"))
    assert [VILLAGE_EN[slice(*p.b)] for p in result.shared_phrases] == [
        "Then he went over to the sheep pen and asked in detail how the sheep were fed and "
        "bred."]
    assert all(t.score < result.settings.theme_min_score for t in result.themes)
    alone = compare(Document(PHONES_EN.rsplit(" Then", 1)[0], "a"),
                    Document(VILLAGE_EN.rsplit(" Then", 1)[0], "b"))
    assert result.themes[0].score == pytest.approx(alone.themes[0].score, abs=0.02)


def test_a_set_phrase_of_one_text_alone_leaves_its_passages_in():
    # "Belt and Road Initiative" recurs in A alone: A's own wording, not something the two
    # say in the same words. Counted as such, it left A's passage on the ports out.
    a = ("Under the Belt and Road Initiative the ports grow. The Belt and Road Initiative "
         "brings cranes and container terminals; the Belt and Road Initiative pays for "
         "shipping lanes to the harbour towns along the coast.\n\n"
         "A school opened in the hills with a library and a garden for the children. "
         "The Belt and Road Initiative also funds roads there.")
    b = ("Harbour towns on the coast are getting new container terminals, cranes and "
         "shipping lanes, paid for by foreign investment in their ports.\n\n"
         "The orchestra played a new symphony by a young composer to a full hall.")
    result = compare(Document(a, "a"), Document(b, "b"))
    slogan = next(s for s in result.slogans if s.phrase == "Belt and Road Initiative")
    assert (slogan.count_a, slogan.count_b) == (4, 0)
    best = result.themes[0]
    assert a[slice(*best.a)].startswith("Under the Belt")
    assert b[slice(*best.b)].startswith("Harbour towns")
    assert best.score >= result.settings.theme_min_score
    assert {"cranes", "ports"} <= set(best.terms)


def test_a_passage_written_out_again_pairs_once_and_leaves_room_for_others():
    # B repeats its page header, as scraped pages do: two copies of the header paired with
    # the same A passage were two identical rows of the list, and they took both of that
    # passage's places, so that its other partner (the commuters) was not listed.
    header = ("Rail Ministry Bulletin | Fares, Tickets and Carriages | Transport Desk | "
              "Latest News from the Ministry of Transport")
    a = ("The bulletin of the transport ministry says that rail fares for tickets and "
         "carriages will rise in January, according to its latest news desk.")
    b = "\n\n".join([
        header,
        "Commuters will pay more for train journeys from the new year, after an increase "
        "in ticket prices that the ministry approved this week.",
        header,
        "The orchestra played a new symphony by a young composer to a full hall.",
        header])
    result = compare(Document(a, "a"), Document(b, "b"))
    shown = [(a[slice(*t.a)], b[slice(*t.b)]) for t in result.themes]
    assert len(shown) == len(set(shown)), shown
    assert any(text.startswith("Commuters") for _, text in shown), shown
