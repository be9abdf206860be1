"""The numbers of a term's documents, written short: as a bitmap, or as gaps in varints.

A term in many documents is a bitmap, a bit a document (``count`` / 8
bytes, whatever the term); any other is the gaps between its numbers, each
in as few bytes as it needs (seven bits a byte, the high bit saying "more
follows"). Either is base64, after a letter that says which: "b" or "g".
assets/search.js reads both.
"""

from __future__ import annotations

import base64
from typing import Sequence


def encoded(numbers: Sequence[int], count: int) -> str:
    """``numbers`` (ascending, below ``count``) as the shorter of a bitmap and varint gaps."""
    gaps = bytearray()
    previous = -1
    for number in numbers:
        gap = number - previous
        previous = number
        while gap >= 0x80:
            gaps.append(gap & 0x7F | 0x80)
            gap >>= 7
        gaps.append(gap)
    bitmap_size = (count + 7) // 8
    if bitmap_size < len(gaps):
        bitmap = bytearray(bitmap_size)
        for number in numbers:
            bitmap[number >> 3] |= 1 << (number & 7)
        return "b" + base64.b64encode(bytes(bitmap)).decode("ascii")
    return "g" + base64.b64encode(bytes(gaps)).decode("ascii")


def decoded(text: str) -> list[int]:
    """The numbers ``encoded`` wrote (what the browser does, for the tests)."""
    data = base64.b64decode(text[1:])
    if text[0] == "b":
        return [i * 8 + bit for i, byte in enumerate(data) for bit in range(8) if byte >> bit & 1]
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
