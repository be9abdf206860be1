"""The numbers of a term's documents, written short: as a bitmap, or as gaps in varints.

A term in many documents is a bitmap, a bit a document, up to its last
document (so adding a document elsewhere leaves it as it was); any other is
the gaps between its numbers, each in as few bytes as it needs (seven bits a
byte, the high bit saying "more follows"). Whichever is shorter is written,
in base64, after a letter that says which: "b" or "g". assets/search.js
reads both.
"""

from __future__ import annotations

import base64
from typing import Iterable, Sequence


def encoded(numbers: Sequence[int]) -> str:
    """``numbers`` (ascending) as the shorter of a bitmap and varint gaps (the gaps on a tie)."""
    if not numbers:
        return "g"
    bitmap_size = numbers[-1] // 8 + 1
    if len(numbers) > bitmap_size:  # at least a byte a gap: the bitmap is shorter
        return _bitmap(numbers, bitmap_size)
    gaps = bytearray()
    previous = -1
    for number in numbers:
        gap = number - previous
        previous = number
        while gap >= 0x80:
            gaps.append(gap & 0x7F | 0x80)
            gap >>= 7
        gaps.append(gap)
    if bitmap_size < len(gaps):
        return _bitmap(numbers, bitmap_size)
    return "g" + base64.b64encode(bytes(gaps)).decode("ascii")


def _bitmap(numbers: Sequence[int], size: int) -> str:
    bitmap = bytearray(size)
    for number in numbers:
        bitmap[number >> 3] |= 1 << (number & 7)
    return "b" + base64.b64encode(bytes(bitmap)).decode("ascii")


def decoded(text: str) -> list[int]:
    """The numbers ``encoded`` wrote (as the browser reads them)."""
    data = base64.b64decode(text[1:])
    if text[0] == "b":
        return [i * 8 + bit for i, byte in enumerate(data) if byte for bit in range(8) if byte >> bit & 1]
    numbers, at, gap, shift = [], -1, 0, 0
    for byte in data:
        gap |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        at += gap
        numbers.append(at)
        gap, shift = 0, 0
    return numbers


def changed(text: str, count: int, removed: Iterable[int], added: Iterable[int]) -> tuple[int, str]:
    """The postings ``text`` of ``count`` documents without ``removed`` and with ``added``:
    (documents, encoded) as ``encoded`` writes them.

    A bitmap that stays the shorter form is changed bit by bit: a term in
    most documents costs no more to change than a rare one.
    """
    if text.startswith("b"):
        bitmap = bytearray(base64.b64decode(text[1:]))
        for number in removed:
            at, bit = number >> 3, 1 << (number & 7)
            if at < len(bitmap) and bitmap[at] & bit:
                bitmap[at] &= ~bit & 0xFF
                count -= 1
        for number in added:
            at, bit = number >> 3, 1 << (number & 7)
            if at >= len(bitmap):
                bitmap.extend(bytes(at + 1 - len(bitmap)))
            if not bitmap[at] & bit:
                bitmap[at] |= bit
                count += 1
        while bitmap and not bitmap[-1]:
            bitmap.pop()
        if count > len(bitmap):  # as encoded() decides: still the shorter form
            return count, "b" + base64.b64encode(bytes(bitmap)).decode("ascii")
        numbers = decoded("b" + base64.b64encode(bytes(bitmap)).decode("ascii"))
    else:
        numbers = sorted(set(decoded(text)).difference(removed).union(added))
    return len(numbers), encoded(numbers)
