"""Article records, and what listings take from each body, as the build state keeps them:
each read whole only when a page needs it.

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

What listing pages take from each body (its quotes and summary:
render/bodies.Derived) is kept the same way, each body's pickled on its own
beside their digests (``KeptDerived``): a one-body edit at 10k reads a few
dozen of them.
"""

from __future__ import annotations

import pickle
from dataclasses import fields
from typing import Iterator, Mapping

from sitegen.archive.load import CachedSource
from sitegen.core.diagnostics import StateDamaged
from sitegen.core.records import Article
from sitegen.render.bodies import Bodies

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
        values.update(zip(_LATER, _read_back(kept, len(_LATER), values.get("path"))))
    if type(article) is KeptArticle:  # (one made whole by dataclasses.replace has no bytes)
        object.__setattr__(article, "__class__", Article)  # the layouts are the same: no __slots__
    values.pop(_BYTES, None)


def _read_back(kept: bytes, length: int, whose: str | None) -> tuple:
    """The tuple of ``length`` values pickled in ``kept``; DamagedRecord for garbage of any kind."""
    try:
        values = pickle.loads(kept)
        if not (isinstance(values, tuple) and len(values) == length):
            raise ValueError(f"{length} values expected")
    except Exception as exc:  # noqa: BLE001 - garbage of any kind
        raise DamagedRecord(whose) from exc
    return values


def _pickled(values: tuple) -> bytes:
    return pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)


_new, _set = object.__new__, object.__setattr__


def kept_source(mtime_ns: int, size: int, kept: dict) -> CachedSource:
    """A CachedSource as the state file holds it (see ``reduce_source``): ``kept``, the record's
    AT_HAND fields and the other fields' bytes, becomes its instance dict as it is: the
    unpickler made the dict, and no field is set one by one (BENCHMARKS.md, "fourth pass")."""
    article = _new(KeptArticle)
    _set(article, "__dict__", kept)
    source = _new(CachedSource)
    _set(source, "__dict__", {"mtime_ns": mtime_ns, "size": size, "article": article})
    return source


def reduce_source(source: CachedSource):
    """How the state pickles a CachedSource: its record's AT_HAND fields, and the rest as
    bytes (those it was read with, while nothing asked for them)."""
    article = source.article
    kept = article.__dict__.get(_BYTES)
    if kept is None:
        kept = _pickled(tuple(getattr(article, name) for name in _LATER))
    at_hand = {name: getattr(article, name) for name in AT_HAND}
    at_hand[_BYTES] = kept
    return kept_source, (source.mtime_ns, source.size, at_hand)


REDUCTIONS = {CachedSource: reduce_source}  # for the state's pickler's dispatch_table


class KeptDerived(Mapping):
    """Body digest → Derived, from the state's body digest → (quotes digest, summary digest,
    the quotes and summary pickled). The digests are at hand (a listing's page digest takes
    those of every item it lists); the quotes and summary are read when a page shows them."""

    def __init__(self, kept: Mapping[str, tuple[str, str, bytes]]):
        self.kept = kept
        self._made: dict[str, _KeptDerived] = {}

    def __getitem__(self, body_digest: str) -> "_KeptDerived":
        made = self._made.get(body_digest)
        if made is None:
            kept = self.kept[body_digest]
            if not (isinstance(kept, tuple) and len(kept) == 3):
                raise DamagedRecord(body_digest)
            made = self._made[body_digest] = _KeptDerived(body_digest, *kept)
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self.kept)

    def __len__(self) -> int:
        return len(self.kept)


class _KeptDerived:
    """One body's Derived, (quotes, summary, quotes digest, summary digest) by index: the
    digests at hand, the rest read when first asked for."""

    __slots__ = ("body_digest", "digests", "pickled", "read")

    def __init__(self, body_digest: str, quotes_digest: str, summary_digest: str, pickled: bytes):
        self.body_digest = body_digest
        self.digests = (quotes_digest, summary_digest)
        self.pickled = pickled
        self.read: tuple | None = None

    def __getitem__(self, at: int):
        if at in (2, 3):
            return self.digests[at - 2]
        if self.read is None:
            self.read = _read_back(self.pickled, 2, self.body_digest)  # (quotes, summary)
        return self.read[at]


def next_derived(bodies: Bodies) -> Mapping[str, tuple[str, str, bytes]]:
    """What the next build's state keeps of the current bodies (see KeptDerived): what the state
    held for the bodies it knew (the very objects: the state's journal passes them by, and while
    nothing changed the mapping itself), the others worked out."""
    known = bodies.known
    kept = known.kept if isinstance(known, KeptDerived) else {}
    current = {article.body_digest: article_id for article_id, article in bodies.articles.items()}
    stale = kept.keys() - current.keys()
    new = current.keys() - kept.keys()
    if not stale and not new:
        return kept
    made = dict(kept)
    for body_digest in stale:
        del made[body_digest]
    for body_digest in new:
        quotes, summary, quotes_digest, summary_digest = bodies.derived(current[body_digest])
        made[body_digest] = (quotes_digest, summary_digest, _pickled((quotes, summary)))
    return made
