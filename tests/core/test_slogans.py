"""Slogans: recurring set phrases, maximal, counted per document; the user's watch-list."""

import re
from pathlib import Path

import pytest

from viewer.core import english_lexicon
from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.han_script import key_characters
from viewer.core.loading import load_document
from viewer.core.model import Slogan
from viewer.core.settings import Settings
from viewer.core.slogans import manner_adverbs
from viewer.core.tokenize import char_codes, pictographs

HERE = Path(__file__).parent.parent / "fixtures" / "core"

A = ("The plan promotes the digital economy across the province. Officials said the digital "
     "economy would create jobs. Critics asked who pays for the green transition.")
B = ("Investors welcomed the digital economy strategy. The green transition, they said, "
     "needs the digital economy as much as it needs new power lines.")


def test_recurring_phrase_is_counted_in_both_documents_with_its_occurrences():
    result = compare(Document(A, "a"), Document(B, "b"))
    [economy] = [s for s in result.slogans if s.phrase.casefold() == "digital economy"]
    assert (economy.count_a, economy.count_b) == (2, 2)
    assert [A[s:e] for s, e in economy.occurrences_a] == ["digital economy"] * 2
    assert [B[s:e] for s, e in economy.occurrences_b] == ["digital economy"] * 2
    assert any(s.phrase.casefold() == "green transition" for s in result.slogans)


def test_two_forms_read_at_one_place_are_one_use():
    # 加快建设网络强国 and its longer form 加快建设网络强国、数字中国 are one slogan: where the
    # longer one is written, the shorter one inside it is not a second use.
    a = ("加快建设网络强国 推进中国式现代化\n\n"
         "总书记指出，加快建设网络强国、数字中国，是适应发展新方位的必然要求。")
    b = "科技自立自强离不开攻关。要加强关键核心技术攻关，加快建设网络强国、数字中国。"
    result = compare(Document(a, "a"), Document(b, "b"))
    [network] = [s for s in result.slogans if s.phrase == "加快建设网络强国"]
    assert [a[s:e] for s, e in network.occurrences_a] == [
        "加快建设网络强国", "加快建设网络强国、数字中国"]
    assert [b[s:e] for s, e in network.occurrences_b] == ["加快建设网络强国、数字中国"]
    assert (network.count_a, network.count_b) == (2, 1)


def test_a_zero_width_character_does_not_split_a_slogan():
    hidden = B.replace("digital", "digi\u200btal")
    result = compare(Document(A, "a"), Document(hidden, "b"))
    [economy] = [s for s in result.slogans if "economy" in s.phrase.casefold()]
    assert (economy.count_a, economy.count_b) == (2, 2)
    assert [hidden[s:e] for s, e in economy.occurrences_b] == ["digi\u200btal economy"] * 2


def test_a_slogan_does_not_run_across_an_emoji():
    # An emoji parts clauses as punctuation does; the words on each side recur together
    # only because the same emoji sits between them.
    a = ("We met at the harbour \U0001f44d team building day. The harbour \U0001f44d team "
         "won again and the harbour \U0001f44d team building day ended.")
    b = ("Later the harbour \U0001f44d team building day returned. Everyone loved the "
         "harbour \U0001f44d team.")
    phrases = _listed(a, b, variants=True)
    assert "team building day" in phrases
    assert not [p for p in phrases if "\U0001f44d" in p]
    # A symbol such as the degree sign stays inside a phrase.
    assert pictographs(char_codes("\u00b0\u2103\u00a9\u2600\U0001f44d\U0001faf6a")).tolist() == [
        False, False, False, True, True, True, False]


@pytest.mark.parametrize("apostrophe", ["\u2018", "\u00b4", "`", "\u02bc"])
def test_a_possessive_with_any_apostrophe_is_the_same_word(tmp_path, apostrophe):
    # Chinese input methods type "world‘s", other keyboards "China´s": the slogan is one,
    # counted in both texts, whichever apostrophe each writes.
    sentence = ("{} digital economy strategy was presented in detail by officials. ")
    a = tmp_path / "a.txt"
    a.write_text("The summit opened on Monday. " + sentence.format("China's") * 2,
                 encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("A forum met last week. " + sentence.format(f"China{apostrophe}s") * 2,
                 encoding="utf-8")
    result = compare(load_document(a), load_document(b))
    strategy = [s for s in result.slogans if "strategy" in s.phrase]
    assert [(s.count_a, s.count_b) for s in strategy] == [(2, 2)]


def test_keeping_stop_words_keeps_the_slogans_they_lead(tmp_path):
    # "of the" leads every use of "Communist Party of China": counted as words, they were
    # left on the phrase, which then opened on a preposition and was dropped.
    a = tmp_path / "a.txt"
    a.write_text("The Central Committee of the Communist Party of China met in March. Later "
                 "the leadership of the Communist Party of China set out a plan for trade.",
                 encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("The 20th National Congress of the Communist Party of China closed. Reports "
                 "on the history of the Communist Party of China filled the papers.",
                 encoding="utf-8")
    documents = load_document(a), load_document(b)
    counted = {}
    for keep in (False, True):
        slogans = compare(*documents, Settings(ignore_stop_words=not keep)).slogans
        counted[keep] = [(s.phrase, s.count_a, s.count_b) for s in slogans
                         if s.phrase.endswith("Party of China")]
    assert counted[True] == counted[False] == [("Communist Party of China", 2, 2)]


def test_only_maximal_phrases_are_listed():
    text = ("General Secretary Zembrowski spoke first. Later General Secretary Zembrowski "
            "left. Then General Secretary Zembrowski returned.")
    result = compare(Document(text, "a"), Document("An unrelated note about weather.", "b"))
    phrases = [s.phrase for s in result.slogans]
    assert "General Secretary Zembrowski" in phrases
    assert "Secretary Zembrowski" not in phrases and "General Secretary" not in phrases


def test_phrases_of_function_words_alone_are_not_slogans():
    text = "It is what it is. And it is what it is, as they say it is."
    result = compare(Document(text, "a"), Document(text.upper(), "b"))
    assert all(s.phrase.casefold() not in {"it is", "what it is", "it is what it is"}
               for s in result.slogans)


def test_watchlist_is_matched_with_the_same_normalization_and_listed_first():
    settings = Settings(watchlist=("Digital  Economy", "quantum harbour"))
    result = compare(Document(A, "a"), Document(B, "b"), settings)
    first, second = result.slogans[:2]
    assert first.watchlist and (first.count_a, first.count_b) == (2, 2)
    assert second.watchlist and (second.count_a, second.count_b) == (0, 0)
    assert sum(s.phrase.casefold() == "digital economy" for s in result.slogans) == 1


def test_watch_list_entries_matched_alike_are_listed_once():
    settings = Settings(watchlist=("digital economy", "Digital  Economy", "DIGITAL economy"))
    result = compare(Document(A, "a"), Document(B, "b"), settings)
    assert [s.phrase for s in result.slogans if s.watchlist] == ["digital economy"]
    a = "我们要发展数字中国。数字中国是新时代的战略。"
    b = "各地推进数字中国，让数字中国惠及人民。"
    slogans = compare(Document(a, "a"), Document(b, "b"),
                      Settings(watchlist=("数字 中国",))).slogans
    assert [(s.phrase, s.watchlist) for s in slogans if "数字" in s.phrase] == [
        ("数字 中国", True)]


def test_a_watch_list_line_may_name_variants_counted_as_one_entry():
    a = "The green transition starts now. A green energy transition needs grids."
    b = "Critics of the green transition asked who pays."
    settings = Settings(watchlist=("green transition | green energy transition | brown turn",))
    [watched] = [s for s in compare(Document(a, "a"), Document(b, "b"), settings).slogans
                 if s.watchlist]
    assert watched.phrase == "green transition"
    # Only the variants the texts use are listed.
    assert watched.variants == ("green energy transition",)
    assert [a[s:e] for s, e in watched.occurrences_a] == ["green transition",
                                                          "green energy transition"]
    assert [b[s:e] for s, e in watched.occurrences_b] == ["green transition"]


def test_a_found_slogan_the_watch_list_entry_counts_already_is_not_listed_again():
    # The finder groups "strong network country" with "network power" (one Chinese
    # formulation translated two ways); a watch-list line naming both forms is that same
    # entry, and listing it twice would show every use in two rows.
    a = ("The city will become a network power soon. Officials said the network power plan "
         "matters.\n\nCritics doubt a strong network country can be built by 2030. A strong "
         "network country needs data.\n")
    b = ("Our aim is a network power. The strong network country goal was set in 2015.\n\n"
         "The rule of law and the rule of law again.\n")
    settings = Settings(watchlist=("network power | strong network country",))
    slogans = compare(Document(a, "a"), Document(b, "b"), settings).slogans
    [watched] = [s for s in slogans if s.watchlist]
    assert (watched.count_a, watched.count_b) == (4, 2)
    assert [s.phrase for s in slogans if not s.watchlist
            and set(s.occurrences_a) <= set(watched.occurrences_a)
            and set(s.occurrences_b) <= set(watched.occurrences_b)] == []
    # A watch-list line of one form only leaves the finder's wider entry listed.
    slogans = compare(Document(a, "a"), Document(b, "b"),
                      Settings(watchlist=("network power",))).slogans
    assert any(not s.watchlist and "strong network country" in (s.phrase, *s.variants)
               for s in slogans)


def test_chinese_slogans_begin_and_end_on_whole_words():
    # 力提高全 recurs character for character (努力提高全民 / 大力提高全社会) but cuts
    # two words; 新能源汽车 is whole in both.
    a = "今年我市要努力提高全民科学素质。我们将大力发展新能源汽车。"
    b = "会议强调，必须大力提高全社会的认识。各地积极推广新能源汽车。"
    slogans = compare(Document(a, "a"), Document(b, "b")).slogans
    assert [(s.phrase, s.count_a, s.count_b) for s in slogans] == [
        ("新能源汽车", 1, 1)]


def test_a_chinese_slogan_counts_its_words_as_the_settings_and_shared_phrases_do():
    # The slogan settings are in words, a CJK character a word/1.6 (as a shared phrase's
    # words are): a slogan of 4 characters is no 4-word slogan past --slogan-max-words 3.
    a = (HERE / "zh_a.txt").read_text(encoding="utf-8")
    b = "习近平总书记强调，要加快建设网络强国。加快建设数字中国。"
    settings = Settings(slogan_max_words=3, watchlist=("加快建设",))
    result = compare(Document(a, "a"), Document(b, "b"), settings)
    assert result.slogans and result.shared_phrases == ()
    for slogan in result.slogans:
        assert slogan.words == round(len(slogan.phrase) / 1.6)
        assert slogan.watchlist or slogan.words <= settings.slogan_max_words


def test_one_short_chinese_word_is_no_slogan():
    # 研讨会 and the name 李明华 recur in both texts, each one word of three characters.
    a = "李明华出席了研讨会。今年我们将大力发展新能源汽车。"
    b = "研讨会由李明华主持。各地积极推广新能源汽车。"
    assert [s.phrase for s in compare(Document(a, "a"), Document(b, "b")).slogans] == [
        "新能源汽车"]


def test_a_chinese_slogan_a_line_end_breaks_is_shown_whole():
    # A line ends inside the phrase in A, as in text taken from a PDF or a narrow page.
    a = "今年我们将大力发展新能源\n汽车。会议还讨论了交通。"
    b = "各地积极推广新能源汽车。天气晴朗。新能源汽车很多。"
    [slogan] = compare(Document(a, "a"), Document(b, "b")).slogans
    assert slogan.phrase == "新能源汽车"
    assert [a[s:e] for s, e in slogan.occurrences_a] == ["新能源\n汽车"]


def test_two_chinese_forms_one_text_uses_side_by_side_are_two_slogans():
    # Buyer's and seller's credit, both in each text: two things, not one written two ways.
    a = "银行向企业提供出口买方信贷和出口卖方信贷。天气很好。"
    b = "今年出口买方信贷增长很快，出口卖方信贷也在增加。会议结束了。"
    slogans = compare(Document(a, "a"), Document(b, "b")).slogans
    assert sorted((s.phrase, s.variants) for s in slogans) == [("出口买方信贷", ()),
                                                              ("出口卖方信贷", ())]


def test_a_chinese_phrase_every_use_of_which_goes_on_with_a_conjunction_is_listed_without_it():
    a = "我们要坚持改革开放和现代化建设。天气很好。"
    b = "全党必须实行改革开放和社会主义建设。会议结束了。"
    assert "改革开放" in [s.phrase for s in compare(Document(a, "a"), Document(b, "b")).slogans]


def test_a_use_of_a_chinese_slogan_that_cuts_a_word_is_not_counted():
    # 话剧艺术 twice on words in A; in B only inside 话剧艺术家 (drama artist).
    a = "话剧艺术需要不断创新。我们都热爱话剧艺术。"
    b = "一位著名话剧艺术家来到学校。天气很好。"
    [slogan] = compare(Document(a, "a"), Document(b, "b")).slogans
    assert (slogan.phrase, slogan.count_a, slogan.count_b) == ("话剧艺术", 2, 0)


def test_a_chinese_slogan_does_not_start_inside_a_number():
    # 亿美元 recurs after every figure, but ４００亿 is one word (the number and its unit
    # character): the phrase would start inside it.
    a = "去年出口４００亿美元，进口３２０亿美元。今年出口５６０亿美元。"
    b = "外资达７８亿美元，外债为１５亿美元。外汇储备增至１４０亿美元。"
    slogans = compare(Document(a, "a"), Document(b, "b")).slogans
    assert not [s.phrase for s in slogans if s.phrase.startswith(("亿", "万"))]


def test_chinese_slogans_from_files_are_whole_words():
    a = load_document(HERE / "zh_a.txt")
    b = load_document(HERE / "zh_b.txt")
    phrases = [s.phrase for s in compare(a, b).slogans]
    # 新能源汽车 is cut out of 汽车产业 in one of its two places: not listed.
    assert phrases == ["科技创新"]


def test_with_stemming_function_words_and_word_rarity_are_still_those_of_words():
    # Stems such as "veri" (very) or "onli" (only) are in no stop list and no frequency
    # list: looked up as stems, they would pass for rare content words.
    text = "It is only very very only. It is only very very only, they say, only very very."
    result = compare(Document(text, "a"), Document(text.lower(), "b"), Settings(stemming=True))
    assert all("very" not in s.phrase.casefold() for s in result.slogans)


def test_a_long_formulation_that_recurs_within_a_text_is_listed_whole():
    formulation = ("Zembrowski Thought on Harbour Socialism with Quantum Characteristics "
                   "for a New Era")
    a = (f"We study {formulation} every day. Delegates praised {formulation} again. "
         "Weather was mild.")
    b = f"Pupils recite {formulation} at noon. Markets were calm."
    phrases = [s.phrase for s in compare(Document(a, "a"), Document(b, "b")).slogans]
    assert formulation in phrases
    # One entry for the stretch, not one for every window of it.
    assert not any(p.startswith(("Thought on", "Harbour Socialism", "Quantum")) for p in phrases)


def test_a_long_passage_copied_once_is_not_a_slogan():
    passage = ("Zembrowski Thought on Harbour Socialism with Quantum Characteristics "
               "for a New Era")
    a = f"We study {passage} every day. Weather was mild."
    b = f"Pupils recite {passage} at noon. Markets were calm."
    assert compare(Document(a, "a"), Document(b, "b")).slogans == ()


def test_a_fragment_of_a_hyphenated_word_is_not_listed():
    a = ("We must deepen reform in an all-round way. The plan builds the country in an "
         "all-round way.")
    b = "Cities advance in an all-round way, officials said."
    phrases = [s.phrase for s in compare(Document(a, "a"), Document(b, "b")).slogans]
    assert "all-round way" in phrases
    assert not any(p.startswith("round") for p in phrases)


@pytest.mark.parametrize(("a", "b"), [
    # An ordinary word run.
    ("It is necessary to act. It is necessary to plan. Then it is necessary to wait. "
     "Quantum harbour reform began.",
     "It is necessary to rest. It is necessary to eat. Quantum harbour reform ended."),
    # The unit of a quantity, always right after a figure.
    ("Trade reached 34.81 trillion yuan in May. Quantum harbour reform began. Output was 5 "
     "trillion yuan.",
     "Sales hit 12 trillion yuan. Quantum harbour reform ended. Rain fell."),
    # A verb run opening on a manner adverb.
    ("We must vigorously promote the trade. They vigorously promote tourism. Quantum "
     "harbour reform began.",
     "Cities vigorously promote a new export. Quantum harbour reform ended. Rain fell. Ports "
     "vigorously promote, and then wait."),
], ids=["word-run", "quantity-unit", "manner-adverb"])
def test_runs_that_are_not_formulations_are_not_listed(a: str, b: str) -> None:
    phrases = [s.phrase.casefold() for s in compare(Document(a, "a"), Document(b, "b")).slogans]
    assert phrases == ["quantum harbour reform"]


def test_near_variants_are_one_slogan_counted_together():
    a = ("Building a strong cyber country is the goal. A strong cyber country needs "
         "engineers. Weather was mild.")
    b = ("The strong network country plan moves on. Markets were calm. Each strong "
         "network country has rules.")
    slogans = compare(Document(a, "a"), Document(b, "b")).slogans
    [country] = [s for s in slogans if "country" in s.phrase]
    assert {country.phrase, *country.variants} == {"strong cyber country",
                                                   "strong network country"}
    assert (country.count_a, country.count_b, country.presence) == (2, 2, "both")
    assert [b[s:e] for s, e in country.occurrences_b] == ["strong network country"] * 2


def _slogan_groups(a: str, b: str) -> dict[frozenset[str], Slogan]:
    """The slogans of two texts by their forms (phrase and variants, case folded)."""
    return {frozenset(p.casefold() for p in (s.phrase, *s.variants)): s
            for s in compare(Document(a, "a"), Document(b, "b")).slogans}


def test_two_words_for_one_thing_in_the_same_frames_are_one_slogan():
    # "cyber power" and "network power" share one content word, as "tidal reform" and
    # "social reform" do; but the first two follow the same words ("building a",
    # "construction of a"), while the others are said of different things.
    a = ("Mayors back building a cyber power. Rain fell. The construction of a cyber power "
         "goes on. Ports praise tidal reform. Tidal reform is slow.")
    b = ("Cities speed up building a network power. Snow came. The construction of a "
         "network power is costly. Courts fear social reform. Social reform waits.")
    groups = _slogan_groups(a, b)
    assert frozenset({"cyber power", "network power"}) in groups
    assert not any({"tidal reform", "social reform"} <= group for group in groups)


#: 网络强国 as "network power" (强国 rendered whole) and as "strong network country"
#: (character by character); "network security" shares a word with both.
TRANSLATED = (
    "Mayors back the network power plan. Rain fell. A network power needs engineers. "
    "Network security matters. Ports check network security daily.",
    "Cities speed up the strong network country plan. Snow came. Each strong network "
    "country has rules. Network security is costly. Courts fear for network security.")


@pytest.mark.parametrize("settings", [Settings(), Settings(stemming=True),
                                      Settings(case_sensitive=True)])
def test_a_formulation_translated_two_ways_is_one_slogan(settings: Settings):
    # Matched by stems, or with case kept, the dictionary still reads the words as written.
    slogans = compare(Document(TRANSLATED[0], "a"), Document(TRANSLATED[1], "b"),
                      settings).slogans
    [power] = [s for s in slogans if "network" in s.phrase.casefold() and s.variants]
    assert {power.phrase.casefold(), *(v.casefold() for v in power.variants)} == {
        "network power", "strong network country"}
    assert (power.count_a, power.count_b, power.presence) == (2, 2, "both")
    assert any(s.phrase.casefold() == "network security" and not s.variants for s in slogans)


def test_slogans_say_which_text_uses_them():
    a = "Zembrowski harbour doctrine rules. The Zembrowski harbour doctrine again. Rain."
    b = "Quantum tide policy holds. Quantum tide policy returns. Sun."
    slogans = {s.phrase: s.presence for s in compare(Document(a, "a"), Document(b, "b")).slogans}
    assert slogans == {"Zembrowski harbour doctrine": "a", "Quantum tide policy": "b"}


def test_a_phrase_ending_on_a_modifier_is_not_listed():
    a = ("We speed up the construction of digital villages. The construction of digital "
         "harbours goes on. Digital schools opened, and digital clinics followed.")
    b = ("Mayors praised the construction of digital farms. The construction of digital "
         "ports slowed. Digital courts are next.")
    phrases = [s.phrase.casefold() for s in compare(Document(a, "a"), Document(b, "b")).slogans]
    assert "construction of digital" not in phrases


# Each adjective is used too seldom for usage to show it a modifier; the lexicon says it is
# only ever an adjective, and here it goes on into a noun, straight or through "and".
ADJECTIVES_A = ("Scientific and technological progress lifted the harbour towns. We face "
                "major ecological and environmental problems. Keep the grid safe and "
                "controllable.")
ADJECTIVES_B = ("The plan funds scientific and technological talent. Officials listed major "
                "ecological and environmental risks. Every network must be safe and "
                "controllable.")
# Adjectives that modify nothing: after a linking verb, before "and" and a verb, before an
# adverb.
PREDICATIVE_A = ("We must remain extraordinarily vigilant and act quickly. Rain fell. The "
                 "reactor design is inherently unstable and engineers worry. Our mills must "
                 "stay fiercely competitive internationally.")
PREDICATIVE_B = ("Officials should remain extraordinarily vigilant and report anything odd. "
                 "Snow came. That reactor design is inherently unstable and dangerous. Ports "
                 "hope to stay fiercely competitive globally.")


@pytest.mark.parametrize("a, b, phrase, listed", [
    (ADJECTIVES_A, ADJECTIVES_B, "scientific and technological", False),
    (ADJECTIVES_A, ADJECTIVES_B, "major ecological", False),
    (ADJECTIVES_A, ADJECTIVES_B, "major ecological and environmental", False),
    # Ending its sentence, an adjective completes the phrase.
    (ADJECTIVES_A, ADJECTIVES_B, "safe and controllable", True),
    (PREDICATIVE_A, PREDICATIVE_B, "remain extraordinarily vigilant", True),
    (PREDICATIVE_A, PREDICATIVE_B, "reactor design is inherently unstable", True),
    (PREDICATIVE_A, PREDICATIVE_B, "stay fiercely competitive", True),
])
def test_a_phrase_ending_on_an_adjective_before_its_noun_is_not_listed(a, b, phrase, listed):
    assert (phrase in _listed(a, b)) is listed


# An adverb in -ly before the verb it qualifies leaves the phrase open; after its verb, at
# the end of the sentence, it closes it, and so does an adverb of another kind before a verb.
ADVERBS_A = ("The meeting studied the economy in detail. It is necessary to fully implement "
             "the new plan. The harbour reform must develop steadily. Rain fell on the town. "
             "The harbour wardens met soon afterwards began the repairs.")
ADVERBS_B = ("Farmers welcomed the new rules on land. It is necessary to fully understand "
             "the law. Here the harbour reform must develop steadily. Snow came. The harbour "
             "wardens met soon afterwards left the pier.")


@pytest.mark.parametrize("phrase, listed", [("necessary to fully", False),
                                            ("harbour reform must develop steadily", True),
                                            ("harbour wardens met soon afterwards", True)])
def test_a_phrase_ending_on_an_adverb_before_its_verb_is_not_listed(phrase, listed):
    assert (phrase in _listed(ADVERBS_A, ADVERBS_B)) is listed


# Between two texts a phrase has a use or two: a word that may be an adjective (among other
# readings) or can only be a verb, straight before a content word at each use, leaves the
# phrase open; an -ing form may be a noun.
OPEN_A = ("The board will thoroughly weigh the overall national security of the harbour. "
          "Rain fell. The workers strive to achieve breakthroughs in quantum welding. Snow "
          "came. The town funds intelligent manufacturing plants. Then Lord North held "
          "power. We must master key core technologies soon.")
OPEN_B = ("Later we studied the overall national strength of the republic. Fog lifted. All "
          "teams strive to achieve overtaking in quantum welding rigs. Hail fell. They "
          "opened intelligent manufacturing schools. Later Lord North signed it. They fund "
          "key core technology research.")


@pytest.mark.parametrize("phrase, listed", [("overall national", False),
                                            ("strive to achieve", False),
                                            # "key core" technologies / technology
                                            ("key core", False),
                                            ("intelligent manufacturing", True),
                                            # Capitalized, "North" ends a name.
                                            ("lord north", True)])
def test_a_phrase_ending_on_a_word_that_takes_what_follows_is_not_listed(phrase, listed):
    assert (phrase in _listed(OPEN_A, OPEN_B)) is listed


def test_a_stretch_straight_before_one_word_at_both_its_uses_is_completed_on_it():
    # "key core" technologies / technology research: the phrase ends on that word, in
    # both its forms, though one use goes on.
    [slogan] = [s for s in compare(Document(OPEN_A, "a"), Document(OPEN_B, "b")).slogans
                if "key core" in s.phrase]
    assert {slogan.phrase, *slogan.variants} == {"key core technologies", "key core technology"}


def test_a_phrase_open_at_its_end_is_completed_where_one_word_follows_it():
    # "fat" may be an adjective, before "valleys" / "valley" each time: the phrase runs on.
    a = ("The crown is on the head of the fat valleys of them. Rain fell on the quiet town.")
    b = ("Their beauty is on the head of the fat valley, a fading flower. Snow came at dusk.")
    assert "head of the fat valleys" in _listed(a, b)
    assert "head of the fat" not in _listed(a, b)


def test_with_stemming_the_lexicon_still_reads_words_not_stems():
    # "technolog" is no word of the lexicon, and "candid" (of "candidates") an adjective.
    a = ADJECTIVES_A + " Republican presidential candidates debated."
    b = ADJECTIVES_B + " Republican presidential candidates travelled."
    phrases = [s.phrase.casefold() for s in compare(Document(a, "a"), Document(b, "b"),
                                                    Settings(stemming=True)).slogans]
    assert "scientific and technological" not in phrases
    assert "republican presidential candidates" in phrases


def test_a_hyphenated_word_alone_is_not_a_phrase():
    a = ("The long-term plan stands. A long-term view helps. Quantum harbour reform began. "
         "We need long-term thinking.")
    b = "Her long-term goals are clear. Long-term, it pays. Quantum harbour reform ended."
    phrases = [s.phrase.casefold() for s in compare(Document(a, "a"), Document(b, "b")).slogans]
    assert "long-term" not in phrases
    assert "quantum harbour reform" in phrases


def _listed(a: str, b: str, *, variants: bool = False) -> list[str]:
    """The slogans of texts `a` and `b`, lower-cased, with their variants if asked."""
    slogans = compare(Document(a, "a"), Document(b, "b")).slogans
    return [p.casefold() for s in slogans for p in (s.phrase, *(s.variants if variants else ()))]


def test_a_hyphenated_word_first_seen_unhyphenated_is_still_one_word():
    # Mostly "high-quality"; written apart only in titles.
    a = "Talks on High Quality. Firms seek high-quality parts. Quantum harbour reform began."
    b = ("Growth of High Quality. Banks want high-quality loans and high-quality staff. "
         "Quantum harbour reform ended.")
    assert _listed(a, b) == ["quantum harbour reform"]


def test_a_rare_hyphenated_compound_is_a_term():
    a = ("Villages chose self-reliance in grain. Their self-reliance grew. The rain was "
         "light.")
    b = "Self-reliance is the harbour doctrine. Ports praised self-reliance. Snow fell."
    phrases = _listed(a, b)
    assert "self-reliance" in phrases


def test_a_phrase_always_after_a_varying_modifier_is_a_fragment():
    # "zembrowski harbour doctrine" always follows an adjective that varies ("modern
    # socialist" / "socialist modern" country in an all-round way): a piece, not a phrase.
    a = ("We build a bold quantum Zembrowski harbour doctrine today. Each bold plan and "
         "quantum plan helps. They build a quantum bold Zembrowski harbour doctrine too.")
    b = ("Some build a bold quantum Zembrowski harbour doctrine now. A quantum mood and a "
         "bold mood. Rain fell.")
    phrases = _listed(a, b)
    assert phrases == ["build a bold quantum zembrowski harbour doctrine"]


def test_a_phrase_only_ever_inside_longer_listed_ones_is_not_listed():
    # "harbour" alone is common here, so only the occurrences tell that "harbour doctrine"
    # never stands without "Zembrowski" or "quantum" before it.
    a = ("Mayors praised the Zembrowski harbour doctrine. Critics fear the quantum harbour "
         "doctrine. Rain fell. The harbour froze.")
    b = ("The quantum harbour doctrine returns. Snow came. Sailors cheered the Zembrowski "
         "harbour doctrine. A harbour wall fell. The harbour flooded.")
    assert _listed(a, b, variants=True) == ["zembrowski harbour doctrine",
                                            "quantum harbour doctrine"]


def test_a_term_after_a_figure_or_in_a_list_is_not_a_compound_head():
    # Figure-like words ("4G", "5G") and list commas before "base stations" / "big data"
    # do not make them the tail of a longer compound whose first words vary.
    a = ("We built 5G base stations. Firms use robots, big data, cloud tools. Rain fell. "
         "New 4G base stations opened.")
    b = ("Old 3G base stations closed. Farms use drones, big data. Tractors wait. Snow came. "
         "Later 6G base stations spread. Banks use ledgers, big data or clerks.")
    assert {"base stations", "big data"} <= set(_listed(a, b, variants=True))


def test_manner_adverbs_are_told_from_other_words_ending_in_ly():
    words = ["thoroughly", "vigorously", "fully", "possibly", "family", "supply", "apply"]
    assert manner_adverbs(words).tolist() == [True, True, True, True, False, False, False]


def test_an_adverb_too_rare_for_the_word_list_is_told_by_the_lexicon():
    # Neither "unswervingly" nor "unswerving" is in the word list; the lexicon has the
    # adjective, so the adverb opens a verb run, not a formulation.
    words = ["unswervingly", "unswerving", "thoroughly", "family", "supply"]
    assert manner_adverbs(words).tolist() == [False, False, True, False, False]
    assert manner_adverbs(words, english_lexicon.readings()).tolist() == [
        True, False, True, False, False]
    a = ("Officials vowed to unswervingly promote rural reform this year. The meeting "
         "studied the economy in detail.")
    b = ("Since then, towns unswervingly promote high-level opening up. Farmers welcomed "
         "the new rules on land.")
    assert "unswervingly promote" not in _listed(a, b)


def test_a_phrase_written_across_a_comma_once_and_straight_on_once_is_not_listed():
    # Two runs that meet by chance: "with informatization, promote new development" and
    # "use informatization Promote ..." (a set phrase is written one way).
    a = ("Plans cultivate new kinetic energy with informatization, promote new development "
         "with it. The meeting studied the economy in detail.")
    b = ("Since then, towns unswervingly use informatization Promote Chinese-style growth. "
         "Farmers welcomed the new rules on land.")
    assert not [p for p in _listed(a, b) if p.startswith("informatization")]
    # A list takes or leaves a comma before "and".
    a = ("The meeting studied the economy in detail. Firms moved towards digitalization, "
         "networking and intelligence. Rain fell on the town.")
    b = ("Farmers welcomed the new rules on land. Mills anchor the direction of "
         "digitization, networking, and intelligence, and grow. Snow came.")
    assert _listed(a, b) == ["networking and intelligence"]


def test_a_short_run_of_words_used_at_their_ordinary_rate_is_not_listed():
    # Some 300 words of ordinary prose: "years" and "world" are used no more often than in
    # English at large, so "recent years" and "second in the world" are ordinary runs;
    # "harbour" and "reform" are what the texts are about.
    a, b = (load_document(HERE / f"ordinary_runs_{side}.txt") for side in "ab")
    assert [s.phrase for s in compare(a, b).slogans] == ["quantum harbour reform"]


def test_a_verb_with_its_object_or_a_dangling_possessive_is_not_listed():
    a = ("We promote the construction of quantum ports. They promote the construction and "
         "repair of docks. Rain fell. Laws enhance my country's fleet.")
    b = ("Mayors promote the construction of bridges. Snow came. Ports enhance my country's "
         "trade.")
    assert not {"promote the construction", "enhance my country's",
                "enhance my country"} & set(_listed(a, b))


@pytest.mark.parametrize(("a", "b", "listed"), [
    # "key core" always goes on into "technology" or "technologies": a piece of them.
    # ("core" is no modifier: it also ends phrases, "at the core".)
    ("We fund key core technologies. Rain fell. Firms want key core technologies. Labs "
     "stand at the core. Mills sit at the core.",
     "Ports buy a key core technology. Snow came.",
     ["key core technologies"]),
    # Always "... at / as the core": the stretch before "at" is cut, whatever small words
    # come between.
    ("It had the Zembrowski harbour council with Mayor Lind at the core. Rain fell. It had "
     "the Zembrowski harbour council with Mayor Lind as the core.",
     "Today the Zembrowski harbour council with Mayor Lind at the core spoke. Snow came. "
     "Later the Zembrowski harbour council with Mayor Lind at the core left.",
     ["zembrowski harbour council with mayor lind at the core"]),
    # Seen once in each text, around a phrase used far more often: that phrase in context.
    ("Network security matters. We must improve network security now. Network security "
     "teams grew. Rain fell.",
     "Network security is key. Cities improve network security too. Snow came.",
     ["network security"]),
    # The tail of two names, each with its own first word.
    ("We met at the Harbour Quantum Forum. Rain fell. Later the Harbour Quantum Forum closed.",
     "Envoys left the Lakeside Quantum Forum. Snow came.",
     ["harbour quantum forum"]),
    # Seen once in each text across a comma: a piece of a passage both copy.
    ("Mayors would dredge quantum harbours, widen tidal canals. Rain fell.",
     "Engineers dredge quantum harbours, widen tidal canals too. Snow came.",
     []),
], ids=["word-forms-after", "small-words-between", "phrase-in-context", "piece-of-names",
        "across-a-comma"])
def test_pieces_of_longer_phrases_and_phrases_in_context_are_not_listed(
        a: str, b: str, listed: list[str]) -> None:
    assert _listed(a, b) == listed


#: The brief's example of a complete formulation, and the texts that write it three ways.
CORE = "the Party Central Committee with Comrade Xi Jinping"
CORE_TWICE = (f"We must unite closely around {CORE} at the core and work hard. The meeting "
              f"studied the economy in detail.\n\nOfficials said {CORE} as the core has made "
              "major decisions on rural reform this year.")
CORE_ONCE = (f"We must unite closely around {CORE} as the core and work hard. The meeting "
             "studied the economy in detail.\n\nOfficials made major decisions on rural reform "
             "this year.")
CORE_ITS = (f"Since then, {CORE} at its core has led the country through many trials. Farmers "
            "welcomed the new rules on land.")


@pytest.mark.parametrize("a", [CORE_TWICE, CORE_ONCE], ids=["three-writings", "once-each"])
def test_a_phrase_whose_small_words_vary_before_its_last_word_is_listed_whole(a: str) -> None:
    # "at the core", "as the core", "at its core": the stretch before them is a piece of
    # one phrase written several ways, each once, so no candidate holds the whole.
    b = CORE_ITS
    [slogan] = compare(Document(a, "a"), Document(b, "b")).slogans
    writings = [" ".join(text[s:e].split()) for text, spans in
                ((a, slogan.occurrences_a), (b, slogan.occurrences_b)) for s, e in spans]
    assert len(writings) == a.count(CORE) + b.count(CORE)
    assert all(w.startswith(CORE[4:]) and w.endswith(" core") for w in writings)
    assert sorted({slogan.phrase, *slogan.variants}) == sorted(writings)


def _forms(a: str, b: str, settings: Settings | None = None) -> list[Slogan]:
    return list(compare(Document(a, "a"), Document(b, "b"), settings or Settings()).slogans)


def test_a_completion_stays_inside_its_line_and_clear_of_the_next_use():
    # A line without an end mark (a heading) is no part of the phrase.
    a = ("Notes on the work of the year\nWe study the harbour quantum reform\nCouncils of the "
         "towns met in May. The meeting studied the economy in detail.")
    b = ("Farmers welcomed the new rules on land. We back the harbour quantum reform of the "
         "councils, and more. Snow came.")
    for slogan in _forms(a, b):
        assert "\n" not in "".join(a[s:e] for s, e in slogan.occurrences_a)
        assert not [w for w in (slogan.phrase, *slogan.variants) if "ouncils" in w]
    # "quantum of harbour" and the "quantum" of its next use: no use runs into another.
    a = ("Officials praised the quantum of harbour and the quantum of harbour in a quantum. "
         "The meeting studied the economy in detail.")
    b = "Farmers welcomed the new rules on land. Snow came over the hills."
    slogans = _forms(a, b)
    assert [s.phrase for s in slogans] == ["quantum of harbour"]
    spans = sorted(slogans[0].occurrences_a)
    assert all(one[1] <= other[0] for one, other in zip(spans, spans[1:], strict=False))


def test_a_completion_keeps_to_the_longest_slogan_and_few_writings():
    settings = Settings(slogan_max_words=8)
    assert all(s.words <= 8 for s in _forms(CORE_ONCE, CORE_ITS, settings))
    # Six writings in one place are a template's slot, not one phrase.
    a = ("Towns saw the harbour quantum reform of the council. Rain fell. Mayors heard the "
         "harbour quantum reform in the council. Ports met the harbour quantum reform for the "
         "council.")
    b = ("Snow came. Unions knew the harbour quantum reform by the council. Banks read the "
         "harbour quantum reform at the council. Ships left the harbour quantum reform to the "
         "council.")
    assert not [s for s in _forms(a, b) if s.phrase.endswith("the council")]


@pytest.mark.parametrize(("a", "b", "listed"), [
    # "no defect" against "a defect" say opposite things.
    ("We must watch closely as the quantum harbour appeal court finds no defect and moves "
     "on. The meeting studied the economy in detail.\n\nOfficials made major decisions on "
     "rural reform this year.",
     "Since then, the quantum harbour appeal court finds a defect, and it waits. Farmers "
     "welcomed the new rules on land.",
     "quantum harbour appeal court finds"),
    # After "or" comes another conjunct, not the phrase's last word.
    ("We must bring the quantum harbour burnt offerings or sacrifices. The meeting studied "
     "the economy in detail.\n\nOfficials made major decisions on rural reform this year.",
     "Since then, the quantum harbour burnt offerings unto your sacrifices. Farmers "
     "welcomed the new rules on land.",
     "quantum harbour burnt offerings"),
], ids=["negation", "conjunct"])
def test_writings_that_deny_or_open_another_conjunct_are_not_one_phrase(a, b, listed):
    assert _listed(a, b, variants=True) == [listed]


def test_a_piece_by_the_word_before_it_is_not_completed():
    # The same word ("work") before each use: a piece on that side, whatever follows.
    a = (f"We must unite closely in the work of {CORE} at the core and work hard. The "
         f"meeting studied the economy in detail.\n\nOfficials said the works by {CORE} as "
         "the core has made major decisions on rural reform this year.")
    b = (f"Since then, work for {CORE} at its core has led the country through many trials. "
         "Farmers welcomed the new rules on land.")
    assert not [s for s in _forms(a, b) if "Xi Jinping" in s.phrase]


def test_a_phrase_is_not_completed_into_the_first_word_of_a_longer_one():
    # "between man" and "of man" both go on with "and nature": "man" ends nothing.
    a = ("Plans seek harmonious coexistence between man and nature in every county. The "
         "meeting studied the economy in detail.\n\nOfficials made major decisions on rural "
         "reform.")
    b = ("Since then, the laws have sought a harmonious coexistence of man and nature. "
         "Farmers welcomed the new rules on land.")
    listed = _listed(a, b, variants=True)
    assert "harmonious coexistence" in listed
    assert not [p for p in listed if p.endswith(" man")]


def test_a_completed_phrase_inside_a_passage_both_texts_share_is_a_piece_of_it():
    # Both copy "the major decision and deployment made by ... Xi Jinping", then write "at /
    # as the core": completed, the stretch reaches past the passage, a piece of it still.
    a = (f"Councils welcomed the major decision and deployment made by {CORE} at the core. "
         "The meeting studied the economy in detail.\n\nOfficials must meet the "
         f"requirements of {CORE} as the core, and study rural reform this year.")
    b = (f"Farmers hailed the decision and deployment of {CORE} at the core, and thoroughly "
         "welcomed the new rules on land.\n\nThe plan follows the major decision and "
         f"deployment made by {CORE} as the core to grasp the trend.")
    comparison = compare(Document(a, "a"), Document(b, "b"))
    assert [p for p in comparison.shared_phrases
            if a[p.a[0]:p.a[1]].startswith("the major decision and deployment made by")]
    assert [s.phrase for s in comparison.slogans] == [
        "Party Central Committee with Comrade Xi Jinping at the core"]


def test_a_name_inside_a_passage_both_texts_repeat_is_listed():
    # Both texts repeat "... the guidance of X, especially the mayor's important remarks
    # on ...": the name X ends at the comma, and is listed first although its neighbours
    # hardly vary.
    a = ("We must adhere to the guidance of Quantum Harbour Thought on Tidal Reform for a New "
         "Age, especially the mayor's important remarks on ports. Rain fell. We must study "
         "and implement Quantum Harbour Thought on Tidal Reform for a New Age, especially the "
         "mayor's important remarks on docks. Farmers praised tidal reform with local "
         "characteristics. Tidal reform with local characteristics helps.")
    b = ("Cities must adhere to the guidance of Quantum Harbour Thought on Tidal Reform for a "
         "New Age, especially the mayor's important remarks on ships. Snow came.")
    assert _listed(a, b)[0] == "quantum harbour thought on tidal reform for a new age"


@pytest.mark.parametrize(("a", "b", "groups"), [
    # A word's singular and plural are one slogan.
    ("Core technologies help. Rain fell. Each core technology counts. Core technologies win.",
     "Firms buy a core technology. Snow came. Ships need core technology.",
     [(["core technologies", "core technology"], 3, 2)]),
    # A content word added ("national [harbour] security") or another head ("harbour
    # quantum reform / ports") makes another phrase; a swapped modifier would not.
    ("We value the national security. Towns want the national harbour security. We saw the "
     "harbour quantum reform. Mayors built the harbour quantum ports.",
     "They need the national security. Ports seek the national harbour security. Critics "
     "fear the harbour quantum reform. Cities closed the harbour quantum ports.",
     [(["harbour quantum ports"], 1, 1), (["harbour quantum reform"], 1, 1),
      (["national harbour security"], 1, 1), (["national security"], 1, 1)]),
    # A compound and its "of" form are one phrase.
    ("We praised the quantum harbour construction. Rain fell. The quantum harbour "
     "construction went on.",
     "They doubted the construction of the quantum harbour. Snow came. The construction of "
     "the quantum harbour stopped.",
     [(["construction of the quantum harbour", "quantum harbour construction"], 2, 2),
      (["quantum harbour"], 2, 2)]),
], ids=["singular-plural", "other-phrases", "of-form"])
def test_which_forms_one_word_apart_are_one_slogan(
        a: str, b: str, groups: list[tuple[list[str], int, int]]) -> None:
    slogans = compare(Document(a, "a"), Document(b, "b")).slogans
    assert sorted((sorted(p.casefold() for p in (s.phrase, *s.variants)), s.count_a,
                   s.count_b) for s in slogans) == groups


#: A collection's formulation and its variant, in texts of made-up words.
FORMULATION = "the party central committee with comrade xi jinping at the core"
VARIANT = "the party central committee with comrade xi jinping as the core"


def _copied_passage_texts() -> tuple[str, str]:
    """Two texts sharing a passage that holds `FORMULATION` once; B also uses `VARIANT`."""
    words = [f"{c}{v}{c2}{v2}" for c in "bdfgklmnprstvz" for v in "aeiou" for c2 in "lmnrst"
             for v2 in "aio"]

    def sentences(start: int, count: int) -> str:
        return " ".join(" ".join(words[start + 12 * k:start + 12 * k + 12]).capitalize() + "."
                        for k in range(count))

    shared = f"{sentences(0, 3)} We support {FORMULATION} firmly. {sentences(36, 3)}"
    a = f"{sentences(100, 6)}\n\n{shared}\n\n{sentences(200, 6)}"
    b = f"{sentences(300, 6)}\n\n{shared}\n\n{sentences(400, 5)} They back {VARIANT} again."
    return a, b


def test_a_collections_formulations_are_slogans_wherever_either_text_uses_them():
    # Used once in each text, inside the passage they share: two texts alone take it as a
    # piece of the copy. The collection behind them says it recurs.
    a, b = _copied_passage_texts()
    alone = compare(Document(a, "a"), Document(b, "b"))
    assert not [s for s in alone.slogans if "xi jinping" in s.phrase]
    known = [(FORMULATION, VARIANT), ("a formulation neither text uses",)]
    result = compare(Document(a, "a"), Document(b, "b"), known=known)
    [slogan] = [s for s in result.slogans if "xi jinping" in s.phrase]
    assert (slogan.phrase, slogan.variants, slogan.watchlist) == (FORMULATION, (VARIANT,), False)
    assert [a[s:e] for s, e in slogan.occurrences_a] == [FORMULATION]
    assert [b[s:e] for s, e in slogan.occurrences_b] == [FORMULATION, VARIANT]
    assert not [s for s in result.slogans if "neither" in s.phrase]
    # Either way round.
    swapped = compare(Document(b, "b"), Document(a, "a"), known=known)
    assert [s for s in swapped.slogans if "xi jinping" in s.phrase] == [slogan.swapped()]


def _chinese_editions() -> tuple[str, str]:
    """zh_hans.txt and zh_hant.txt (its Taiwan edition), each closing on a line that uses
    深化科技体制改革 a second time, in its own script: a slogan of both, where all else they
    share is one copy, whose pieces are no slogans."""
    simplified = load_document(HERE / "zh_hans.txt").text
    taiwan = load_document(HERE / "zh_hant.txt").text
    return (f"{simplified.rstrip()}\n\n代表们呼吁深化科技体制改革。\n",
            f"{taiwan.rstrip()}\n\n代表們呼籲深化科技體制改革。\n")


def test_a_slogan_shows_as_a_writes_it_and_as_b_writes_it_in_the_other_script():
    hans, hant = _chinese_editions()
    traditional = Document(hant, "zh_hant.txt")
    simplified = Document(hans, "zh_hans.txt")
    for a, b in ((traditional, simplified), (simplified, traditional)):
        slogans = [s for s in compare(a, b).slogans if s.presence == "both"]
        assert slogans
        for s in slogans:
            assert s.phrase == a.text[slice(*s.occurrences_a[0])]
            assert s.phrase_b == b.text[slice(*s.occurrences_b[0])] != s.phrase
    # Written alike in both, a slogan has no second spelling.
    assert all(not s.phrase_b for s in compare(simplified, simplified).slogans)


def test_slogans_are_the_same_whichever_script_b_is_written_in():
    # zh_hant.txt is not zh_hans.txt in other characters only: it writes Taiwan words too
    # (數位 for 数字, 資訊 for 信息, 網路 for 网络), other words to matching, so the pieces
    # between them are stretches of their own (as between the edits of an English copy).
    # Written in traditional characters word for word, the mainland edition gives what
    # it gives against itself.
    simplified, taiwan = _chinese_editions()
    traditional = "".join(t if key_characters(t) == key_characters(s) else "絡" if s == "络"
                          else s for s, t in zip(simplified, taiwan, strict=True))
    assert traditional != simplified and key_characters(traditional) == key_characters(
        simplified)
    alike = compare(Document(simplified, "a"), Document(simplified, "b")).slogans
    other = compare(Document(simplified, "a"), Document(traditional, "b")).slogans
    assert alike
    assert [(s.phrase, s.occurrences_a, s.occurrences_b) for s in other] == [
        (s.phrase, s.occurrences_a, s.occurrences_b) for s in alike]
    assert all(s.phrase_b == traditional[slice(*s.occurrences_b[0])] for s in other)


def _made_up(start: int, count: int) -> str:
    """`count` sentences of twelve made-up words each, the first word `start`."""
    words = [f"{c}{v}{c2}{v2}" for c in "bdfgklmnprstvz" for v in "aeiou" for c2 in "lmnrst"
             for v2 in "aio"]
    return " ".join(" ".join(words[start + 12 * k:start + 12 * k + 12]).capitalize() + "."
                    for k in range(count))


def test_a_slogan_in_both_used_once_inside_the_copy_still_comes_before_those_of_one_text():
    # As in two real articles: "power of the Internet" once in each, inside the short
    # passage they share, was listed after every slogan of one text alone, last of ~70.
    name = "General Secretary Zembrowski"
    own = "harbour quantum reform"
    a = (f"{_made_up(100, 3)} They praise {own} daily. {name} spoke. {_made_up(140, 3)} "
         f"Then {own} grew, said {name}. The thoughts of {name} on the power of the "
         f"Internet, which are rich, have led us. {_made_up(200, 6)}")
    b = (f"{_made_up(300, 6)} {name} left. It is necessary to adhere to the guidance of "
         f"{name}'s important thought on the power of the Internet, seize the opportunity. "
         f"{_made_up(400, 5)} Visitors met {name}.")
    slogans = compare(Document(a, "a"), Document(b, "b")).slogans
    assert [(s.phrase, s.presence) for s in slogans] == [
        (name, "both"), ("power of the Internet", "both"), (own, "a")]


def test_a_slogan_used_apart_from_a_collections_formulation_stays_a_slogan():
    # "Harbour Party of Quantum" is used inside the formulation and on its own: a phrase of
    # its own, which the formulation does not take the place of.
    formulation = "Fifth Congress of the Harbour Party of Quantum"
    a = (f"The Harbour Party of Quantum met today. Delegates praised the {formulation} "
         f"warmly. Rain fell on the pier. The Harbour Party of Quantum will vote soon. "
         f"Critics doubted the {formulation} again.")
    b = (f"Markets cheered the {formulation} at noon. Snow came. The Harbour Party of "
         f"Quantum chose a leader. Farmers recalled the {formulation} too. Later the "
         f"Harbour Party of Quantum adjourned.")
    alone = [s.phrase for s in compare(Document(a, "a"), Document(b, "b")).slogans]
    assert "Harbour Party of Quantum" in alone
    phrases = [s.phrase for s in compare(Document(a, "a"), Document(b, "b"),
                                         known=[(formulation,)]).slogans]
    assert phrases == [formulation, "Harbour Party of Quantum"]


def test_the_pieces_between_the_edits_of_a_copy_are_not_slogans(tmp_path: Path) -> None:
    # B is A with every 60th word changed. Each stretch between two edits is used once in
    # each text, inside the one passage they share ("one hand", "special and important
    # historical mission"): that copy's business, not a set phrase. Those that recur stay.
    original = (HERE / "en_article_002_head.txt").read_text(encoding="utf-8")
    fresh = iter(f"{c}{v}{c2}" for c in "bdfgklmnprstvz" for v in "aeiou" for c2 in "lmnrst")
    pieces = re.split(r"(\s+)", original)
    edited = "".join(next(fresh) if k % 120 == 118 else piece for k, piece in enumerate(pieces))
    (tmp_path / "a.txt").write_text(original, encoding="utf-8")
    (tmp_path / "b.txt").write_text(edited, encoding="utf-8")
    comparison = compare(load_document(tmp_path / "a.txt"), load_document(tmp_path / "b.txt"))
    assert len(comparison.shared_phrases) == 1
    both = [s for s in comparison.slogans if s.presence == "both"]
    assert both
    assert all(max(s.count_a, s.count_b) > 1 for s in both)


def test_a_text_and_its_copy_list_the_slogans_the_text_lists_against_another(
        tmp_path: Path) -> None:
    # A republished article compared with its original listed only its names: each set
    # phrase ("Chinese-style modernization", 41 uses) stood in the same contexts in both
    # texts, half as varied as its uses, and was taken for a piece of the copy.
    text = (HERE / "en_article_002_head.txt").read_text(encoding="utf-8")
    (tmp_path / "original.txt").write_text(text, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(text, encoding="utf-8")
    (tmp_path / "other.txt").write_bytes((HERE / "harbour_a.txt").read_bytes())
    original, copy, other = (load_document(tmp_path / f"{name}.txt")
                             for name in ("original", "copy", "other"))
    alone = {(s.phrase, s.count_a) for s in compare(original, other).slogans if s.count_a}
    copied = compare(original, copy).slogans
    assert all(s.count_a == s.count_b for s in copied)
    assert {(s.phrase, s.count_a) for s in copied} == alone


def _slogans_of_files(tmp_path: Path, a: str, b: str) -> list[Slogan]:
    """The slogans of texts `a` and `b`, read from files written in `tmp_path`."""
    (tmp_path / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(b, encoding="utf-8")
    return list(compare(load_document(tmp_path / "a.txt"),
                        load_document(tmp_path / "b.txt")).slogans)


def test_a_slogan_is_shown_as_most_of_its_uses_write_it(tmp_path: Path) -> None:
    # A's one use has a stray capital ("the new Development concept"); B's two do not.
    a = "Mayors praised the quantum Harbour reform at the summit. Rain fell on the town."
    b = ("Farmers welcomed the quantum harbour reform. Snow came. Later the quantum harbour "
         "reform stalled.")
    for first, second in ((a, b), (b, a)):
        [reform] = _slogans_of_files(tmp_path, first, second)
        assert reform.phrase == "quantum harbour reform"
        assert sorted((reform.count_a, reform.count_b)) == [1, 2]


def test_a_phrase_a_comma_always_ends_is_not_run_on_into_the_clause_after_it(
        tmp_path: Path) -> None:
    # "Since the 18th National Congress of the Communist Party of China," then "General
    # Secretary Xi Jinping", "our party", twice "the Party Central Committee": the phrase
    # is whole before the comma; the clause after it is the sentence's own.
    since = "Since the third harbour summit of the Zembrowski council"
    a = (f"{since}, the Quantum Ferry Board with its chair at the core has rebuilt the docks. "
         f"Rain fell on the town. {since}, mayors have met twice a year. Farmers welcomed "
         f"the new rules on land. Later, {since.lower()}, the Quantum Ferry Board has "
         "widened the canals. Critics of the Quantum Ferry Board spoke.")
    b = f"{since}, ports have grown. Snow came in the night. {since}, trade rose."
    phrases = [s.phrase for s in _slogans_of_files(tmp_path, a, b)]
    assert phrases == [since, "Quantum Ferry Board"]
    # A refrain whose clause after the comma recurs only with it is no chance meeting.
    refrain = "But I rebuilt the walls for my harbour's sake, that it should not be flooded"
    a = (f"{refrain} before the fishermen, among whom they lived. Rain fell on the town. "
         f"{refrain} before the fishermen, in whose sight I built it. Farmers welcomed the "
         f"new rules on land. {refrain} in the sight of the fishermen, as I built it.")
    b = "Snow came in the night. Then trade rose in the quantum port."
    phrases = [s.phrase for s in _slogans_of_files(tmp_path, a, b)]
    assert f"{refrain[6:]} before the fishermen" in phrases


def test_a_phrase_with_a_word_of_its_sentence_cut_inside_a_compound_is_not_listed(
        tmp_path: Path) -> None:
    # "implement the industrial Internet" innovation and development / security
    # innovation project, "a number of intelligent manufacturing" demonstration factories /
    # pilot areas: used twice in one text, a listed phrase with a word before it, going on
    # into the compound its last word modifies. Going on into a verb or an adverb, the
    # phrase is whole: "let the fruits of Internet development benefit all".
    a = ("Mayors deeply implement the quantum harbour reform innovation project this year. "
         "Rain fell on the town. Towns implement the quantum harbour reform security "
         "programme too. The quantum harbour reform was debated. Farmers welcomed the new "
         "rules on land. Critics said the quantum harbour reform came late.")
    b = ("Ports praised the quantum harbour reform. Snow came in the night. The quantum "
         "harbour reform passed. Let the fruits of quantum harbour reform benefit all. "
         "Boats sailed. We share the fruits of quantum harbour reform equally.")
    phrases = [s.phrase for s in _slogans_of_files(tmp_path, a, b)]
    assert phrases == ["quantum harbour reform", "fruits of quantum harbour reform"]


def test_a_subject_and_the_start_of_what_is_said_of_it_is_not_listed(
        tmp_path: Path) -> None:
    # "Chinese-style modernization is a major achievement" achieved by ... / of the
    # long-term exploration ...: what is said of the phrase goes on at every use. A saying
    # written as a sentence ends one where it is used.
    a = ("Quantum harbour reform is a major achievement won by the mayors of all towns. "
         "Rain fell on the town. Critics said quantum harbour reform came late. We know "
         "that quantum harbour reform is a major achievement of long years of work. "
         "Farmers welcomed the new rules on land. Clean harbours are golden assets.")
    b = ("Ports praised quantum harbour reform. Snow came in the night. Clean harbours are "
         "golden assets. Boats sailed. The quantum harbour reform passed.")
    phrases = [s.phrase for s in _slogans_of_files(tmp_path, a, b)]
    assert phrases == ["quantum harbour reform", "Clean harbours are golden assets"]
    # Used three times and more, with what is said going on differently, it is a frame.
    a += " The quantum harbour reform is a major achievement for all of us."
    phrases = [s.phrase.casefold() for s in _slogans_of_files(tmp_path, a, b)]
    assert "quantum harbour reform is a major achievement" in phrases
