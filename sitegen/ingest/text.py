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
    wrap: int | None = None  # the column the sender hard-wrapped lines at, if they were


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
    return RawItem(path=path, sha256=sha256, lines=tuple(lines), breaks=frozenset(breaks),
                   wrap=wrap_width(lines))


# A capture hard-wrapped by an e-mail digest has lines that run on into the
# next one, all ending near one column: at least this many, and this share of
# them within WRAP_SLACK of the longest.
WRAP_MIN_LINES = 3
WRAP_SHARE = 0.5
WRAP_SLACK = 20
WRAP_COLUMNS = range(40, 101)


def wrap_width(lines: list[Line]) -> int | None:
    """The column lines were wrapped at, judged by line lengths; None if they were not.

    Pages captured from a browser put a paragraph on one line, so the lines
    followed directly by another have lengths all over the place (widgets,
    headlines, long paragraphs). Wrapped text gives lines that cluster just
    below one width and never pass it.
    """
    followed = [a.text for a, b in zip(lines, lines[1:]) if b.number == a.number + 1]
    if len(followed) < WRAP_MIN_LINES:
        return None
    width = max(len(text) for text in followed)
    near = [text for text in followed if len(text) >= width - WRAP_SLACK]
    if width not in WRAP_COLUMNS or len(near) < WRAP_MIN_LINES or len(near) / len(followed) < WRAP_SHARE:
        return None
    # A wrap falls anywhere in a sentence; short paragraphs a line each end at a full stop.
    mid_sentence = sum(1 for text in near if not text.endswith(_SENTENCE_END))
    return width if mid_sentence / len(near) >= WRAP_SHARE else None


def normalise_line(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = _INVISIBLE.sub("", _CONTROL.sub("", text))
    text = _SPACES.sub(" ", text)
    return _RUN_OF_SPACES.sub(" ", text).strip()


def paragraphs(lines: list[Line], breaks: frozenset[int],
               wrap: int | None = None) -> list[tuple[Line, ...]]:
    """Group story lines into paragraphs.

    Most captures put one paragraph on a line. A line that stops mid-sentence
    and is followed, without a blank line, by one starting in lower case was
    hard-wrapped: the two belong to one paragraph. In a capture wrapped at a
    known column (``wrap``), a line also runs on when the next line's first
    word would not have fitted on it, whatever that word's case.
    """
    groups: list[list[Line]] = []
    for line in lines:
        if groups and _continues(groups[-1][-1], line, breaks, wrap):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [tuple(group) for group in groups]


def _continues(previous: Line, line: Line, breaks: frozenset[int], wrap: int | None) -> bool:
    if line.number in breaks or line.number != previous.number + 1:
        return False
    if wrap is not None and len(previous.text) + 1 + len(line.text.split(" ", 1)[0]) > wrap:
        return True
    first = line.text[0]
    return not previous.text.endswith(_SENTENCE_END) and first.isalpha() and first.islower()


# "…the region.He said…": a full stop with no space after it, between a word
# of two or more small letters and a capitalised word (not "U.S.", "news.am").
_RUN_TOGETHER = re.compile(r"(?<=[^\W\d_][a-zа-яё])([.!?])(?=[A-ZА-ЯЁ][a-zа-яё])")
# An agency's end code glued to the last sentence: "…announced.//AZ-NEWS", "… (END)".
_END_CODE = re.compile(r"(?<=[.!?»\"”])\s*(?://?[A-ZА-ЯЁ][A-ZА-ЯЁ0-9-]{1,15}/{0,2}|\((?:END|ENDS|КОНЕЦ)\))$")


def mend(text: str) -> str:
    """The words as published, with the space a capture lost after a full stop put back."""
    return _RUN_TOGETHER.sub(r"\1 ", text)


def without_end_code(text: str) -> str:
    return _END_CODE.sub("", text)


def joined(paragraph: tuple[Line, ...]) -> str:
    return " ".join(line.text for line in paragraph)


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def looks_like_sentence(text: str) -> bool:
    """Story prose: several words and closing punctuation."""
    return word_count(text) >= 6 and text.rstrip().endswith(_SENTENCE_END)
