"""index: newest first with a total order; groups hold ids; names for unknown ids."""

import pickle
import time

import pytest

from sitegen.archive.index import KEPT, build_index, index_from_shape, name_from_id, shape_of
from sitegen.archive.load import Archive
from sitegen.build.state_files import pickled_bases
from tests.factory import make_article, registries


def index_of(*articles, regs=None):
    return build_index(Archive(config=None, registries=regs or registries(), articles=articles, warnings=()))


def ids(articles):
    return [a.id for a in articles]


def test_newest_first():
    index = index_of(make_article("2023-01-05-b", "2023-01-05"), make_article("2024-03-01-c", "2024-03-01"),
                     make_article("2022-12-31-a", "2022-12-31"))
    assert ids(index.articles) == ["2024-03-01-c", "2023-01-05-b", "2022-12-31-a"]
    assert index.position["2023-01-05-b"] == 1


def test_same_day_items_have_a_total_order_whatever_the_input_order():
    a, b, c = (make_article(f"2023-09-21-{s}", "2023-09-21") for s in "abc")
    orders = {tuple(ids(index_of(*items).articles)) for items in ((a, b, c), (c, a, b), (b, c, a))}
    assert orders == {("2023-09-21-c", "2023-09-21-b", "2023-09-21-a")}


def test_times_with_offsets_compare_as_instants():
    early = make_article("2023-09-21-tokyo", "2023-09-21T12:00:00+09:00")  # 03:00 UTC
    late = make_article("2023-09-21-london", "2023-09-21T05:00:00+01:00")  # 04:00 UTC
    assert ids(index_of(early, late).articles) == ["2023-09-21-london", "2023-09-21-tokyo"]


@pytest.fixture
def timezone(monkeypatch):
    def use(name):
        monkeypatch.setenv("TZ", name)
        time.tzset()
    yield use
    monkeypatch.undo()
    time.tzset()


def test_order_does_not_depend_on_the_machine_time_zone(timezone):
    day = make_article("2023-09-21-day", "2023-09-21")  # midnight UTC
    timed = make_article("2023-09-21-timed", "2023-09-21T03:00:00+00:00")
    orders = set()
    for name in ("UTC", "America/New_York", "Asia/Tokyo"):
        timezone(name)
        orders.add(tuple(ids(index_of(day, timed).articles)))
    assert orders == {("2023-09-21-timed", "2023-09-21-day")}


def test_newer_and_older():
    a, b, c = (make_article(f"2023-09-2{n}-x{n}", f"2023-09-2{n}") for n in (1, 2, 3))
    index = index_of(a, b, c)
    assert index.newer(b) is c and index.older(b) is a
    assert index.newer(c) is None and index.older(a) is None


def test_groups_hold_ids_newest_first():
    old = make_article("2023-01-01-old", "2023-01-01", speakers=["anna"], topics=("budget",),
                       places=("riverton",), people=("bob",))
    new = make_article("2023-02-01-new", "2023-02-01", speakers=["anna", "bob"], topics=("budget",))
    index = index_of(old, new)
    assert index.speakers == {"anna": ("2023-02-01-new", "2023-01-01-old"), "bob": ("2023-02-01-new",)}
    assert index.topics == {"budget": ("2023-02-01-new", "2023-01-01-old")}
    assert index.places == {"riverton": ("2023-01-01-old",)}
    assert index.mentioned == {"bob": ("2023-01-01-old",)}
    assert index.listed(index.topics["budget"]) == [new, old]


def test_months_and_years():
    index = index_of(make_article("2023-01-01-a", "2023-01-01"), make_article("2023-01-09-b", "2023-01-09"),
                     make_article("2024-05-01-c", "2024-05-01"), make_article("2023-11-01-d", "2023-11-01"))
    assert dict(index.months) == {(2023, 1): ("2023-01-09-b", "2023-01-01-a"), (2023, 11): ("2023-11-01-d",),
                                  (2024, 5): ("2024-05-01-c",)}
    assert index.years == {2023: [1, 11], 2024: [5]}


def test_month_of_a_timed_item_is_its_local_day():
    index = index_of(make_article("2023-10-01-x", "2023-10-01T01:00:00+04:00"))  # 30 Sept in UTC
    assert list(index.months) == [(2023, 10)]


def test_unknown_ids_get_names_from_their_slug():
    index = index_of(make_article(speakers=["jane-smyth"], topics=("nagorno-karabakh",), people=("bob",)),
                     regs=registries(people=["anna"], topics=["budget"]))
    assert index.people["jane-smyth"].name == "Jane Smyth" and not index.people["jane-smyth"].known
    assert index.people["anna"].known and "anna" in index.people  # registry people stay
    assert index.terms["topics"]["nagorno-karabakh"].name == "Nagorno Karabakh"
    assert index.terms["topics"]["budget"].known
    assert name_from_id("ilham-aliyev") == "Ilham Aliyev"


def test_index_is_read_only():
    index = index_of(make_article())
    with pytest.raises(TypeError):
        index.by_id["other"] = None


def shaped_archive():
    people = ("anna-petrosyan", "boris-ivanov")
    articles = (
        make_article("2023-01-05-b", "2023-01-05", speakers=("boris-ivanov", "anna-petrosyan"), topics=("economy",)),
        make_article("2024-03-01-c", "2024-03-01", speakers=("anna-petrosyan",), places=("yerevan",),
                     people=("stranger",)),
        make_article("2022-12-31-a", "2022-12-31", topics=("economy", "new-topic")),
        make_article("2024-03-01-c-ru", "2024-03-01", language="ru", translation_of="2024-03-01-c"),
    )
    return Archive(config=None, registries=registries(people, ("economy",), ("yerevan",)), articles=articles,
                   warnings=())


def test_an_index_made_from_its_shape_is_the_index_built_anew():
    """A build after body edits alone makes the index from the last build's shape (index.Shape),
    with what was worked out from every item then (calendar, translations, first speakers)."""
    archive = shaped_archive()
    built = build_index(archive)
    worked_out = (built.calendar, built.translations, built.first_speaker)
    shape = pickle.loads(pickled_bases({"index": {"shape": shape_of(built)}})["index"])["shape"]  # as the state keeps it
    made = index_from_shape(shape, archive)
    for name in ("articles", "position", "speakers", "topics", "places", "mentioned", "months", "people", "terms"):
        assert getattr(made, name) == getattr(built, name), name
    assert dict(made.by_id) == dict(built.by_id)
    assert list(made.by_id) == list(built.by_id)
    assert set(KEPT) <= vars(made).keys(), "what was worked out is taken, not worked out again"
    assert (made.calendar, made.translations, made.first_speaker) == worked_out
    assert made.calendar.earlier((2024, 3, 1)) == (2023, 1, 5)
    assert made.first_speaker == {"2023-01-05-b": "boris-ivanov", "2024-03-01-c": "anna-petrosyan"}
    with pytest.raises(TypeError):
        made.speakers["x"] = ()


def test_a_shape_is_not_the_index_of_other_items():
    archive = shaped_archive()
    shape = shape_of(build_index(archive))
    fewer = Archive(config=None, registries=archive.registries, articles=archive.articles[:-1], warnings=())
    renamed = Archive(config=None, registries=archive.registries,
                      articles=(*archive.articles[:-1], make_article("2024-03-01-d", "2024-03-01")), warnings=())
    twice = Archive(config=None, registries=archive.registries,
                    articles=(*archive.articles[:-1], archive.articles[0]), warnings=())
    assert index_from_shape(shape, fewer) is None
    assert index_from_shape(shape, renamed) is None
    assert index_from_shape(shape, twice) is None
