from datetime import date

import pytest

from sitegen.ingest.names import NameMatcher, loose
from sitegen.ingest.roles import canonical_words, resolve_role
from sitegen.ingest.roles import may_precede_surname
from sitegen.core.registries import load_registries_once
from ingesting import REPO

PEOPLE, _ = load_registries_once(REPO / "content")
PEOPLE = PEOPLE.people


def _matcher():
    names = [(p.id, n) for p in PEOPLE.values() for n in (p.name, *p.aliases)]
    return NameMatcher(names, capitalised_only=True, may_precede_surname=may_precede_surname)


@pytest.mark.parametrize("a, b", [("Polyanskiy", "Polyansky"), ("Полянский", "Polyanskiy"),
                                  ("Aliyev", "Aliev"), ("Sergei", "Sergey"), ("Ереван", "Yerevan"),
                                  ("Захарова", "Zakharova")])
def test_romanisations_meet(a, b):
    assert loose(a) == loose(b)


@pytest.mark.parametrize("text, person", [
    ("Dmitry Polyansky said", "dmitry-polyanskiy"),
    ("заявил Дмитрий Полянский", "dmitry-polyanskiy"),
    ("встреча с Ильхамом Алиевым", "ilham-aliyev"),
    ("по словам Сергея Лаврова", "sergey-lavrov"),
    ("Prime Minister Pashinyan's office", "nikol-pashinyan"),
])
def test_names_in_any_script_and_case(text, person):
    assert [m.target for m in _matcher().find(text)] == [person]


def test_an_english_name_is_not_stemmed():
    assert _matcher().find("Lavrova said") == []


def test_a_shared_surname_with_another_given_name_is_someone_else():
    assert _matcher().find("Anahit Sargsyan said") == []
    assert [m.target for m in _matcher().find("President Sargsyan said")] == ["serzh-sargsyan"]


def test_acronyms_match_only_as_written():
    topics = NameMatcher([("war", "СВО")], capitalised_only=False)
    assert topics.find("свои задачи") == []
    assert [m.target for m in topics.find("в ходе СВО")] == ["war"]


@pytest.mark.parametrize("phrase, person", [
    ("Armenia PM", "nikol-pashinyan"), ("the Russian President", "vladimir-putin"),
    ("Armenia's Foreign Minister", "ararat-mirzoyan"), ("премьер-министр Армении", "nikol-pashinyan"),
    ("глава МИД России", "sergey-lavrov"),
])
def test_roles_alone_resolve_through_the_registry_on_the_day(phrase, person):
    assert [p.id for p in resolve_role(phrase, PEOPLE, date(2023, 9, 21))] == [person]


def test_a_role_resolves_to_whoever_held_it_then():
    assert [p.id for p in resolve_role("Russian President", PEOPLE, date(2010, 1, 1))] == ["dmitry-medvedev"]


def test_a_title_with_more_words_is_another_role():
    assert canonical_words("the Russian President") != canonical_words("Press Secretary of the President of Russia")
    assert resolve_role("the Prime Minister", PEOPLE, date(2023, 9, 21)) == []
