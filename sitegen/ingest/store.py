"""Where a normalised item goes, and whether it may be written.

Ingest never overwrites an article: an unchanged raw file gives the same
text (nothing to do); anything else already there for the same capture is a
curator's work: ingest reports the difference, and with ``--propose`` writes
its version to ``<article>.md.proposed`` beside it. A capture whose sha256, or most of whose text, is already in the archive
is a duplicate and is not written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.archive.frontmatter import FrontMatterError, split_front_matter
from sitegen.ingest.headline import WEAK_ENDINGS as _WEAK_ENDINGS
from sitegen.ingest.names import to_latin
from sitegen.core.similarity import (CANDIDATE, COMMON, MIN_SHINGLES, SHINGLE, THRESHOLD, Shingler,
                             containment)
from sitegen.core.ids import slugify

SLUG_MAX = 60
_FIELD = re.compile(r"^\s*(sha256|file):\s*\"?([^\"\n]*)\"?\s*$", re.MULTILINE)


@dataclass
class Shelf:
    """What the archive already holds, and what this run has added to it.

    Near-duplicates are judged exactly as ``sitegen check`` judges them
    (neardup.py): containment of word 5-grams, found through a text-chosen
    sample, so what ingest lets through, check does not flag.
    """
    by_file: dict[str, Path] = field(default_factory=dict)
    by_sha: dict[str, Path] = field(default_factory=dict)
    paths: list[Path] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)     # sampled shingles per body
    holders: dict[int, list[int]] = field(default_factory=dict)  # sampled shingle → bodies
    taken: set[Path] = field(default_factory=set)
    shingler: Shingler = field(default_factory=Shingler)

    def remember(self, path: Path, source_file: str | None, sha256: str | None, body: str) -> None:
        self.taken.add(path)
        if source_file:
            self.by_file.setdefault(source_file, path)
        if sha256:
            self.by_sha.setdefault(sha256, path)
        numbers = self.shingler.numbers(body)
        if len(numbers) - SHINGLE + 1 < MIN_SHINGLES:
            return  # too short to tell apart from another by its words
        number = len(self.paths)
        sample = self.shingler.sample(numbers)
        self.paths.append(path)
        self.bodies.append(body)
        self.sizes.append(len(sample))
        for shingle in sample:
            self.holders.setdefault(shingle, []).append(number)

    def near_duplicate(self, body: str) -> tuple[Path, float] | None:
        """The earlier article holding most of this story's text, if one holds enough of it."""
        numbers = self.shingler.numbers(body)
        if len(numbers) - SHINGLE + 1 < MIN_SHINGLES:
            return None
        sample = self.shingler.sample(numbers)
        counts: dict[int, int] = {}
        for shingle in sample:
            holders = self.holders.get(shingle)
            if holders and len(holders) <= COMMON:
                for number in holders:
                    counts[number] = counts.get(number, 0) + 1
        mine = None
        best: tuple[Path, float] | None = None
        for number, shared in sorted(counts.items()):
            if shared < CANDIDATE * min(len(sample), self.sizes[number]):
                continue
            mine = mine or self.shingler.shingles(body)
            measured = containment(mine, self.shingler.shingles(self.bodies[number]))
            if measured >= THRESHOLD and (best is None or measured > best[1]):
                best = (self.paths[number], measured)
        return best


def read_shelf(articles_dir: Path) -> Shelf:
    shelf = Shelf()
    if not articles_dir.is_dir():
        return shelf
    for path in sorted(articles_dir.rglob("*.md")):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        head, body = front_and_body(text)
        fields = dict(_FIELD.findall(head))
        shelf.remember(path, fields.get("file"), fields.get("sha256"), body)
    return shelf


def front_and_body(text: str) -> tuple[str, str]:
    """An article's YAML and body; a file a curator broke is all body."""
    try:
        split = split_front_matter(text)
    except FrontMatterError:
        return "", text
    return split.yaml_text, split.body


def article_path(articles_dir: Path, day, title: str, shelf: Shelf) -> Path:
    slug = title_slug(title)
    folder = articles_dir / f"{day.year:04d}"
    stem = f"{day.year:04d}-{day.month:02d}-{day.day:02d}-{slug}"
    path, number = folder / f"{stem}.md", 2
    while path in shelf.taken or path.exists():
        path, number = folder / f"{stem}-{number}.md", number + 1
    return path


def title_slug(title: str) -> str:
    slug = slugify(to_latin(title)) or "item"
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
        while "-" in slug and slug.rsplit("-", 1)[1] in _WEAK_ENDINGS:
            slug = slug.rsplit("-", 1)[0]
    return slug


def write_new(path: Path, text: str) -> None:
    """Create the file, never replacing one; a failed write leaves nothing behind.

    O_EXCL makes creation fail if the file appeared meanwhile (another ingest,
    an editor): no overwrite, ever.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def write_proposed(path: Path, text: str) -> Path:
    proposed = path.with_name(path.name + ".proposed")
    temporary = proposed.with_name(f".{proposed.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, proposed)
    return proposed
