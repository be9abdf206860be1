"""One article file → an Article record, to the front-matter contract.

The contract is contract.py's: ``title`` and ``date`` are required; every other
key is optional; unknown keys are errors unless they sit under ``extra:``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from sitegen.core.characters import HINT, forbidden_in, named
from sitegen.core.fingerprints import digest
from sitegen.archive.article_keys import (article_id, editions_of, extra, medium, quote_translations, source,
                                          speakers)
from sitegen.archive.contract import CONFIDENCE, NAMES
from sitegen.core.diagnostics import Diagnostic, SitegenError, error
from sitegen.archive.frontmatter import FrontMatterError, split_front_matter
from sitegen.core.records import Article, ArticleText
from sitegen.core.fields import Fields
from sitegen.core.ids import SLUG, slugify
from sitegen.core.textfile import read_text
from sitegen.core.yamldoc import YamlSyntaxError, parse_yaml

DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


def read_article(path: Path | str, rel_path: str, default_language: str,
                 diagnostics: list[Diagnostic],
                 loaded: tuple[str | None, Diagnostic | None] | None = None) -> ArticleText | None:
    """Parse one file; append every problem found to ``diagnostics``.

    ``rel_path`` (relative to the archive) is recorded in the Article;
    messages name the file as the user can open it from where they are.
    ``loaded`` is what ``read_text(path)`` gave, if the caller has read the file already.
    """
    text, problem = read_text(path) if loaded is None else loaded
    if problem:
        diagnostics.append(problem)
        return None
    try:
        split = split_front_matter(text)
        doc = parse_yaml(split.yaml_text, split.yaml_first_line)
    except FrontMatterError as exc:
        diagnostics.append(error(path, exc.line, exc.message, exc.hint))
        return None
    except YamlSyntaxError as exc:
        diagnostics.append(error(path, exc.line, exc.message, exc.hint))
        return None
    if not isinstance(doc.data, dict):
        diagnostics.append(error(path, 2, "front-matter must be a mapping of keys",
                                 'write lines like "title: …" and "date: YYYY-MM-DD"'))
        return None

    before = len(diagnostics)
    fields = Fields(doc, path, (), diagnostics)
    fields.reject_unknown(NAMES, hint='put custom keys under "extra:"')
    stem = _stem(rel_path)
    if not SLUG.match(_slug_of(stem)):
        diagnostics.append(error(path, None, f'file name "{stem}.md" cannot be part of a URL',
                                 f'rename it to lowercase ASCII words joined by hyphens, '
                                 f'like "{_suggested_name(stem)}.md"'))
    review = fields.text_list("review")
    editions = editions_of(fields, doc)
    article = Article(
        id=stem,
        path=rel_path,
        slug=_slug_of(stem),
        title=fields.text("title", required=True) or "",
        date=fields.iso_date("date", required=True),
        date_confidence=fields.choice("date_confidence", CONFIDENCE),
        speakers=speakers(fields, doc),
        venue=fields.text("venue"),
        topics=fields.id_list("topics"),
        places=fields.id_list("places"),
        people=fields.id_list("people"),
        language=fields.language("language", default=default_language) or default_language,
        translations=tuple(code for code, _ in editions),
        source=source(fields, doc),
        review=review,
        draft=fields.boolean("draft"),
        extra=extra(fields),
        body_line=split.body_line,
        meta_digest=digest(rel_path, split.yaml_text),
        body_digest=digest(split.body),
        review_lines=tuple(doc.line_of("review", i) or 1 for i in range(len(review))),
        translation_of=article_id(fields, "translation_of"),
        medium=medium(fields),
        quote_translations=quote_translations(fields),
        translation_urls=tuple((code, url) for code, url in editions if url),
    )
    found = forbidden_in(split.body)
    if found:
        line = split.body_line + split.body.count("\n", 0, found.start())
        diagnostics.append(error(path, line, f"the text holds the control character {named(found.group())}, "
                                             "which no page or feed can show", HINT))
    if len(diagnostics) > before:
        return None
    return ArticleText(article, split.body)


# (record and body, or None when the file is invalid; the problems found in it)
Read = tuple[ArticleText | None, list[Diagnostic]]
# Files read before any of them is parsed: reading and parsing each file in turn, the
# file system's code and the parser's push each other out of the CPU's caches.
READ_BATCH = 256


def read_articles(files: list[tuple[str, str]], default_language: str, keep_bodies: bool = True) -> list[Read]:
    """Parse ``files`` ((path, path in the archive) pairs), in order, a batch read at a time.

    Without ``keep_bodies`` the bodies come back empty (the caller reads them
    again later)."""
    reads: list[Read] = []
    for at in range(0, len(files), READ_BATCH):
        batch = files[at:at + READ_BATCH]
        texts = [read_text(file_path) for file_path, _ in batch]
        for (file_path, rel_path), text in zip(batch, texts):
            diagnostics: list[Diagnostic] = []
            loaded = read_article(file_path, rel_path, default_language, diagnostics, text)
            if loaded is not None:
                # Worked out here, where the file is read (on every reading process of a
                # parallel build), and kept in the record: every later stage needs them.
                loaded.article.url, loaded.article.sort_key  # noqa: B018
                if not keep_bodies:
                    loaded = ArticleText(loaded.article, "")
            reads.append((loaded, diagnostics))
    return reads


def body_reader(root: Path) -> Callable[[Article], str]:
    """Reads an article's Markdown body again from its file under ``root``."""
    return lambda article: read_body(root / article.path)


def read_body(path: Path) -> str:
    """The Markdown body of an article file that was read and validated before."""
    text, problem = read_text(path)
    if problem:
        raise SitegenError(problem)
    try:
        return split_front_matter(text).body
    except FrontMatterError as exc:
        raise SitegenError(error(path, exc.line, exc.message, exc.hint)) from None


def _stem(rel_path: str) -> str:
    """``PurePosixPath(rel_path).stem``, without making a path object for every file."""
    name = rel_path.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _suggested_name(stem: str) -> str:
    match = DATE_PREFIX.match(stem)
    prefix = "-".join(match.group(1, 2, 3)) + "-" if match else ""
    return prefix + (slugify(_slug_of(stem)) or "item")


def _slug_of(stem: str) -> str:
    match = DATE_PREFIX.match(stem)
    return match.group(4) if match else stem
