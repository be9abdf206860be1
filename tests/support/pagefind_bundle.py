"""Pagefind's index read back, so two indexes of one site can be compared.

Pagefind writes its filter files in the order of a hash map seeded anew on
every run: two runs over the very same pages give filter files with other
bytes, and so other names, and so another ``pf_meta`` and entry file that
name them. Every other file of the index is the same byte for byte. This
decodes those files (gzip, a ``pagefind_dcd`` signature, then CBOR) into
plain values with the filter values sorted, so equal indexes compare equal.
"""

from __future__ import annotations

import gzip
import json
import re
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
META = re.compile(r"^pagefind\.[^/]*\.pf_meta$")


def _cbor(data: bytes, at: int):
    """One CBOR item at ``at``: (value, next position). Only what Pagefind writes."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        arg = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        arg = int.from_bytes(data[at:at + size], "big")
        at += size
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major in (2, 3):
        raw = data[at:at + arg]
        return (raw.decode() if major == 3 else raw.hex()), at + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, at = _cbor(data, at)
            value, at = _cbor(data, at)
            pairs.append((key, value))
        return dict(pairs), at
    if major == 7 and info == 27:
        return struct.unpack(">d", arg.to_bytes(8, "big"))[0], at
    if major == 7:
        return {20: False, 21: True, 22: None}[info], at
    raise ValueError(f"CBOR major type {major} not expected from Pagefind")


def decode(raw: bytes):
    data = gzip.decompress(raw)
    assert data.startswith(SIGNATURE), "not a Pagefind data file"
    value, end = _cbor(data, len(SIGNATURE))
    assert end == len(data)
    return value


def comparable(files: dict[str, bytes]) -> dict[str, object]:
    """``files`` (paths inside the index folder → bytes) with the run-dependent parts normalised."""
    result: dict[str, object] = {}
    filters = []
    for name, raw in files.items():
        if name.startswith("filter/"):
            filters.append(_sorted(decode(raw)))
        elif META.match(name):
            result["(meta)"] = _without_filter_hashes(decode(raw))
        elif name == "pagefind-entry.json":
            entry = json.loads(raw)
            for language in entry["languages"].values():
                language["hash"] = "(varies)"
            result[name] = entry
        else:
            result[name] = raw
    result["(filters)"] = sorted(filters, key=repr)
    return result


def _sorted(value):
    """A filter file's values in a fixed order (Pagefind writes them in hash-map order)."""
    if isinstance(value, list):
        return sorted((_sorted(v) for v in value), key=repr)
    return value


def _without_filter_hashes(meta):
    """The meta file: [version, pages, index chunks, filters, ...]; each filter is listed
    as [name, hash of its file], and that hash varies with the file's bytes."""
    version, pages, chunks, filters, *rest = meta
    return [version, pages, chunks, sorted(name for name, *_ in filters), *rest]


def index_files(site: Path, folder: str = "pagefind") -> dict[str, bytes]:
    root = site / folder
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
