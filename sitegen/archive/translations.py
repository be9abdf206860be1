"""Items that are translations of one another, linked with hreflang.

``translations: [hy, ru]`` only says the source exists in other languages;
there may be no article for them in the archive. When there is, the
translated article names the original with ``translation_of: <article id>``.
The original and every article naming it form one group: each page of the
group links the others (``<link rel="alternate" hreflang>`` and visible
links), and so does the sitemap.

A translation names the original, never another translation, and is in
another language than the original; an id that names no article is an
error with a did-you-mean hint.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable, Mapping

from sitegen.core.diagnostics import Diagnostic, error
from sitegen.core.records import Article
from sitegen.core.ids import did_you_mean

Lines = Callable[[Article], Mapping[str, int]]  # an article's key → line map, read on demand


def translation_problems(articles: Iterable[Article], lines: Lines, where) -> list[Diagnostic]:
    """Every ``translation_of`` that names no article, itself, a translation or the same language.

    ``where(article)`` is the path to show; ``lines`` finds the key's line.
    """
    by_id = {a.id: a for a in articles}
    problems = []
    for article in by_id.values():
        target_id = article.translation_of
        if target_id is None:
            continue
        message, hint = _problem(article, by_id.get(target_id), by_id)
        if message:
            problems.append(error(where(article), lines(article).get("translation_of"), message, hint))
    return problems


def _problem(article: Article, target: Article | None, by_id: Mapping[str, Article]) -> tuple[str, str]:
    named = article.translation_of
    if target is None:
        return (f'translation_of "{named}" is not an article of this archive',
                did_you_mean(named, by_id) or "write the id (file name without .md) of the original article")
    if target is article:
        return "an article cannot be a translation of itself", "name the original article, or remove translation_of"
    if target.translation_of is not None:
        return (f'"{named}" is itself a translation of "{target.translation_of}"',
                f'name the original: translation_of: {target.translation_of}')
    if target.language == article.language:
        return (f'translation_of "{named}" is in the same language ({article.language})',
                "set language: to the language of this translation")
    return "", ""


def translation_groups(articles: Iterable[Article]) -> Mapping[str, tuple[str, ...]]:
    """Article id → ids of its whole group (itself included), by language then id.

    Only articles in a group of two or more appear. The original may be
    missing from the published archive (a draft): its translations still
    link one another.
    """
    members: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        members[article.translation_of or article.id].append(article)
    groups = {}
    for group in members.values():
        if len(group) > 1:
            ids = tuple(a.id for a in sorted(group, key=lambda a: (a.language, a.id)))
            groups.update((i, ids) for i in ids)
    return groups
