"""Raw capture text → normalised lines and story paragraphs.

Captures are UTF-8 with no-break spaces inside sentences, indentation, runs of
blank lines and sometimes no final newline. Every later stage works on the
normalised text of a line, but keeps the line's number so a report can point
at the file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sitegen.core.diagnostics import Diagnostic, error
from sitegen.core.textfile import decode_text

# No-break, figure, narrow and other fixed-width spaces read as plain spaces;
# zero-width characters and the soft hyphen carry nothing a reader sees.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_RUN_OF_SPACES = re.compile(r" {2,}")
_SENTENCE_END = tuple('.!?:;…"»”“\')')


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the raw file
    text: str    # normalised: one space between words, no edge spaces


@dataclass(frozen=True)
class RawItem:
    path: Path
    sha256: str
    lines: tuple[Line, ...]  # non-blank lines only
    breaks: frozenset[int]   # numbers of lines that follow a blank line


def read_raw(path: Path) -> tuple[RawItem | None, Diagnostic | None]:
    """Read a capture; a file that is not UTF-8 or cannot be read is a diagnostic."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, error(path, None, f"cannot read file: {exc.strerror or exc}")
    text, problem = decode_text(path, raw)
    if problem:
        return None, problem
    return parse_raw(path, text, hashlib.sha256(raw).hexdigest()), None


def parse_raw(path: Path, text: str, sha256: str) -> RawItem:
    lines: list[Line] = []
    breaks: set[int] = set()
    after_blank = True
    for number, raw in enumerate(text.split("\n"), start=1):
        clean = normalise_line(raw)
        if not clean:
            after_blank = True
            continue
        if after_blank:
            breaks.add(number)
        after_blank = False
        lines.append(Line(number, clean))
    return RawItem(path=path, sha256=sha256, lines=tuple(lines), breaks=frozenset(breaks))


def normalise_line(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = _INVISIBLE.sub("", _CONTROL.sub("", text))
    text = _SPACES.sub(" ", text)
    return _RUN_OF_SPACES.sub(" ", text).strip()


def paragraphs(lines: list[Line], breaks: frozenset[int]) -> list[tuple[Line, ...]]:
    """Group story lines into paragraphs.

    Most captures put one paragraph on a line. A line that stops mid-sentence
    and is followed, without a blank line, by one starting in lower case was
    hard-wrapped: the two belong to one paragraph.
    """
    groups: list[list[Line]] = []
    for line in lines:
        if groups and _continues(groups[-1][-1], line, breaks):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [tuple(group) for group in groups]


def _continues(previous: Line, line: Line, breaks: frozenset[int]) -> bool:
    if line.number in breaks or line.number != previous.number + 1:
        return False
    first = line.text[0]
    return not previous.text.endswith(_SENTENCE_END) and first.isalpha() and first.islower()


def joined(paragraph: tuple[Line, ...]) -> str:
    return " ".join(line.text for line in paragraph)


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def looks_like_sentence(text: str) -> bool:
    """Story prose: several words and closing punctuation."""
    return word_count(text) >= 6 and text.rstrip().endswith(_SENTENCE_END)
