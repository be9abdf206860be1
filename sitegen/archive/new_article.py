"""``sitegen new``: a new article file at the right path, with valid front-matter.

The file goes to ``content/articles/YYYY/YYYY-MM-DD-<slug>.md``; its ids are
checked against the registries first (with "did you mean"), so what is
written passes ``sitegen check``. An existing file is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sitegen.archive.front_matter_text import front_matter_text
from sitegen.core.config import Config
from sitegen.core.diagnostics import Diagnostic, SitegenError, error
from sitegen.archive.load import article_files
from sitegen.core.records import Registries
from sitegen.core.registries import load_registries_once
from sitegen.core.fields import parse_date
from sitegen.core.ids import SLUG, did_you_mean, slugify

DEFAULT_TITLE = "New item"


@dataclass(frozen=True)
class NewArticle:
    title: str
    date: date | datetime
    slug: str
    speakers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()

    @property
    def day(self) -> date:
        return self.date.date() if isinstance(self.date, datetime) else self.date

    def rel_path(self) -> str:
        day = self.day.isoformat()
        return f"content/articles/{day[:4]}/{day}-{self.slug}.md"


def plan_article(config: Config, *, title: str | None, when: str | None, slug: str | None,
                 speakers: tuple[str, ...] = (), topics: tuple[str, ...] = (),
                 today: date | None = None) -> NewArticle:
    """Validate the options into a NewArticle; every problem is reported at once."""
    problems: list[Diagnostic] = []
    title = (title or DEFAULT_TITLE).strip() or DEFAULT_TITLE
    today = today or date.today()
    parsed = parse_date(when, lambda m, h: problems.append(error("--date", None, m, h))) if when else today
    slug = slug if slug is not None else slugify(title)
    if not SLUG.match(slug or ""):
        problems.append(error("--slug", None, f'"{slug}" cannot be part of a URL',
                              'give --slug as lowercase ASCII words joined by hyphens, like "budget-vote"'))
    registries, registry_problems = load_registries_once(config.content_dir)
    problems += registry_problems
    problems += _unknown(registries, speakers, topics)
    if parsed is not None and not problems:
        article = NewArticle(title, parsed, slug, tuple(dict.fromkeys(speakers)), tuple(dict.fromkeys(topics)))
        if article.day > today:
            problems.append(error("--date", None, f"{article.day} is in the future",
                                  "an archived item has already happened"))
        else:
            return article
    raise SitegenError(problems)


def _unknown(registries: Registries, speakers: tuple[str, ...], topics: tuple[str, ...]) -> list[Diagnostic]:
    problems = []
    for option, ids, registry, file in (("--speaker", speakers, registries.people, "people.yaml"),
                                         ("--topic", topics, registries.topics, "topics.yaml")):
        for value in ids:
            if value not in registry:
                hint = did_you_mean(value, registry) or f"add it to content/{file} first"
                problems.append(error(option, None, f'unknown id "{value}"', hint))
    return problems


def front_matter(article: NewArticle, language: str) -> str:
    """The new file's text: its front-matter (front_matter_text.py) and an empty body."""
    values: dict = {"title": article.title, "date": article.date}
    if article.speakers:
        values["speakers"] = [(speaker, None) for speaker in article.speakers]
    if article.topics:
        values["topics"] = article.topics
    values["language"] = language
    return front_matter_text(values) + "\n"


def write_article(config: Config, article: NewArticle) -> Path:
    """Create the file; refuse when it, or another file with its id, exists."""
    target = config.root / article.rel_path()
    stem = target.stem
    for existing, _ in article_files(config.content_dir):
        if Path(existing).stem == stem:
            raise SitegenError(error(existing, None, f'an article with id "{stem}" already exists',
                                     "choose another --title or --slug"))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(front_matter(article, config.language))
    except FileExistsError:
        raise SitegenError(error(target, None, "already exists", "choose another --title or --slug")) from None
    return target
