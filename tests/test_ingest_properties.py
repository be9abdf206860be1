"""Properties ingest keeps on any input: it never crashes and never loses a story line."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingesting import REPO
from sitegen.core.diagnostics import Diagnostic
from sitegen.ingest.chrome import GENERIC_LINES
from sitegen.ingest.normalise import Knowledge, normalise
from sitegen.ingest.profiles import compile_profiles
from sitegen.ingest.text import normalise_line, parse_raw
from sitegen.markdown.markup import Markup
from sitegen.core.registries import load_registries_once
from sitegen.core.yamldoc import parse_yaml

_registries, _ = load_registries_once(REPO / "content")
_problems: list[Diagnostic] = []
KNOWLEDGE = Knowledge(_registries, compile_profiles(_registries.outlets,
                                                    REPO / "content" / "outlets.yaml", _problems))
MARKUP = Markup()
SETTINGS = settings(max_examples=int(__import__("os").environ.get("SITEGEN_HYPOTHESIS_EXAMPLES", "100")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _ingest(text: str):
    item = parse_raw(Path("capture.txt"), text, "0" * 64)
    return normalise(item, KNOWLEDGE, None, "content/inbox/capture.txt")


def _split(article: str) -> tuple[dict, str]:
    assert article.startswith("---\n")
    head, body = article[4:].split("\n---\n", 1)
    return parse_yaml(head).data, body


def _squash(text: str) -> str:
    return " ".join(text.split())


@SETTINGS
@given(st.text())
def test_any_text_gives_a_well_formed_article(text):
    if not text.strip():
        return
    data, body = _split(_ingest(text).text)
    assert isinstance(data["title"], str) and data["title"]
    assert data["date_confidence"] in ("high", "medium", "low")
    assert isinstance(body, str)


_WORD = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Zs")),
                min_size=1, max_size=12)
_SENTENCE = st.builds(lambda words, end: " ".join(words) + end,
                      st.lists(_WORD, min_size=6, max_size=30), st.sampled_from([".", "!", "?", ".\""]))
_CHROME = st.sampled_from(sorted(GENERIC_LINES) + ["more 3 photos", "• USD 483.14", "Yerevan 17 ℃",
                                                   "Reporting by A. Person; Editing by B. Person"])
_SPACING = st.sampled_from(["\n", "\n\n", "\n\n\n", "\u00a0\n", "\n    "])


@SETTINGS
@given(st.lists(st.tuples(st.one_of(_SENTENCE.map(lambda s: ("story", s)),
                                    _CHROME.map(lambda s: ("chrome", s))), _SPACING),
                min_size=1, max_size=12))
def test_no_story_line_is_ever_lost(parts):
    raw = "".join(text + spacing for (_, text), spacing in parts)
    result = _ingest(raw)
    _, body = _split(result.text)
    rendered = _squash(MARKUP.plain_text(body))
    if result.layout.headline is not None:  # a line may become the title instead
        rendered += " | " + result.layout.headline.text
    for (kind, text), _ in parts:
        line = _squash(normalise_line(text))
        if kind == "story" and re.search(r"\w", line):
            assert line in rendered, line


@SETTINGS
@given(st.lists(st.tuples(st.one_of(_SENTENCE, _CHROME, _WORD), _SPACING), min_size=1, max_size=12))
def test_every_line_is_accounted_for(parts):
    """Each line is kept in the story, taken as the headline, or dropped with a reason."""
    raw = "".join(text + spacing for text, spacing in parts)
    item = parse_raw(Path("capture.txt"), raw, "0" * 64)
    layout = _ingest(raw).layout
    placed = [line.number for line in layout.story]
    placed += [d.line.number for d in layout.dropped]
    assert sorted(placed) == [line.number for line in item.lines]
    assert all(d.reason for d in layout.dropped)


def test_hostile_shapes_finish_quickly_and_keep_their_text():
    """Very long lines, deep nesting and many lines: no pathological regex, no crash."""

    nasty = "\n".join([
        "A" * 200_000,
        "«" * 5_000 + "text" + "»" * 4_000,
        ("YEREVAN " * 2_000).strip() + ", said.",
        "He said: " + "\"" * 10_001,
        " ".join(["Aaa Bbb Ccc said"] * 3_000) + ".",  # new people beside verbs, in one sentence
        *[f"Line {i} of a long capture, the minister said." for i in range(20_000)],
    ])
    result = _ingest(nasty)  # catastrophic backtracking would hang here, not pass
    assert "Line 19999 of a long capture" in result.text
