"""How right ingest is on a folder of raw → expected pairs: the measures of issue 17.

    python benchmarks/ingest_score.py                   # tests/ingest (raw/ and expected/)
    python benchmarks/ingest_score.py PAIRS --failures  # another folder; name what failed
    python benchmarks/ingest_score.py --content DIR     # registries from DIR, not content/

A folder of pairs holds ``raw/<name>.txt`` and, for each, the article a
curator wants in ``expected/<name>/<YYYY>/<file>.md`` (the layout of
tests/ingest). Each capture is ingested alone, as a curator would:
``sitegen ingest FILE --into DIR`` in an archive holding this checkout's
registries (or ``--content``'s), the raw file's modification time pinned as
the fixture tests pin it. What each row counts:

- main speaker right: the first speaker's id equals the expected one (both
  none counts as right);
- full date right: among captures whose expected date is settled (not a
  draft, confidence high or medium), the day written equals the day expected;
- wrong date stated with high confidence: written ``high`` and a different day;
- no chrome left: every line of the written body is text of the expected
  body (blockquote marks, escapes and spacing aside);
- title is a headline: the title equals the expected one, or both were
  written by ingest (the expected file says so in ``review``) and the written
  one is not a line the expected body or title leaves out as chrome;
- people / places named and recorded: expected ids of ``people`` / ``places``
  found in the written lists, summed over captures;
- story lines lost: expected body lines whose text is nowhere in the written
  body (a line split by a hard wrap is not lost, only not re-joined);
- body as expected: the written body equals the expected one paragraph for
  paragraph (the hard-wrap and chrome rows together);
- tracebacks: captures on which ingest raised instead of reporting.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shutil
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from sitegen.cli.main import main as sitegen_main  # noqa: E402

CAPTURED = datetime(2024, 12, 31, 12, 0, tzinfo=timezone.utc).timestamp()
REGISTRIES = ("people.yaml", "topics.yaml", "places.yaml", "outlets.yaml")
WRITTEN_TITLE = "title: written by ingest"
# The goals of issue 17 (39 held-out captures), as shares.
GOALS = {"speaker": 35 / 39, "date": 14 / 15, "chrome": 37 / 39, "title": 37 / 39,
         "people": 26 / 30, "places": 160 / 176}


@dataclass(frozen=True)
class Article:
    meta: dict
    body: str

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def day(self) -> str:
        return str(self.meta.get("date", ""))[:10]

    @property
    def main_speaker(self) -> str | None:
        speakers = self.meta.get("speakers") or []
        if not speakers:
            return None
        first = speakers[0]
        return first.get("id") if isinstance(first, dict) else str(first)

    @property
    def written_title(self) -> bool:
        return any(str(note).startswith(WRITTEN_TITLE) for note in self.meta.get("review") or [])

    @property
    def settled(self) -> bool:
        return not self.meta.get("draft") and self.meta.get("date_confidence") in ("high", "medium")


@dataclass
class Tally:
    counts: dict[str, list[int]] = field(default_factory=dict)   # row → [right, out of]
    failures: dict[str, list[str]] = field(default_factory=dict)  # row → capture names

    def add(self, row: str, right: int, total: int, name: str) -> None:
        cell = self.counts.setdefault(row, [0, 0])
        cell[0] += right
        cell[1] += total
        if right < total:
            self.failures.setdefault(row, []).append(name)


def read_article(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    return Article(yaml.safe_load(head) or {}, body)


def body_lines(body: str) -> list[str]:
    """Paragraph texts of a body, blockquote marks and Markdown escapes removed."""
    lines = []
    for paragraph in re.split(r"\n\s*\n", body):
        text = " ".join(re.sub(r"^>\s?", "", line) for line in paragraph.splitlines())
        text = re.sub(r"\\(.)", r"\1", text)
        text = " ".join(text.split())
        if text:
            lines.append(text)
    return lines


def ingest_one(raw: Path, content: Path, work: Path) -> tuple[Article | None, str | None]:
    """The article ingest writes for one capture, or the traceback it raised."""
    root = work / raw.stem
    (root / "content" / "inbox").mkdir(parents=True)
    for name in REGISTRIES:
        shutil.copy(content / name, root / "content" / name)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    capture = root / "content" / "inbox" / raw.name
    shutil.copy(raw, capture)
    os.utime(capture, (CAPTURED, CAPTURED))
    into = root / "content" / "articles"
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            sitegen_main(["--root", str(root), "ingest", str(capture), "--into", str(into)])
    except SystemExit:
        pass
    except Exception:  # noqa: BLE001 - counting them is the point
        return None, traceback.format_exc(limit=-3)
    written = sorted(into.rglob("*.md"))
    return (read_article(written[0]) if written else None), None


def score_one(name: str, got: Article | None, want: Article, tally: Tally) -> None:
    if got is None:
        got = Article({}, "")
    tally.add("speaker", got.main_speaker == want.main_speaker, 1, name)
    if want.settled:
        tally.add("date", got.day == want.day, 1, name)
    confident_wrong = got.meta.get("date_confidence") == "high" and got.day != want.day
    tally.add("confident wrong date", 0 if confident_wrong else 1, 1, name)
    want_lines, got_lines = body_lines(want.body), body_lines(got.body)
    want_text, got_text = " ".join(want_lines), " ".join(got_lines)
    chrome = [line for line in got_lines if line not in want_text]
    tally.add("chrome", not chrome, 1, name)
    headline = got.title == want.title or (
        want.written_title and got.written_title and _from_story(got.title, want_text))
    tally.add("title", bool(headline), 1, name)
    for key in ("people", "places"):
        expected = list(want.meta.get(key) or [])
        found = set(got.meta.get(key) or [])
        if expected:
            tally.add(key, sum(1 for i in expected if i in found), len(expected), name)
    lost = [line for line in want_lines if line not in got_text]
    tally.add("lines kept", len(want_lines) - len(lost), len(want_lines), name)
    tally.add("body", got_lines == want_lines, 1, name)


def _from_story(title: str, story: str) -> bool:
    """A written title made of the story's words, not of chrome, a date or a byline."""
    tail = re.split(r":\s*", title, maxsplit=1)[-1].rstrip("…").casefold()
    return len(tail) > 12 and tail[:40] in story.casefold()


ROWS = (("speaker", "main speaker right"), ("date", "full date right (date settled)"),
        ("confident wrong date", "no wrong date stated with high confidence"),
        ("chrome", "captures with no chrome left in the body"),
        ("title", "title is a headline"), ("people", "people named and recorded"),
        ("places", "places named and recorded"), ("lines kept", "story lines kept"),
        ("body", "body exactly as expected"), ("tracebacks", "captures without a traceback"))


def report(tally: Tally, show_failures: bool) -> str:
    out = ["| measure | right | share | goal |", "|---|---:|---:|---:|"]
    for key, label in ROWS:
        right, total = tally.counts.get(key, [0, 0])
        share = f"{right / total:.0%}" if total else "—"
        goal = f"≥ {GOALS[key]:.0%}" if key in GOALS else "all"
        out.append(f"| {label} | {right}/{total} | {share} | {goal} |")
    if show_failures:
        out.append("")
        for key, label in ROWS:
            names = tally.failures.get(key)
            if names:
                out.append(f"{label}: " + ", ".join(sorted(set(names))))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", type=Path, default=REPO / "tests" / "ingest",
                        help="folder with raw/ and expected/ (default: tests/ingest)")
    parser.add_argument("--content", type=Path, default=REPO / "content",
                        help="folder with the registries to ingest against (default: content/)")
    parser.add_argument("--failures", action="store_true", help="list the captures each row missed")
    args = parser.parse_args(argv)
    tally = Tally()
    raws = sorted((args.pairs / "raw").glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="sitegen-ingest-score-") as tmp:
        for raw in raws:
            expected = sorted((args.pairs / "expected" / raw.stem).rglob("*.md"))
            if not expected:
                print(f"{raw.name}: no expected article, skipped", file=sys.stderr)
                continue
            got, crash = ingest_one(raw, args.content, Path(tmp))
            tally.add("tracebacks", crash is None, 1, raw.stem)
            if crash:
                print(f"{raw.name}: ingest raised\n{crash}", file=sys.stderr)
            score_one(raw.stem, got, read_article(expected[0]), tally)
    print(f"{len(raws)} captures in {args.pairs}")
    print(report(tally, args.failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
