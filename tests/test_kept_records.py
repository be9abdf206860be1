"""kept_records: an article record as the build state keeps it, read whole on first use."""

import dataclasses
import io
import pickle

from sitegen.archive.load import CachedSource
from sitegen.build.kept_records import AT_HAND, REDUCTIONS, KeptArticle
from sitegen.core.records import Article, SpeakerRef, Source
from tests.factory import make_article


def record() -> Article:
    return make_article("2024-03-01-budget", "2024-03-01T09:30:00+04:00", title="On the budget",
                        speakers=(SpeakerRef("anna-petrosyan", "Minister"),), topics=("economy",),
                        places=("yerevan",), source=Source("outlet", "https://example.org/1"),
                        meta_digest="m1", body_digest="b1", extra={"note": [1, 2]})


def as_kept(source: CachedSource) -> CachedSource:
    """``source`` through a pickler as the state's files use (state_files.py)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = REDUCTIONS
    pickler.dump(source)
    return pickle.loads(buffer.getvalue())


def test_a_kept_record_holds_only_what_every_build_reads_until_asked_for_more():
    kept = as_kept(CachedSource(5, 7, record())).article
    assert type(kept) is KeptArticle and isinstance(kept, Article)
    assert {name: getattr(kept, name) for name in AT_HAND} == {
        "id": "2024-03-01-budget", "path": "content/articles/2024-03-01-budget.md",
        "meta_digest": "m1", "body_digest": "b1", "draft": False}
    assert type(kept) is KeptArticle, "reading the fields at hand read the rest"
    assert "title" not in vars(kept)


def test_the_first_other_field_asked_for_reads_them_all_and_it_is_an_article_again():
    original = record()
    kept = as_kept(CachedSource(5, 7, original)).article
    assert kept.speakers == (SpeakerRef("anna-petrosyan", "Minister"),)
    assert type(kept) is Article
    assert kept == original
    assert kept.url == original.url and kept.sort_key == original.sort_key
    assert kept.quote_translations == () and kept.extra == {"note": [1, 2]}  # defaults, and values kept


def test_fields_with_defaults_are_read_not_taken_from_the_class():
    """A field with a default is an attribute of the class: a kept record must not answer it."""
    kept = as_kept(CachedSource(5, 7, record().__class__(**{**vars(record()), "medium": "interview",
                                                            "review_lines": (3, 4)}))).article
    assert kept.medium == "interview"
    assert kept.review_lines == (3, 4)


def test_a_kept_record_compares_and_copies_as_the_record_it_was_made_from():
    original = record()
    for compare in (lambda k: k == original, lambda k: original == k, lambda k: not (k != original),
                    lambda k: dataclasses.replace(k, title="x").title == "x",
                    lambda k: pickle.loads(pickle.dumps(k)) == original and
                    type(pickle.loads(pickle.dumps(k))) is Article,
                    lambda k: repr(k) == repr(original)):
        assert compare(as_kept(CachedSource(5, 7, original)).article)
    other = dataclasses.replace(original, title="Another title")
    assert as_kept(CachedSource(5, 7, original)).article != other
    assert as_kept(CachedSource(5, 7, original)) == CachedSource(5, 7, original)


def test_a_kept_record_kept_again_unread_is_not_read_to_be_kept():
    """A state saved again after a build that used few records pickles the others' bytes as
    they were read, without reading them."""
    once = as_kept(CachedSource(5, 7, record()))
    twice = as_kept(once)
    assert type(once.article) is KeptArticle and type(twice.article) is KeptArticle
    assert vars(twice.article) == vars(once.article)
    assert twice.article == record()


def test_records_pickled_without_the_states_reductions_are_whole():
    """Workers and everything else get plain records: only the state's files keep bytes."""
    loaded = pickle.loads(pickle.dumps(CachedSource(5, 7, record())))
    assert type(loaded.article) is Article


def test_damaged_bytes_are_a_damaged_record_not_a_stray_error():
    import pytest

    from sitegen.build.kept_records import DamagedRecord

    for garbage in (b"not a pickle", pickle.dumps(("too", "few")), pickle.dumps({"a": 1})):
        kept = as_kept(CachedSource(5, 7, record())).article
        kept.__dict__["_kept_fields"] = garbage
        with pytest.raises(DamagedRecord):
            kept.title


def test_a_kept_record_made_whole_by_replace_is_an_article():
    """dataclasses.replace given every field not at hand reads none of the bytes: what it
    makes is still whole, and behaves as an Article."""
    import copy
    import dataclasses

    from sitegen.build.kept_records import _LATER

    original = record()
    made = dataclasses.replace(as_kept(CachedSource(5, 7, original)).article,
                               **{name: getattr(original, name) for name in _LATER})
    assert repr(made) == repr(original) and made == original and original == made
    assert pickle.loads(pickle.dumps(made)) == original and copy.copy(made) == original
    assert type(made) is Article


def bodies_of(texts: dict[str, str], known):
    """Bodies of one article per text (body digest → Markdown), with ``known`` from a state."""
    from sitegen.markdown.markup import Markup
    from sitegen.render.bodies import Bodies

    articles = {f"2024-03-0{n}-item": make_article(f"2024-03-0{n}-item", f"2024-03-0{n}", body_digest=digest)
                for n, digest in enumerate(texts, start=1)}
    by_digest = {a.body_digest: a.id for a in articles.values()}
    fresh = {by_digest[digest]: text for digest, text in texts.items()}
    return Bodies(Markup(), articles, lambda article: fresh[article.id], fresh, known)


def test_what_listings_take_from_each_body_is_read_only_when_asked_for():
    """The state keeps each body's quotes and summary pickled, beside their digests: a page's
    digest reads only the digests, a page that shows the quotes reads them."""
    from sitegen.build.kept_records import KeptDerived, next_derived
    from sitegen.core.fingerprints import digest

    first = next_derived(bodies_of({"b1": "One.\n\n> Said one.\n", "b2": "Two.\n"}, {}))
    assert set(first) == {"b1", "b2"} and all(type(value[2]) is bytes for value in first.values())
    kept = KeptDerived(first)
    assert kept["b2"][2] == digest() and kept["b2"][3] == digest("Two.")
    assert kept["b2"].read is None, "the digests were at hand"
    assert kept["b1"][0] == ("Said one.",) and kept["b1"][1] == "One." and kept.get("b3") is None
    assert kept["b2"].read is None and kept["b1"].read is not None


def test_the_next_state_keeps_what_it_knew_of_bodies_and_works_out_the_others():
    from sitegen.build.kept_records import KeptDerived, next_derived

    first = next_derived(bodies_of({"b1": "One.\n", "b2": "Two.\n"}, {}))
    assert next_derived(bodies_of({"b1": "One.\n", "b2": "Two.\n"}, KeptDerived(first))) is first
    second = next_derived(bodies_of({"b1": "One.\n", "b9": "Two, edited.\n\n> New.\n"}, KeptDerived(first)))
    assert set(second) == {"b1", "b9"}
    assert second["b1"] is first["b1"], "a known body's are handed on, not pickled again"
    assert KeptDerived(second)["b9"][:2] == (("New.",), "Two, edited.")


def test_damaged_derived_bytes_are_a_damaged_record():
    import pytest

    from sitegen.build.kept_records import DamagedRecord, KeptDerived

    for garbage in (b"not a pickle", pickle.dumps(("too", "few", "items"))):
        with pytest.raises(DamagedRecord):
            KeptDerived({"b1": ("q", "s", garbage)})["b1"][0]
    with pytest.raises(DamagedRecord):
        KeptDerived({"b1": b"not the three kept values"})["b1"]
