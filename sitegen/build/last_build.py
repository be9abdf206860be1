"""What the last build knew, kept on disk so the next one can do less.

The state records, per source file, its parsed record (keyed by mtime and
size, so unchanged files are not parsed again), what listings quote from
each body, per output file a digest of every input it was rendered from
(see page_digests.py) and the page planned for it, and what the build
changed in the site. It lives
beside the output folder it describes (``build/`` → ``.build.sitegen/state``),
outside what gets published, and is trusted only while the site ``build/``
links to is the one this build made (output_folder.py): a folder rebuilt by
someone else, deleted or half-written makes the next build a full one.
"""

from __future__ import annotations

import os
import pickle
import secrets
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from sitegen import __version__
from sitegen.archive.history import History
from sitegen.archive.index import Shape
from sitegen.archive.load import CachedSource
from sitegen.build.kept_records import REDUCTIONS
from sitegen.build.state_files import Layout, pickled_bases, read_parts, remove_others, write_parts

if TYPE_CHECKING:  # (imported by a build that makes a search index: search_index.py)
    from sitegen.search.inverted import InvertedIndex

FORMAT = 17  # 7: modules moved; 8: what a build changed; 9: search; 10: large mappings apart; 11: pages;
# 12: records kept apart from their bytes (kept_records.py), the index's shape; 13: the registries;
# 14: the plan of pages as rows (kept_plan.py); 15: git history; 16: each body's quotes and summary
# pickled apart (kept_records.KeptDerived), every item's digest kept with the index's shape; 17: a
# record's fields at hand kept as its instance dict


@dataclass(frozen=True)
class BuildState:
    build_id: str
    sources: Mapping[str, CachedSource] = field(default_factory=dict)  # archive-relative path →
    derived: Mapping[str, tuple] = field(default_factory=dict)  # body digest → quotes, summary (kept_records.py)
    outputs: Mapping[str, str] = field(default_factory=dict)  # output file → input digest
    pages: Mapping[str, tuple] = field(default_factory=dict)  # output file → page, as planned (kept_plan.Row)
    # "shape": the index's (index.Shape); "every_item": the digest of every item's front-matter
    index: Mapping[str, Shape | str] = field(default_factory=dict)
    registries: Mapping[str, tuple] = field(default_factory=dict)  # their key → (registries, problems)
    history: Mapping[str, History] = field(default_factory=dict)  # Checkout.stamp → the history read there
    assets: tuple[str, ...] = ()  # fingerprinted asset files in the output
    shared: str = ""  # digest of what every page depends on (deps.shared_inputs)
    parse_context: str = ""  # the default language the cached records were parsed with
    # What this build changed in the site it started from (build ``before``), so the next
    # build can bring the other copy of the site up to date (output_folder.py); None
    # after a full build, which rewrote everything.
    before: str | None = None
    changed: tuple[str, ...] | None = None
    removed: tuple[str, ...] = ()
    search: str = ""  # fingerprint of the documents of the site's search index ("": none)
    # What the whole-collection checks and the page plan were made with (config, registries,
    # options): while it and every file's front-matter are the same, both stand (engine.py).
    collection: str = ""


def new_build_id() -> str:
    return secrets.token_hex(8)


@dataclass(frozen=True)
class Summary:
    """The first record of the state file, cheap to read on its own.

    ``stamp`` fingerprints every input file's name, size and mtime plus the
    build options; when it matches, the previous output is still exact and a
    build can stop before reading anything else (input_stamp.py).
    """

    build_id: str
    stamp: str
    articles: int
    pages: int
    files: int
    warnings: tuple = ()


def _open_trusted(path: Path, live_build: str | None):
    """The state file, open after its summary, or None if it cannot be trusted: it must be
    the state of the build whose site is the live one (``live_build``)."""
    try:
        handle = open(path, "rb")
    except OSError:
        return None, None
    try:
        stored = pickle.load(handle)
        if not (isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == (FORMAT, __version__)
                and isinstance(stored[2], Summary)):
            raise ValueError("foreign state")
    except Exception:  # noqa: BLE001 - truncated, garbage or another version: start afresh
        handle.close()
        return None, None
    if live_build is None or live_build != stored[2].build_id:
        handle.close()
        return None, None
    return handle, stored[2]


def load_summary(path: Path, live_build: str | None) -> Summary | None:
    handle, summary = _open_trusted(path, live_build)
    if handle is not None:
        handle.close()
    return summary


# The state's large mappings, each kept as a base file and a journal of changes (state_files.py).
PARTS = ("sources", "derived", "outputs", "pages", "index", "registries", "history")


def _parts(state: BuildState) -> dict[str, Mapping]:
    return {name: getattr(state, name) for name in PARTS}


@dataclass(frozen=True)
class OnDisk:
    """A state as the files hold it, and where they keep its large mappings."""

    state: BuildState
    layout: Layout


def load_state(path: Path, live_build: str | None) -> OnDisk | None:
    """The previous build's state, or None when it cannot be trusted."""
    handle, summary = _open_trusted(path, live_build)
    if handle is None:
        return None
    try:
        with handle:
            head, layout = pickle.load(handle)
    except Exception:  # noqa: BLE001
        return None
    if not isinstance(head, BuildState) or head.build_id != summary.build_id:
        return None
    mappings = read_parts(path.parent, layout)
    if mappings is None:
        return None
    try:
        return OnDisk(replace(head, **mappings), layout)
    except Exception:  # noqa: BLE001 - a head of another shape under the same format: start afresh
        return None


def pickle_state(state: BuildState) -> dict[str, bytes]:
    """The state's large mappings as save_state writes them anew; a full build makes these
    while its workers render."""
    return pickled_bases(_parts(state), REDUCTIONS)


def save_state(path: Path, summary: Summary, state: BuildState, on_disk: OnDisk | None,
               pickled: Mapping[str, bytes] | None = None) -> OnDisk:
    """Write so that a crash leaves the old state or none, never half of one.

    ``on_disk``: the state the files hold now (its large mappings get a
    journal entry each, if that is shorter than writing them again);
    ``pickled``: ``pickle_state(state)``, made earlier.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    before = (_parts(on_disk.state), on_disk.layout) if on_disk else None
    layout = write_parts(folder, path.name, _parts(state), before, pickled, REDUCTIONS)
    head = replace(state, **{name: {} for name in PARTS})
    handle, temp = tempfile.mkstemp(prefix=".state-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump((FORMAT, __version__, summary), out, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump((head, layout), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    remove_others(folder, path.name, layout)
    return OnDisk(state, layout)


@dataclass(frozen=True)
class SearchState:
    """The last search index made (search/inverted.py), kept apart from the build state: it
    is large, read only when documents changed, and good for any later build, as it
    describes only itself (the build state says which index the live site holds)."""

    inverted: InvertedIndex


def load_search_state(path: Path) -> SearchState | None:
    try:
        with open(path, "rb") as handle:
            stored = pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, cut short or another version: terms worked out anew
        return None
    if not (isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == (FORMAT, __version__)
            and isinstance(stored[2], SearchState)):
        return None
    return stored[2]


def save_search_state(path: Path, state: SearchState) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".search-state-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump((FORMAT, __version__, state), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
