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
from sitegen.errors import Diagnostic, Severity, SitegenError, display_path, error, warning
from sitegen.paths import outside_archive
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
    diagnostics: list[Diagnostic] = []
    registries = load_registries(config.content_dir, diagnostics)
    registries_ok = not diagnostics
    articles = []
    for path in article_paths(config.content_dir):
        if path.is_symlink() and (problem := outside_archive(path, config.root)):
            diagnostics.append(problem)
            continue
        rel_path = path.relative_to(config.root).as_posix()
        article = read_article(path, rel_path, config.language, diagnostics)
        if article is not None:
            articles.append(article)
    diagnostics += _clashes(config, articles)
    if registries_ok:  # against a registry that failed to load every id would be "unknown"
        diagnostics += [d for a in articles for d in _reference_problems(config, a, registries)]
    diagnostics += [d for a in articles for d in _name_problems(config, a)]
    if strict:
        diagnostics = [d.as_error() for d in diagnostics]
    if any(d.severity is Severity.ERROR for d in diagnostics):
        raise SitegenError(diagnostics)  # warnings too: fixing them may be part of the fix
    published = tuple(a for a in articles if drafts or not a.draft)
    return Archive(config, registries, published, tuple(diagnostics))


def _clashes(config: Config, articles: list[Article]) -> list[Diagnostic]:
    """Two files may not share an id (file name) or a URL; one message per pair."""
    problems = []
    by_id: dict[str, Article] = {}
    by_url: dict[str, Article] = {}
    for article in articles:
        first = by_id.setdefault(article.id, article)
        if first is not article:
            problems.append(error(
                config.root / article.path, 1,
                f'id "{article.id}" is also claimed by {display_path(config.root / first.path)}',
                "rename one of the two files"))
            continue
        first = by_url.setdefault(article.url, article)
        if first is not article:
            problems.append(error(
                config.root / article.path, article.line_of("date"),
                f'URL /{article.url} is also claimed by {display_path(config.root / first.path)}',
                "give one of the two articles a different slug or date"))
    return problems


REFERENCE_KINDS = (("topics", "topic"), ("places", "place"), ("people", "person"))


def _reference_problems(config: Config, article: Article, registries: Registries) -> list[Diagnostic]:
    """Ids the registries do not hold: a warning, an error under --strict."""
    problems = []
    for speaker in article.speakers:
        if speaker.id not in registries.people:
            problems.append(_unknown(config, article, "speaker", speaker.id, registries.people,
                                     "speakers", "people.yaml"))
    for key, noun in REFERENCE_KINDS:
        registry = registries.people if key == "people" else getattr(registries, key)
        for value in getattr(article, key):
            if value not in registry:
                problems.append(_unknown(config, article, noun, value, registry, key, f"{key}.yaml"))
    outlet = article.source.outlet
    if outlet and outlet not in registries.outlets:
        problems.append(_unknown(config, article, "outlet", outlet, registries.outlets,
                                 "source.outlet", "outlets.yaml"))
    return problems


def _unknown(config: Config, article: Article, noun: str, value: str, registry, key: str,
             registry_file: str) -> Diagnostic:
    hint = did_you_mean(value, registry) or f"add it to content/{registry_file}"
    line = article.lines.get(f"{key}={value}") or article.line_of(key)
    return warning(config.root / article.path, line, f'unknown {noun} "{value}"', hint)


def _name_problems(config: Config, article: Article) -> list[Diagnostic]:
    """The file name's date should agree with the front-matter date."""
    match = DATE_PREFIX.match(article.id)
    if not match:
        return []
    named = "-".join(match.group(1, 2, 3))
    actual = article.day.isoformat()
    if named == actual:
        return []
    return [warning(config.root / article.path, article.line_of("date"),
                    f"file name says {named} but the date is {actual}",
                    f"rename the file to {actual}-{match.group(4)}.md")]
