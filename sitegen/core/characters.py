"""Characters no page or feed can carry, and how to name one in a message.

XML 1.0 (the feeds, the sitemap) forbids the C0 control characters but tab
and line breaks, lone surrogates and U+FFFE/U+FFFF; HTML also forbids the C1
controls and the other noncharacters. A text value or body holding one
passes YAML (as an escape such as "\\u0007") and would make every feed it is
in invalid, so the reader refuses it, naming the character and the line.
"""

from __future__ import annotations

import re

_NONCHARACTERS = "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17))
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                       + _NONCHARACTERS.encode().decode("unicode_escape") + "]")
HINT = "delete it; a space or a line break typed as such is fine"


def forbidden_in(text: str) -> re.Match | None:
    """The first character of ``text`` no page or feed can carry, if there is one."""
    return FORBIDDEN.search(text)


def named(character: str) -> str:
    return f"U+{ord(character):04X}"
