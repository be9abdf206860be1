from datetime import date

from sitegen.ingest.normalise import Knowledge
from sitegen.ingest.persons import find_new_people
from sitegen.ingest.speakers import find_cast
from sitegen.core.registries import load_registries_once
from ingesting import REPO

REGISTRIES, _ = load_registries_once(REPO / "content")
KNOWLEDGE = Knowledge(REGISTRIES, ())
DAY = date(2023, 9, 21)


def _cast(*paragraphs, quotes=None):
    new_people = find_new_people(list(paragraphs), KNOWLEDGE.people, KNOWLEDGE.places)
    return find_cast(list(paragraphs), quotes or [0] * len(paragraphs), KNOWLEDGE.people,
                     REGISTRIES.people, DAY, new_people)


def _ids(cast):
    return [(s.id, s.role) for s in cast.speakers]


def test_role_before_the_name():
    cast = _cast("First Deputy Permanent Representative of the Russian Federation to the UN "
                 "Dmitry Polyanskiy stated during the meeting.")
    assert _ids(cast) == [("dmitry-polyanskiy",
                           "First Deputy Permanent Representative of the Russian Federation to the UN")]


def test_role_after_the_name_between_commas():
    cast = _cast("                      , Ararat Mirzoyan, Armenia's Foreign Minister, said.")
    assert _ids(cast) == [("ararat-mirzoyan", "Armenia's Foreign Minister")]


def test_name_after_the_verb_in_russian():
    cast = _cast("Переговоры продолжатся, заявил министр иностранных дел России Сергей Лавров.")
    assert _ids(cast) == [("sergey-lavrov", "министр иностранных дел России")]


def test_pronouns_and_role_nouns_point_back_to_the_speaker():
    cast = _cast("Foreign Minister Ararat Mirzoyan said talks went well.",
                 "                         he said.", "                 the minister added.",
                 quotes=[0, 1, 1])
    assert _ids(cast) == [("ararat-mirzoyan", "Foreign Minister")]
    assert cast.speakers[0].quotes == 2


def test_a_role_alone_resolves_on_the_day():
    cast = _cast("The talks will go on, Armenia PM said.")
    assert _ids(cast) == [("nikol-pashinyan", "Armenia PM")]


def test_the_most_quoted_speaker_comes_first():
    cast = _cast("Lavrov said the talks were useful.", "                , Mirzoyan said.",
                 "              , Mirzoyan added.", quotes=[0, 1, 1])
    assert [s.id for s in cast.speakers] == ["ararat-mirzoyan", "sergey-lavrov"]


def test_an_unknown_person_is_kept_with_a_slug_and_a_note():
    cast = _cast("Local activist Jane Roe said the road was closed.")
    assert _ids(cast) == [("jane-roe", "Local activist")]
    assert "not in people.yaml" in cast.notes[0]


def test_an_unknown_organisation_can_speak():
    cast = _cast("Admissions rose, the Ministry of Health of Armenia said.")
    assert [s.id for s in cast.speakers] == ["ministry-of-health-of-armenia"]


def test_a_transcript_turn_names_its_speaker():
    cast = _cast("Ararat Mirzoyan - I would not name a date.")
    assert [s.id for s in cast.speakers] == ["ararat-mirzoyan"]


def test_people_mentioned_are_not_speakers():
    cast = _cast("He recalled that Russian President Vladimir Putin held talks with Nikol Pashinyan.")
    assert cast.speakers == () and cast.mentioned == ("vladimir-putin", "nikol-pashinyan")


def test_a_role_without_a_date_that_settles_it_is_a_question_not_a_guess():
    cast = find_cast(["The talks will go on, the Russian President said."], [0], KNOWLEDGE.people,
                     REGISTRIES.people, None)
    assert cast.speakers == ()
    assert "could be any of dmitry-medvedev, vladimir-putin" in cast.notes[0]


def test_the_ministry_alone_refers_back_and_names_no_new_speaker():
    cast = _cast("Minister of Foreign Affairs Jeyhun Bayramov has met the envoy.",
                 "During the meeting, the sides exchanged views, the Ministry said.")
    assert cast.speakers == () and cast.notes == ()


def test_with_nobody_speaking_yet_he_is_the_story_s_first_named_person():
    cast = _cast("Foreign Minister Ararat Mirzoyan met the French ambassador on Monday.",
                 "                       , he said.", quotes=[0, 1])
    assert [(s.id, s.quotes) for s in cast.speakers] == [("ararat-mirzoyan", 1)]


def test_a_russian_role_noun_after_the_verb_points_back():
    cast = _cast("Министр иностранных дел Армении Арарат Мирзоян провел встречу с послом.",
                 "                   , - отметил министр.", quotes=[0, 1])
    assert [(s.id, s.role) for s in cast.speakers] == [("ararat-mirzoyan", "Министр иностранных дел Армении")]


def test_roles_alone_of_the_registry_s_new_countries_resolve():
    cast = find_cast(["The talks will go on, the German Chancellor said."], [0], KNOWLEDGE.people,
                     REGISTRIES.people, date(2023, 3, 1))
    assert [s.id for s in cast.speakers] == ["olaf-scholz"]
    cast = find_cast(["Nothing is decided yet, the British Foreign Secretary said."], [0],
                     KNOWLEDGE.people, REGISTRIES.people, date(2024, 2, 8))
    assert [s.id for s in cast.speakers] == ["david-cameron"]
