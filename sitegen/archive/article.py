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
from sitegen.archive.contract import CONFIDENCE, EDITION_KEYS, MEDIA, NAMES, PATTERNS, SOURCE_KEYS, SPEAKER_KEYS
from sitegen.core.diagnostics import Diagnostic, SitegenError, error
from sitegen.archive.frontmatter import FrontMatterError, split_front_matter
from sitegen.core.records import Article, ArticleText, Source, SpeakerRef
from sitegen.core.fields import LANGUAGE, Fields
from sitegen.core.ids import SLUG, closest, slugify
from sitegen.core.textfile import read_text
from sitegen.core.yamldoc import YamlSyntaxError, parse_yaml

DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
SHA256 = re.compile(PATTERNS["source.sha256"])
ARTICLE_ID = re.compile(PATTERNS["translation_of"])
SOURCE_URL = re.compile(PATTERNS["source.url"])
ARCHIVED_URL = re.compile(PATTERNS["source.archived"])
EDITION_URL = re.compile(PATTERNS["translations.url"])


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
    editions = _editions(fields, doc)
    article = Article(
        id=stem,
        path=rel_path,
        slug=_slug_of(stem),
        title=fields.text("title", required=True) or "",
        date=fields.iso_date("date", required=True),
        date_confidence=fields.choice("date_confidence", CONFIDENCE),
        speakers=_speakers(fields, doc),
        venue=fields.text("venue"),
        topics=fields.id_list("topics"),
        places=fields.id_list("places"),
        people=fields.id_list("people"),
        language=fields.language("language", default=default_language) or default_language,
        translations=tuple(code for code, _ in editions),
        source=_source(fields, doc),
        review=review,
        draft=fields.boolean("draft"),
        extra=_extra(fields),
        body_line=split.body_line,
        meta_digest=digest(rel_path, split.yaml_text),
        body_digest=digest(split.body),
        review_lines=tuple(doc.line_of("review", i) or 1 for i in range(len(review))),
        translation_of=_article_id(fields, "translation_of"),
        medium=_medium(fields),
        quote_translations=_quote_translations(fields),
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


def _speakers(fields: Fields, doc) -> tuple[SpeakerRef, ...]:
    value = fields.value("speakers")
    if value is None:
        return ()
    if not isinstance(value, list):
        fields.fail(("speakers",), '"speakers" must be a list',
                    'write "- id: person-id" items, or "- person-id"')
        return ()
    speakers = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            if fields.check_id(item, ("speakers", i)):
                speakers.append(SpeakerRef(item))
            continue
        entry = Fields(doc, fields.path, ("speakers", i), fields.diagnostics)
        if not isinstance(item, dict):
            entry.fail((), "a speaker must be an id or a mapping with id and role")
            continue
        entry.reject_unknown(SPEAKER_KEYS)
        speaker_id = entry.text("id", required=True)
        if speaker_id and entry.check_id(speaker_id, ("id",)):
            speakers.append(SpeakerRef(speaker_id, entry.text("role") or None))
    ids = [s.id for s in speakers]
    for i, speaker_id in enumerate(ids):
        if speaker_id in ids[:i]:
            fields.fail(("speakers", i), f'speaker "{speaker_id}" is listed twice',
                        "list each speaker once")
    return tuple(speakers)


def _editions(fields: Fields, doc) -> tuple[tuple[str, str | None], ...]:
    """``translations``: language codes, each alone or as a mapping of the code and the
    address of that edition. (code, url or None) pairs, each language once."""
    value = fields.value("translations")
    if not isinstance(value, list) or not any(isinstance(item, dict) for item in value):
        return tuple((code, None) for code in _languages(fields, "translations"))
    editions: dict[str, str | None] = {}
    for i, item in enumerate(value):
        code, url = _edition(fields, doc, item, i)
        if code:
            editions[code] = editions.get(code) or url
    return tuple(editions.items())


def _edition(fields: Fields, doc, item, i: int) -> tuple[str | None, str | None]:
    if not isinstance(item, dict):
        code = "" if item is None else str(item).strip()
        return (code, None) if _language_code(fields, code, ("translations", i)) else (None, None)
    entry = Fields(doc, fields.path, ("translations", i), fields.diagnostics)
    entry.reject_unknown(EDITION_KEYS)
    code = entry.text("language", required=True)
    url = entry.text("url")
    if url is not None and not EDITION_URL.match(url):
        entry.fail(("url",), f'translations item {i + 1}: "{url}" is not an http(s) address',
                   "give the address of that edition, starting https://")
        url = None
    return (code, url) if code and _language_code(entry, code, ("language",)) else (None, None)


def _languages(fields: Fields, key: str) -> tuple[str, ...]:
    codes = [code for i, code in enumerate(fields.text_list(key)) if _language_code(fields, code, (key, i))]
    return tuple(dict.fromkeys(codes))


def _language_code(fields: Fields, code: str, key_path: tuple) -> bool:
    if LANGUAGE.match(code):
        return True
    fields.fail(key_path, f'"{code}" is not a language code', 'use ISO 639-1 codes such as "hy" or "ru"')
    return False


def _medium(fields: Fields) -> str | None:
    value = fields.text("medium")
    if value is None or value in MEDIA:
        return value
    close = closest(slugify(value) or value, list(MEDIA))
    hint = (f'did you mean "{close}"? ' if close else "") + "choose one of " + ", ".join(MEDIA)
    fields.fail(("medium",), f'unknown medium "{value}"', hint)
    return None


def _quote_translations(fields: Fields) -> tuple[str, ...]:
    """The archive's renderings of the body's quotes, in order. A blank item (or ``null``)
    stands for a quote that needs none; whether each pairs with a quote is check's to say
    (check/quote_translations.py), as only the parsed body knows its quotes."""
    value = fields.value("quote_translations")
    if value is None:
        return ()
    if not isinstance(value, list):
        fields.fail(("quote_translations",), '"quote_translations" must be a list',
                    'write one "- …" item per quote of the text, in order')
        return ()
    texts = []
    for i, item in enumerate(value):
        if isinstance(item, (dict, list, bool)):
            fields.fail(("quote_translations", i), f'"quote_translations" item {i + 1} must be text',
                        "write the quote's translation as one line of text")
            continue
        text = "" if item is None else str(item).strip()
        found = forbidden_in(text)
        if found:
            fields.fail(("quote_translations", i), f'"quote_translations" item {i + 1} holds the control '
                        f"character {named(found.group())}, which no page or feed can show", HINT)
            continue
        texts.append(text)
    return tuple(texts)


def _article_id(fields: Fields, key: str) -> str | None:
    """The id of another article (its file name without .md); whether it exists is load.py's check."""
    value = fields.text(key)
    if value is not None and not ARTICLE_ID.match(value):
        fields.fail((key,), f'"{value}" is not an article id',
                    "write the file name of the article without .md, like 2023-09-21-some-slug")
        return None
    return value


def _source(fields: Fields, doc) -> Source:
    value = fields.value("source")
    if value is None:
        return Source()
    source = Fields(doc, fields.path, ("source",), fields.diagnostics)
    if not isinstance(value, dict):
        source.fail((), '"source" must be a mapping of ' + ", ".join(SOURCE_KEYS))
        return Source()
    source.reject_unknown(SOURCE_KEYS)
    outlet = source.text("outlet")
    if outlet is not None:
        source.check_id(outlet, ("outlet",))
    url = source.text("url")
    if url is not None and not SOURCE_URL.match(url):
        source.fail(("url",), f'source url "{url}" is not an http(s) address')
    archived = source.text("archived")
    if archived is not None and not ARCHIVED_URL.match(archived):
        source.fail(("archived",), f'source archived "{archived}" is not an http(s) address',
                    "give the address of the copy in a web archive, such as https://web.archive.org/web/…")
        archived = None
    sha256 = source.text("sha256")
    if sha256 is not None and not SHA256.match(sha256):
        source.fail(("sha256",), "source sha256 must be 64 lowercase hex digits")
    return Source(outlet=outlet, url=url, archived=archived, file=source.text("file"), sha256=sha256)


def _extra(fields: Fields):
    value = fields.value("extra")
    if value is None:
        return {}
    if not isinstance(value, dict):
        fields.fail(("extra",), '"extra" must be a mapping of your own keys')
        return {}
    return value
