"""Large mappings of the build state on disk: each a base file and a journal of changes.

A one-item edit changes a few entries of the state's large mappings (the
parsed records, what listings quote from each body, the page digests), and
writing them whole again was the largest part of such a build (BENCHMARKS.md,
"Search and the edit loop"). So each mapping is kept as a
base (the whole mapping, as a build once wrote it) and a journal after it
(what each later build changed: entries set, keys gone). The state's head
file (last_build.py) names each base and how many bytes of its journal are
valid, and is replaced in one rename, after these files are written:

* a journal written but not the head that counts it is ignored (the head
  says how much was valid) and overwritten by the next save;
* a base written but not its head is an orphan, deleted by the next save.

A journal grown past a quarter of its base is folded into a new base.
"""

from __future__ import annotations

import copyreg
import io
import os
import pickle
import secrets
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping

from sitegen.core.diagnostics import StateDamaged

JOURNAL_SHARE = 0.25  # of its base's size, beyond which a journal is folded into a new base
_ABSENT = object()


@dataclass(frozen=True)
class Part:
    """Where one mapping is kept: its base file (in the state's folder), and the journal's
    valid length (the journal is the base's name + ``.log``)."""

    base: str
    size: int  # the base's bytes
    journal: int = 0


Layout = Mapping[str, Part]  # mapping's name → where it is kept
# type → how the state pickles its values (a pickler's dispatch_table; build/kept_records.py)
Reductions = Mapping[type, Callable]


def pickled_bases(mappings: Mapping[str, Mapping], reductions: Reductions | None = None) -> dict[str, bytes]:
    """Each mapping as a base holds it: what ``write_parts`` writes when it starts a new base
    (a full build makes these while its workers render)."""
    return {name: _dumps(dict(mapping), reductions) for name, mapping in mappings.items()}


def write_parts(folder: Path, prefix: str, mappings: Mapping[str, Mapping],
                on_disk: tuple[Mapping[str, Mapping], Layout] | None,
                pickled: Mapping[str, bytes] | None = None, reductions: Reductions | None = None) -> dict[str, Part]:
    """Keep ``mappings`` in ``folder``; their layout, for the head file to name.

    ``on_disk``: the mappings as the files in the current layout hold them,
    and that layout (None: start every base afresh). ``pickled``: bases made
    ahead (``pickled_bases``). ``reductions``: how values of some types are pickled.
    """
    folder.mkdir(parents=True, exist_ok=True)
    layout: dict[str, Part] = {}
    for name, mapping in mappings.items():
        part = on_disk[1].get(name) if on_disk else None
        if part is not None and (folder / part.base).is_file():
            before = on_disk[0][name]
            if mapping is before:  # handed on whole (a plan of pages that stood): nothing to compare
                layout[name] = part
                continue
            changed = {key: value for key, value in mapping.items()
                       if (old := before.get(key, _ABSENT)) is not value and _differs(old, value)}
            removed = list(before.keys() - mapping.keys())
            if not changed and not removed:
                layout[name] = part
                continue
            # most of the mapping changed (a template, the language): a new base, no entry made first
            entry = (_dumps((changed, removed), reductions)
                     if len(changed) + len(removed) <= JOURNAL_SHARE * max(len(mapping), 1) else None)
            if entry is not None and part.journal + len(entry) <= JOURNAL_SHARE * part.size:
                _append(folder / f"{part.base}.log", part.journal, entry)
                layout[name] = Part(part.base, part.size, part.journal + len(entry))
                continue
        base = f"{prefix}.{name}.{secrets.token_hex(6)}"
        size = _write_new(folder / base, pickled.get(name) if pickled else None, mapping, reductions)
        layout[name] = Part(base, size)
    return layout


def read_parts(folder: Path, layout: Layout) -> dict[str, dict] | None:
    """The mappings ``layout`` names, journals applied; None if a file is missing or short."""
    mappings = {}
    try:
        for name, part in layout.items():
            with open(folder / part.base, "rb") as handle:
                mapping = pickle.load(handle)
            if part.journal:
                with open(folder / f"{part.base}.log", "rb") as handle:
                    journal = handle.read(part.journal)
                if len(journal) != part.journal:
                    return None
                entries = io.BytesIO(journal)
                while entries.tell() < part.journal:
                    changed, removed = pickle.load(entries)
                    mapping.update(changed)
                    for key in removed:
                        mapping.pop(key, None)
            mappings[name] = mapping
    except Exception:  # noqa: BLE001 - missing, cut short or garbage: the caller starts afresh
        return None
    return mappings


def remove_others(folder: Path, prefix: str, layout: Layout) -> None:
    """Delete the bases and journals of ``prefix`` that ``layout`` does not name."""
    kept = {part.base for part in layout.values()}
    kept |= {f"{base}.log" for base in kept}
    for path in folder.glob(f"{prefix}.*"):
        if path.name not in kept and not path.name.startswith("."):
            path.unlink(missing_ok=True)


def _append(path: Path, valid: int, entry: bytes) -> None:
    """Write ``entry`` after the first ``valid`` bytes of the journal (anything after them
    is what a save that never finished wrote)."""
    with open(path, "a+b") as handle:
        handle.truncate(valid)
        handle.write(entry)  # in append mode a write goes to the end: now at ``valid``


def _write_new(path: Path, data: bytes | None, mapping: Mapping, reductions: Reductions | None) -> int:
    """Write a base: ``data`` if made ahead, else ``mapping`` pickled as it goes (a large
    one is never held in memory as bytes); its size."""
    temp = path.with_name(f".{path.name}.tmp")
    try:
        with open(temp, "wb") as handle:
            if data is not None:
                handle.write(data)
            else:
                _pickler(handle, reductions).dump(mapping if type(mapping) is dict else dict(mapping))
            size = handle.tell()
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return size


def _differs(old, new) -> bool:
    """Whether an entry changed; one the files held that cannot be read back did (it is
    written again)."""
    try:
        return old != new
    except StateDamaged:
        return True


def _pickler(handle, reductions: Reductions | None) -> pickle.Pickler:
    pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_read_only, **(reductions or {})}
    return pickler


def _reduce_read_only(view: MappingProxyType):
    """Records hold read-only views of dicts (registries, indexes, histories), which pickle
    cannot take: the state keeps the dict, and a view of it again."""
    return _read_only, (dict(view),)


def _read_only(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


def _dumps(value, reductions: Reductions | None) -> bytes:
    buffer = io.BytesIO()
    _pickler(buffer, reductions).dump(value)
    return buffer.getvalue()
