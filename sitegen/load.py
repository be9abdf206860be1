"""Load the whole archive: registries and every article, validated together.

Per-file problems come from ``article.read_article``; this module adds the
checks that need the whole collection (two files claiming one id or one URL,
ids the registries do not know). Every problem of every file is collected
before anything fails, so one run shows the contributor all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen.article import DATE_PREFIX, read_article
from sitegen.config import Config
from sitegen.errors import Diagnostic, Severity, SitegenError, error, warning
from sitegen.records import Article, Registries
from sitegen.registry import load_registries
from sitegen.schema import did_you_mean


@dataclass(frozen=True)
class Archive:
    config: Config
    registries: Registries
    articles: tuple[Article, ...]  # published (and drafts when asked for), file order
    warnings: tuple[Diagnostic, ...]


def article_paths(content_dir: Path) -> list[Path]:
    """Every Markdown file under content/articles/, in a stable order."""
    return sorted((content_dir / "articles").rglob("*.md"))


def load_archive(config: Config, *, strict: bool = False, drafts: bool = False) -> Archive:
    registries = load_registries(config.content_dir)
    diagnostics: list[Diagnostic] = []
    articles = []
    for path in article_paths(config.content_dir):
        rel_path = path.relative_to(config.root).as_posix()
        article = read_article(path, rel_path, config.language, diagnostics)
        if article is not None:
            articles.append(article)
    diagnostics += _clashes(articles)
    diagnostics += [d for a in articles for d in _reference_problems(a, registries)]
    diagnostics += [d for a in articles for d in _name_problems(a)]
    if strict:
        diagnostics = [d.as_error() for d in diagnostics]
    if any(d.severity is Severity.ERROR for d in diagnostics):
        raise SitegenError(diagnostics)  # warnings too: fixing them may be part of the fix
    published = tuple(a for a in articles if drafts or not a.draft)
    return Archive(config, registries, published, tuple(diagnostics))


def _clashes(articles: list[Article]) -> list[Diagnostic]:
    """Two files may not share an id (file name) or a URL."""
    problems = []
    for attribute, what in (("id", "id"), ("url", "URL")):
        seen: dict[str, Article] = {}
        for article in articles:
            key = getattr(article, attribute)
            first = seen.setdefault(key, article)
            if first is not article:
                problems.append(error(
                    article.path, 1, f'{what} "{key}" is also claimed by {first.path}',
                    "rename one of the two files" if attribute == "id"
                    else "give one of the two articles a different slug or date"))
    return problems


REFERENCE_KINDS = (("topics", "topic"), ("places", "place"), ("people", "person"))


def _reference_problems(article: Article, registries: Registries) -> list[Diagnostic]:
    """Ids the registries do not hold: a warning, an error under --strict."""
    problems = []
    for i, speaker in enumerate(article.speakers):
        if speaker.id not in registries.people:
            problems.append(_unknown(article, "speaker", speaker.id, registries.people,
                                     ("speakers", i), "people.yaml"))
    for key, noun in REFERENCE_KINDS:
        registry = registries.people if key == "people" else getattr(registries, key)
        for value in getattr(article, key):
            if value not in registry:
                problems.append(_unknown(article, noun, value, registry, (key,),
                                         f"{'people' if key == 'people' else key}.yaml"))
    outlet = article.source.outlet
    if outlet and outlet not in registries.outlets:
        problems.append(_unknown(article, "outlet", outlet, registries.outlets,
                                 ("source",), "outlets.yaml"))
    return problems


def _unknown(article: Article, noun: str, value: str, registry, where: tuple,
             registry_file: str) -> Diagnostic:
    hint = did_you_mean(value, registry) or f"add it to content/{registry_file}"
    key, *index = where
    if key in ("topics", "places", "people"):
        index = [list(getattr(article, key)).index(value)]
    line = article.line_of(key, index[0] if index else None)
    return warning(article.path, line, f'unknown {noun} "{value}"', hint)


def _name_problems(article: Article) -> list[Diagnostic]:
    """The file name's date should agree with the front-matter date."""
    match = DATE_PREFIX.match(article.id)
    if not match:
        return []
    named = "-".join(match.group(1, 2, 3))
    actual = article.day.isoformat()
    if named == actual:
        return []
    return [warning(article.path, article.line_of("date"),
                    f"file name says {named} but the date is {actual}",
                    f"rename the file to {actual}-{match.group(4)}.md")]
