"""The search index as files: path (under search/index/) → bytes.

* ``meta.json``: the number of documents, the size of a chunk of
  documents, each year's first and last document (documents are
  numbered oldest first, see inverted.py, so a year is a range of
  numbers), and the term prefixes there are files for;
* ``facets.json``: for each facet (speaker, topic, place, outlet) its number
  of values and those with the most documents (``FACET_SHOWN``): id, name,
  number of documents; ``facets/<facet>.json`` has them all, for a reader
  who looks further;
* ``terms/<prefix>.json``: the terms that start with a two-letter prefix
  (its UTF-8 bytes in hex), each with its number of documents and the
  postings file that holds it;
* ``postings/<name>.json``: term → the numbers of its documents (postings.py
  says how they are written). A term in many documents has a file of its
  own; the others share files by a hash of the term, at most about
  ``BUCKET_ENTRIES`` numbers a file;
* ``facet/<facet>/<id>.json``: the numbers of a facet value's documents;
* ``docs/<n>.json``: what results show of documents n × ``CHUNK`` onwards.

The same documents give the same bytes, so a build writes only the files
that changed.
"""

from __future__ import annotations

import json
import zlib
from collections import defaultdict
from typing import Mapping, Sequence

from sitegen.search.documents import FACETS, Document
from sitegen.search.postings import encoded

CHUNK = 50  # documents a docs/ file holds: a page of results reads one or a few
FACET_SHOWN = 60  # values of a facet listed before a reader looks further
OWN_FILE = 1_000  # documents from which a term's postings get a file of their own
BUCKET_ENTRIES = 20_000  # about this many document numbers in a shared postings file


def index_files(docs: Sequence[Document], postings: Mapping[str, tuple[int, str]],
                facet_names: Mapping[str, Mapping[str, str]]) -> dict[str, bytes]:
    """Every file of the index. ``postings``: term → (the number of documents that hold it,
    their numbers as postings.py writes them); ``facet_names``: facet → id → name."""
    count = len(docs)
    files: dict[str, bytes] = {}
    located = _postings_files(postings, files)
    by_prefix: dict[str, dict[str, list]] = defaultdict(dict)
    for term, (documents, _) in postings.items():
        by_prefix[term[:2]][term] = [documents, located[term]]
    for prefix, entries in by_prefix.items():
        files[f"terms/{prefix.encode('utf-8').hex()}.json"] = _json(dict(sorted(entries.items())))
    listed = _facets(docs, facet_names, files)
    files["facets.json"] = _json({facet: {"values": len(rows), "rows": rows[:FACET_SHOWN]}
                                  for facet, rows in listed.items()})
    for facet, rows in listed.items():
        files[f"facets/{facet}.json"] = _json(rows)
    for start in range(0, count, CHUNK):
        shown = [d.shown for d in docs[start:start + CHUNK]]
        files[f"docs/{start // CHUNK}.json"] = _json([[s.url, s.title, s.date, s.speakers, s.summary]
                                                      for s in shown])
    files["meta.json"] = _json({"format": 3, "documents": count, "chunk": CHUNK, "years": _years(docs),
                                "prefixes": sorted(p.encode("utf-8").hex() for p in by_prefix)})
    return files


def _postings_files(postings: Mapping[str, tuple[int, str]], files: dict[str, bytes]) -> dict[str, str]:
    """Write the postings files into ``files``; term → the file that holds it."""
    small = sum(documents for documents, _ in postings.values() if documents < OWN_FILE)
    # A power of two, so the terms' places (a hash of the term) move only when it doubles:
    # an edit that adds a few numbers rewrites the files of its own terms, not all of them.
    buckets = 1
    while buckets * BUCKET_ENTRIES < small:
        buckets *= 2
    shared: dict[int, dict[str, str]] = defaultdict(dict)
    located, taken = {}, set()
    for term in sorted(postings):
        documents, numbers = postings[term]
        if documents >= OWN_FILE:
            name = f"w{zlib.crc32(term.encode('utf-8')):08x}"
            while name in taken:  # two terms with the same hash
                name += "x"
            taken.add(name)
            files[f"postings/{name}.json"] = _json(numbers)
            located[term] = name
        else:
            bucket = zlib.crc32(term.encode("utf-8")) % buckets
            shared[bucket][term] = numbers
            located[term] = f"b{bucket}"
    for bucket, entries in shared.items():
        files[f"postings/b{bucket}.json"] = _json(entries)
    return located


def _facets(docs: Sequence[Document], facet_names: Mapping[str, Mapping[str, str]],
            files: dict[str, bytes]) -> dict[str, list]:
    found: dict[str, dict[str, list[int]]] = {facet: defaultdict(list) for facet in FACETS}
    for number, doc in enumerate(docs):
        for facet in FACETS:
            for value in doc.facets.get(facet, ()):
                found[facet][value].append(number)
    listed = {}
    for facet, values in found.items():
        rows = []
        for value, numbers in values.items():
            files[f"facet/{facet}/{value}.json"] = _json(encoded(numbers))
            rows.append([value, facet_names.get(facet, {}).get(value, value), len(numbers)])
        listed[facet] = sorted(rows, key=lambda row: (-row[2], row[1].casefold(), row[0]))
    return listed


def _years(docs: Sequence[Document]) -> list[list[int]]:
    """[year, first document, last document], newest year first."""
    years: dict[int, list[int]] = {}
    for number, doc in enumerate(docs):
        span = years.setdefault(doc.year, [number, number])
        span[1] = number
    return [[year, *span] for year, span in reversed(years.items())]


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
