"""Near-duplicate measurement: containment of 5-word shingles, found through a sampled index."""

from __future__ import annotations

import os
import subprocess
import sys

from sitegen.check.near_duplicates import MIN_SHINGLES, Shingler, containment, find_overlaps
from tests.factory import REPO, make_article

WORDS = [f"w{i}" for i in range(400)]


def text(start: int, length: int = 200) -> str:
    return " ".join(WORDS[(start + i * 7) % len(WORDS)] for i in range(length))


def found(*bodies: str) -> list[tuple[str, str, float]]:
    items = [(make_article(id=f"2023-01-0{i + 1}-x{i}"), body) for i, body in enumerate(bodies)]
    return [(o.later.id, o.earlier.id, round(o.containment, 2)) for o in find_overlaps(items)]


def test_punctuation_case_and_markup_do_not_matter():
    shingler = Shingler()
    plain = shingler.shingles("The minister said the budget would balance next year")
    marked = shingler.shingles("**The** Minister said: «the budget would balance» — next year…")
    assert plain == marked and len(plain) == 5  # nine words, five runs of five


def test_containment_is_measured_against_the_shorter_text():
    a, b = {1, 2, 3, 4}, {1, 2, 3, 4, 5, 6, 7, 8}
    assert containment(a, b) == 1.0 and containment(b, a) == 1.0 and containment(set(), b) == 0.0


def test_a_copy_an_excerpt_and_an_extended_version_are_found():
    story = text(0)
    other = " ".join(f"v{i}" for i in range(200))
    assert found(story, other) == []
    assert found(story, story) == [("2023-01-02-x1", "2023-01-01-x0", 1.0)]
    half = " ".join(story.split()[:100])
    assert found(story, half) == [("2023-01-02-x1", "2023-01-01-x0", 1.0)]
    extended = "An added opening paragraph of new words. " + story + " And a new ending."
    assert found(story, extended) == [("2023-01-02-x1", "2023-01-01-x0", 1.0)]


def test_light_edits_stay_near_duplicates_and_heavy_ones_do_not():
    story = text(0).split()
    light = [w if i % 40 else "edited" for i, w in enumerate(story)]  # one word in 40
    heavy = [w if i % 4 else "edited" for i, w in enumerate(story)]  # one word in 4
    assert [round(c, 1) for *_, c in found(" ".join(story), " ".join(light))] == [0.9]
    assert found(" ".join(story), " ".join(heavy)) == []


def test_short_bodies_are_not_compared():
    short = text(0, MIN_SHINGLES)  # MIN_SHINGLES words: fewer shingles than that
    assert found(short, short) == []


def test_the_sample_is_the_same_in_every_process():
    program = ("from sitegen.check.near_duplicates import Shingler; s = Shingler(); "
               "print(sorted(s.sample(s.numbers(open(0).read()))))")
    runs = {subprocess.run([sys.executable, "-c", program], input=text(5), capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)},
                           check=True).stdout
            for seed in ("1", "2")}
    assert len(runs) == 1 and runs.pop().count(",") > 5
