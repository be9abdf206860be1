"""Short fingerprints of text, for telling what changed between two builds."""

from __future__ import annotations

import hashlib


def digest(*parts: str) -> str:
    """A short fingerprint of text, for telling what changed between builds."""
    hasher = hashlib.blake2b(digest_size=12)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()
