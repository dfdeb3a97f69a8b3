"""Connected components of a graph held as a DataFrame of edges, by min-label propagation.

Every node starts with its own id as label; each round, a node takes the smallest label among
itself and its neighbours, until no label changes. The labels are then the smallest node id of
each component. Each round is a join and a group-by, checkpointed locally so the plan does not
grow with the rounds. The number of rounds is the largest distance from a node to its
component's smallest node, plus one: clusters of reused passages are a few hops wide.
Nothing is downloaded (no GraphFrames); only DataFrame operations.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

#: A guard against a graph that keeps changing (it cannot: labels only decrease).
MAX_ROUNDS = 10_000


def connected_components(nodes: DataFrame, edges: DataFrame) -> tuple[DataFrame, int]:
    """`(node, component)` for every node of `nodes` (column `node`, long), given `edges`
    (columns `src`, `dst`, undirected); `component` is the smallest node id it is connected to.
    Also returns the number of rounds it took."""
    links = (edges.select(F.col("src").alias("node"), F.col("dst").alias("other"))
             .unionByName(edges.select(F.col("dst").alias("node"), F.col("src").alias("other")))
             .where(F.col("node") != F.col("other"))
             .distinct()
             .localCheckpoint())
    labels = (nodes.select("node").distinct()
              .withColumn("component", F.col("node"))
              .localCheckpoint())
    for rounds in range(1, MAX_ROUNDS + 1):
        offered = (links.join(labels.withColumnRenamed("node", "other"), "other")
                   .groupBy("node").agg(F.min("component").alias("offered")))
        updated = (labels.join(offered, "node", "left")
                   .select("node",
                           F.least("component", F.coalesce("offered", "component"))
                           .alias("component"),
                           (F.coalesce("offered", "component") < F.col("component"))
                           .alias("changed"))
                   .localCheckpoint())
        labels = updated.select("node", "component")
        if not updated.where("changed").limit(1).count():
            return labels, rounds
    raise RuntimeError(f"connected components did not settle in {MAX_ROUNDS} rounds")
