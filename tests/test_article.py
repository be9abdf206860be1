"""article: one file → an Article to the front-matter contract, or diagnostics with lines."""

from datetime import date, datetime

import pytest

from sitegen.archive.article import read_article
from sitegen.core.records import Source, SpeakerRef
from tests.factory import md


@pytest.fixture(autouse=True)
def _in_archive_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages show paths relative to the working folder


def read(tmp_path, content: str | bytes, name: str = "2023-09-21-smyth-on-budget.md",
         language: str = "en"):
    path = tmp_path / "content" / "articles" / "2023" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    diagnostics = []
    loaded = read_article(path, f"content/articles/2023/{name}", language, diagnostics)
    return ArticleView(loaded) if loaded else None, [d.format() for d in diagnostics]


class ArticleView:
    """The record's fields, plus the body read beside it, for compact asserts."""

    def __init__(self, loaded):
        self._article = loaded.article
        self.body = loaded.body

    def __getattr__(self, name):
        return getattr(self._article, name)


def test_minimal_article(tmp_path):
    article, problems = read(tmp_path, md("title: Smyth on the budget\ndate: 2023-09-21"))
    assert problems == []
    assert (article.id, article.slug, article.url) == (
        "2023-09-21-smyth-on-budget", "smyth-on-budget", "2023/09/21/smyth-on-budget/")
    assert article.date == date(2023, 9, 21)
    assert article.language == "en" and article.draft is False
    assert article.speakers == () and article.source == Source()
    assert article.body == "Body.\n" and article.body_line == 5


def test_full_article(tmp_path):
    article, problems = read(tmp_path, md("""
title: "Polyanskiy at the UN"
date: 2023-09-21T10:00:00+04:00
date_confidence: low
speakers:
  - id: dmitry-polyanskiy
    role: First Deputy Representative
  - vassily-nebenzia
venue: UN Security Council
topics: [peacekeeping, peacekeeping]
places: [armenia]
people: [vladimir-putin]
language: ru
translations: [hy, en]
source:
  outlet: news-am
  url: https://news.am/x
  file: content/inbox/000.txt
  sha256: "%s"
review:
  - "date: no year"
draft: false
extra:
  anything: [goes, here]
""" % ("a" * 64)))
    assert problems == []
    assert isinstance(article.date, datetime) and article.day == date(2023, 9, 21)
    assert article.speakers == (SpeakerRef("dmitry-polyanskiy", "First Deputy Representative"),
                                SpeakerRef("vassily-nebenzia"))
    assert article.topics == ("peacekeeping",)
    assert article.translations == ("hy", "en")
    assert article.source.outlet == "news-am" and article.source.sha256 == "a" * 64
    assert article.extra == {"anything": ["goes", "here"]}


def test_language_no_is_norwegian(tmp_path):
    article, _ = read(tmp_path, md("title: x\ndate: 2023-09-21\nlanguage: no"))
    assert article.language == "no"


def test_default_language_comes_from_site(tmp_path):
    article, _ = read(tmp_path, md("title: x\ndate: 2023-09-21"), language="hy")
    assert article.language == "hy"


def test_file_without_date_prefix_uses_whole_stem_as_slug(tmp_path):
    article, _ = read(tmp_path, md("title: x\ndate: 2023-09-21"), name="x.md")
    assert (article.id, article.url) == ("x", "2023/09/21/x/")


def test_crlf_and_bom(tmp_path):
    article, problems = read(tmp_path, b"\xef\xbb\xbf---\r\ntitle: x\r\ndate: 2023-09-21\r\n---\r\nBody\r\n")
    assert problems == [] and article.body == "Body\n"


def test_every_problem_of_a_file_is_reported(tmp_path):
    article, problems = read(tmp_path, md("""
date: 2023-02-30
date_confidence: sure
speakers:
  - Jane Smyth
  - id: jane-smyth
    rol: x
topics: [Budget Policy]
draft: yes
source:
  url: ftp://x
  sha256: abc
"""))
    assert article is None
    p = "content/articles/2023/2023-09-21-smyth-on-budget.md"
    assert problems == [
        f'{p}:2: missing required key "title" (add a line "title: …")',
        f'{p}:2: impossible date "2023-02-30": day is out of range for month (use a real calendar date)',
        f'{p}:3: "date_confidence" must be one of high, medium, low, not "sure"',
        f'{p}:5: "Jane Smyth" is not a valid id (ids are lowercase ASCII slugs, like "jane-smyth")',
        f'{p}:7: unknown key "rol" (did you mean "role"?)',
        f'{p}:8: "Budget Policy" is not a valid id (ids are lowercase ASCII slugs, like "budget-policy")',
        f'{p}:11: source url "ftp://x" is not an http(s) address',
        f'{p}:12: source sha256 must be 64 lowercase hex digits',
        f'{p}:9: "draft" must be true or false, not "yes"',
    ]


def test_speaker_listed_twice(tmp_path):
    _, problems = read(tmp_path, md("title: x\ndate: 2023-09-21\nspeakers:\n  - a\n  - id: a\n"))
    assert problems == ['content/articles/2023/2023-09-21-smyth-on-budget.md:6: speaker "a" is listed twice '
                        "(list each speaker once)"]


def test_unknown_key_hints_at_extra(tmp_path):
    _, problems = read(tmp_path, md("title: x\ndate: 2023-09-21\nauthor: me"))
    assert problems == ['content/articles/2023/2023-09-21-smyth-on-budget.md:4: unknown key "author" '
                        '(put custom keys under "extra:")']


def test_yaml_error_has_the_file_line(tmp_path):
    _, problems = read(tmp_path, md("title: x\ndate: 2023-09-21\nvenue: a: b"))
    assert problems == ["content/articles/2023/2023-09-21-smyth-on-budget.md:4: invalid YAML: a colon and "
                        'a space (": ") inside a value (a value that contains ": " must be put in quotes)']


def test_yaml_error_names_the_unclosed_list(tmp_path):
    _, problems = read(tmp_path, md("title: x\ndate: 2023-09-21\ntopics: [a, b"))
    assert problems == ["content/articles/2023/2023-09-21-smyth-on-budget.md:4: invalid YAML: a list in [ ] "
                        'is not closed (close it with "]", and put items that contain "," "[" or "]" in quotes)']


def test_yaml_error_of_an_empty_unclosed_list_names_its_line(tmp_path):
    _, problems = read(tmp_path, md("title: x\ndate: 2023-09-21\ntopics: ["))
    assert problems[0].startswith("content/articles/2023/2023-09-21-smyth-on-budget.md:4: invalid YAML: ")
    assert "flow node" not in problems[0]


def test_yaml_tag_is_refused_with_a_hint(tmp_path):
    _, problems = read(tmp_path, md("title: x\ndate: 2023-09-21\nvenue: !!python/object/apply:os.system [ls]"))
    assert len(problems) == 1
    assert problems == ["content/articles/2023/2023-09-21-smyth-on-budget.md:4: invalid YAML: a YAML tag (!!…) "
                        "where a plain value belongs (YAML tags (!!python/…) are not allowed; write plain values)"]


def test_duplicate_key_names_both_lines(tmp_path):
    _, problems = read(tmp_path, md("title: x\ndate: 2023-09-21\ntitle: y"))
    assert problems == ['content/articles/2023/2023-09-21-smyth-on-budget.md:4: key "title" appears twice '
                        "(first on line 2) (keep one of the two)"]


def test_typo_of_a_required_key_is_reported_once(tmp_path):
    _, problems = read(tmp_path, md("titel: x\ndate: 2023-09-21"))
    assert problems == ['content/articles/2023/2023-09-21-smyth-on-budget.md:2: unknown key "titel" '
                        '(did you mean "title"? Otherwise put custom keys under "extra:")']


def test_empty_title_is_reported_at_its_line(tmp_path):
    article, problems = read(tmp_path, md("date: 2023-09-21\ntitle:"))
    assert article is None
    assert problems == ['content/articles/2023/2023-09-21-smyth-on-budget.md:3: "title" is empty '
                        "(give it a value)"]


def test_front_matter_that_is_a_list(tmp_path):
    _, problems = read(tmp_path, md("- title\n- date"))
    assert problems == ["content/articles/2023/2023-09-21-smyth-on-budget.md:2: front-matter must be a "
                        'mapping of keys (write lines like "title: …" and "date: YYYY-MM-DD")']


def test_not_utf8_names_the_line(tmp_path):
    _, problems = read(tmp_path, "---\ntitle: Café\n---\n".encode("latin-1"))
    assert problems == ["content/articles/2023/2023-09-21-smyth-on-budget.md:2: file is not valid "
                        "UTF-8: byte 0xe9 cannot be decoded (re-save the file with UTF-8 encoding)"]


def test_file_name_must_be_a_slug(tmp_path):
    article, problems = read(tmp_path, md("title: x\ndate: 2023-09-21"), name="2023-09-21-Bad Name.md")
    assert article is None
    assert problems == ['content/articles/2023/2023-09-21-Bad Name.md: file name "2023-09-21-Bad Name.md" '
                        "cannot be part of a URL (rename it to lowercase ASCII words joined by hyphens, "
                        'like "2023-09-21-bad-name.md")']


def test_the_article_record_holds_every_key_of_the_contract():
    """core/records.Article has a field per contract key, and the rest are worked out by the reader."""
    from dataclasses import fields

    from sitegen.archive.contract import NAMES
    from sitegen.core.records import Article

    worked_out = {"id", "path", "slug", "body_line", "meta_digest", "body_digest", "review_lines",
                  "translation_urls"}  # read from "translations" items that give an address
    assert {f.name for f in fields(Article)} == set(NAMES) | worked_out


def test_what_the_writer_writes_the_reader_reads_back(tmp_path):
    from datetime import date, datetime, timedelta, timezone

    from sitegen.archive.article import read_article
    from sitegen.archive.front_matter_text import front_matter_text

    values = {"title": 'A "quoted":\u2028title', "date": datetime(2023, 9, 21, 10, 5, tzinfo=timezone(timedelta(hours=4))),
              "date_confidence": "medium", "speakers": [("jane-smyth", "Minister: of things"), ("anna", None)],
              "venue": None, "medium": "press-conference", "topics": ("budget",), "places": (), "people": ("anna",),
              "language": "en", "translations": ("hy", "ru"), "translation_of": None,
              "quote_translations": ("The words: in English", ""),
              "source": {"outlet": None, "url": "https://example.org/a?b=1",
                         "archived": "https://web.example/2023/https://example.org/a?b=1", "file": "content/inbox/x.txt",
                         "sha256": "0" * 64}, "review": ("a note: with a colon",), "draft": True}
    path = tmp_path / "2023-09-21-x.md"
    path.write_text(front_matter_text(values) + "Body.\n", encoding="utf-8")
    problems = []
    read = read_article(path, "content/articles/2023/2023-09-21-x.md", "en", problems)
    assert problems == []
    article = read.article
    assert (article.title, article.date, article.date_confidence) == (values["title"], values["date"], "medium")
    assert [(s.id, s.role) for s in article.speakers] == values["speakers"]
    assert (article.topics, article.people, article.translations) == (("budget",), ("anna",), ("hy", "ru"))
    assert (article.source.url, article.source.sha256, article.review, article.draft) == \
        (values["source"]["url"], "0" * 64, values["review"], True)
    assert (article.medium, article.source.archived, article.quote_translations) == \
        ("press-conference", values["source"]["archived"], values["quote_translations"])
    assert front_matter_text({"date": date(2024, 1, 2), "title": "t"}).splitlines()[1:3] == ['title: "t"', "date: 2024-01-02"]
