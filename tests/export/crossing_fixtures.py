"""Pairs of texts whose shared passages cross or stand level, made from fixed word lists.

Each text is filler prose from its own vocabulary (so the fillers share nothing) with shared
passages, from a third vocabulary, put at chosen places. `crossing` puts passage 1 early in
A and late in B, passage 2 the other way round: no layout can bring both level, and rows
cut at the passages leave one column empty for pages. `level` keeps the order and nearly
equal fillers before the passage, so it can stand level at little cost.
"""

from __future__ import annotations

import random

import pytest

from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.model import Comparison


def _words(listing: str) -> list[str]:
    return listing.split()


_FILLER_A = _words("""
harbour pier crane ferry tide quay anchor rope mooring dredger lighthouse beacon
buoy channel berth dock warehouse cargo barge tug gull breakwater slipway jetty marina keel
hull rudder mast sail deck galley cabin hatch winch bollard gangway pilot skipper harbourmaster
fishmonger net trawler crab lobster herring mackerel oyster mussel salt brine spray fog""")
_FILLER_B = _words("""
orchard meadow hedgerow barn tractor plough furrow harvest wheat barley oats rye
hay silo stable paddock pasture sheep lamb ewe ram cattle heifer dairy churn butter cheese
orchardist beekeeper hive honey clover thistle nettle bramble acorn oak elm ash willow
birch copse spinney coppice stile footpath village green parish steeple bellringer""")
_SHARED = _words("""
observatory telescope nebula comet asteroid meteor galaxy quasar pulsar orbit
eclipse equinox solstice zenith horizon parallax spectrum radiance photon lens mirror
dome astronomer almanac chart constellation""")

_FILLER_A_ZH = list("港口码头渔船灯塔海鸥潮汐缆绳锚链货轮仓库吊车航道浮标防波堤船坞")
_FILLER_B_ZH = list("果园麦田稻谷农舍牧场羊群奶牛蜂箱篱笆溪流磨坊谷仓耕犁收割菜园")
_SHARED_ZH = list("天文台望远镜星云彗星银河轨道日食光谱镜片穹顶")


def _sentence(rng: random.Random, words: list[str], chinese: bool) -> str:
    picked = [rng.choice(words) for _ in range(rng.randint(9, 16))]
    if chinese:
        return "".join(picked) + "。"
    return " ".join(picked).capitalize() + "."


def _paragraphs(rng: random.Random, words: list[str], count: int, chinese: bool) -> list[str]:
    sentences = 14 if chinese else 5
    return [("" if chinese else " ").join(_sentence(rng, words, chinese)
                                          for _ in range(sentences)) for _ in range(count)]


def _pair(layout_a: list[str | int], layout_b: list[str | int], chinese: bool = False,
          seed: int = 3) -> Comparison:
    """Texts from layouts: an int n is n filler paragraphs, "P1"/"P2" a shared passage."""
    rng = random.Random(seed)
    shared_words = _SHARED_ZH if chinese else _SHARED
    passages = {name: _paragraphs(rng, shared_words, 1, chinese)[0] for name in ("P1", "P2")}
    texts = []
    for layout, words in ((layout_a, _FILLER_A_ZH if chinese else _FILLER_A),
                          (layout_b, _FILLER_B_ZH if chinese else _FILLER_B)):
        parts: list[str] = []
        for item in layout:
            parts.extend(_paragraphs(rng, words, item, chinese) if isinstance(item, int)
                         else [passages[item]])
        texts.append("\n\n".join(parts) + "\n")
    suffix = "_zh" if chinese else ""
    return compare(Document(texts[0], f"crossing_a{suffix}.txt"),
                   Document(texts[1], f"crossing_b{suffix}.txt"))


@pytest.fixture(scope="session")
def crossing() -> Comparison:
    return _pair(["P1", 14, "P2", 6], [1, "P2", 14, "P1", 6])


@pytest.fixture(scope="session")
def crossing_chinese() -> Comparison:
    return _pair(["P1", 14, "P2", 6], [1, "P2", 14, "P1", 6], chinese=True)


@pytest.fixture(scope="session")
def level() -> Comparison:
    return _pair([3, "P1", 3], [3, "P1", 3], seed=5)
