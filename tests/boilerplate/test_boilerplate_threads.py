"""Reader comment threads found by their repeated commenter, timestamp and reply lines."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from dedupe_news import normalize
from dedupe_news.boilerplate import BoilerplateConfig, strip_boilerplate
from dedupe_news.boilerplate.threads import REPLY_STEMS, THREAD_RULE, thread_span

ARTICLE = [
    "The city council voted on Tuesday to expand the bus network, adding four routes that will serve "
    "neighbourhoods on the east side of the river for the first time in a decade.",
    "Officials said the new routes would start running in March and that fares would stay the same, "
    "although the council will review the budget again in the autumn.",
    "Residents who live far from the existing stops had asked for the change for years, and several of "
    "them attended the meeting to thank the councillors who proposed it.",
    "The transport department will publish the new timetables next month, once the drivers' union has "
    "agreed the shift patterns for the extra buses.",
    "Business owners on the high street said they expected more customers once the buses run, although "
    "some worried about the loss of parking spaces near the new stops.",
    "The council will hold two public meetings in February to explain the changes and to hear from "
    "residents who have questions about the routes or the timetables.",
]

COMMENTS = [
    "Sharon says",
    "July 14, 2015 at 3:53 pm",
    "Finally! I have been waiting for a bus on our street since we moved here, and this is great news.",
    "Reply",
    "Mark Jones says",
    "July 15, 2015 at 8:28 am",
    "I hope they keep the fares the same after the review as well.",
    "Reply",
    "Amy says",
    "July 16, 2015 at 4:32 pm",
    "Does anyone know if the new routes will run on Sundays?",
    "Reply",
]


def _text(lines: list[str]) -> str:
    return "\n\n".join(lines)


def test_wordpress_thread_below_a_short_article_is_removed() -> None:
    result = strip_boilerplate(_text(ARTICLE + COMMENTS))
    for paragraph in ARTICLE:
        assert paragraph in result.text
    assert "waiting for a bus on our street" not in result.text
    assert "run on Sundays" not in result.text
    assert THREAD_RULE in {change.rule for change in result.changes}


def test_thread_with_ages_next_to_reply_buttons_is_removed() -> None:
    comments = [
        "cse", "1 year ago", "Fix it Friday is my favourite column, and this one was very useful.", "Reply",
        "Stephanie", "1 year ago", "I second this question, how do you handle the timetable change?", "Reply",
    ]
    result = strip_boilerplate(_text(ARTICLE + comments))
    assert "Fix it Friday" not in result.text
    assert "I second this question" not in result.text
    assert ARTICLE[-1] in result.text


def test_thread_span_covers_first_to_last_marker() -> None:
    lines = ARTICLE + COMMENTS
    assert thread_span(lines) == (len(ARTICLE), len(lines) - 1)


def test_quotes_introduced_by_said_are_not_a_thread() -> None:
    lines = [
        ARTICLE[0],
        "The mayor said:",
        "“This is the biggest change to the network in a generation, and it will not be the last.”",
        "The opposition leader said:",
        "“We welcome the routes, but the council must say how it will pay for them next year.”",
        "A spokesperson for the drivers said:",
        "“Our members are ready to run the extra buses once the shifts are agreed.”",
        ARTICLE[1],
    ]
    text = _text(lines)
    assert thread_span(lines) is None
    assert "boilerplate.comments.thread" not in {c.rule for c in strip_boilerplate(text).changes}


def test_reply_buttons_alone_do_not_make_a_thread() -> None:
    # embedded posts show "Reply" buttons but no commenter or timestamp lines
    lines = [ARTICLE[0], ARTICLE[1], "Reply", ARTICLE[2], "Reply", ARTICLE[3], "Reply"]
    assert thread_span(lines) is None
    result = strip_boilerplate(_text(lines))
    for paragraph in ARTICLE[:4]:
        assert paragraph in result.text


def test_dateline_far_from_a_reply_button_is_not_a_marker() -> None:
    lines = ["July 19, 2018", *ARTICLE, "Reply", "Reply"]
    assert thread_span(lines) is None


def test_thread_without_an_article_above_is_left_alone() -> None:
    lines = COMMENTS + ARTICLE
    assert thread_span(lines) is None


def test_forum_like_page_with_a_short_first_post_is_left_alone() -> None:
    # a short opening post (under 150 words of prose) then replies: the replies are the content
    lines = [ARTICLE[0], ARTICLE[1], *COMMENTS]
    assert thread_span(lines) is None


def test_sections_switch_turns_threads_off() -> None:
    text = _text(ARTICLE + COMMENTS)
    config = BoilerplateConfig(sections=False, structural=False)
    result = strip_boilerplate(text, config)
    assert "waiting for a bus on our street" in result.text
    assert THREAD_RULE not in {change.rule for change in result.changes}


def test_blogger_thread_with_names_glued_to_dates_is_removed() -> None:
    comments = [
        "Replies",
        "EditorSeptember 15, 2008 at 9:19 PM",
        "Less is more, and this post shows it well for anyone running a small team.",
        "ReplyDelete",
        "JamesApril 27, 2009 at 8:59 AM",
        "Thanks for writing this up, the part about the timetables was very useful.",
        "ReplyDelete",
    ]
    result = strip_boilerplate(_text(ARTICLE + comments))
    assert "Less is more" not in result.text
    assert "the part about the timetables" not in result.text
    assert ARTICLE[-1] in result.text


def test_reply_lines_given_by_the_caller_give_the_same_span() -> None:
    stems = tuple(stem[1:] for stem in REPLY_STEMS)
    for lines in (ARTICLE + COMMENTS, ARTICLE + COMMENTS[:4], ARTICLE, COMMENTS + ARTICLE):
        replies = [i for i, line in enumerate(lines) if line.startswith(stems)]
        assert thread_span(lines, replies) == thread_span(lines)
    lines = ARTICLE + COMMENTS
    assert thread_span(lines, []) is None  # no reply button: no thread, whatever the markers


_EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "wcxb_dev.jsonl.gz"


def test_stripping_pages_with_a_thread_twice_changes_nothing() -> None:
    # The thread is found after the article body is located; without the
    # thread, the comment form around it reads as footer. The stage labels
    # what it keeps once more, so a second strip finds nothing left to do.
    if not _EVAL.is_file():
        pytest.skip("../shared/eval is not beside this checkout")
    with gzip.open(_EVAL, "rt", encoding="utf-8") as handle:
        pages = [normalize(json.loads(line)["page_text"]) for line in handle]
    threaded = 0
    unsettled = []
    for number, page in enumerate(pages):
        result = strip_boilerplate(page)
        if not any(change.rule == THREAD_RULE for change in result.changes):
            continue
        threaded += 1
        if strip_boilerplate(result.text, explain=False).text != result.text:
            unsettled.append(number)
    assert threaded >= 10, "the dev pages hold comment threads"
    assert unsettled == []
