"""Connected components by min-label propagation, on graphs whose components are known."""

from __future__ import annotations

import random

from pyspark.sql import SparkSession

from viewer.spark.components import connected_components


def _components(spark: SparkSession, nodes: list[int],
                edges: list[tuple[int, int]]) -> tuple[dict[int, int], int]:
    node_frame = spark.createDataFrame([(n,) for n in nodes], "node long")
    edge_frame = spark.createDataFrame(edges or [], "src long, dst long")
    labels, rounds = connected_components(node_frame, edge_frame)
    return {row.node: row.component for row in labels.collect()}, rounds


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


def test_a_chain_written_backwards_settles_on_its_smallest_node(spark: SparkSession) -> None:
    nodes = [9, 7, 5, 3, 1, 20, 21, 30]
    edges = [(9, 7), (7, 5), (5, 3), (3, 1), (21, 20)]
    labels, rounds = _components(spark, nodes, edges)
    assert labels == {9: 1, 7: 1, 5: 1, 3: 1, 1: 1, 20: 20, 21: 20, 30: 30}
    assert rounds == 5  # four hops from 9 to 1, and one round to see nothing change


def test_random_graphs_agree_with_union_find(spark: SparkSession) -> None:
    rng = random.Random(7)
    nodes = list(range(0, 400, 2))
    edges = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(150)]
    labels, _ = _components(spark, nodes, edges)
    assert labels == _union_find(nodes, edges)
    assert len(set(labels.values())) > 40  # sparse: many components, not one
