"""The archive's search index: static files a reader's browser searches, at any size.

Every published article becomes a search document (documents.py): its
title, text, and the names and aliases of its speakers, topics, places,
people and outlet, broken into terms (terms.py). The index (index_files.py)
is a set of small JSON files: for each two-letter prefix the terms that
start with it, postings (which documents hold a term) in buckets of about
the same size, a facet file per speaker, topic, place and outlet, and the
documents' titles and dates in chunks. A query fetches only the files of
its words, its facets and its first results (assets/search.js), so what a
reader downloads stays small however large the archive grows.

May import core/, archive/ and markdown/.
"""
