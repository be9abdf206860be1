from datetime import date

import pytest

from sitegen.ingest.compose import Record, Speech, body_markdown, escape_markdown, front_matter
from sitegen.ingest.headline import write_headline
from sitegen.ingest.store import Shelf, title_slug
from sitegen.markdown.markup import Markup
from sitegen.markdown.quotes import bare_quote
from sitegen.core.yamldoc import parse_yaml


@pytest.mark.parametrize("text", ["# not a heading", "1. not a list", "- not a bullet", "*not emphasis*",
                                  "a | b | c", "<b>not html</b>", "[not](a link)", "~~not struck~~",
                                  "AT&amp;T", "2023. A year", "`not code`", "\\ backslash", "---",
                                  "===", "- - -", "+++ plus"])
def test_markdown_in_the_source_renders_as_the_words_it_was(text):
    assert Markup().plain_text(escape_markdown(text) + "\n") == text


def test_quote_paragraphs_become_one_blockquote_word_for_word():
    body = body_markdown(["Lead.", "“One.", "“Two,” he said.", "After."], {1, 2}, {2})
    assert body == "Lead.\n\n> “One.\n>\n> “Two,” he said.\n\nAfter.\n"
    assert Markup().render(body).quotes == ("One.\n\nTwo",)


def test_bare_quote_keeps_a_quote_without_attribution_as_is():
    assert bare_quote("No marks here.") == "No marks here."
    assert bare_quote("«Да», - заявил он.") == "Да"


def test_front_matter_is_valid_yaml_for_any_title():
    record = Record(title='Q: "yes" \u0085 — «да»\u2028', date=date(2023, 1, 2), date_confidence="low",
                    speakers=(Speech("a-b", "Role: x"),), venue=None, topics=("t",), places=(),
                    people=(), language="en", translations=("hy",), outlet=None, url="https://x.example/a?b=1",
                    archived="https://web.archive.org/web/2023/https://x.example/a?b=1",
                    file="content/inbox/a b.txt", sha256="0" * 64, review=("date: x",), draft=True)
    data = parse_yaml(front_matter(record)[4:-4]).data
    assert data["title"] == record.title
    assert data["speakers"] == [{"id": "a-b", "role": "Role: x"}]
    assert data["source"]["file"] == "content/inbox/a b.txt"
    assert data["source"]["archived"] == record.archived
    assert data["source"]["url"] == "https://x.example/a?b=1"
    assert data["draft"] is True and data["date"] == "2023-01-02"


def test_written_headline_quotes_nobody():
    title = write_headline("Ararat Mirzoyan",
                           "YEREVAN. – The talks will resume next week, Foreign Minister Ararat Mirzoyan said.",
                           "YEREVAN. –")
    assert title == "Mirzoyan: The talks will resume next week"
    assert '"' not in title and "«" not in title


def test_slugs_are_ascii_and_short():
    assert title_slug("Полянский: Россия продолжает играть ведущую роль") == "polyanskiy-rossiya-prodolzhaet-igrat-vedushchuyu-rol"
    assert len(title_slug("word " * 40)) <= 60


def test_near_duplicates_are_measured_as_check_measures_them():
    from pathlib import Path

    story = " ".join(f"word{i}" for i in range(200))
    shelf = Shelf()
    shelf.remember(Path("a.md"), "a.txt", "x", story)
    path, share = shelf.near_duplicate(story.replace("word5 ", "changed "))
    assert path == Path("a.md") and 0.9 < share < 1
    assert shelf.near_duplicate(" ".join(f"other{i}" for i in range(200))) is None
    assert shelf.near_duplicate("too short to compare") is None


def test_a_long_lead_loses_a_trailing_circumstance_never_a_qualifier():
    lead = ("The Russian Federation continues to play a leading role in the process of promoting "
            "the normalization of relations between the two countries, he said.")
    assert write_headline("Dmitry Polyanskiy", lead, None) == \
        "Polyanskiy: The Russian Federation continues to play a leading role"
    qualified = ("The government will not sign any agreement on the border without firm guarantees "
                 "from both of its neighbours and the mediators, the minister said.")
    assert "without" in write_headline(None, qualified, None) or "…" in write_headline(None, qualified, None)
