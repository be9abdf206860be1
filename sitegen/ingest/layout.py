"""A capture's lines sorted into what they are: story, headline, furniture.

Every line ends up in exactly one place: the story (kept word for word, in
order), the headline, or a list of dropped lines, each with the reason it
was dropped. A line that reads as a sentence is dropped only when an
outlet's profile names it or when it speaks to the reader about the site
itself (``chrome.addresses_reader``); where the page's head and tail end is
``edges.py``'s to judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.ingest.chrome import COPYRIGHT, RIGHTS_MAX_WORDS, chrome_reason
from sitegen.ingest.dates import is_date_line
from sitegen.ingest.edges import Dropped, is_caption, read_edges, repeated_lines
from sitegen.ingest.profiles import Profile
from sitegen.ingest.text import Line, RawItem, looks_like_sentence, paragraphs, word_count

# A line that is only the page's address (as some capture tools add), or "Source: <address>".
_ADDRESS = re.compile(r"^(?:(?:source|url|link|источник)\s*:\s*)?(?P<url>https?://[^\s<>'\"]{4,2000})$",
                      re.IGNORECASE)


# The line that opens an e-mail's signature ("-- "), once the story has begun.
SIGNATURE_DELIMITERS = frozenset({"--", "-- ", "—", "__"})


@dataclass(frozen=True)
class Layout:
    story: tuple[Line, ...]
    headline: Line | None
    date_lines: tuple[Line, ...]      # the outlet's own timestamps of the story
    capture_dates: tuple[Line, ...]   # widget, header or footer dates: never the story's
    translations: Line | None
    dropped: tuple[Dropped, ...]
    url: str | None = None            # the page's address, when the capture holds it
    captions: tuple[Line, ...] = ()   # photo captions: their dates are someone else's
    copyright: Line | None = None     # "(c) 2022 Outlet": bounds the story's year


def lay_out(item: RawItem, profile: Profile) -> Layout:
    found = _Sorting(profile, repeated_lines(item.lines))
    for line in item.lines:
        found.sort(line)
    kept = found.kept
    groups = paragraphs(kept, item.breaks, item.wrap)
    kept, headline = read_edges(groups, profile, found.dropped)
    if kept:
        last = kept[-1].number
        found.capture += [line for line in found.date_lines if line.number > last]
        found.date_lines = [line for line in found.date_lines if line.number < last]
    return Layout(tuple(kept), headline, tuple(found.date_lines), tuple(found.capture),
                  found.translations, tuple(sorted(found.dropped, key=lambda d: d.line.number)),
                  found.url, tuple(found.captions), found.copyright)


class _Sorting:
    """Each line of a capture, sorted into story, dates and furniture."""

    def __init__(self, profile: Profile, repeated: frozenset[str]):
        self.profile, self.repeated = profile, repeated
        self.dropped: list[Dropped] = []
        self.date_lines: list[Line] = []
        self.capture: list[Line] = []
        self.captions: list[Line] = []
        self.kept: list[Line] = []
        self.translations: Line | None = None
        self.copyright: Line | None = None
        self.url: str | None = None
        self.signed = False

    def sort(self, line: Line) -> None:
        reason = self._furniture(line)
        if reason is None:
            self.kept.append(line)
        else:
            self.dropped.append(Dropped(line, reason))

    def _furniture(self, line: Line) -> str | None:
        text, profile = line.text, self.profile
        if self.signed:
            return "signature"
        if text in SIGNATURE_DELIMITERS and self.kept:
            self.signed = True  # a mail's signature follows: the sender's, not the story's
            return "signature"
        if (profile.translations_line and profile.translations_line.search(text)) or \
                (self.translations is None and _generic_translations(text)):
            self.translations = line
            return "translations line"
        if address := _ADDRESS.match(text):
            self.url = self.url or address.group("url")
            return "address line"
        if any(p.search(text) for p in profile.capture_date):
            self.capture.append(line)
            return f"capture date ({profile.name})"
        if any(p.search(text) for p in profile.date):
            self.date_lines.append(line)
            return "date line"
        if is_caption(text) or self._continues_caption(line):
            self.captions.append(line)
            return "photo caption"
        if COPYRIGHT.match(text) and word_count(text) <= RIGHTS_MAX_WORDS:
            self.copyright = self.copyright or line
            return "copyright"
        if (reason := chrome_reason(text, profile)) is not None:
            return reason
        if is_date_line(text):
            self.date_lines.append(line)
            return "date line"
        if text.casefold() in self.repeated:
            return "repeated"
        return None


    def _continues_caption(self, line: Line) -> bool:
        """The second line of a caption wrapped in two: right below it, short, no sentence."""
        last = self.captions[-1] if self.captions else None
        return (last is not None and line.number == last.number + 1
                and word_count(line.text) <= CAPTION_TAIL_WORDS and not looks_like_sentence(line.text))


# A caption's wrapped second line is a name, a date, a credit: a few words.
CAPTION_TAIL_WORDS = 12


def _generic_translations(text: str) -> bool:
    lowered = text.casefold()
    return (lowered.startswith(("this text available in", "this text is available in",
                                "also available in", "read this in", "этот текст доступен на",
                                "текст доступен на"))
            and word_count(text) <= 12)
