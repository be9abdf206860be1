"""Load the whole archive: registries and every article, validated together.

Per-file problems come from ``article.read_article``; this module adds the
checks that need the whole collection (two files claiming one id or one URL,
ids the registries do not know). Every problem of every file is collected
before anything fails, so one run shows the contributor all of them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from sitegen.archive.article import DATE_PREFIX, Read, read_articles
from sitegen.archive.frontmatter import FrontMatterError, split_front_matter
from sitegen.core.textfile import read_text
from sitegen.core.yamldoc import YamlSyntaxError, parse_yaml
from sitegen.core.config import Config
from sitegen.core.diagnostics import Diagnostic, Severity, SitegenError, display_path, error, warning
from sitegen.core.file_stats import FileStat, file_stat
from sitegen.core.sourcefiles import outside_archive
from sitegen.core.records import Article, Registries
from sitegen.core.registries import load_registries_once
from sitegen.core.ids import did_you_mean
from sitegen.archive.translations import translation_problems


# Parses article files, in order: (path, path in the archive) pairs → one Read each.
# ``read_articles`` reads them one after the other; the build engine hands in one
# that reads them on several processes (build/parallel_read.py).
Reader = Callable[[list[tuple[str, str]], str, bool], list[Read]]


@dataclass(frozen=True)
class CachedSource:
    """A parsed record, valid while its file keeps this mtime and size (kept between builds)."""

    mtime_ns: int
    size: int
    article: Article


@dataclass(frozen=True)
class Archive:
    config: Config
    registries: Registries
    articles: tuple[Article, ...]  # published (and drafts when asked for), file order
    warnings: tuple[Diagnostic, ...]
    sources: Mapping[str, CachedSource] = field(default_factory=dict)  # parse cache, every valid file
    fresh_bodies: Mapping[str, str] = field(default_factory=dict)  # article id → body, files read now
    # Every file and its front-matter as in the ``Checked`` scan handed in: the collection's
    # findings were that scan's, and what is planned from front-matter stands (build/engine.py).
    same_collection: bool = False


@dataclass(frozen=True)
class Checked:
    """An earlier scan of the same registries: its valid files, and everything it found.

    While every file is still there, valid, and has the same front-matter,
    the checks that need the whole collection (clashes, translations, unknown
    ids, file names against dates) would find the same again: a valid file's
    own parse finds nothing, or it would not be valid. So its findings stand
    and those checks are not run; a one-body edit of a large archive saves
    their pass over every item.
    """

    sources: Mapping[str, CachedSource]
    diagnostics: tuple[Diagnostic, ...]


def article_files(content_dir: Path, seen: Mapping[str, FileStat] | None = None) -> list[tuple[str, FileStat]]:
    """Every Markdown file under content/articles/, in a stable order, with its FileStat.

    os.scandir rather than Path.rglob: a Path object per file would cost
    a no-op build of a large archive more than everything else it does. Linked folders are not followed
    (no cycles); linked files are, and checked where they lead. ``seen``: every file path below
    content/ → its FileStat, from a walk made already (build/input_walk.py), read instead of the disk.
    """
    articles = str(content_dir / "articles")
    if seen is not None and articles not in seen:  # (a folder, walked; a link to one was not)
        inside = os.path.join(articles, "")
        return sorted((path, stat) for path, stat in seen.items()
                      if path.endswith(".md") and path.startswith(inside))
    found = []
    pending = [articles]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif entry.name.endswith(".md"):
                found.append((entry.path, file_stat(entry)))
    found.sort(key=lambda item: item[0])
    return found


@dataclass(frozen=True)
class Scan:
    """Everything read from the archive, with every problem found, before judging.

    ``load_archive`` turns it into an Archive or an error; ``sitegen check``
    reads it whole, to add its own checks and report everything at once.
    """

    registries: Registries
    articles: tuple[Article, ...]  # every valid file, drafts too, file order
    diagnostics: tuple[Diagnostic, ...]  # as found: warnings not yet made errors by --strict
    sources: Mapping[str, CachedSource]
    fresh_bodies: Mapping[str, str]
    same_collection: bool = False  # the ``Checked`` scan's findings stand (see Checked)


def load_archive(config: Config, *, strict: bool = False, drafts: bool = False,
                 cache: Mapping[str, CachedSource] | None = None,
                 registries: tuple[Registries, tuple[Diagnostic, ...]] | None = None,
                 seen: Mapping[str, FileStat] | None = None, reader: Reader = read_articles,
                 keep_bodies: bool = True, checked: Checked | None = None) -> Archive:
    """Read and validate everything; files unchanged since ``cache`` are not parsed again.

    ``registries`` (with their problems) may come from a previous build, and
    ``seen`` (file path → FileStat) from the walk that fingerprinted the inputs.
    ``reader``, ``keep_bodies`` and ``checked``: see ``scan_archive``.
    """
    scan = scan_archive(config, cache=cache, registries=registries, seen=seen, reader=reader,
                        keep_bodies=keep_bodies, checked=checked)
    diagnostics = list(scan.diagnostics)
    if strict:
        diagnostics = [d.as_error() for d in diagnostics]
    if any(d.severity is Severity.ERROR for d in diagnostics):
        raise SitegenError(diagnostics)  # warnings too: fixing them may be part of the fix
    published = tuple(a for a in scan.articles if drafts or not a.draft)
    return Archive(config, scan.registries, published, tuple(diagnostics), scan.sources,
                   scan.fresh_bodies, scan.same_collection)


def scan_archive(config: Config, *, cache: Mapping[str, CachedSource] | None = None,
                 registries: tuple[Registries, tuple[Diagnostic, ...]] | None = None,
                 seen: Mapping[str, FileStat] | None = None, reader: Reader = read_articles,
                 keep_bodies: bool = True, checked: Checked | None = None) -> Scan:
    """Read every file and run every check that needs the whole collection.

    Files not in ``cache`` are parsed by ``reader``. Without ``keep_bodies``
    the bodies read are not kept (``fresh_bodies`` is empty; pages read them
    again when rendered). ``checked``: an earlier scan with the same registries
    and config, whose findings stand while the collection is the same.
    """
    registries, problems = registries or load_registries_once(config.content_dir)
    diagnostics: list[Diagnostic] = list(problems)
    # Against a registry that failed to load every id would be "unknown": ids are judged
    # against the registries that loaded, and the one that failed says what is wrong with it.
    broken = {os.path.basename(d.path) for d in diagnostics if d.severity is Severity.ERROR}
    found = _survey(config, cache or {}, seen)
    to_parse = [(file_path, rel_path) for file_path, rel_path, _, cached, problem in found
                if cached is None and problem is None]
    parsed = iter(reader(to_parse, config.language, keep_bodies))
    articles = []
    sources: dict[str, CachedSource] = {}
    fresh: dict[str, str] = {}
    for _file_path, rel_path, version, cached, problem in found:  # file order, as a serial read
        if problem is not None:
            diagnostics.append(problem)
            continue
        if cached is not None:
            article = cached.article
        else:
            loaded, problems_in_file = next(parsed)
            diagnostics += problems_in_file
            if loaded is None:
                continue
            article = loaded.article
            if keep_bodies:
                fresh[article.id] = loaded.body
        articles.append(article)
        if version is not None:  # a source still valid is kept as it was: the state's journal sees it unchanged
            sources[rel_path] = cached or CachedSource(*version, article)
    if checked is not None and len(diagnostics) == len(problems) and same_front_matter(checked.sources, sources):
        return Scan(registries, tuple(articles), checked.diagnostics, sources, fresh, same_collection=True)
    diagnostics += _clashes(config, articles)
    diagnostics += translation_problems(articles, lambda a: front_matter_lines(config, a),
                                        lambda a: config.root / a.path)
    diagnostics += [d for a in articles for d in _reference_problems(config, a, registries, broken)]
    diagnostics += [d for a in articles for d in _name_problems(config, a)]
    return Scan(registries, tuple(articles), tuple(diagnostics), sources, fresh)


def same_front_matter(before: Mapping[str, CachedSource], now: Mapping[str, CachedSource]) -> bool:
    """Whether the same files are there, each with the same front-matter (bodies may differ)."""
    if before.keys() != now.keys():
        return False
    for rel_path, source in now.items():
        earlier = before[rel_path]
        if source is not earlier and source.article.meta_digest != earlier.article.meta_digest:
            return False
    return True


# (file path, path in the archive, (mtime in ns, size) or None if unreadable, cached source if
# still valid, problem that excludes it)
Found = tuple[str, str, "tuple[int, int] | None", "CachedSource | None", "Diagnostic | None"]


def _survey(config: Config, cache: Mapping[str, CachedSource],
            seen: Mapping[str, FileStat] | None) -> list[Found]:
    """Every article file in order, with what is known of it before parsing."""
    found: list[Found] = []
    after = len(str(config.content_dir / "articles"))  # file paths below start with it
    for file_path, (size, mtime_ns, linked) in article_files(config.content_dir, seen):
        rel_path = "content/articles" + file_path[after:].replace(os.sep, "/")
        if linked and (problem := outside_archive(Path(file_path), config.root)):
            found.append((file_path, rel_path, None, None, problem))
            continue
        version = None if size is None else (mtime_ns, size)
        # a link led to another file of the same size and mtime is another file: read again
        cached = None if linked else cache.get(rel_path)
        if cached is not None and (version is None or (cached.mtime_ns, cached.size) != version):
            cached = None
        found.append((file_path, rel_path, version, cached, None))
    return found


def front_matter_lines(config: Config, article: Article) -> Mapping[str, int]:
    """The article's key → line map, read again from its file: needed only
    for the rare article with a problem, so records do not carry it."""
    try:
        split = split_front_matter(read_text(config.root / article.path)[0] or "")
        return parse_yaml(split.yaml_text, split.yaml_first_line).top_level_lines()
    except (SitegenError, FrontMatterError, YamlSyntaxError):
        return {}


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
                "rename one of the two files", related=config.root / first.path))
            continue
        first = by_url.setdefault(article.url, article)
        if first is not article:
            problems.append(error(
                config.root / article.path, front_matter_lines(config, article).get("date"),
                f'URL /{article.url} is also claimed by {display_path(config.root / first.path)}',
                "give one of the two articles a different slug or date", related=config.root / first.path))
    return problems


REFERENCE_KINDS = (("topics", "topic"), ("places", "place"), ("people", "person"))


def _reference_problems(config: Config, article: Article, registries: Registries,
                        broken: set[str] = frozenset()) -> list[Diagnostic]:
    """Ids the registries do not hold: a warning, an error under --strict. Registries that
    failed to load (``broken``, by file name) are not asked."""
    problems = []
    if "people.yaml" not in broken:
        for speaker in article.speakers:
            if speaker.id not in registries.people:
                problems.append(_unknown(config, article, "speaker", speaker.id, registries.people,
                                         "speakers", "people.yaml"))
    for key, noun in REFERENCE_KINDS:
        if f"{key}.yaml" in broken:
            continue
        registry = registries.people if key == "people" else getattr(registries, key)
        for value in getattr(article, key):
            if value not in registry:
                problems.append(_unknown(config, article, noun, value, registry, key, f"{key}.yaml"))
    outlet = article.source.outlet
    if outlet and outlet not in registries.outlets and "outlets.yaml" not in broken:
        problems.append(_unknown(config, article, "outlet", outlet, registries.outlets,
                                 "source.outlet", "outlets.yaml"))
    return problems


def _unknown(config: Config, article: Article, noun: str, value: str, registry, key: str,
             registry_file: str) -> Diagnostic:
    hint = did_you_mean(value, registry) or f"add it to content/{registry_file}"
    lines = front_matter_lines(config, article)
    line = lines.get(f"{key}={value}") or lines.get(key)
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
    return [warning(config.root / article.path, front_matter_lines(config, article).get("date"),
                    f"file name says {named} but the date is {actual}",
                    f"rename the file to {actual}-{match.group(4)}.md")]
