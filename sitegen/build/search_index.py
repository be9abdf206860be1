"""The search index, made from the archive's records and written into the site.

sitegen/search/ makes the index's files; this stage decides whether a build
makes them and writes them beside the pages, under ``search/index/``, into
the copy of the site the build is writing (so the index is part of the
switch to the new site). A build makes the index again only when something
a document is made of changed (an article's record or text, a registry's
names), by changing the last index where documents changed
(search/inverted.py); then it writes only the files whose bytes changed.

``search:`` in site.yaml: ``auto`` (the default) and ``true`` index every
archive, whatever its size; ``false`` (or ``--no-search``) builds none, and
the search page then offers browsing instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from sitegen.archive.index import Index
from sitegen.build.site_folder import remove_files, replace
from sitegen.core.fingerprints import digest
from sitegen.core.records import Article, Registries

if TYPE_CHECKING:  # sitegen/search/ is imported by the calls that make an index: a build without one need not
    from sitegen.search.documents import Document
    from sitegen.search.inverted import InvertedIndex

BUNDLE = "search/index"  # the index's folder inside the site


@dataclass(frozen=True)
class Search:
    """Whether this build makes a search index."""

    enabled: bool = True
    notice: str | None = None  # what the build should tell the user about search, if anything

    @classmethod
    def for_build(cls, wanted: bool, setting: str = "auto") -> "Search":
        """``wanted``: not --no-search; ``setting``: site.yaml's (core/config.py)."""
        return cls(wanted and setting != "off")


@dataclass(frozen=True)
class SearchIndex:
    """This build's index: its files, and what the next build can change."""

    files: Mapping[str, bytes]
    inverted: InvertedIndex


def search_documents(index: Index, registries: Registries, body_text: Callable[[Article], str],
                     summary: Callable[[str], str], long_date: Callable):
    """The documents, oldest first."""
    from sitegen.search.documents import documents, names_fingerprint

    names = names_fingerprint(registries)
    return documents(reversed(index.articles), registries, index.people, index.terms, body_text, summary,
                     long_date, names)


def search_fingerprint(index: Index, registries: Registries) -> str:
    """A digest of everything the documents are made of, in order: the same, the same index."""
    from sitegen.search.documents import document_key, names_fingerprint

    names = names_fingerprint(registries)
    return digest(names, *(document_key(article, names) for article in reversed(index.articles)))


def make_index(docs: Sequence[Document], last: InvertedIndex | None, facet_names: Mapping[str, Mapping[str, str]],
               change: bool = True) -> SearchIndex:
    """The index of ``docs``: ``last`` changed where documents changed (if ``change``), or
    made anew with the terms ``last`` knows."""
    from sitegen.search.index_files import index_files
    from sitegen.search.inverted import inverted

    made = inverted([d.shown.url for d in docs], [d.key for d in docs], lambda n: docs[n].source(),
                    last, change)
    return SearchIndex(index_files(docs, made.postings, facet_names), made)


def write_index(folder: Path, files: Mapping[str, bytes]) -> tuple[list[str], list[str]]:
    """Make ``folder/search/index/`` hold exactly ``files``; (paths written, paths removed)."""
    bundle = folder / BUNDLE
    written = []
    for name, data in sorted(files.items(), key=lambda item: (item[0] == "meta.json", item[0])):
        target = bundle / name
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                continue
        except OSError:
            pass
        replace(target, data)
        written.append(f"{BUNDLE}/{name}")
    stale = [p.relative_to(folder).as_posix() for p in bundle.rglob("*")
             if p.is_file() and p.relative_to(bundle).as_posix() not in files] if bundle.is_dir() else []
    return written, remove_files(folder, stale)


def facet_names(index: Index, registries: Registries) -> dict[str, dict[str, str]]:
    return {
        "speaker": {i: index.people[i].name for i in index.speakers},
        "topic": {i: index.terms["topics"][i].name for i in index.topics},
        "place": {i: index.terms["places"][i].name for i in index.places},
        "outlet": {i: o.name for i, o in registries.outlets.items()},
    }
