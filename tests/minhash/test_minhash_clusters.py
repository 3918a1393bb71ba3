"""Syndicated copies cluster with their original; distinct stories stay apart."""

from __future__ import annotations

import random

import pytest
from minhash_variants import SITES, VARIANTS, paragraphs, seeds, wrap

from dedupe_news import ClusterConfig, Document, InputError, cluster, dedup
from dedupe_news.errors import ConfigError

SEEDS = seeds()


def partition(result) -> set[frozenset[str]]:
    return {frozenset(c.members) for c in result.clusters}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_variant_clusters_with_its_original(seed: str, variant: str) -> None:
    docs = [(key, text) for key, text in SEEDS.items()] + [("copy", VARIANTS[variant](SEEDS[seed]))]
    result = cluster(docs)
    assert result.assignments["copy"] == result.assignments[seed]
    assert len(result.clusters) == 5


def test_all_variants_of_all_seeds_form_five_clusters() -> None:
    docs = [(key, text) for key, text in SEEDS.items()]
    docs += [(f"{key}-{name}", fn(text)) for key, text in SEEDS.items() for name, fn in VARIANTS.items()]
    result = cluster(docs)
    assert len(result.clusters) == 5
    for c in result.clusters:
        assert {m[:3] for m in c.members} == {c.canonical[:3]}


def test_five_seeds_stay_five_clusters() -> None:
    # 000 and 002 quote the same Amazon statement; all five are about Amazon and ICE.
    result = cluster(SEEDS.items())
    assert len(result.clusters) == 5 and result.duplicates == ()


def test_different_stories_in_the_same_site_template_stay_apart() -> None:
    for site in SITES["sites"]:
        docs = [(key, wrap(text, site)) for key, text in SEEDS.items()]
        assert len(cluster(docs).clusters) == 5


def test_short_text_quoting_a_long_one_does_not_join_it() -> None:
    long_paras = paragraphs(SEEDS["003"])
    quote = " ".join(long_paras[4:6])
    docs = [("long", SEEDS["003"])]
    docs += [(f"quote{i}", w.format(quote=quote)) for i, w in enumerate(SITES["quote_wrappers"])]
    docs += [("excerpt", "\n\n".join(long_paras[3:6]))]  # a bare excerpt, well under a quarter
    result = cluster(docs)
    assert result.duplicates == ()


def test_same_input_gives_identical_result() -> None:
    docs = [(key, text) for key, text in SEEDS.items()] + [("copy", VARIANTS["new_headline"](SEEDS["001"]))]
    assert cluster(docs) == cluster(docs)


def test_shuffled_input_gives_same_partition_and_ids() -> None:
    docs = [(key, text) for key, text in SEEDS.items()]
    docs += [(f"{key}-{name}", fn(text)) for key, text in SEEDS.items() for name, fn in VARIANTS.items()]
    first = cluster(docs)
    shuffled = list(docs)
    random.Random(3).shuffle(shuffled)
    second = cluster(shuffled)
    assert partition(first) == partition(second)
    assert first.assignments == second.assignments


def test_canonical_is_the_most_complete_then_smallest_id() -> None:
    story = SEEDS["004"]
    trimmed = story[: story.index("\n", len(story) // 2)]  # cut after about half
    result = cluster([("b-trimmed", trimmed), ("z-full", story), ("a-full", story)])
    (c,) = result.clusters
    assert c.canonical == "a-full" and c.id == "a-full"
    assert c.members[0] == "a-full"
    assert c.similarity[c.members.index("z-full")] == 1.0
    assert c.similarity[c.members.index("b-trimmed")] < 0.7
    assert c.containment[c.members.index("b-trimmed")] > 0.9


def test_dedup_accounts_for_every_document() -> None:
    docs = [Document(key, text, {"source": "seed"}) for key, text in SEEDS.items()]
    docs += [Document(f"{k}-{n}", fn(t)) for k, t in SEEDS.items() for n, fn in VARIANTS.items()]
    result = dedup(docs)
    assert len(result.kept) + len(result.dropped) == len(docs)
    assert len(result.kept) == 5
    kept_ids = {d.id for d in result.kept}
    assert {d.id for d in result.dropped}.isdisjoint(kept_ids)
    for d in result.dropped:
        assert d.canonical in kept_ids and d.cluster == d.canonical
        assert d.reason in {"near_duplicate", "contained", "linked"}
        assert 0.0 <= d.similarity <= 1.0
    originals = {d.id: d.text for d in docs}
    assert all(d.text == originals[d.id] for d in result.kept)  # original, uncleaned text
    assert result.counts()["dropped"] == len(result.dropped)


def test_dedup_keeps_distinct_documents_untouched() -> None:
    docs = [{"id": key, "text": text, "lang": "en"} for key, text in SEEDS.items()]
    result = dedup(docs)
    assert [d.id for d in result.kept] == list(SEEDS) and result.dropped == []
    assert result.kept[0].metadata == {"lang": "en"}


def test_empty_documents_join_nothing() -> None:
    result = cluster([("a", ""), ("b", ""), ("c", "  ")])
    assert len(result.clusters) == 3


def test_input_errors() -> None:
    with pytest.raises(InputError, match="duplicate document id"):
        cluster([("a", "x"), ("a", "y")])
    with pytest.raises(InputError):
        cluster([{"text": "no id"}])
    with pytest.raises(ConfigError, match="threshold"):
        ClusterConfig(threshold=1.5)
