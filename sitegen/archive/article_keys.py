"""Readers of the front-matter keys that are more than one typed value: speakers, the
source, the editions in other languages, the medium, the quote translations, ``extra``.

Each takes the file's ``Fields`` (core/fields.py), records every problem at its line
and returns what it could read; article.py puts the record together.
"""

from __future__ import annotations

import re

from sitegen.archive.contract import EDITION_KEYS, MEDIA, PATTERNS, SOURCE_KEYS, SPEAKER_KEYS
from sitegen.core.characters import HINT, forbidden_in, named
from sitegen.core.fields import LANGUAGE, Fields
from sitegen.core.ids import closest, slugify
from sitegen.core.records import Source, SpeakerRef

SHA256 = re.compile(PATTERNS["source.sha256"])
ARTICLE_ID = re.compile(PATTERNS["translation_of"])
SOURCE_URL = re.compile(PATTERNS["source.url"])
ARCHIVED_URL = re.compile(PATTERNS["source.archived"])
EDITION_URL = re.compile(PATTERNS["translations.url"])


def speakers(fields: Fields, doc) -> tuple[SpeakerRef, ...]:
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


def editions_of(fields: Fields, doc) -> tuple[tuple[str, str | None], ...]:
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


def medium(fields: Fields) -> str | None:
    value = fields.text("medium")
    if value is None or value in MEDIA:
        return value
    close = closest(slugify(value) or value, list(MEDIA))
    hint = (f'did you mean "{close}"? ' if close else "") + "choose one of " + ", ".join(MEDIA)
    fields.fail(("medium",), f'unknown medium "{value}"', hint)
    return None


def quote_translations(fields: Fields) -> tuple[str, ...]:
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


def article_id(fields: Fields, key: str) -> str | None:
    """The id of another article (its file name without .md); whether it exists is load.py's check."""
    value = fields.text(key)
    if value is not None and not ARTICLE_ID.match(value):
        fields.fail((key,), f'"{value}" is not an article id',
                    "write the file name of the article without .md, like 2023-09-21-some-slug")
        return None
    return value


def source(fields: Fields, doc) -> Source:
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


def extra(fields: Fields):
    value = fields.value("extra")
    if value is None:
        return {}
    if not isinstance(value, dict):
        fields.fail(("extra",), '"extra" must be a mapping of your own keys')
        return {}
    return value
