"""Connected components by min-label propagation, on a graph whose components are known."""

from __future__ import annotations

import random

from pyspark.sql import SparkSession

from viewer.spark.components import connected_components


def _union_find(nodes: list[int], edges: list[tuple[int, int]]) -> dict[int, int]:
    parent = {n: n for n in nodes}

    def root(n: int) -> int:
        while parent[n] != n:
            n = parent[n]
        return n

    for a, b in edges:
        ra, rb = root(a), root(b)
        parent[max(ra, rb)] = min(ra, rb)
    return {n: root(n) for n in nodes}


def test_components_agree_with_union_find(spark: SparkSession) -> None:
    rng = random.Random(7)
    sparse = list(range(0, 120, 2))
    edges = [(rng.choice(sparse), rng.choice(sparse)) for _ in range(30)]
    # A chain written backwards: its smallest node is three hops from its far end.
    chain = [1005, 1003, 1001, 1000, 1011]
    edges += list(zip(chain, chain[1:], strict=False))
    nodes = sparse + chain + [2000]  # and a node with no edge at all
    node_frame = spark.createDataFrame([(n,) for n in nodes], "node long")
    edge_frame = spark.createDataFrame(edges, "src long, dst long")
    labels, rounds = connected_components(node_frame, edge_frame)
    found = {row.node: row.component for row in labels.collect()}
    assert found == _union_find(nodes, edges)
    assert {found[n] for n in chain} == {1000} and found[2000] == 2000
    assert len(set(found.values())) > 20  # sparse: many components, not one
    assert rounds >= 4  # the chain's far end needs three rounds to hear of 1000, one to settle
