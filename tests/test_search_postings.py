"""The search index's postings (search/postings.py) and how they change between builds
(search/inverted.py): an index changed where documents changed is the index made anew."""

from __future__ import annotations

import random

from hypothesis import given, settings, strategies as st

from sitegen.search.inverted import inverted
from sitegen.search.postings import changed, decoded, encoded

NUMBERS = st.sets(st.integers(0, 3000)).map(sorted)


@given(NUMBERS)
def test_postings_read_back_as_written(numbers):
    assert decoded(encoded(numbers)) == numbers


def test_a_common_term_is_a_bitmap_and_a_rare_one_gaps():
    assert encoded(list(range(0, 1000, 2)))[0] == "b"
    assert encoded([5, 900])[0] == "g"
    assert encoded([]) == "g"


def test_a_bitmap_ends_at_its_last_document():
    assert encoded(list(range(16))) == encoded(list(range(16)))  # the same numbers, the same bytes
    assert len(decoded(encoded(list(range(16))))) == 16
    assert encoded(list(range(0, 40, 2))) != encoded(list(range(0, 48, 2)))


@given(NUMBERS, st.sets(st.integers(0, 3000)), st.sets(st.integers(0, 3500)))
def test_changed_postings_are_the_postings_written_anew(numbers, removed, added):
    expected = sorted(set(numbers) - removed | added)
    assert changed(encoded(numbers), len(numbers), removed, added) == (len(expected), encoded(expected))


WORDS = [f"w{i}" for i in range(40)]


def corpus(rng: random.Random, size: int) -> dict[str, str]:
    return {f"/item-{i}/": " ".join(rng.sample(WORDS, rng.randrange(1, 12))) for i in range(size)}


def index_of(docs: dict[str, str], last=None, change=True):
    urls = list(docs)
    texts = [docs[u] for u in urls]
    asked = []

    def text_of(n):
        asked.append(n)
        return texts[n]

    made = inverted(urls, [f"{u}:{docs[u]}" for u in urls], text_of, last, change)
    return made, asked


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.lists(st.sampled_from(["edit", "add", "remove", "insert", "swap"]),
                                     min_size=1, max_size=8))
def test_an_index_changed_step_by_step_is_the_index_made_anew(seed, steps):
    rng = random.Random(seed)
    docs = corpus(rng, 30)
    made, _ = index_of(docs)
    for step in steps:
        urls = list(docs)
        if step == "edit" and urls:
            docs[rng.choice(urls)] = " ".join(rng.sample(WORDS, 3))
        elif step == "add":
            docs[f"/new-{len(docs)}-{rng.randrange(10**9)}/"] = " ".join(rng.sample(WORDS, 4))  # the newest: last
        elif step == "remove" and urls:
            del docs[rng.choice(urls)]
        elif step == "insert":  # an older item: the ones after it move up a number
            at = rng.randrange(len(urls) + 1)
            items = list(docs.items())
            items.insert(at, (f"/old-{len(docs)}-{rng.randrange(10**9)}/", "w1 w2 w39"))
            docs = dict(items)
        elif step == "swap" and len(urls) > 1:  # two items trade places
            items = list(docs.items())
            i, j = rng.sample(range(len(items)), 2)
            items[i], items[j] = items[j], items[i]
            docs = dict(items)
        made, _ = index_of(docs, made)
        fresh, _ = index_of(docs)
        assert made.postings == fresh.postings
        for n in range(len(docs)):
            assert made.terms_of(n) == fresh.terms_of(n)


def test_an_edit_reads_only_the_edited_document_and_keeps_every_other_posting():
    rng = random.Random(7)
    docs = corpus(rng, 500)
    made, asked = index_of(docs)
    assert len(asked) == 500
    edited = list(docs)[123]
    docs[edited] = "w1 zebrafinch"
    again, asked = index_of(docs, made)
    assert asked == [123]
    differing = {t for t in again.postings.keys() | made.postings.keys() if again.postings.get(t) != made.postings.get(t)}
    assert differing <= set(made.terms_of(123)) | {"w1", "zebrafinch"}
    assert decoded(again.postings["zebrafinch"][1]) == [123]


def test_a_full_build_uses_the_last_index_for_terms_only():
    rng = random.Random(3)
    docs = corpus(rng, 50)
    made, _ = index_of(docs)
    again, asked = index_of(docs, made, change=False)
    assert asked == [] and again.postings == made.postings
