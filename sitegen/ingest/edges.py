"""The head and tail of a capture: where the page ends and the story begins.

A page wraps the story in furniture that no phrase list can name in full:
the outlet's masthead, a rubric, a byline, the headline two or three times
(page title, social title, teaser), "Loading...", "End of content". They are
judged by where they stand and what shape they have, not by their words:

- the *head* is every paragraph before the first one that reads as a
  sentence (or a dateline); the headline is the last of them shaped like
  one, with any "| Outlet | Section" suffix taken off, and the others are
  the page's header, unless they end as a sentence ends (then they stay);
- the *tail* is every paragraph after the last sentence; short ones with no
  closing punctuation are labels, menus and widgets;
- a short line that is not a sentence and comes back twice is furniture
  wherever it stands (a masthead repeated in the footer, "Loading...").

A capture with no sentence at all keeps every line: there is nothing to
measure the furniture against.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sitegen.ingest.datelines import find_dateline
from sitegen.ingest.profiles import Profile
from sitegen.ingest.text import Line, joined, looks_like_sentence, word_count

HEADLINE_MAX_WORDS = 30
HEADLINE_MIN_WORDS = 3
TAIL_LABEL_MAX_WORDS = 8
HEADER_MAX_WORDS = 15
REPEATED_MAX_WORDS = 12
_CLOSING = (".", "?", "!", "»", '"', "”", "“")
# "Headline | Outlet | News": the page title's suffix, as browsers show it.
_TITLE_SUFFIX = re.compile(r"(?:\s+\|\s*(?=[^|]*[^\W\d_])[^|.!?…]{1,40}){1,3}$")
_CAPTION = re.compile(r"^\(?(?:photo|photos|фото|photograph|image|picture|pictured|снимок|кадр)"
                      r"\s*(?:[:|/—–-]|by\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Dropped:
    line: Line
    reason: str  # "chrome", "capture date", "date line", "translations line", …


def is_caption(text: str) -> bool:
    """"Photo: …", "Фото: …": a caption, between paragraphs or inside a quote."""
    return bool(_CAPTION.match(text))


def repeated_lines(lines: tuple[Line, ...]) -> frozenset[str]:
    """Short lines with no sentence's end that occur more than once in a capture (casefolded)."""
    counts = Counter(line.text.casefold() for line in lines
                     if len(line.text) <= REPEATED_MAX_WORDS * 12 and not line.text.endswith(_CLOSING)
                     and word_count(line.text) <= REPEATED_MAX_WORDS)
    return frozenset(text for text, n in counts.items() if n > 1)


def read_edges(groups: list[tuple[Line, ...]], profile: Profile,
               dropped: list[Dropped]) -> tuple[list[Line], Line | None]:
    """The story's lines and the headline, once the page's head and tail are set aside."""
    texts = [joined(group) for group in groups]
    sentences = [i for i, text in enumerate(texts) if _opens_story(text, profile)]
    if not sentences:
        return [line for group in groups for line in group], _first_headline(groups, profile)
    first, last = sentences[0], sentences[-1]
    candidates = [i for i in range(first) if _headline_shaped(groups[i], profile)]
    headline_index = _plainest(candidates, texts)
    if headline_index is None and first < len(groups) - 1 and _headline_shaped(groups[first], profile):
        headline_index, first = first, first + 1  # a quote or a question as the headline
    headline = _without_suffix(groups[headline_index][0]) if headline_index is not None else None
    kept: list[Line] = []
    for index, group in enumerate(groups):
        if index == headline_index:
            dropped.append(Dropped(group[0], "headline"))
        elif index < first and _is_header(texts[index], headline):
            dropped += [Dropped(line, "page header") for line in group]
        elif index > last and _is_label(texts[index]):
            dropped += [Dropped(line, "label") for line in group]
        else:
            kept += group
    return _split_run_in(kept, headline), headline


def _plainest(candidates: list[int], texts: list[str]) -> int | None:
    """The last headline-shaped line, or the same headline without a site's suffix
    ("X – Outlet", "X | Outlet") where the page repeats it bare."""
    if not candidates:
        return None
    last = candidates[-1]
    for index in candidates:
        bare, dressed = texts[index], texts[last]
        if index != last and dressed.startswith(bare + " ") and \
                dressed[len(bare):].lstrip()[:1] in ("-", "–", "—", "|", ":"):
            return index
    return last


def _opens_story(text: str, profile: Profile) -> bool:
    return looks_like_sentence(text) or find_dateline(text, profile) is not None


def _headline_shaped(group: tuple[Line, ...], profile: Profile) -> bool:
    """One line of a few words, not a sentence's end, not a dateline."""
    if len(group) != 1:
        return False
    text = _without_suffix(group[0]).text
    if not HEADLINE_MIN_WORDS <= word_count(text) <= HEADLINE_MAX_WORDS:
        return False
    for shape in (text, group[0].text):
        if shape.endswith((".", ",", ";", ":")) and not shape.endswith(("...", "…")):
            return False
    return find_dateline(text, profile) is None


def _first_headline(groups: list[tuple[Line, ...]], profile: Profile) -> Line | None:
    """With no sentence to go by: a first paragraph shaped like a headline, before others."""
    if len(groups) >= 2 and _headline_shaped(groups[0], profile):
        return _without_suffix(groups[0][0])
    return None


# "Subject: [List] Headline", "Fwd: Headline": a mail's subject line is its headline.
_MAIL_PREFIX = re.compile(r"^(?:(?:subject|тема|fwd?|re)\s*:\s*)+(?:\[[^\]]{1,40}\]\s*)?", re.IGNORECASE)


def _without_suffix(line: Line) -> Line:
    text = _TITLE_SUFFIX.sub("", _MAIL_PREFIX.sub("", line.text))
    return line if text == line.text or word_count(text) < HEADLINE_MIN_WORDS else Line(line.number, text)


def _is_header(text: str, headline: Line | None) -> bool:
    """Above the story: a short line with no sentence's end (a masthead, a rubric, a byline),
    or the headline again. A long one, or one that introduces what follows (":"), is story."""
    if headline is not None and _without_suffix(Line(0, text)).text == headline.text:
        return True
    return not text.endswith((*_CLOSING, ":")) and word_count(text) <= HEADER_MAX_WORDS


def _is_label(text: str) -> bool:
    return word_count(text) <= TAIL_LABEL_MAX_WORDS and not text.endswith(_CLOSING)


def _split_run_in(kept: list[Line], headline: Line | None) -> list[Line]:
    """A teaser that runs the headline into the standfirst keeps the standfirst alone."""
    if headline is None or not kept:
        return kept
    first = kept[0]
    lead = headline.text + " "
    if first.text.startswith(lead) and looks_like_sentence(first.text[len(lead):]):
        return [Line(first.number, first.text[len(lead):]), *kept[1:]]
    return kept
