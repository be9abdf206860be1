"""Article records as the build state keeps them: each read whole only when a page needs it.

A build that follows a few body edits uses few of the records the last
build kept, yet reading every one of them back from the state was the
largest single cost of such a build at 10k items (BENCHMARKS.md, "The cold
one-edit build, third pass"). So the state keeps each record as the fields
every build reads of every item (``AT_HAND``: the id, the file, the two
digests, whether it is a draft) and the others as bytes, and a record comes
back from the state as a ``KeptArticle``: an ``Article`` whose other fields
are read from those bytes the first time any of them is asked for. From
then on it is a plain ``Article`` (its class changes back), equal to the
record it was made from, and nothing that uses it can tell the difference.

The state's files use this through ``REDUCTIONS`` (last_build.py): only
there; a record sent to a worker process or a test's pickle is pickled
whole, as any other.
"""

from __future__ import annotations

import pickle
from dataclasses import fields

from sitegen.archive.load import CachedSource
from sitegen.core.diagnostics import StateDamaged
from sitegen.core.records import Article

# What every build reads of every record: the survey and the journal (file, digests), the
# plan of pages and the page digests (ids, front-matter digests), load_archive (drafts).
AT_HAND = ("id", "path", "meta_digest", "body_digest", "draft")
_LATER = tuple(f.name for f in fields(Article) if f.name not in AT_HAND)
_BYTES = "_kept_fields"  # the key of the instance dict that holds the other fields' bytes


class _ReadWhenAsked:
    """A field of a KeptArticle not read yet: asking for it reads them all.

    A non-data descriptor, so once the fields are in the instance's dict they
    are found there first, at no cost (and the class is Article again anyway).
    """

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        read_whole(instance)
        return instance.__dict__[self.name]


class KeptArticle(Article):
    """An Article as the last build's state kept it, its fields beyond AT_HAND still bytes."""

    def __eq__(self, other):
        read_whole(self)  # now an Article: compared field by field, as dataclasses do
        return Article.__eq__(self, other) if type(other) is Article else self == other

    __hash__ = Article.__hash__  # (defining __eq__ would otherwise take it away)

    def __repr__(self):
        read_whole(self)
        return Article.__repr__(self)

    def __reduce_ex__(self, protocol):
        read_whole(self)
        return object.__reduce_ex__(self, protocol)


for _name in _LATER:
    setattr(KeptArticle, _name, _ReadWhenAsked(_name))


class DamagedRecord(StateDamaged):
    """A kept record's bytes could not be read back: the state is damaged (the engine then
    builds afresh, as for any state it cannot trust)."""


def read_whole(article: Article) -> None:
    """Read a KeptArticle's other fields, and make it a plain Article (for any other, nothing).

    In this order, so that another thread reading the same record meanwhile finds either
    the bytes or every field: the fields set, the class made Article, the bytes dropped.
    """
    values = article.__dict__
    kept = values.get(_BYTES)
    if kept is not None:
        try:
            fields_read = pickle.loads(kept)
            if not (isinstance(fields_read, tuple) and len(fields_read) == len(_LATER)):
                raise ValueError(f"{len(_LATER)} fields expected")
        except Exception as exc:  # noqa: BLE001 - garbage of any kind
            raise DamagedRecord(values.get("path")) from exc
        values.update(zip(_LATER, fields_read))
    if type(article) is KeptArticle:  # (one made whole by dataclasses.replace has no bytes)
        object.__setattr__(article, "__class__", Article)  # the layouts are the same: no __slots__
    values.pop(_BYTES, None)


def kept_source(mtime_ns: int, size: int, at_hand: tuple, kept: bytes) -> CachedSource:
    """A CachedSource as the state file holds it (see ``reduce_source``)."""
    article = object.__new__(KeptArticle)
    values = article.__dict__
    values.update(zip(AT_HAND, at_hand))
    values[_BYTES] = kept
    source = object.__new__(CachedSource)
    source.__dict__.update(mtime_ns=mtime_ns, size=size, article=article)
    return source


def reduce_source(source: CachedSource):
    """How the state pickles a CachedSource: its record's AT_HAND fields, and the rest as
    bytes (those it was read with, while nothing asked for them)."""
    article = source.article
    kept = article.__dict__.get(_BYTES)
    if kept is None:
        kept = pickle.dumps(tuple(getattr(article, name) for name in _LATER), protocol=pickle.HIGHEST_PROTOCOL)
    at_hand = tuple(getattr(article, name) for name in AT_HAND)
    return kept_source, (source.mtime_ns, source.size, at_hand, kept)


REDUCTIONS = {CachedSource: reduce_source}  # for the state's pickler's dispatch_table
