"""A small collection with known reuse, written by the tests: a few dozen short articles of
made-up words (so nothing is shared by chance), with planted copies, a chain, a series'
boilerplate line and a set phrase."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from tests.conftest import FIXTURES as ALL_FIXTURES
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore

_SYLLABLES = ("ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi", "nak", "zu", "mar",
              "ol", "te", "fin", "gra", "shu", "bo", "lin", "ex")

BOILERPLATE = "Editor in charge: Wang Lin"
SET_PHRASE = "sustained harmonious modernisation of ecological governance"


@dataclass
class Planted:
    """The articles (passim's schema) and what was planted in them."""

    rows: list[dict[str, str]]
    #: (source id, copy id, the copied text)
    copies: list[tuple[str, str, str]] = field(default_factory=list)
    #: ids carrying one passage, earliest first
    chain: list[str] = field(default_factory=list)
    boilerplate_series: str = "s1"
    phrase_docs: list[str] = field(default_factory=list)

    def write(self, path: Path, rows: list[dict[str, str]] | None = None) -> Path:
        with open(path, "w", encoding="utf-8") as handle:
            for row in self.rows if rows is None else rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        return path

    def by_id(self) -> dict[str, dict[str, str]]:
        return {row["id"]: row for row in self.rows}


def _words(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
            for _ in range(count)]


def _paragraph(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = _words(rng, rng.randint(8, 16))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def make_collection(documents: int = 30, seed: int = 7) -> Planted:
    """`documents` articles over four series and a month, with reuse planted among the
    first twenty (so the rest can be added later to an indexed store)."""
    rng = random.Random(seed)
    rows = []
    for k in range(documents):
        paragraphs = [_paragraph(rng, rng.randint(2, 4)) for _ in range(rng.randint(3, 5))]
        rows.append({"id": f"d{k + 1:03d}", "series": f"s{k % 4}",
                     "date": f"2021-03-{k % 28 + 1:02d}", "paragraphs": paragraphs})
    planted = Planted(rows=[])
    if documents >= 20:  # smaller ones are for bad-input tests: nothing planted
        _plant(rows, planted)
    planted.rows = [{"id": r["id"], "series": r["series"], "date": r["date"],
                     "text": "Title of " + r["id"] + "\n\n" + "\n\n".join(r["paragraphs"])
                     + "\n"} for r in rows]
    return planted


def _plant(rows: list[dict], planted: Planted) -> None:
    # A copy: a paragraph of d002 repeated in d009, one word changed.
    source = rows[1]["paragraphs"][1]
    words = source.split()
    words[len(words) // 2] = "zzvariant"
    rows[8]["paragraphs"].insert(2, " ".join(words))
    planted.copies.append(("d002", "d009", source))
    # A chain: one passage carried along d004 -> d011 -> d017, verbatim.
    passage = rows[3]["paragraphs"][2]
    for k in (10, 16):
        rows[k]["paragraphs"].insert(1, passage)
    planted.chain = ["d004", "d011", "d017"]
    # Boilerplate: the footer of every article of series s1.
    for row in rows:
        if row["series"] == planted.boilerplate_series:
            row["paragraphs"].append(BOILERPLATE)
    # A set phrase inside sentences of articles that share nothing else.
    for k in (5, 12, 13, 18, 19):
        paragraph = rows[k]["paragraphs"][0]
        cut = paragraph.index(" ", len(paragraph) // 2)
        rows[k]["paragraphs"][0] = f"{paragraph[:cut]} {SET_PHRASE}{paragraph[cut:]}"
        planted.phrase_docs.append(rows[k]["id"])


#: A notice set as a line of its own in four articles of one series and two of every
#: other: no more common there than chance makes it, the collection's line, not that
#: series' boilerplate.
NOTICE = "The museum closes early on public holidays."


def with_notice_line(planted: Planted, series: str = "s0") -> None:
    """Write `NOTICE` as a line of its own after the title of four articles of `series`
    and two of every other series, from the twenty-first article on (outside the planted
    reuse)."""
    written: dict[str, int] = {}
    for row in planted.rows[20:]:
        if written.get(row["series"], 0) < (4 if row["series"] == series else 2):
            written[row["series"]] = written.get(row["series"], 0) + 1
            row["text"] = row["text"].replace("\n\n", f"\n\n{NOTICE}\n\n", 1)


#: Two articles of the boilerplate's series (outside the planted reuse) end their last
#: paragraph on these seven words, right before the footer: twelve shared words in one run,
#: five of them boilerplate, seven of them chance.
CHANCE_RUN = "Velmar dorzu pinak shutefin olgra kaloren mizutu."
CHANCE_RUN_DOCS = ("d022", "d026")


def with_chance_run_before_footer(planted: Planted) -> tuple[str, str]:
    """Write `CHANCE_RUN` into `CHANCE_RUN_DOCS`, before their boilerplate footer; returns
    their ids."""
    rows = planted.by_id()
    for doc in CHANCE_RUN_DOCS:
        assert rows[doc]["series"] == planted.boilerplate_series
        rows[doc]["text"] = rows[doc]["text"].replace(f"\n\n{BOILERPLATE}",
                                                      f" {CHANCE_RUN}\n\n{BOILERPLATE}")
    return CHANCE_RUN_DOCS


#: A short copy edited every few words: its longest unchanged run is seven words, which the
#: two articles alone hold (their only shared n-grams).
EDITED_SOURCE = ("Quenrab tolvid marsek pildon vutarm sekolin darvem ostrel the lamburo "
                 "fentish gorvald and nimbrek halvotu resdan.")
EDITED_COPY = ("Quenrab tolvid marsek pildon vutarm sekolin darvem urbalk the lamburo "
               "fentish kestrin and nimbrek halvotu resdan.")
EDITED_DOCS = ("d021", "d027")


def _as_first_paragraphs(planted: Planted, docs: tuple[str, ...],
                         texts: tuple[str, ...]) -> None:
    """Write each of `texts` as the first paragraph (after the title) of its article of
    `docs`."""
    rows = planted.by_id()
    for doc, text in zip(docs, texts, strict=True):
        head, rest = rows[doc]["text"].split("\n\n", 1)
        rows[doc]["text"] = f"{head}\n\n{text}\n\n{rest}"


def with_short_edited_copy(planted: Planted) -> None:
    """Write `EDITED_SOURCE` and `EDITED_COPY` as a paragraph of `EDITED_DOCS`."""
    _as_first_paragraphs(planted, EDITED_DOCS, (EDITED_SOURCE, EDITED_COPY))


#: A sentence copied with one word swapped: eleven of its twelve words shared in order, in
#: runs of six and five, which the two articles alone hold (three n-grams of their own).
EDITED_SENTENCE = ("Morvek talsin durapo velkin harsond umbrel {} kestaro lintov pradim "
                   "solvek tamrin.")
EDITED_SENTENCE_DOCS = ("d023", "d025")


def with_edited_sentence(planted: Planted) -> None:
    """Write `EDITED_SENTENCE`, a word swapped in the copy, as a paragraph of
    `EDITED_SENTENCE_DOCS`."""
    _as_first_paragraphs(planted, EDITED_SENTENCE_DOCS,
                         (EDITED_SENTENCE.format("ostiva"), EDITED_SENTENCE.format("gelmarit")))


#: A sentence copied with one word swapped, and a word of the copy's own opening its
#: sentence: runs of three and seven words, and the passage the matcher aligns is not the
#: copy's whole sentence, though the two sentences share 10 of the longer one's 12 words.
EDGE_EDITED = "Ulvarin dostek maprel {} sendrivo kalmut orbesta finlow tarquen vessal rombik."
EDGE_EDITED_DOCS = ("d007", "d012")


def with_sentence_edited_at_its_edge(planted: Planted) -> None:
    """Write `EDGE_EDITED` as a paragraph of `EDGE_EDITED_DOCS`: in the copy a word
    swapped and "meanwhile" before it, in the same sentence."""
    copy = "Meanwhile " + EDGE_EDITED.format("hustrand").lower()
    _as_first_paragraphs(planted, EDGE_EDITED_DOCS, (EDGE_EDITED.format("pelgrove"), copy))


#: One sentence copied and edited every few words: its runs of four, six and four words give
#: the two articles two n-grams of their own, fewer than pair articles
#: (`IndexParams.min_rare_shared`), yet it keeps 14 of its 16 words in order.
EVERY_FEW_WORDS = ("Dorvast kelmin ruvaso tenbrik {} olvarin semkut pradel vonmira taskel "
                   "brundov {} hestral marvin quolset ferandi.")
EVERY_FEW_WORDS_DOCS = ("d015", "d018")


def with_sentence_edited_every_few_words(planted: Planted) -> None:
    """Write `EVERY_FEW_WORDS`, two of its words other in the copy, as the second
    paragraph of `EVERY_FEW_WORDS_DOCS` (away from what others write at their start)."""
    rows = planted.by_id()
    for doc, words in zip(EVERY_FEW_WORDS_DOCS, (("ulmeno", "garvit"), ("pexlar", "sibrand")),
                          strict=True):
        head, first, rest = rows[doc]["text"].split("\n\n", 2)
        rows[doc]["text"] = f"{head}\n\n{first}\n\n{EVERY_FEW_WORDS.format(*words)}\n\n{rest}"


#: Written into more articles than the index's document-frequency cap (20 for a small
#: collection): the collection's furniture, which pairs no articles.
COMMON_SENTENCE = ("Readers may send their letters to the office of the paper on the "
                   "harbour road before noon on any working day.")


def with_common_sentence(planted: Planted, documents: int = 24) -> None:
    """Open the first paragraph of the first `documents` articles with `COMMON_SENTENCE`
    (inside the paragraph: not a line of its own, so no series' boilerplate)."""
    for row in planted.rows[:documents]:
        row["text"] = row["text"].replace("\n\n", f"\n\n{COMMON_SENTENCE} ", 1)


#: A sentence of eleven words, copied along a chain of the English fixture's articles
#: (`with_sentence_chain`).
CHAIN_SENTENCE = "The harbour master said the new quay would open next spring."
_CHAIN_DOCS = ("en02", "en06", "en10", "en14", "en18", "en24", "en27", "en29", "en13")


def with_sentence_chain(copies: int, *, whole: bool = True) -> tuple[Planted, tuple[str, ...]]:
    """The English fixture's articles with `CHAIN_SENTENCE` written into `copies` of them,
    and their ids: after the first paragraph's sentence, as a sentence of its own
    (`whole`), or else inside that sentence, before its last word."""
    source = ALL_FIXTURES / "collection" / "en" / "collection.jsonl"
    planted = Planted(rows=[json.loads(line) for line in
                            source.read_text(encoding="utf-8").splitlines()])
    docs = _CHAIN_DOCS[:copies]
    words = CHAIN_SENTENCE.rstrip(".")
    inserted = f" {CHAIN_SENTENCE}" if whole else f" {words[0].lower()}{words[1:]}"
    for row in planted.rows:
        if row["id"] in docs:
            text = row["text"]
            end = text.index(".\n")
            cut = end + 1 if whole else text.rindex(" ", 0, end)
            row["text"] = text[:cut] + inserted + text[cut:]
    return planted, docs


#: Two of the articles with `COMMON_SENTENCE` follow it with the same seven words: a run
#: of 26 words, all but seven of them the collection's furniture.
AFTER_COMMON = "Tovrel gamuki spendo rafilu okrema venduso palik."
FURNITURE_PAIR = ("d020", "d024")


def with_furniture_pair(planted: Planted) -> None:
    """Write `AFTER_COMMON` after `COMMON_SENTENCE` in the `FURNITURE_PAIR` articles."""
    rows = planted.by_id()
    for doc in FURNITURE_PAIR:
        assert COMMON_SENTENCE in rows[doc]["text"]
        rows[doc]["text"] = rows[doc]["text"].replace(
            COMMON_SENTENCE, f"{COMMON_SENTENCE} {AFTER_COMMON}", 1)


class Frame(NamedTuple):
    """Two stretches in one frame, each written as a paragraph of its own article by
    `with_frame`: what the two share is the frame, not a copy of either."""

    docs: tuple[str, str]
    texts: tuple[str, str]


FRAMES = {
    # Two census counts, their names and numbers different (Numbers 2:24 and 2:9), each
    # with the same age clause: two reports.
    "census-counts": Frame(("d028", "d032"), (
        "All that were numbered of the camp of Ephraim were an hundred thousand and eight "
        "thousand and an hundred, throughout their armies. They were numbered from a month "
        "old and upward.",
        "All that were numbered in the camp of Judah were an hundred thousand and fourscore "
        "thousand and six thousand and four hundred, throughout their armies. They were "
        "counted from a month old and upward.")),
    # Two verses on one frame (Obadiah 1:12 and 1:13-14): runs of six and four words across
    # what each says.
    "verses": Frame(("d024", "d031"), (
        "But thou shouldest not have looked on the day of thy brother in the day that he "
        "became a stranger; neither shouldest thou have rejoiced over the children of Judah "
        "in the day of their destruction.",
        "Yea, thou shouldest not have looked on their affliction in the day of their "
        "calamity, nor have laid hands on their substance in the day of their calamity; "
        "neither shouldest thou have stood in the crossway, to cut off those of his that did "
        "escape.")),
    # Two offerings of the poor (Leviticus 5:7 and 14:21-22), one formula in each, edited:
    # runs of six words across what each says, and only "two" as a figure.
    "offerings": Frame(("d029", "d034"), (
        "And if he be not able to bring a lamb, then he shall bring for his trespass, which "
        "he hath committed, two turtledoves, or two young pigeons, unto the LORD; one for a "
        "sin offering, and the other for a burnt offering.",
        "And if he be poor, and cannot get so much; then he shall take one lamb for a "
        "trespass offering to be waved, to make an atonement for him, and one tenth deal of "
        "fine flour mingled with oil for a meat offering, and a log of oil; And two "
        "turtledoves, or two young pigeons, such as he is able to get; and the one shall be "
        "a sin offering, and the other a burnt offering.")),
    # Two kings' deaths in one formula (1 Kings 11:43 and, as the benchmark's text has it,
    # 2 Kings 15:38): each names two kings the other does not, across runs of six words.
    "kings": Frame(("d030", "d035"), (
        "And Jotham slept with his fathers, and they buried him in the city of David: and "
        "Ahaz his son reigned in his stead.",
        "And Solomon slept with his fathers, and was buried in the city of David his father: "
        "and Rehoboam his son reigned in his stead.")),
}


def with_frame(planted: Planted, name: str) -> tuple[str, str]:
    """Write the two texts of `FRAMES[name]` as the first paragraph (after the title) of its
    two articles; returns their ids."""
    frame = FRAMES[name]
    _as_first_paragraphs(planted, frame.docs, frame.texts)
    return frame.docs


#: Two planted copies, each of a paragraph holding one set formula filled in its own way
#: (Jeremiah 42:15 and 24:4-5, as the benchmark's King James text has them): (source, copy,
#: the paragraph). The two formulas align as one sentence lightly edited, seventeen words,
#: but no eight of them in one unbroken run; with "thus saith the LORD of hosts" further on
#: in the second, the two pairs of one article of each copy share enough n-grams to be
#: aligned.
FORMULA_COPIES = (
    ("d003", "d033",
     "Velkaro dumisten parlo vintak sorel ombrath kelsi the varnok dulemir. Then came the "
     "word of the LORD unto Jeremiah, saying, Thus saith the LORD of hosts, the God of "
     "Israel; Tarmesh olvin pradak selumi gortal venisk and hurvel the ostram mikel."),
    ("d008", "d036",
     "Sambrel yorvik tunald the kesmaro pilvent ordasi lumbrek vestal. Again the word of the "
     "LORD came unto me, saying, Thus saith the LORD, the God of Israel; Dornak ilvesh "
     "telmor the visklan. Therefore thus saith the LORD of hosts; barodu pemsar ulvadi "
     "korrin."),
)


def with_formula_between_copies(planted: Planted) -> None:
    """Write each paragraph of `FORMULA_COPIES` at the end of its source and, the
    formula's words in capitals as a reprint may set them, of its copy."""
    rows = planted.by_id()
    for source, copy, paragraph in FORMULA_COPIES:
        for doc, text in ((source, paragraph), (copy, paragraph.replace("God", "GOD"))):
            rows[doc]["text"] = f"{rows[doc]['text'].rstrip()}\n\n{text}\n"


#: Six rare words two articles of the planted copy (d002, d009) meet by chance, far from it:
#: `compare()` finds them, but so short a run lists nothing in a collection.
RARE_RUN = "vorabel kintesh marudo pelvanix tosrem gilbarn"


def with_rare_run_beside_copy(planted: Planted) -> None:
    """Write `RARE_RUN`, in sentences of their own, at the end of d002 and d009."""
    rows = planted.by_id()
    for doc, before, after in (("d002", "They found", "at last"), ("d009", "Nobody saw", "again")):
        head, rest = rows[doc]["text"].rsplit("\n\n", 1)
        rows[doc]["text"] = f"{head}\n\n{before} {RARE_RUN} {after}.\n\n{rest}"


def with_press_release(planted: Planted, copies: int = 25) -> list[str]:
    """Copy d001's longest paragraph into `copies` later articles, each moved to an outlet of
    its own (a press release run by many papers: more articles than the index's cap, and no
    one series' furniture). Returns the ids carrying it, d001 first."""
    source = planted.rows[0]
    paragraphs = source["text"].split("\n\n")
    release = max(paragraphs[1:], key=lambda p: len(p.split()))
    carriers = [source["id"]]
    for k, row in enumerate(planted.rows[-copies:]):
        head, rest = row["text"].split("\n\n", 1)
        row["text"] = f"{head}\n\n{release}\n\n{rest}"
        row["series"] = f"outlet{k:02d}"
        carriers.append(row["id"])
    return carriers


def with_wire_story(planted: Planted, copies: int) -> list[str]:
    """Add `copies` articles that are d001 whole under a dateline, each from an outlet of its
    own, in the month after the others (a wire story run everywhere: more articles than the
    collection's furniture, `index.WIDE_DOCUMENTS`). Returns the ids carrying it, d001
    first."""
    story = planted.rows[0]["text"]
    carriers = [planted.rows[0]["id"]]
    for k in range(copies):
        carriers.append(f"w{k + 1:03d}")
        planted.rows.append({"id": carriers[-1], "series": f"wire{k:03d}",
                             "date": f"2021-04-{k % 28 + 1:02d}",
                             "text": f"LONDON (Outlet {k + 1}) -\n\n{story}"})
    return carriers


#: A disclaimer of 40 words, longer than any set phrase, under most articles of a
#: collection (`with_disclaimer`): text in more than `index.WIDE_DOCUMENTS` articles.
DISCLAIMER = ("This report is provided for general information only and does not constitute "
              "advice of any kind, and the publisher accepts no liability for any decision "
              "taken on the strength of its contents, so readers should always seek "
              "independent counsel before acting on anything reported here.")


def with_disclaimer(planted: Planted, documents: range) -> list[str]:
    """End the last paragraph of the articles `documents` (row numbers) with `DISCLAIMER`
    (inside the paragraph: no series' boilerplate). Returns their ids."""
    for row in planted.rows[documents.start:documents.stop]:
        row["text"] = row["text"].rstrip("\n") + f" {DISCLAIMER}\n"
    return [row["id"] for row in planted.rows[documents.start:documents.stop]]


#: What a scraped page adds to an article, which `--trim` takes away (viewer.core.trim): a
#: token after a sentence, the title line again, and a list of links at the end.
STRAY_TOKEN = "cheap widget deal"
LINK_LIST = ("More from the series", "The week in pictures | Gallery",
             "Letters to the editor", "Subscribe to the newsletter")


def with_scraped_noise(planted: Planted, docs: tuple[str, ...]) -> None:
    """Write the noise of a scraped page into each of `docs`: `STRAY_TOKEN` after its first
    paragraph, then its title line again, and `LINK_LIST` after its last paragraph (a
    chain's carrier: the title line right before the passage it carries)."""
    rows = planted.by_id()
    for doc in docs:
        title, first, rest = rows[doc]["text"].split("\n\n", 2)
        links = "\n".join(LINK_LIST)
        rows[doc]["text"] = (f"{title}\n\n{first} {STRAY_TOKEN}\n\n{title}\n\n"
                             f"{rest.rstrip()}\n\n{links}\n")


#: A slogan of a few writers, whose articles are reprinted whole now and then.
REPRINTED_SLOGAN = "steadfast coordinated revitalisation of rural waterways"


def with_reprinted_slogan(writers: tuple[int, ...],
                          reprints: tuple[tuple[int, int], ...]) -> Planted:
    """120 dated articles of twelve sentences of made-up words; `REPRINTED_SLOGAN` is
    written twice into each article of `writers` (indexes), and article `source` is
    reprinted whole as article `copy` for each `(source, copy)` of `reprints`."""
    rng = random.Random(5)
    articles = [[" ".join(_words(rng, 9)).capitalize() + "." for _ in range(12)]
                for _ in range(120)]
    for k in writers:
        for at in (2, 8):
            words = articles[k][at].split(" ")
            articles[k][at] = " ".join([*words[:4], REPRINTED_SLOGAN, *words[4:]])
    texts = [" ".join(sentences) + "\n" for sentences in articles]
    for source, copy in reprints:
        texts[copy] = texts[source]
    return Planted(rows=[{"id": f"a{k:03d}", "series": f"s{k % 4}",
                          "date": f"2021-{1 + k // 10:02d}-{1 + k % 10:02d}", "text": text}
                         for k, text in enumerate(texts)])


def embedded_report(source: Path, store: Path) -> dict[str, Any]:
    """The embedded engine's JSON report of `source`, indexed into a new store at `store`."""
    with CollectionStore.create_or_open(store) as opened:
        add_sources(opened, [source], workers=1)
        return opened.report()
