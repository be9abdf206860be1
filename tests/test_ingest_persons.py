"""People the registry does not know, found by the shape and place of their names."""

from __future__ import annotations

import pytest

from sitegen.ingest.normalise import Knowledge
from sitegen.ingest.persons import find_new_people
from sitegen.ingest.quotes import find_quotes
from sitegen.ingest.russian_names import nominative
from sitegen.ingest.speakers import find_cast
from sitegen.core.registries import load_registries_once
from ingesting import REPO

REGISTRIES, _ = load_registries_once(REPO / "content")
KNOWLEDGE = Knowledge(REGISTRIES, ())


def _new(*texts):
    found = find_new_people(list(texts), KNOWLEDGE.people, KNOWLEDGE.places)
    return {p.id: (p.name, p.role) for p in found.people.values()}


@pytest.mark.parametrize("text, expected", [
    ("Kazakh Prime Minister Olzhas Bektenov said the route works.",
     {"olzhas-bektenov": ("Olzhas Bektenov", "Kazakh Prime Minister")}),
    ("Brazil's Ambassador to Armenia Carlos Alberto Mendes said a trade office would open.",
     {"carlos-alberto-mendes": ("Carlos Alberto Mendes", "Brazil's Ambassador to Armenia")}),
    ("Opposition MP Nodar Gelashvili accused the government of delays.",
     {"nodar-gelashvili": ("Nodar Gelashvili", "Opposition MP")}),
    ("По мнению политолога Андрея Суздальцева, переговоры затянутся, — отметил Суздальцев.",
     {"andrey-suzdaltsev": ("Андрей Суздальцев", "политолога")}),
])
def test_names_by_shape_and_place(text, expected):
    assert _new(text) == expected


@pytest.mark.parametrize("text", ["The two South Caucasus states said the commissions would meet.",
                                  "The United States said it welcomed the agreement.",
                                  "Соединённые Штаты заявили, что приветствуют договорённость.",
                                  "President Vladimir Putin said the talks were useful.",
                                  "The talks in New York Times Square went on, observers said."])
def test_places_countries_and_registry_people_are_no_new_people(text):
    assert _new(text) == {}


def test_a_new_person_is_then_known_by_surname_and_by_the_office_named():
    texts = ["TBILISI, March 14 - Kazakh Prime Minister Olzhas Bektenov said on Thursday that "
             "talks could be held.",
             '"                                       ," the PM said at a forum.',
             "Bektenov added that consultations could start in April."]
    new = find_new_people(texts, KNOWLEDGE.people, KNOWLEDGE.places)
    cast = find_cast(texts, [0, 1, 0], KNOWLEDGE.people, REGISTRIES.people, None, new)
    assert [(s.id, s.role, s.quotes, s.known) for s in cast.speakers] == [
        ("olzhas-bektenov", "Kazakh Prime Minister", 1, False)]
    assert 'speaker "Olzhas Bektenov" is not in people.yaml' in cast.notes[0]


def test_a_relaying_organisation_gives_its_quotes_to_the_person():
    texts = ["Russian President Vladimir Putin told Armenian Prime Minister Nikol Pashinyan that "
             "Moscow was ready to help, the Kremlin press service said.",
             '"                                ," the Kremlin said in a readout.']
    new = find_new_people(texts, KNOWLEDGE.people, KNOWLEDGE.places)
    cast = find_cast(texts, [0, 1], KNOWLEDGE.people, REGISTRIES.people, None, new)
    assert [s.id for s in cast.speakers] == ["vladimir-putin"]
    assert cast.mentioned[0] == "nikol-pashinyan"


def test_an_oblique_name_is_not_the_subject():
    texts = ["Президент России Владимир Путин в телефонном разговоре с премьер-министром Армении "
             "Николом Пашиняном заявил, что Москва продолжит содействие."]
    cast = find_cast(texts, [0], KNOWLEDGE.people, REGISTRIES.people, None)
    assert [s.id for s in cast.speakers] == ["vladimir-putin"]


def test_the_headline_s_person_is_the_main_speaker():
    texts = ['President Ilham Aliyev said a treaty could be signed. "                      ," Aliyev said.',
             'Alen Simonyan responded. "  ." "  ." "  ," Simonyan told journalists.']
    cast = find_cast(texts, [1, 3], KNOWLEDGE.people, REGISTRIES.people, None,
                     quote_sizes=[200, 30], headline="Aliyev: the treaty can be signed this year")
    assert [s.id for s in cast.speakers] == ["ilham-aliyev", "alen-simonyan"]


def test_a_statement_given_in_full_is_one_quote():
    quotes, unclosed = find_quotes(['The ministry issued a statement. Below is its full text:',
                                    '"First paragraph of it.', '"Second paragraph.', '"Third one.'])
    assert [(q.first, q.last, q.closed) for q in quotes] == [(1, 3, True)] and unclosed == []


@pytest.mark.parametrize("name, text, expected", [
    ("Андрея Суздальцева", "… — отметил Суздальцев.", "Андрей Суздальцев"),
    ("Анны Петровой", "… — сказала Петрова.", "Анна Петрова"),
    ("Дмитрия Полянского", "… — заявил Полянский.", "Дмитрий Полянский"),
    ("Андрея Суздальцева", "Нигде больше.", "Андрея Суздальцева"),  # no evidence: as written
])
def test_russian_names_in_the_nominative_when_the_text_shows_it(name, text, expected):
    assert nominative(name, f"{name} {text}") == expected


def test_a_registry_person_named_in_full_is_then_known_by_surname():
    texts = ["The talks went on, State Department Spokesperson Ned Price said on Monday.",
             "Price told reporters that the envoy would travel to the region."]
    new = find_new_people(texts, KNOWLEDGE.people, KNOWLEDGE.places)
    assert new.find(texts[1])[0].target == "ned-price"
    cast = find_cast(texts, [0, 0], KNOWLEDGE.people, REGISTRIES.people, None, new)
    assert [s.id for s in cast.speakers] == ["ned-price"]


def test_an_unattributed_quote_is_nobody_s_unless_a_statement_or_interview_was_announced():
    texts = ["Pashinyan met Aliyev in Brussels on Monday.", "                    , a source told the agency."]
    assert find_cast(texts, [0, 1], KNOWLEDGE.people, REGISTRIES.people, None).speakers == ()
    texts = ["The Ministry of Foreign Affairs of Armenia issued a statement. Below is its full text:",
             "                                          "]
    cast = find_cast(texts, [0, 1], KNOWLEDGE.people, REGISTRIES.people, None)
    assert [s.id for s in cast.speakers] == ["armenian-ministry-of-foreign-affairs"]
