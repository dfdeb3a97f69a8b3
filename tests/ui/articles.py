"""Two small test articles with one known shared passage placed far apart, an emoji and a rare
CJK character (outside the BMP) before the passage so UTF-16 conversion matters."""

from __future__ import annotations

from pathlib import Path

PASSAGE = ("the harbour commission approved a binding timetable for retiring the coal "
           "cranes and retraining every dock worker before the winter tourist season")
SLOGAN = "quiet harbour pledge"

_FILLER_A = [
    "Residents gathered 😀 near the old lighthouse on Sunday to hear the mayor speak about "
    "parks, ferries and the price of bread, and about the 𠀀 lantern festival.",
    f"Several speakers mentioned the {SLOGAN} while discussing fishing quotas.",
    "Teachers asked for new laboratories and a longer library opening schedule.",
    "A brass band played outside the museum while volunteers painted benches blue.",
]
_FILLER_B = [
    "Weather forecasters expect heavy rain along the northern coast through Thursday.",
    f"Shopkeepers praised the {SLOGAN} yet doubted the budget would stretch far enough.",
    "The football club unveiled a youth academy with three floodlit training pitches.",
    "Cyclists complained that the new lanes stop abruptly beside the railway bridge.",
    "The orchestra announced a winter programme of Sibelius, Dvořák and Britten.",
]


def article_a() -> str:
    paragraphs = list(_FILLER_A)
    paragraphs.append(f"In a late vote, {PASSAGE}, officials confirmed. The {SLOGAN} was "
                      "repeated by the chair.")
    paragraphs += [f"Note {i}: the ferry timetable changes on weekday {i}." for i in range(6)]
    return "\n\n".join(paragraphs) + "\n"


def article_b() -> str:
    paragraphs = list(_FILLER_B)
    # Push B's counterpart well below the first screen.
    paragraphs += [f"Market report {i}: apples, pears and plums sold at steady prices in stall "
                   f"number {i} of the covered hall." for i in range(60)]
    # A theme pair far down: A's brass band paragraph, in other words.
    paragraphs.append("Volunteers gave the benches by the museum a fresh coat of blue paint "
                      "while musicians from a brass ensemble performed for passers-by.")
    paragraphs.append(f"Records show that {PASSAGE}, according to the minutes.")
    return "\r\n\r\n".join(paragraphs) + "\r\n"  # CRLF: offsets must survive QTextDocument


def write_pair(folder: Path) -> tuple[Path, Path]:
    a, b = folder / "harbour_a.txt", folder / "harbour_b.txt"
    a.write_text(article_a(), encoding="utf-8", newline="")
    b.write_text(article_b(), encoding="utf-8", newline="")
    return a, b
