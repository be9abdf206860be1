"""Who speaks in one sentence: the name, role or pronoun beside a verb of saying.

A speaker is a name before the verb ("… Dmitry Polyanskiy stated"), after it
("said Mirzoyan", "заявил глава МИД России Сергей Лавров"), a pronoun or a
role noun pointing back ("he said", "the PM added", "заявил он"), a role
alone that the registry resolves on the story's date ("Armenia PM said"), an
organisation by its name's shape, the head of an "according to" phrase, or
a transcript turn ("Name - …"). Quoted words are blanked out beforehand, so
a name inside a quote is never taken for its speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from sitegen.ingest.cast import CastSoFar, Speaker, mention_speaker, person_speaker, unknown_speaker
from sitegen.ingest.names import Mention, words
from sitegen.ingest.roles import (ROLE_REACH, ROLE_WORDS, canonical_words, resolve_role, role_phrase,
                                  trailing_organisation, trailing_role)
from sitegen.ingest.verbs import ACCORDING, PRONOUN, verbs_in

_TRANSCRIPT = re.compile(r"^(?P<name>[A-ZА-ЯЁ][\w.'’-]*(?: [A-ZА-ЯЁ][\w.'’-]*){0,3})\s*(?::|\s[-–—])\s+\S")


def sentence_speaker(sentence, mentions, people, day, cast, first_named) -> Speaker | None:
    """Who speaks in a sentence: the first verb of saying with somebody beside it.

    A later verb whose subject is an organisation ("…, the Kremlin press
    service said") only relays the words of the person found first: that
    organisation's later quotes are credited to the person.
    """
    found = None
    for verb in verbs_in(sentence):
        here = (_named_before(sentence, verb.start(), mentions, people, day)
                or _named_after(sentence, verb.end(), mentions, people, day)
                or _pronoun(sentence, verb, people, cast, first_named)
                or _role_only(sentence, verb.start(), people, day, cast)
                or _organisation_before(sentence, verb.start(), cast))
        if here is None:
            continue
        if found is None:
            found = here
        elif here.organisation and not found.organisation:
            cast.relays[here.id] = found
            break
    return found or _according_to(sentence, mentions, people, day)


def _according_to(sentence, mentions, people, day) -> Speaker | None:
    """"according to X", "по словам X": the head of the noun phrase, a person before an
    organisation ("по словам официального представителя МИД России Марии Захаровой")."""
    according = ACCORDING.search(sentence)
    if not according:
        return None
    phrase_end = according.end() + (re.search(r"[,;:.]|$", sentence[according.end():]).start())
    inside = [m for m in mentions if according.end() <= m.start < min(phrase_end, according.end() + 120)]
    if not inside:
        return None
    persons = [m for m in inside if getattr(people[m.target], "kind", "person") != "organisation"]
    return mention_speaker((persons or inside)[-1], sentence, people, day)


# Words after which a name is an object, not the subject: "с премьер-министром …
# Николом Пашиняном", "told … Nikol Pashinyan".
_GOVERNING = {"с", "со", "к", "ко", "у", "от", "для", "при", "о", "об", "без", "между", "перед",
              "with", "to", "from", "by", "for", "about", "told", "met", "called", "urged"}


def _is_object(sentence: str, mention: Mention) -> bool:
    before = sentence[max(0, mention.start - ROLE_REACH):mention.start].rstrip()
    role = role_phrase(before) or ""
    before = before[:len(before) - len(role)] if role and before.endswith(role) else before
    previous = words(before)[-1:] if before else []
    return bool(previous) and previous[0][2].lower() in _GOVERNING


def _named_before(sentence, verb_start, mentions, people, day) -> Speaker | None:
    before_verb = bisect_left(mentions, verb_start, key=lambda m: m.start)
    for mention in reversed(mentions[:before_verb]):
        if mention.end > verb_start:
            continue
        if _is_object(sentence, mention):
            continue
        gap = sentence[mention.end:verb_start]
        appositive = re.fullmatch(r"\s*,\s*(?P<role>[^,]{3,120}),\s*(?:has\s+|had\s+|also\s+|then\s+)?", gap)
        if appositive and ROLE_WORDS.search(appositive.group("role")):
            return mention_speaker(mention, sentence, people, day,
                                     role=appositive.group("role").strip())
        if re.fullmatch(r"[\s,]*(?:(?:has|had|also|then|later|further|again|in turn|"
                        r"press service|press office|в свою очередь|также|тоже|ранее|уже)[\s,]*){0,3}",
                        gap, re.IGNORECASE):
            return mention_speaker(mention, sentence, people, day)
        if _opens_sentence(sentence, mention) and not re.search(r"[,;:()«»\"“”]", gap) \
                and len(words(gap)) <= SUBJECT_REACH:
            return mention_speaker(mention, sentence, people, day)
        return None
    return None


SUBJECT_REACH = 15  # words between a sentence's subject and its verb ("Путин в телефонном разговоре … заявил")


def _opens_sentence(sentence: str, mention: Mention) -> bool:
    """The name is the sentence's subject: nothing but its role stands before it."""
    before = sentence[:mention.start].strip()
    return not before or role_phrase(sentence[:mention.start]) == before


def _named_after(sentence, verb_end, mentions, people, day) -> Speaker | None:
    for mention in mentions:
        if mention.start < verb_end:
            continue
        between = sentence[verb_end:mention.start]
        if len(words(between)) <= 12 and not re.search(r"[.;:!?«\"“]|\b(that|что)\b", between):
            role = _LEADING_CIRCUMSTANCE.sub("", between.strip(" ,–—-")) or None
            if role and not ROLE_WORDS.search(role):
                role = None
            return mention_speaker(mention, sentence, people, day, role=role)
        return None
    return None


# "сказала на встрече активистка …": a circumstance between the verb and the role.
_LEADING_CIRCUMSTANCE = re.compile(r"^(?:(?:на|в|во|после|при|at|in|during|after)\s+[^\W\d_]+\s+)+",
                                   re.IGNORECASE)


def _pronoun(sentence, verb, people, cast, first_named) -> Speaker | None:
    """"he said", "the envoy added", "отметил министр": the last speaker, or else the
    story's first-named person; "the ministry said" only ever an organisation speaking."""
    near = sentence[max(0, verb.start() - 40):verb.end() + 20]
    before = sentence[max(0, verb.start() - 50):verb.start()]
    if _BODY_BEFORE.search(before):
        last = cast.found.get(cast.last) if cast.last else None
        return last if last and last.organisation else None
    noun = _PERSON_BEFORE.search(before)
    if not (PRONOUN.search(near) or noun or _PERSON_AFTER.match(sentence[verb.end():])):
        return None
    if noun and (holder := _holder_of(noun.group("noun"), cast)):
        return holder
    if cast.last:
        return cast.found[cast.last]
    if first_named:
        return person_speaker(people[first_named], None)
    return None


_PERSON_BEFORE = re.compile(
    r"(?<![\w-])the (?:[A-Za-z-]+ ){0,2}(?P<noun>minister|envoy|diplomat|ambassador|president|"
    r"prime minister|spokes\w+|official|representative|secretary|premier|chairman|pm|mp|"
    r"governor|mayor|analyst|expert|leader|chief|head)\b", re.IGNORECASE)


def _holder_of(noun: str, cast: CastSoFar) -> Speaker | None:
    """"the PM": the latest speaker whose role, as written, names that office."""
    wanted = canonical_words(noun)
    for speaker_id in reversed(cast.order):
        speaker = cast.found[speaker_id]
        if speaker.role and wanted and wanted <= canonical_words(speaker.role):
            return speaker
    return None
_BODY_BEFORE = re.compile(r"(?<![\w-])the (?:[A-Za-z-]+ )?(?:ministry|office|department|agency|"
                          r"service|government)\s*$", re.IGNORECASE)
_PERSON_AFTER = re.compile(r"^\s*(?:министр|глава|премьер|президент|дипломат|посол|представитель|"
                           r"пресс-секретарь|спикер|вице-премьер)(?![\w-])", re.IGNORECASE)


def _role_only(sentence, verb_start, people, day, cast) -> Speaker | None:
    before = sentence[:verb_start].rstrip(" ,")
    phrase = trailing_role(before)
    if not phrase:
        return None
    matches = resolve_role(phrase, people, day)
    if len(matches) == 1:
        person = matches[0]
        return person_speaker(person, phrase)
    if len(matches) > 1:
        names = ", ".join(sorted(person.id for person in matches))
        note = (f'speaker: "{phrase}" could be any of {names} (the date does not settle it): '
                f'add the speaker')
        if note not in cast.notes:
            cast.notes.append(note)
    organisation = trailing_organisation(before)
    if organisation:
        return unknown_speaker(organisation, None, cast, "organisation")
    return None


def _organisation_before(sentence, verb_start, cast) -> Speaker | None:
    """"…, the Ministry of Health of Armenia said": an organisation by its name's shape."""
    organisation = trailing_organisation(sentence[:verb_start].rstrip(" ,"))
    return unknown_speaker(organisation, None, cast, "organisation") if organisation else None


def transcript_turn(text, mentions, people) -> Speaker | None:
    match = _TRANSCRIPT.match(text)
    if not match:
        return None
    for mention in mentions:
        if mention.start == 0 and mention.end >= match.end("name") - 1:
            person = people[mention.target]
            return person_speaker(person, None)
    return None
