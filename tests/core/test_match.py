"""Shared phrases: whole passages, verbatim or edited, moved or not, and no chance runs."""

from pathlib import Path

import pytest

from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.han_script import to_simplified
from viewer.core.loading import load_document
from viewer.core.settings import Settings
from viewer.core.shared import covered_text_share
from viewer.present.shares import percent

HERE = Path(__file__).parent.parent / "fixtures" / "core"


@pytest.fixture(scope="module")
def harbour():
    a = load_document(HERE / "harbour_a.txt")
    b = load_document(HERE / "harbour_b.txt")
    return a, b, compare(a, b)


def span_of(text: str, passage: str) -> tuple[int, int]:
    start = text.index(passage)
    return (start, start + len(passage))


def test_verbatim_passage_is_one_exact_span_pair(harbour):
    a, b, result = harbour
    # The sentence with its full stop: both texts end it there.
    passage = ("Opponents warned that the cost of dredging the silted channel had been badly "
               "underestimated by the consultants hired in the spring.")
    found = [p for p in result.shared_phrases if p.a == span_of(a.text, passage)]
    assert len(found) == 1
    assert found[0].b == span_of(b.text, passage)
    assert found[0].exact and found[0].words == 21


def test_lightly_edited_passage_is_one_span_with_its_word_differences(harbour):
    a, b, result = harbour
    start_a = a.text.index("Under the plan")
    end_a = a.text.index("airport.", start_a) + len("airport.")
    start_b = b.text.index("Under the plan")
    end_b = b.text.index("airport.", start_b) + len("airport.")
    found = [p for p in result.shared_phrases if p.a[0] <= start_a + 1 and p.a[1] >= end_a - 1]
    assert len(found) == 1, "an edited sentence must not break into fragments"
    phrase = found[0]
    assert phrase.a == (start_a, end_a) and phrase.b == (start_b, end_b)
    assert not phrase.exact
    edits = {(a.text[d.a[0]:d.a[1]], b.text[d.b[0]:d.b[1]]) for d in phrase.differences}
    assert edits == {("converted", "turned"), ("link", "connect")}


def test_moved_passage_is_found(harbour):
    a, b, result = harbour
    passage = "The first tenants are expected to move into the converted warehouses"
    start_a, start_b = a.text.index(passage), b.text.index(passage)
    assert start_a > len(a.text) // 2 > start_b // 2  # last paragraph of A, first of B
    assert any(p.a[0] == start_a and p.b[0] == start_b for p in result.shared_phrases)


def test_spans_are_trimmed_to_word_boundaries(harbour):
    """A span starts and ends between words; what lies at its edges is a word or a mark
    that ends a sentence or closes or opens a quotation, never a comma or a space."""
    a, b, result = harbour
    for p in result.shared_phrases:
        for text, (s, e) in ((a.text, p.a), (b.text, p.b)):
            assert s == 0 or not text[s - 1].isalnum()
            assert e == len(text) or not text[e].isalnum()
            assert text[s].isalnum() or text[s] in "\"'“‘([", text[s]
            assert text[e - 1].isalnum() or text[e - 1] in ".!?\"'”’)]", text[e - 1]


def test_phrase_repeated_in_both_texts_is_a_slogan_not_a_cross_product():
    slogan = "the unshakeable quantum harbour initiative of Zembla"
    filler_a = ["Rain fell on the market.", "Boats left early.", "A choir sang late.",
                "Bread prices rose.", "The bridge reopened."]
    filler_b = ["Trains ran slowly.", "Schools closed at noon.", "A kite caught fire.",
                "Lamps flickered.", "Dogs barked twice."]
    a = Document(" ".join(f"{f} We support {slogan}." for f in filler_a), "a")
    b = Document(" ".join(f"{f} They praised {slogan}." for f in filler_b), "b")
    result = compare(a, b)
    phrases = result.shared_phrases
    assert len(phrases) <= 5
    [listed] = [s for s in result.slogans if s.phrase == slogan.removeprefix("the ")]
    assert (listed.count_a, listed.count_b) == (5, 5)
    for side in ("a", "b"):
        spans = sorted(getattr(p, side) for p in phrases)
        assert all(x[1] <= y[0] for x, y in zip(spans, spans[1:], strict=False))


def test_two_lists_of_one_pattern_and_other_items_share_nothing():
    # "X with her suburbs, and Y with her suburbs": used 24 and 27 times, the pattern's
    # n-grams are too frequent to pair, and lining up their uses would line up items
    # that have nothing in common.
    rng = __import__("random").Random(11)
    syllables = ("ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi", "nak", "zu", "mar")

    def town() -> str:
        return "".join(rng.choice(syllables) for _ in range(3)).title()

    a = "They gave " + ", and ".join(f"{town()} with her suburbs" for _ in range(24)) + "."
    b = "Out of the tribe " + ", and ".join(f"{town()} with her suburbs"
                                           for _ in range(27)) + "."
    assert compare(Document(a, "a"), Document(b, "b")).shared_phrases == ()


def test_two_copied_paragraphs_with_other_sentences_between_are_two_passages():
    first, second = [p for p in load_document(HERE / "harbour_a.txt").text.split("\n\n")
                     if len(p.split()) > 30][:2]
    a = f"{first}\n\nChildren ran between the stalls while the band played old songs.\n\n{second}"
    b = f"{first}\n\nThen the minister spoke about the rural roads for an hour.\n\n{second}"
    phrases = compare(Document(a, "a"), Document(b, "b")).shared_phrases
    assert [(p.a, p.b) for p in phrases] == [(span_of(a, first), span_of(b, first)),
                                             (span_of(a, second), span_of(b, second))]


def test_chance_run_of_common_words_is_not_reported():
    a = Document("The harvest was poor in the north. On the other hand, the orchards did "
                 "well, and farmers sold their apples at the market for a fair price.", "a")
    b = Document("Critics disliked the film's ending. On the other hand, the soundtrack "
                 "sold well, and the studio's comedies filled cinemas across the country.", "b")
    assert compare(a, b).shared_phrases == ()


def test_distinctive_five_word_phrase_inside_another_sentence_is_reported():
    phrase = "quantum encryption satellites orbiting Jupiter"
    a = Document(f"Engineers said that {phrase} would be launched within a decade, "
                 "funded by a consortium of universities and private investors.", "a")
    b = Document(f"The ministry's report praised {phrase} as a breakthrough in secure "
                 "communication between distant research stations.", "b")
    phrases = compare(a, b).shared_phrases
    assert [(p.a, p.b) for p in phrases] == [(span_of(a.text, phrase), span_of(b.text, phrase))]


def test_chinese_shared_sentence_is_found_with_character_offsets():
    a = load_document(HERE / "zh_a.txt")
    b = load_document(HERE / "zh_b.txt")
    passage = "要坚持把科技自立自强作为城市发展的战略支撑"
    result = compare(a, b)
    assert a.language == b.language == "zh"
    assert [(p.a, p.b) for p in result.shared_phrases] == [
        (span_of(a.text, passage), span_of(b.text, passage))]


def test_chinese_scraped_spacing_and_full_width_still_match():
    a = Document("今年全市新增高新技术企业三百余家，"
                 "研发投入增长１２％。", "a")
    spaced = " ".join("全市新增高新技术企业三百余家")
    b = Document(f"据统计，{spaced},研发投入增长12%。", "b")
    phrases = compare(a, b).shared_phrases
    assert len(phrases) == 1
    assert a.text[phrases[0].a[0]:phrases[0].a[1]].startswith("全市新增")
    assert b.text[phrases[0].b[0]:phrases[0].b[1]].endswith("12")


OPTICS = ("the Error arising only from the Sphericalness of the Figures of Glasses would be "
          "many hundred times less. For, if the Object-glass of a Telescope be Plano-convex, "
          "and the Plane side be turned towards the Object, and the Diameter of the Sphere, "
          "whereof this Glass is a Segment, be called D, and the Semi-diameter of the "
          "Aperture of the Glass be called S, and the Sine of Incidence out of Glass into "
          "Air, be to the Sine of Refraction as I to R; the Rays which come parallel to the "
          "Axis of the Glass, shall in the Place where the Image of the Object is most "
          "distinctly made, be scattered all over a little Circle")
#: The same with words swapped, dropped and put in, so that repeated words ("of the",
#: "Glass") leave seeds on neighbouring diagonals interleaved along the passage.
OPTICS_EDITED = ("the Error arising from the Sphericalness of of the Figures Glasses destroy be "
                 "many hundred times less. For, if the Object-glass of a be Plano-convex, and "
                 "the Plane side be turned doth towards the Object, and the Diameter of the "
                 "Sphere, whereof able Glass is a Segment, be called D, and the Semi-diameter "
                 "of the Aperture of the Glass be called S, and the Are of out of Glass "
                 "Incidence into Little, be to the Sine Refraction as I to R; the Rays which "
                 "come parallel the to Axis of the Glass, shall in Abraham Place where the "
                 "Image of the turned is most distinctly made, be scattered all over a little "
                 "Circle")


def test_heavily_edited_passage_with_repeated_words_is_one_span():
    a = Document("Harvest festivals were held in every village that autumn. " + OPTICS_EDITED
                 + ". The market closed early because of the storm.", "a")
    b = Document("The committee met twice before the summer recess. " + OPTICS
                 + ". Nobody expected the ferry to be late again.", "b")
    phrases = compare(a, b).shared_phrases
    assert len(phrases) == 1
    # Both texts end the passage with a full stop: the spans take it in.
    assert phrases[0].a == span_of(a.text, OPTICS_EDITED + ".")
    assert phrases[0].b == span_of(b.text, OPTICS + ".")


def test_copy_is_kept_when_its_last_seed_runs_into_the_next_copy():
    # In B the second copy follows the first directly; in A the sentence after the first
    # copy begins with the same word as the second copy ("And"), so a seed of the first
    # copy runs one word into the stronger second one. The first must lose that word only.
    rng = __import__("random").Random(5)
    syllables = ("ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi", "nak", "zu", "mar")

    def words(count: int) -> str:
        return " ".join("".join(rng.choice(syllables) for _ in range(3)) for _ in range(count))

    first = words(40) + "."
    second = "And " + words(70) + "."
    a = f"{words(30)}. {second} {words(30)}. {first} And {words(30)}."
    b = f"{words(30)}. {first} {second} {words(30)}."
    spans = sorted((p.a, p.b) for p in compare(Document(a, "a"), Document(b, "b")).shared_phrases)
    assert spans == sorted([(span_of(a, second), span_of(b, second)),
                            (span_of(a, first), span_of(b, first))])


def test_a_name_ending_one_copy_and_opening_the_next_joins_neither_to_the_other():
    # In B the two copied sentences follow each other and the name that ends the first
    # opens the second; in A they lie apart. The name matched a second time must neither
    # start the second passage early in B nor carry the first into the second in A.
    rng = __import__("random").Random(3)
    syllables = ("ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi", "nak", "zu", "mar")

    def words(count: int) -> str:
        return " ".join("".join(rng.choice(syllables) for _ in range(3)) for _ in range(count))

    first = ("Iraq said it would begin exporting oil two days after the distribution plan "
             "was approved by United Nations Secretary General Kofi Annan.")
    second = ("United Nations Secretary General Kofi Annan's spokesman told reporters at the "
              "daily briefing that a report on raising the ceiling on oil sales would reach "
              "the council before the end of the month.")
    a = f"{words(30)}. {second} {words(40)}. {first} {words(30)}."
    b = f"{words(25)}. {first} {second} {words(45)}."
    spans = sorted((p.a, p.b) for p in compare(Document(a, "a"), Document(b, "b")).shared_phrases)
    assert spans == sorted([(span_of(a, first), span_of(b, first)),
                            (span_of(a, second), span_of(b, second))])


def test_words_broken_at_line_ends_and_closed_compounds_match_to_the_passage_edges():
    # A copy re-wrapped and hyphenated: the passage starts with a broken word and ends with
    # a compound written closed; the spans must cover both, to the exact characters.
    passage_a = ("measured also the distances of the brightest parts of the coloured fringes "
                 "in the data-base")
    passage_b = ("mea-\nsured also the distances of the brigh- test parts of the coloured fringes "
                 "in the database")
    a = Document(f"The harbour council met on Tuesday. I {passage_a} patience, said the clerk.",
                 "a")
    b = Document(f"Weather was mild along the coast. Then I {passage_b} calm, he wrote.", "b")
    phrases = compare(a, b).shared_phrases
    start_a, start_b = a.text.index("I measured"), b.text.index("I mea-")
    assert [(p.a, p.b, p.exact) for p in phrases] == [
        ((start_a, start_a + 2 + len(passage_a)), (start_b, start_b + 2 + len(passage_b)), True)]


def test_an_ordinary_hyphen_still_matches_the_hyphenated_or_spaced_words():
    passage_a = "the well-known harbour-master of Zembla sold the ferry-boat to a grateful town"
    passage_b = "the well known harbour master of Zembla sold the ferry-boat to a grateful town"
    a = Document(f"Weather was mild. Then {passage_a}, said the clerk on Tuesday.", "a")
    b = Document(f"Markets were calm. Last year {passage_b} after a long winter.", "b")
    phrases = compare(a, b).shared_phrases
    assert [(p.a, p.b, p.exact) for p in phrases] == [
        (span_of(a.text, passage_a), span_of(b.text, passage_b), True)]


def test_a_short_run_across_a_long_stretch_of_other_words_is_not_joined_to_a_copy():
    # After the copy, A and B go on with 14 different words each and then share a run of
    # six common words: the run brings less evidence than the stretch it would bridge
    # costs, so it is not more of the copy.
    rng = __import__("random").Random(11)
    syllables = ("ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi", "nak", "zu", "mar")

    def words(count: int) -> str:
        return " ".join("".join(rng.choice(syllables) for _ in range(3)) for _ in range(count))

    copy = words(25)
    run = "and the people of the city"
    a = f"{words(30)}. {copy} {words(14)} {run} {words(30)}."
    b = f"{words(30)}. {copy} {words(14)} {run} {words(30)}."
    spans = [(p.a, p.b) for p in compare(Document(a, "a"), Document(b, "b")).shared_phrases]
    assert spans == [(span_of(a, copy), span_of(b, copy))]
    # Nor before it: the run's little evidence cannot pay for the stretch either way.
    a = f"{words(30)}. {run} {words(14)} {copy} {words(30)}."
    b = f"{words(30)}. {run} {words(14)} {copy} {words(30)}."
    spans = [(p.a, p.b) for p in compare(Document(a, "a"), Document(b, "b")).shared_phrases]
    assert spans == [(span_of(a, copy), span_of(b, copy))]


@pytest.mark.parametrize("shared", [0, 8, 25], ids=["alone", "beside-a-phrase", "beside-a-copy"])
def test_a_heavily_edited_sentence_is_a_passage_only_beside_a_copy(shared: int):
    # Eleven of its 17 words match, in short runs: alone that is formulaic language as
    # much as an edited copy; where the two texts share a copy of whole sentences that
    # passes on its own, it is more of the copy. A shared phrase of eight words says
    # nothing of copying.
    rng = __import__("random").Random(11)
    syllables = ("ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi", "nak", "zu", "mar")

    def words(count: int) -> str:
        return " ".join("".join(rng.choice(syllables) for _ in range(3)) for _ in range(count))

    edited_a = "Come, Miss Morland, be quick, for the others are in a confounded hurry to be off."
    edited_b = "Come, Miss Morland, be quick, for the speaker others are a in did hurry to be off."
    copy = words(shared)
    middle = [f"{copy} {words(45 - shared)}" if shared else words(45) for _ in range(2)]
    a = f"{words(40)}. {middle[0]}. {edited_a} {words(30)}."
    b = f"{words(40)}. {middle[1]}. {edited_b} {words(30)}."
    spans = [(p.a, p.b) for p in compare(Document(a, "a"), Document(b, "b")).shared_phrases]
    edited = (span_of(a, edited_a), span_of(b, edited_b))
    found = [(span_of(a, copy), span_of(b, copy))] if shared else []
    assert spans == found + ([edited] if shared >= 12 else [])


def test_a_copy_repeating_a_few_words_at_an_edit_is_one_passage():
    # B writes four words of the copy twice, with three words between: the first half
    # aligns with their first writing, the second with their second, and the two overlap
    # in A. They are one copy, not a weaker half lost to a stronger one.
    rng = __import__("random").Random(5)
    syllables = ("ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi", "nak", "zu", "mar")

    def words(count: int) -> str:
        return " ".join("".join(rng.choice(syllables) for _ in range(3)) for _ in range(count))

    first, repeated, inserted, second = words(20), words(4), words(3), words(20)
    copy_a = f"{first} {repeated} {second}"
    copy_b = f"{first} {repeated} {inserted} {repeated} {second}"
    a = f"{words(30)}. {copy_a}. {words(30)}."
    b = f"{words(30)}. {copy_b}. {words(30)}."
    spans = [(p.a, p.b) for p in compare(Document(a, "a"), Document(b, "b")).shared_phrases]
    assert spans == [(span_of(a, copy_a + "."), span_of(b, copy_b + "."))]


def test_a_name_matched_where_the_other_text_has_it_again_does_not_swallow_a_copy():
    # 广东省妇联 ends B's first copied sentence and opens A's second: matched there, it
    # overlaps the second copy, which it must not join (too short to be one passage with
    # it) and must not cost its place.
    first = ("元旦前夕，一封封来自广东省内各大专院校贫困女大学生写来的成绩报告、"
             "学习汇报等信件寄到广东省妇联。")
    first_b = ("元旦前夕，一封封来自广东省内各大专院校贫困大学生女写来理论观点的成绩报告、"
               "学习汇报等收入寄到广东省妇联。")
    second = "广东省妇联资助贫困女大学生读书的“爱心行动”发起于１９９６年１０月。"
    second_b = "广东省闪光灯妇联资助贫困女一个大学生读书的“爱心行动”发起于１９９６年１０月。"
    a = Document("每当旅客发送量下滑，石油相关的省柴节煤灶７４５．５万户和生存条件。" + first
                 + "至此，该部队中的１０袋速冻食品纳佛莱系列火箭只能是知难而进。"
                 "本报讯去年全国草浆书写纸是老区万安县在欧洲地区。第三十期焦化有限公司将关系三周年。"
                 + second + "已经２６个省、自治区、直辖市政府要从面向二十一增强市场意识世纪。", "a")
    b = Document("人们希望这个代表团前往北美洲访问人数超过１００万人次，同比骤增了贡献。" + first_b
                 + "\n" + second_b + "\n这次会议是１２日抵达美国承诺的内容："
                 "这件事中发挥更大的动力机械仪器的检查费；既有挑战已经７９周年。", "b")
    found = [(a.text[slice(*p.a)], b.text[slice(*p.b)]) for p in compare(a, b).shared_phrases]
    assert len(found) == 2
    assert found[1][0].startswith("广东省妇联资助") and found[1][0].endswith("１０月。")
    assert found[1][1].startswith("广东省闪光灯妇联") and found[1][1].endswith("１０月。")


def test_a_passage_trimmed_at_a_stronger_ones_edge_keeps_the_least_words_or_goes():
    # B holds "... timetable of a new round of": its "of" is claimed by the stronger
    # passage, and A's "of a new round of" would be left with four words.
    filler_a = " ".join(f"alpha{k}" for k in range(40))
    filler_b = " ".join(f"beta{k}" for k in range(40))
    a = (f"The harbour committee debated the ferry timetable of {filler_a} implementation of "
         f"a new round of talks. " + filler_a.replace("alpha", "gamma"))
    b = (f"{filler_b} The harbour committee debated the ferry timetable of a new round of "
         f"development and more. " + filler_b.replace("beta", "delta"))
    for least in (4, 5):
        result = compare(Document(a, "a"), Document(b, "b"),
                         Settings(ignore_stop_words=False, min_words=least))
        assert all(p.words >= least for p in result.shared_phrases)
        listed = [a[p.a[0]:p.a[1]] for p in result.shared_phrases]
        # The "of" both texts go on from is left out (`function_edges`).
        assert listed[0] == "The harbour committee debated the ferry timetable"
        assert ("a new round of" in listed) == (least == 4)


def test_the_shortest_passage_found_is_the_one_the_setting_help_states():
    # --min-words accepts 1..3, but the matcher never reports a passage under 4 words (a
    # chain must hold more than one 3-word seed): the setting's help must say so.
    from viewer.core.settings import BY_NAME
    assert "none under 4 words" in BY_NAME["min_words"].help
    filler = "The weather was fine and we walked along the river for an hour. "
    other = "Completely different words fill this sentence about the market. "
    for shared, expected in (("alpha bravo charlie", []), ("alpha bravo charlie delta",
                                                            ["alpha bravo charlie delta"])):
        a = Document(f"{filler}{shared} is the code. Nothing else.", "a")
        b = Document(f"{other}{shared} was heard on the radio.", "b")
        result = compare(a, b, Settings(min_words=1))
        assert [a.text[slice(*p.a)] for p in result.shared_phrases] == expected


def test_a_copy_takes_in_the_words_of_a_set_phrase_both_texts_use_too_often_to_seed():
    # "Chinese-style modernization" and "the Party Central Committee" recur in both
    # articles, so their n-grams pair too many uses to seed: the copies must still run on
    # over them to their last (and from their first) word both texts share.
    uses_a = ["Chinese-style modernization is a long task.", "Villages joined Chinese-style "
              "modernization early.", "Experts discussed Chinese-style modernization.",
              "Schools teach Chinese-style modernization.", "Chinese-style modernization "
              "needs patient work.", "The Party Central Committee met.", "The Party Central "
              "Committee spoke.", "Cadres read what the Party Central Committee wrote.",
              "Officers obey the Party Central Committee.", "The Party Central Committee "
              "rules.", "The Party Central Committee decides."]
    uses_b = ["Chinese-style modernization drives the digital economy.", "Engineers wrote "
              "about Chinese-style modernization.", "Chinese-style modernization depends on "
              "data.", "Provinces adopted Chinese-style modernization plans.", "Farmers "
              "welcomed Chinese-style modernization.", "The Party Central Committee issued "
              "a plan.", "Workers heard the Party Central Committee.", "Towns thanked the "
              "Party Central Committee.", "The Party Central Committee answered.", "The Party "
              "Central Committee approved it."]
    copy = ("comprehensively promoting the great rejuvenation of the Chinese nation with "
            "Chinese-style modernization")
    # Both go on "at", then part: the copy ends before it (`function_edges`).
    core = "the Party Central Committee with Comrade Xi Jinping"
    a = (f"Since the congress, {core} at its core has stood at the political height.\n\n"
         + " ".join(uses_a) + f"\n\nWe must deeply grasp the mission of {copy}, and "
         "strengthen party building in every county.\n")
    b = (f"Unify thoughts into the deployment of {core} at the core, and act.\n\n"
         + " ".join(uses_b) + f"\n\nThese reforms injected strong impetus into {copy}.\n")
    listed = [(a[slice(*p.a)], b[slice(*p.b)])
              for p in compare(Document(a, "a"), Document(b, "b")).shared_phrases]
    assert listed == [(core, core), (copy, copy)]


def test_a_copied_paragraph_is_kept_when_the_close_of_the_one_before_it_is_claimed():
    # In both texts the paragraph before the copy ends alike ("... in the next 18 months."
    # and "... in the next six months."), so the copy's seeds chain back across the blank
    # line into those words. In A they close another copied paragraph, stronger, which B
    # holds elsewhere: the copy gives up what lies before the break, not itself.
    rng = __import__("random").Random(9)
    syllables = ("ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi", "nak", "zu", "mar")

    def words(count: int) -> str:
        return " ".join("".join(rng.choice(syllables) for _ in range(3)) for _ in range(count))

    stronger = f"{words(26).capitalize()} in the next 18 months."
    copy = f"{words(24).capitalize()}."
    a = f"{words(30).capitalize()}.\n\n{stronger}\n\n{copy}\n\n{words(30).capitalize()}.\n"
    b = (f"{stronger}\n\n{words(40).capitalize()}.\n\n{words(12).capitalize()} in the next "
         f"six months.\n\n{copy}\n\n{words(20).capitalize()}.\n")
    spans = sorted((p.a, p.b) for p in compare(Document(a, "a"), Document(b, "b")).shared_phrases)
    assert spans == sorted([(span_of(a, stronger), span_of(b, stronger)),
                            (span_of(a, copy), span_of(b, copy))])


def test_a_traditional_article_and_its_mainland_edition_share_their_words():
    # zh_hans.txt is zh_hant.txt as OpenCC's tw2sp publishes it on the mainland: simplified
    # characters and mainland words (人工智慧 -> 人工智能, 網路 -> 网络, 資訊 -> 信息).
    a = load_document(HERE / "zh_hant.txt")
    b = load_document(HERE / "zh_hans.txt")
    result = compare(a, b)
    assert a.language == b.language == "zh"
    assert result.stats.shared_chars_a > 0.99
    differences = [d for p in result.shared_phrases for d in p.differences]
    shown = {(a.text[slice(*d.a)], b.text[slice(*d.b)]) for d in differences}
    assert ("人工智慧", "人工智能") in shown and ("資訊", "信息") in shown  # whole words
    # A word differs only where the mainland edition writes another word, never where
    # it writes the same one in simplified characters.
    assert all(to_simplified(x) != y for x, y in shown)
    assert len(differences) <= 8


@pytest.mark.parametrize("text,encodings", [
    ("网络强国建设取得新进展，数字中国建设迈出坚实步伐。\n", ("gb18030", "utf-8")),
    ("The council approved the plan to renovate the old harbour on Tuesday.\n\n",
     ("utf-8", "utf-8")),
])
def test_identical_texts_share_all_of_their_text(tmp_path, text, encodings):
    # The line breaks that end a file lie in no passage: counted, they kept the same text
    # in two files at 96% (JSON 0.9615, the window "96%") while the report said 100.0%.
    paths = []
    for name, encoding in zip(("a.txt", "b.txt"), encodings, strict=True):
        (tmp_path / name).write_bytes(text.encode(encoding))
        paths.append(tmp_path / name)
    a, b = (load_document(p) for p in paths)
    stats = compare(a, b).stats
    assert (stats.shared_chars_a, stats.shared_chars_b) == (1.0, 1.0)


def test_the_shared_share_counts_no_whitespace():
    text = "  one two\n\nthree  "
    # "one two" of "onetwothree": 6 of 11 characters; the space inside it counts in neither.
    assert covered_text_share([(2, 9)], text) == round(6 / 11, 4)
    assert covered_text_share([(2, 9), (4, 16)], text) == 1.0
    assert covered_text_share([], " \n") == 0.0


def test_a_share_is_rounded_to_neither_none_nor_all_unless_it_is_so():
    # One quotation in a book of 1.2 MB is 0.003% of it: rounded to 4 places it read 0.0,
    # so the window's status line said "0% of A" beside one shared passage.
    book = "x" * 200_000
    assert 0 < covered_text_share([(0, 5)], book) < 0.0001
    assert percent(covered_text_share([(0, 5)], book), 0) == "<1%"
    # ... and a text but a word short of whole is not all of it.
    assert 0.9999 < covered_text_share([(0, 199_995)], book) < 1
    assert percent(covered_text_share([(0, 199_995)], book)) == ">99.9%"
    assert covered_text_share([(0, 200_000)], book) == 1.0
    assert covered_text_share([(0, 10_000)], book) == 0.05
