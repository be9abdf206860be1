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

from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import Iterable

from sitegen.core.config import Config
from sitegen.core.diagnostics import Diagnostic, display_path, error, warning
from sitegen.archive.load import front_matter_lines
from sitegen.core.records import Article
from sitegen.core.similarity import (CANDIDATE, COMMON, MIN_SHINGLES, SHINGLE, THRESHOLD, Shingler,
                                     containment)

@dataclass(frozen=True)
class Overlap:
    later: Article  # the one reported: the second in file order
    earlier: Article
    containment: float  # 0..1


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
