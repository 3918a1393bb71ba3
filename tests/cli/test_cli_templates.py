"""``dedupe-news templates fit | info`` and using the fitted model in ``clean``."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import read_jsonl, write_jsonl

# A site's chrome lines: neither a phrase rule nor structure removes these on their own.
CHROME = ("Weekend Edition with Pat Quinn", "Brought to you by the Riverside Gazette team")


def _page(number: int) -> str:
    return "\n".join(
        [
            CHROME[0],
            f"Council votes on budget item {number} after a long debate in the chamber.",
            f"Members said item {number} would be revisited next spring if costs rose again.",
            CHROME[1],
        ]
    )


def _site(folder: Path, pages: int) -> None:
    folder.mkdir(parents=True)
    for number in range(pages):
        (folder / f"page{number}.txt").write_text(_page(number), encoding="utf-8")


def test_fit_learns_the_chrome_of_each_folder_and_clean_removes_it(cli, tmp_path: Path) -> None:
    _site(tmp_path / "gazette", 4)
    model = tmp_path / "model.json"
    run = cli(["templates", "fit", tmp_path / "gazette", "-o", model, "-q"])
    assert run.code == 0, run.err
    data = json.loads(model.read_text(encoding="utf-8"))
    assert data["sources"] == {str(tmp_path / "gazette"): sorted(CHROME)}

    page = tmp_path / "gazette" / "page0.txt"
    without = cli(["clean", page, "-q"]).jsonl()[0]["text"]
    assert all(line in without for line in CHROME)  # the stage alone keeps them
    cleaned = cli(["clean", page, "--templates", model, "-q"]).jsonl()[0]["text"]
    assert cleaned == _page(0).split("\n", 1)[1].rsplit("\n", 1)[0]


def test_fit_needs_the_line_on_min_docs_pages(cli, tmp_path: Path) -> None:
    _site(tmp_path / "small", 2)
    model = tmp_path / "model.json"
    assert cli(["templates", "fit", tmp_path / "small", "-o", model, "-q"]).code == 0
    assert json.loads(model.read_text(encoding="utf-8"))["sources"] == {}
    assert cli(["templates", "fit", tmp_path / "small", "-o", model, "--min-docs", "2", "-q"]).code == 0
    assert list(json.loads(model.read_text(encoding="utf-8"))["sources"].values()) == [sorted(CHROME)]


def test_fit_from_jsonl_groups_by_source_key_and_is_deterministic(cli, tmp_path: Path) -> None:
    records = [{"id": str(n), "site": "gazette.example", "text": _page(n)} for n in range(5)]
    records.append({"id": "other", "site": "other.example", "text": _page(99)})
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for target in (first, second):
        assert cli(["templates", "fit", corpus, "--source-key", "site", "-o", target, "-q"]).code == 0
    assert first.read_bytes() == second.read_bytes()
    assert list(json.loads(first.read_text(encoding="utf-8"))["sources"]) == ["gazette.example"]

    out = tmp_path / "clean.jsonl"
    run = cli(["clean", corpus, "--templates", first, "--source-key", "site", "-o", out, "-q"])
    assert run.code == 0, run.err
    cleaned = {r["id"]: r["text"] for r in read_jsonl(out)}
    assert not any(line in cleaned["0"] for line in CHROME)
    assert all(line in cleaned["other"] for line in CHROME)  # another source keeps its lines

    info = cli(["templates", "info", first])
    assert info.code == 0
    assert json.loads(info.out)["sources"] == {"gazette.example": 2}


def test_jsonl_without_a_source_is_refused_and_writes_nothing(cli, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [{"id": "1", "text": _page(1)}])
    model = tmp_path / "model.json"
    run = cli(["templates", "fit", corpus, "-o", model])
    assert run.code == 2
    assert "corpus.jsonl:1" in run.err and "--source-key" in run.err
    assert not model.exists()


def test_fit_refuses_to_overwrite_an_input(cli, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [{"id": "1", "site": "s", "text": _page(1)}])
    before = corpus.read_bytes()
    run = cli(["templates", "fit", corpus, "--source-key", "site", "-o", corpus])
    assert run.code == 2 and "also an input" in run.err
    assert corpus.read_bytes() == before


def test_info_on_a_file_that_is_not_a_model_fails_clearly(cli, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text("{not json", encoding="utf-8")
    run = cli(["templates", "info", bogus])
    assert run.code == 3 and "bogus.json" in run.err and "not valid JSON" in run.err


def test_fit_refuses_a_fraction_of_zero(cli, tmp_path: Path) -> None:
    _site(tmp_path / "gazette", 3)
    model = tmp_path / "model.json"
    run = cli(["templates", "fit", tmp_path / "gazette", "-o", model, "--min-fraction", "0"])
    assert run.code == 2 and "min_fraction" in run.err
    assert not model.exists()
