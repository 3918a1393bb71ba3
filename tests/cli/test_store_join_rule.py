"""The persistent index joins exactly the pairs that clustering joins."""

from __future__ import annotations

import itertools

import pytest

from dedupe_news.clusters import ClusterConfig, joinable
from dedupe_news.lsh import containment_from_jaccard
from dedupe_news.store import IndexSettings

JACCARDS = (0.0, 0.3, 0.55, 0.69, 0.7, 0.9, 1.0)
SIZES = (0, 5, 20, 60, 200, 900)


@pytest.mark.parametrize("config", [ClusterConfig(), ClusterConfig(threshold=0.5, min_shingles=5)])
def test_index_rule_is_the_cluster_rule(config: ClusterConfig) -> None:
    settings = IndexSettings.from_cluster_config(config)
    for jac, a, b in itertools.product(JACCARDS, SIZES, SIZES):
        small, large = min(a, b), max(a, b)
        expected = bool(joinable(jac, containment_from_jaccard(jac, small, large), small, large, config))
        assert settings.joinable(jac, 0.0, a, b) is expected, (jac, a, b)


def test_empty_documents_join_nothing_in_the_index() -> None:
    settings = IndexSettings.from_cluster_config(ClusterConfig())
    assert settings.joinable(1.0, 1.0, 0, 0) is False
    assert settings.joinable(1.0, 1.0, 0, 300) is False
