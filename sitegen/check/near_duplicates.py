"""Near-duplicate stories: the same raw capture twice, or bodies that mostly overlap.

Overlap is measured on word shingles: a body becomes the set of its runs of
``SHINGLE`` consecutive words (case-folded, punctuation and Markdown marks
dropped). Two bodies A and B overlap by their *containment*,
|A ∩ B| / min(|A|, |B|): the share of the shorter body's shingles that the
other one also has. At ``THRESHOLD`` or more the later file is reported; a
story that is wholly inside a longer one counts too.

Comparing every pair is quadratic, so candidates come from an inverted index
of a sample of the shingles: those that start with a word whose CRC-32 is 0
modulo ``SAMPLE``. The sample depends only on the text, so a passage copied
into another body brings its sampled shingles along, and the share of
sampled shingles two bodies have in common estimates their containment.
Sampled shingles found in more than ``COMMON`` bodies (stock phrases) are not
used to pair bodies. Candidate pairs are then measured exactly on all their
shingles. Bodies with fewer than ``MIN_SHINGLES`` shingles are too short to
judge and are compared by their source's sha256 only.
"""

from __future__ import annotations

import operator
import zlib
from collections import Counter
from dataclasses import dataclass
from itertools import combinations, compress
from typing import Iterable

from sitegen.core.config import Config
from sitegen.core.diagnostics import Diagnostic, display_path, error, warning
from sitegen.archive.load import front_matter_lines
from sitegen.core.records import Article

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


@dataclass(frozen=True)
class Overlap:
    later: Article  # the one reported: the second in file order
    earlier: Article
    containment: float  # 0..1


class Shingler:
    """Body text → shingle hashes, the same for the same words in any run.

    Words are numbered by their CRC-32 (not Python's salted ``hash``) and a
    shingle's hash is that of a tuple of ints, so a body yields the same
    shingles, and the same sample of them, in every process. Everything per
    word runs in C (``translate``, ``split``, ``map``, ``zip``): at 10k bodies
    a loop in Python would cost seconds.
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


def find_overlaps(items: Iterable[tuple[Article, str]]) -> list[Overlap]:
    """Pairs of bodies whose containment is THRESHOLD or more, each reported once."""
    shingler = Shingler()
    articles: list[Article] = []
    bodies: list[str] = []
    samples: list[int] = []  # how many sampled shingles each body has
    first_seen: dict[int, int] = {}  # sampled shingle → the first body that has it
    shared_by: dict[int, list[int]] = {}  # the few sampled shingles in two bodies or more
    for article, body in items:
        numbers = shingler.numbers(body)
        if len(numbers) - SHINGLE + 1 < MIN_SHINGLES:
            continue
        number = len(articles)
        articles.append(article)
        bodies.append(body)
        sample = shingler.sample(numbers)
        samples.append(len(sample))
        seen = first_seen.keys() & sample
        for value in seen:  # set operations in C; Python only for the shingles seen before
            shared_by.setdefault(value, [first_seen[value]]).append(number)
        first_seen.update(dict.fromkeys(sample - seen, number))
    shared: Counter[tuple[int, int]] = Counter()
    for numbers in shared_by.values():
        if len(numbers) <= COMMON:
            shared.update(combinations(numbers, 2))
    overlaps = []
    for (first, second), count in sorted(shared.items()):
        if count < CANDIDATE * min(samples[first], samples[second]):
            continue
        measured = containment(shingler.shingles(bodies[first]), shingler.shingles(bodies[second]))
        if measured >= THRESHOLD:
            overlaps.append(Overlap(articles[second], articles[first], measured))
    return overlaps


def near_duplicates(config: Config, items: list[tuple[Article, str]]) -> list[Diagnostic]:
    """Same source sha256 (an error) and overlapping bodies (a warning), on the later file."""
    root = config.root
    problems = []
    by_sha: dict[str, Article] = {}
    same_source: set[frozenset[str]] = set()
    for article, _ in items:
        sha = article.source.sha256
        if not sha:
            continue
        first = by_sha.setdefault(sha, article)
        if first is not article:
            same_source.add(frozenset((first.id, article.id)))
            problems.append(error(
                root / article.path, front_matter_lines(config, article).get("source.sha256"),
                f"same source as {display_path(root / first.path)}: both were made from the raw "
                f"file with sha256 {sha[:12]}…",
                "keep one item and delete the other, or merge them", related=root / first.path))
    for overlap in find_overlaps(items):
        if frozenset((overlap.earlier.id, overlap.later.id)) in same_source:
            continue  # already reported as one source
        problems.append(warning(
            root / overlap.later.path, overlap.later.body_line,
            f"near-duplicate of {display_path(root / overlap.earlier.path)}: "
            f"{overlap.containment:.0%} of the shorter text's {SHINGLE}-word runs appear in both",
            "if it is the same story, keep one item; if not, reword it", related=root / overlap.earlier.path))
    return problems
