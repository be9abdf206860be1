"""How much of one text another holds: word shingles, sampled so that copies keep their sample.

A text becomes the set of its runs of ``SHINGLE`` consecutive words
(case-folded, punctuation and Markdown marks dropped). Two texts A and B
overlap by their *containment*, |A ∩ B| / min(|A|, |B|): the share of the
shorter text's shingles the other also has. ``sitegen check`` reports
near-duplicate items with it and ``sitegen ingest`` refuses captures the
archive already holds with it, so what one lets through the other does not flag.
"""

from __future__ import annotations

import operator
import zlib
from itertools import compress

SHINGLE = 5  # words per shingle
SAMPLE = 8  # one shingle in SAMPLE takes part in finding candidates
THRESHOLD = 0.7  # containment from which two bodies are near-duplicates (about one word in 15 edited)
CANDIDATE = 0.4  # estimated containment from which a pair is measured exactly
MIN_SHINGLES = 40  # about 45 words
COMMON = 50  # sampled shingles in more bodies than this are stock phrases

# Punctuation and Markdown marks become spaces: "said," and "said" are one word.
SEPARATORS = str.maketrans(dict.fromkeys(
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00ab\u00bb\u2018\u2019\u201a\u201c\u201d\u201e"
    "\u2013\u2014\u2026\u2039\u203a\u00b7\u2022", " "))


class Shingler:
    """Body text → shingle hashes, the same for the same words in any run.

    Words are numbered by their CRC-32 (not Python's salted ``hash``) and a
    shingle's hash is that of a tuple of ints, so a body yields the same
    shingles, and the same sample of them, in every process. Everything per
    word runs in C (``translate``, ``split``, ``map``, ``zip``), not in a
    Python loop per word.
    """

    def __init__(self):
        self.word_ids: dict[str, int] = {}

    def numbers(self, text: str) -> list[int]:
        words = text.casefold().translate(SEPARATORS).split()
        ids = self.word_ids
        for word in sorted(set(words).difference(ids)):
            ids[word] = zlib.crc32(word.encode("utf-8", "surrogatepass"))
        return list(map(ids.__getitem__, words))

    def shingles(self, text: str) -> set[int]:
        numbers = self.numbers(text)
        return set(map(hash, zip(*(numbers[i:] for i in range(SHINGLE)))))

    def sample(self, numbers: list[int]) -> set[int]:
        """The shingles that start with a word whose number is 0 modulo SAMPLE:
        chosen by the text alone, so a copy of a passage keeps the same ones."""
        runs = zip(*(numbers[i:] for i in range(SHINGLE)))
        chosen = map((SAMPLE - 1).__and__, numbers)  # 0 for the chosen: compress wants the opposite
        return set(map(hash, compress(runs, map(operator.not_, chosen))))


def containment(a: set[int], b: set[int]) -> float:
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0
