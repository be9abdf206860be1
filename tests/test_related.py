"""Related items: same speakers, shared topics, close in time; the same choice every build."""

from __future__ import annotations

import random

from sitegen.archive.index import build_index
from sitegen.archive.load import Archive
from sitegen.archive.related import Related, score
from tests.factory import make_article, registries


def index_of(*articles):
    return build_index(Archive(None, registries(), articles, ()))


def related(articles, article_id, **options):
    return Related(index_of(*articles), **options).of(article_id)


BASE = make_article("2024-03-10-base", "2024-03-10", speakers=["ann"], topics=("budget", "ports"),
                    places=("riverton",))


def test_shared_speaker_outweighs_shared_topic():
    same_speaker = make_article("2024-01-01-same-speaker", "2024-01-01", speakers=["ann"])
    same_topic = make_article("2024-03-09-same-topic", "2024-03-09", speakers=["bob"], topics=("budget",))
    assert related([BASE, same_speaker, same_topic], BASE.id) == (same_speaker.id, same_topic.id)


def test_more_shared_topics_rank_higher_and_places_count():
    one = make_article("2024-03-11-one", "2024-03-11", speakers=["bob"], topics=("budget",))
    two = make_article("2023-01-01-two", "2023-01-01", speakers=["bob"], topics=("budget", "ports"))
    one_and_place = make_article("2024-03-12-place", "2024-03-12", speakers=["bob"], topics=("budget",),
                                 places=("riverton",))
    assert related([BASE, one, two, one_and_place], BASE.id) == (one_and_place.id, one.id, two.id)


def test_time_decides_between_equal_subjects_then_id():
    near = make_article("2024-03-20-near", "2024-03-20", speakers=["ann"])
    far = make_article("2021-03-20-far", "2021-03-20", speakers=["ann"])
    same_day_a = make_article("2024-03-01-a", "2024-03-01", speakers=["ann"])
    same_day_b = make_article("2024-03-19-b", "2024-03-19", speakers=["ann"])  # 9 days away too
    assert related([BASE, near, far, same_day_a, same_day_b], BASE.id) == (
        same_day_a.id, same_day_b.id, near.id, far.id)


def test_points():
    other = make_article("2024-04-01-o", "2024-04-01", speakers=["ann", "bob"], topics=("budget",),
                         places=("riverton",))
    assert score(BASE, other, days=22) == 4 + 2 + 1 + 2
    assert score(BASE, other, days=200) == 4 + 2 + 1 + 1
    assert score(BASE, other, days=800) == 4 + 2 + 1


def test_nothing_in_common_is_not_related_and_the_limit_holds():
    stranger = make_article("2024-03-10-stranger", "2024-03-10", speakers=["zed"], topics=("sport",))
    many = [make_article(f"2024-02-{d:02d}-m{d}", f"2024-02-{d:02d}", speakers=["ann"]) for d in range(1, 20)]
    found = related([BASE, stranger, *many], BASE.id, limit=5)
    assert stranger.id not in found and len(found) == 5
    assert found == tuple(a.id for a in sorted(many, key=lambda a: a.day, reverse=True)[:5])


def test_translations_are_not_related_items():
    ru = make_article("2024-03-10-base-ru", "2024-03-10", speakers=["ann"], topics=("budget",),
                      language="ru", translation_of=BASE.id)
    other = make_article("2024-03-11-other", "2024-03-11", speakers=["ann"])
    assert related([BASE, ru, other], BASE.id) == (other.id,)
    assert related([BASE, ru, other], ru.id) == (other.id,)


def test_choice_does_not_depend_on_file_order():
    rng = random.Random(7)
    articles = [make_article(f"2024-{m:02d}-{d:02d}-x{m}{d}", f"2024-{m:02d}-{d:02d}",
                             speakers=[rng.choice(["ann", "bob", "cy"])],
                             topics=tuple(rng.sample(["budget", "ports", "roads", "schools"], 2)))
                for m in range(1, 13) for d in (3, 17)]
    expected = {a.id: related(articles, a.id) for a in articles}
    for _ in range(3):
        rng.shuffle(articles)
        assert {a.id: related(articles, a.id) for a in articles} == expected


def test_bit_mask_scoring_counts_each_shared_subject_at_its_worth():
    """The masks (related.Subjects) score exactly what the set definition says, however many
    subjects there are (hundreds here: far more bits than a machine word)."""
    rng = random.Random(11)
    speakers = [f"s{i}" for i in range(120)]
    topics = [f"t{i}" for i in range(90)]
    places = [f"p{i}" for i in range(60)]
    for _ in range(300):
        a_speakers, b_speakers = rng.sample(speakers, 3), rng.sample(speakers, 3)
        a_topics, b_topics = tuple(rng.sample(topics, 4)), tuple(rng.sample(topics, 4))
        a_places, b_places = tuple(rng.sample(places, 2)), tuple(rng.sample(places, 2))
        a = make_article("2024-01-01-a", "2024-01-01", speakers=a_speakers, topics=a_topics, places=a_places)
        b = make_article("2024-01-02-b", "2024-01-02", speakers=b_speakers, topics=b_topics, places=b_places)
        expected = (4 * len(set(a_speakers) & set(b_speakers)) + 2 * len(set(a_topics) & set(b_topics))
                    + len(set(a_places) & set(b_places)))
        assert score(a, b, days=1000) == expected
