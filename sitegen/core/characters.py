"""Characters no page or feed can carry, and how to name one in a message.

XML 1.0 (the feeds, the sitemap) forbids the C0 control characters but tab
and line breaks, lone surrogates and U+FFFE/U+FFFF; HTML also forbids the C1
controls and the other noncharacters. A text value or body holding one
passes YAML (as an escape such as "\\u0007") and would make every feed it is
in invalid, so the reader refuses it, naming the character and the line.
"""

from __future__ import annotations

import re

# Two patterns: a class of BMP characters alone compiles to a bitmap, one test a character;
# with the planes above it mixed in, every character is tried against every range.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
FORBIDDEN_ABOVE = re.compile("[" + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}"
                                           for plane in range(1, 17)) + "]")
HINT = "delete it; a space or a line break typed as such is fine"


def forbidden_in(text: str) -> re.Match | None:
    """The first character of ``text`` no page or feed can carry, if there is one."""
    if text.replace("\n", "").isprintable():  # every forbidden character is unprintable: C speed
        return None
    found = FORBIDDEN.search(text)
    if found is None and text and max(text) > "\uffff":
        found = FORBIDDEN_ABOVE.search(text)
    return found


def named(character: str) -> str:
    return f"U+{ord(character):04X}"
