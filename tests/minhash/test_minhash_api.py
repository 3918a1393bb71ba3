"""Configs round-trip, validation messages, golden hash values, small inputs."""

from __future__ import annotations

import numpy as np
import pytest

from dedupe_news import (
    ClusterConfig,
    ConfigError,
    MinHashConfig,
    ShingleConfig,
    cluster,
    cluster_signatures,
    dedup,
    shingle_hash,
    signatures,
    signatures_and_sizes,
)


def test_shingle_hash_golden_values() -> None:
    # Stored signatures depend on these: a change needs a new SHINGLE_HASH_VERSION.
    assert shingle_hash(b"amazon workers protest facial recognition") == 3451333596
    assert shingle_hash("amazon workers protest facial recognition") == 3451333596
    assert shingle_hash(b"a") == 3988977025
    assert signatures(["Amazon workers protest facial recognition software."])[0][:4].tolist() == [
        1339717459,
        1002542116,
        1129912798,
        3779354055,
    ]


def test_minhash_config_round_trips_through_dict() -> None:
    config = MinHashConfig(num_perm=64, seed=9, shingle=ShingleConfig(kind="char", n=7, fold_digits=False))
    data = config.to_dict()
    assert data["scheme"] == "affine32" and data["num_perm"] == 64
    assert MinHashConfig.from_dict(data) == config
    assert MinHashConfig.from_dict(MinHashConfig().to_dict()) == MinHashConfig()


def test_minhash_config_refuses_other_hash_or_scheme() -> None:
    data = MinHashConfig().to_dict()
    with pytest.raises(ConfigError, match="rebuild"):
        MinHashConfig.from_dict({**data, "hash": "sha1/0"})
    with pytest.raises(ConfigError, match="scheme"):
        MinHashConfig.from_dict({**data, "scheme": "legacy"})
    with pytest.raises(ConfigError, match="unknown"):
        MinHashConfig.from_dict({**data, "colour": "blue"})


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: ShingleConfig(kind="sentence"), "kind"),
        (lambda: ShingleConfig(n=0), "n must be"),
        (lambda: MinHashConfig(num_perm=1), "num_perm"),
        (lambda: ClusterConfig(min_size_ratio=0), "min_size_ratio"),
        (lambda: ClusterConfig(bands_rows=(20, 20)), "bands \\* rows"),
        (lambda: signatures("one string"), "sequence of strings"),
        (lambda: signatures(["x"], batch_size=0), "batch_size"),
        (lambda: signatures(["x"], threads=0), "threads"),
    ],
)
def test_bad_settings_raise_config_error(make, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make()


def test_threads_give_the_same_values() -> None:
    texts = [f"story number {i} about the council budget vote and the new library" * 3 for i in range(50)]
    np.testing.assert_array_equal(signatures(texts, batch_size=8), signatures(texts, batch_size=8, threads=2))


def test_empty_and_single_inputs() -> None:
    assert cluster([]).clusters == ()
    assert signatures([]).shape == (0, 128)
    (only,) = cluster([("x", "A single story.")]).clusters
    assert only.members == ("x",) and only.similarity == (1.0,)
    assert dedup(iter([("x", "A single story.")])).kept[0].id == "x"


def test_cluster_signatures_uses_completeness_for_the_canonical() -> None:
    text = "The council approved the budget on Tuesday after a long debate about the new library."
    sigs, sizes = signatures_and_sizes([text, text, text])
    config = ClusterConfig(clean=False)
    by_id = cluster_signatures(["b", "a", "c"], sigs, sizes, config)
    assert by_id.clusters[0].canonical == "a"
    by_score = cluster_signatures(["b", "a", "c"], sigs, sizes, config, completeness=[1, 2, 3])
    assert by_score.clusters[0].canonical == "c"
    assert by_score.assignments == {"a": "c", "b": "c", "c": "c"}


def test_cluster_signatures_checks_alignment() -> None:
    sigs, sizes = signatures_and_sizes(["one two three", "four five six"])
    with pytest.raises(ConfigError, match="align"):
        cluster_signatures(["a"], sigs, sizes)
    with pytest.raises(ConfigError, match="num_perm"):
        cluster_signatures(["a", "b"], sigs[:, :64], sizes)


def test_bands_rows_override_is_used() -> None:
    result = cluster([("a", "one two three four five six")], ClusterConfig(bands_rows=(16, 8)))
    assert result.bands_rows == (16, 8)


def test_large_bucket_of_exact_copies_stays_one_cluster() -> None:
    text = "The council approved the budget on Tuesday after a long debate about the new library branch."
    docs = [(f"c{i:03d}", text) for i in range(150)] + [(f"e{i}", "") for i in range(30)]
    result = cluster(docs, ClusterConfig(max_bucket=10))
    (copies,) = result.duplicates
    assert len(copies.members) == 150 and copies.canonical == "c000"
    assert len(result.clusters) == 1 + 30


def test_non_text_input_is_an_input_error() -> None:
    from dedupe_news import InputError

    with pytest.raises(InputError, match="text 1 is NoneType"):
        signatures(["fine", None])  # type: ignore[list-item]
