"""Each term's documents: made once, then changed only where documents changed.

Documents are numbered oldest first, so a new item takes the next number
and every other keeps its own, and an edited item keeps its number too.
The index remembers each document's terms (as numbers into its vocabulary,
four bytes a term), so what an edited or removed document held can be taken
out of the postings without reading them all: a one-item edit changes a few
hundred terms' postings and leaves the others, bytes and all, as they were.
An index changed so is the index made anew from the same documents.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from sitegen.search.postings import changed, encoded
from sitegen.search.terms import terms

# Documents changed, added or removed above which making the index anew is the quicker way
# (a document changed costs about as much as a hundred read again).
CHANGED_AT_MOST = 0.05
CHANGED_ALWAYS_OK = 200


@dataclass(frozen=True)
class InvertedIndex:
    urls: tuple[str, ...]  # document n's address: which item it is
    keys: tuple[str, ...]  # document n's key: a digest of everything its terms are made of
    vocabulary: tuple[str, ...]  # term number → term (one no document holds any more may stay)
    starts: array  # document n's term numbers are held[starts[n]:starts[n + 1]]
    held: array
    postings: Mapping[str, tuple[int, str]]  # term → (documents, their numbers as postings.py writes them)

    def terms_of(self, number: int) -> list[str]:
        vocabulary, starts = self.vocabulary, self.starts
        return [vocabulary[t] for t in self.held[starts[number]:starts[number + 1]]]


def inverted(urls: Sequence[str], keys: Sequence[str], text_of: Callable[[int], str],
             last: InvertedIndex | None = None, change: bool = True) -> InvertedIndex:
    """The index of documents numbered as ``urls`` and ``keys`` are ordered (oldest first).

    ``text_of(n)``: document n's searchable text, asked for only when ``last``
    does not know its key. ``change``: whether ``last`` may be changed into
    this index; if not, or if too much changed, it is made anew (and ``last``
    only saves working terms out again).
    """
    if last is not None and change:
        updated = _updated(last, urls, keys, text_of)
        if updated is not None:
            return updated
    return _made(urls, keys, text_of, last)


def _terms_for(last: InvertedIndex | None, text_of: Callable[[int], str]):
    known = {key: n for n, key in enumerate(last.keys)} if last is not None else {}

    def terms_for(number: int, key: str) -> list[str]:
        old = known.get(key)
        return last.terms_of(old) if old is not None else sorted(terms(text_of(number)))

    return terms_for


def _made(urls, keys, text_of, last) -> InvertedIndex:
    terms_for = _terms_for(last, text_of)
    numbers: dict[str, int] = {}
    vocabulary: list[str] = []
    lists: list[array] = []
    starts, held = array("I", [0]), array("I")
    for number, key in enumerate(keys):
        for word in terms_for(number, key):
            t = numbers.get(word)
            if t is None:
                t = numbers[word] = len(vocabulary)
                vocabulary.append(word)
                lists.append(array("I"))
            held.append(t)
            lists[t].append(number)
        starts.append(len(held))
    postings = {vocabulary[t]: (len(found), encoded(found)) for t, found in enumerate(lists)}
    return InvertedIndex(tuple(urls), tuple(keys), tuple(vocabulary), starts, held, postings)


def _updated(last: InvertedIndex, urls, keys, text_of) -> InvertedIndex | None:
    """``last`` changed into the index of these documents, or None if too much changed."""
    old_urls, old_keys = last.urls, last.keys
    same, limit = 0, min(len(urls), len(old_urls))
    while same < limit and urls[same] == old_urls[same]:  # the same items, in the same places
        same += 1
    edited = [n for n in range(same) if keys[n] != old_keys[n]]
    gone, new = range(same, len(old_urls)), range(same, len(urls))
    if len(edited) + len(gone) + len(new) > max(CHANGED_ALWAYS_OK, CHANGED_AT_MOST * len(urls)):
        return None
    removed: dict[str, list[int]] = defaultdict(list)
    added: dict[str, list[int]] = defaultdict(list)
    for number in (*edited, *gone):
        for word in last.terms_of(number):
            removed[word].append(number)
    terms_for = _terms_for(last, text_of)
    now: dict[int, list[str]] = {}
    for number in (*edited, *new):
        now[number] = terms_for(number, keys[number])
        for word in now[number]:
            added[word].append(number)
    postings = dict(last.postings)
    for word in removed.keys() | added.keys():
        count, text = postings.get(word, (0, "g"))
        count, text = changed(text, count, removed.get(word, ()), added.get(word, ()))
        if count:
            postings[word] = count, text
        else:
            del postings[word]
    vocabulary = list(last.vocabulary)
    numbers = {word: t for t, word in enumerate(vocabulary)}
    starts, held = array("I", [0]), array("I")
    copied_to = 0  # documents below this are in starts and held
    for number in (*edited, *new):
        _copy(last, copied_to, number, starts, held)
        for word in now[number]:
            t = numbers.get(word)
            if t is None:
                t = numbers[word] = len(vocabulary)
                vocabulary.append(word)
            held.append(t)
        starts.append(len(held))
        copied_to = number + 1
    _copy(last, copied_to, same, starts, held)
    return InvertedIndex(tuple(urls), tuple(keys), tuple(vocabulary), starts, held, postings)


def _copy(last: InvertedIndex, first: int, end: int, starts: array, held: array) -> None:
    """Documents first … end - 1 of ``last``, unchanged, onto ``starts`` and ``held``."""
    if first >= end:
        return
    begin = last.starts[first]
    shift = len(held) - begin
    held.extend(last.held[begin:last.starts[end]])
    starts.extend(s + shift for s in last.starts[first + 1:end + 1])
