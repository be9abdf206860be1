"""A capture's address: the outlet's own page, or a web archive's copy of it.

A capture saved from a web archive carries the archive's address, which
holds the original's inside it (``https://web.archive.org/web/<time>/<original>``,
``https://archive.ph/<time>/<original>``). The front-matter keeps the two
apart: ``source.url`` is the original, where a reader would look first, and
``source.archived`` the copy, which stays when the original changes or goes.
A short archive address that names no original (``https://archive.ph/AbC12``)
gives the copy alone.
"""

from __future__ import annotations

import re

# The archive's host, a timestamp or short id, then the original address, if any.
_ARCHIVED = re.compile(
    r"^https?://(?:(?:web\.)?archive\.org/web|archive\.(?:ph|today|is|li|vn|md))"
    r"/(?P<stamp>[\w.*-]+?)(?:id_|if_|im_|js_|cs_)?(?:/(?P<original>https?://\S+))?$",
    re.IGNORECASE)


def split_address(address: str | None) -> tuple[str | None, str | None]:
    """(the original's address, the archived copy's address) for what a capture gives."""
    if not address:
        return None, None
    found = _ARCHIVED.match(address)
    if found is None:
        return address, None
    return found.group("original"), address
