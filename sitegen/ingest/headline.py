"""The article's title: the outlet's headline, or one written from the story.

A written headline is "<Surname>: <the story's lead>" — the lead is the
outlet's own summary of what was said, cut at a clause boundary. It is never
made into a quote, so no words are put in anyone's mouth; a curator is asked
to check it.
"""

from __future__ import annotations

import re

from sitegen.ingest.verbs import VERB_PATTERN

MAX_LENGTH = 110
TIGHT_LENGTH = 90
MIN_LENGTH = 40
_CIRCUMSTANCE = re.compile(r"\s(?:in|at|during|on|amid|following|after|before|"
                           r"в|во|на|после|в ходе|во время)\s")
# Words whose loss would change what was said: nothing after one of them is dropped.
_QUALIFIER = re.compile(r"(?<!\w)(?:without|except|unless|only|if|until|unless|but|not|no|never|"
                        r"без|кроме|только|если|пока|но|не|ни|нет)(?!\w)", re.IGNORECASE)
WEAK_ENDINGS = {"of", "the", "a", "an", "in", "on", "to", "for", "and", "or", "with", "by",
                 "at", "from", "that", "и", "в", "на", "с", "по", "к", "о", "что", "для"}
_LEAD_OPENERS = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’ .-]*,\s+(?:[\w ]+,\s+)?)?")


_ATTRIBUTION = re.compile(
    r"(?:,\s*|\s+[-–—]\s*)(?:[^,]{0,120}\s)?(?:" + VERB_PATTERN + r")\b[^,]*$", re.IGNORECASE)


# "X said on Tuesday that …", "X заявил во вторник, что …": what was said.
_REPORTED = re.compile(r"^.{0,120}?\b(?:" + VERB_PATTERN + r")\b(?:\s+[\w-]+){0,3}?,?\s+(?:that|что)\s+"
                       r"(?P<what>.+)$", re.IGNORECASE)


# Acronyms stay in capitals when a shouted headline is lowered: "UN", "EU", "ОДКБ".
ACRONYM_MAX = 4


def sentence_case(title: str, is_name) -> str:
    """A headline written in capitals ("BLINKEN HOSTS FOREIGN MINISTERS"), as a sentence.

    Names the registries know keep their capital; short words keep all of
    them (acronyms); everything else is lowered. Other headlines are as written.
    """
    letters = [ch for ch in title if ch.isalpha()]
    if len(letters) < 8 or not all(ch.isupper() for ch in letters):
        return title
    out = []
    for index, word in enumerate(title.split(" ")):
        if len(word.strip("\"'«»“”.,:;!?")) <= ACRONYM_MAX and index:
            out.append(word)
        elif index == 0 or is_name(word.strip("\"'«»“”.,:;!?")):
            out.append(word[:1] + word[1:].lower())
        else:
            out.append(word.lower())
    return " ".join(out)


def write_headline(speaker_name: str | None, lead: str, dateline_text: str | None,
                   is_organisation: bool = False) -> str:
    """"<Surname>: <the lead's first sentence, without its "…, X said">"."""
    text = lead
    if dateline_text and text.startswith(dateline_text):
        text = text[len(dateline_text):].strip(" -–—")
    sentence = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0].strip()
    sentence = sentence.strip("\"“”«»„ ").rstrip(".")
    reported = _REPORTED.match(sentence)
    if reported and len(reported.group("what").split()) >= 4:
        sentence = reported.group("what")
    without = _ATTRIBUTION.sub("", sentence).strip()
    if len(without.split()) >= 4:
        sentence = without
    sentence = _shorten(sentence)
    if not speaker_name:
        return sentence or "Untitled item"
    surname = speaker_name if is_organisation else speaker_name.split()[-1]
    return f"{surname}: {sentence[:1].upper()}{sentence[1:]}" if sentence else surname


def _shorten(sentence: str) -> str:
    """A long lead loses its trailing circumstance ("… in the process of …") or is cut with "…".

    Only phrases of place and time are dropped whole: "without", "except",
    "to" and the like can turn a statement round, so they are never cut at.
    """
    if len(sentence) <= TIGHT_LENGTH:
        return sentence
    qualifiers = [m.end() for m in _QUALIFIER.finditer(sentence)]
    last_qualifier = qualifiers[-1] if qualifiers else 0
    cuts = [m.start() for m in _CIRCUMSTANCE.finditer(sentence)
            if MIN_LENGTH <= m.start() <= TIGHT_LENGTH and m.start() >= last_qualifier]
    if cuts:
        return sentence[:cuts[-1]].rstrip(" ,")
    if len(sentence) <= MAX_LENGTH:
        return sentence
    cut = sentence[:MAX_LENGTH]
    for boundary in (", ", " – ", " — ", "; "):
        position = cut.rfind(boundary)
        if position > 40:
            return cut[:position] + "…"
    cut = cut[:cut.rfind(" ")]
    while cut.rsplit(" ", 1)[-1].lower() in WEAK_ENDINGS:
        cut = cut.rsplit(" ", 1)[0]
    return cut + "…"
