"""Text broken into search terms: lower case, accents dropped, letters and digits only.

assets/search.js breaks a reader's query into terms the same way
(``normalize("NFKD")``, marks removed, ``toLowerCase``, runs of letters and
digits), so "Erdoğan" finds "Erdogan" and "ПУТИН" finds "Путин". Terms of
one character carry no meaning alone and are left out.
"""

from __future__ import annotations

import re
import unicodedata

_RUN = re.compile(r"[^\W_]{2,}")
_MARKS: dict[int, None] = {}  # combining marks seen, to be deleted by str.translate


def terms(text: str) -> set[str]:
    """The distinct terms of ``text``."""
    return set(_RUN.findall(fold(text)))


def fold(text: str) -> str:
    """Lower case with accents and other combining marks removed (NFKD, as the browser does)."""
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        for character in set(decomposed):
            if ord(character) not in _MARKS and unicodedata.category(character).startswith("M"):
                _MARKS[ord(character)] = None
        decomposed = decomposed.translate(_MARKS)
    return decomposed.lower()
