"""The five seed articles come out of ``dedupe_news.clean`` without their widgets.

Assertions are on the cleaned text: the article body is intact, headlines and
subheadings stay, and every widget line the issue names is gone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import dedupe_news
from dedupe_news.normalize import normalize

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(prefix + "_*.txt")
    return path.read_text(encoding="utf-8")


def _cleaned(prefix: str) -> str:
    return dedupe_news.clean(_seed(prefix))


WIDGETS = {
    "000": [
        "Comment(s)",
        "Print E-mail",
        "Adjust font size",
        "Enditem",
        "Follow China.org.cn on Twitter",
        "ChinaNews App Download",
        "Bookmark and Share",
        "Go to Forum",
        "No comments.",
        "Add your comments",
        "User Name Required",
        "Your Comment",
        "Enter the words you see",
        "may be removed by the moderator",
        "Send your stories",
    ],
    "001": ["READ MORE:", "More on Amazon and ICE:", "Share This Article"],
    "002": ["(tagsToTranslate)", "(t)", "Source link"],
    "003": [
        "SUBSCRIBE TO OUR FREE NEWSLETTER",
        "delivered straight to your inbox",
        "#000000",
        "#FFFFFF",
        "To donate by check",
        "More Ways to Give",
        "Common Dreams is powered by optimists",
        "Your contribution supports",
    ],
    "004": [
        "Remember me",
        "Forgot",
        "Log in with Twitter",
        "article image",
        "More about Amazon, facial recognition software",
        "More news from",
        "Latest News",
        "Top News",
    ],
}

HEADINGS = {
    "000": [
        "Roundup: Activists protest against Amazon's technological cooperation with ICE on Prime Day",
        "Xinhua, July 16, 2019",
    ],
    "001": ["Mass Protests"],
    "002": ["March 4, 2021", "Pro-immigrant activists protest at Amazon forum in New York"],
    "003": [],
    "004": [
        "Amazon workers protest facial recognition software sale to cops",
        "Amazon Web Services Rekognition and AWS cloud services",
        "The Amazon protest follows earlier ones at Google and Microsoft",
    ],
}

#: Long lines of the seeds that are widgets, not article prose.
LONG_WIDGETS = ("Common Dreams is powered by", "Daily news & progressive opinion", "Follow China.org.cn")


@pytest.mark.parametrize("prefix", sorted(WIDGETS))
def test_every_named_widget_is_gone(prefix: str) -> None:
    cleaned = _cleaned(prefix)
    for widget in WIDGETS[prefix]:
        assert widget not in cleaned, f"seed {prefix}: {widget!r} survived"


@pytest.mark.parametrize("prefix", sorted(HEADINGS))
def test_headlines_and_subheadings_stay(prefix: str) -> None:
    lines = _cleaned(prefix).split("\n")
    for heading in HEADINGS[prefix]:
        assert heading in lines, f"seed {prefix}: heading {heading!r} lost"


@pytest.mark.parametrize("prefix", sorted(WIDGETS))
def test_article_body_is_intact(prefix: str) -> None:
    cleaned = _cleaned(prefix)
    paragraphs = [
        line
        for line in normalize(_seed(prefix)).split("\n")
        if len(line.split()) >= 20 and not line.startswith(LONG_WIDGETS)
    ]
    assert paragraphs
    for paragraph in paragraphs:
        # the repeats stage may cut a pull quote glued to the front of a line,
        # and an agency end marker glued to the last sentence is cut
        paragraph = paragraph.removesuffix(" Enditem")
        assert paragraph[-80:] in cleaned, f"seed {prefix}: lost {paragraph[:60]!r}"


def test_enditem_is_cut_and_last_sentence_stays() -> None:
    cleaned = _cleaned("000")
    assert 'legislative framework for this," it said.' in cleaned
    assert "Enditem" not in cleaned


@pytest.mark.parametrize("prefix", sorted(WIDGETS))
def test_output_is_tidy_and_stable(prefix: str) -> None:
    cleaned = _cleaned(prefix)
    assert "\n\n\n" not in cleaned
    assert cleaned == cleaned.strip("\n")
    assert dedupe_news.clean(cleaned) == cleaned
