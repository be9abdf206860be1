"""jsonld: the text Jinja's tojson writes for the NewsArticle mapping, byte for byte."""

import json
import os
from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings, strategies as st
from jinja2.utils import htmlsafe_json_dumps

from sitegen.render.jsonld import NewsArticles
from sitegen.core.records import Article, Person, Source

SITE_TITLE, SITE_URL = "Who Said What — <Archive> & 'Co'", "https://example.org/"


def mapping(article, url, summary, quotes, main, topic_name, place_name, person):
    """The NewsArticle as a mapping: how the page built it before jsonld.py, the reference."""
    def agent(p):
        return {"@type": "Organization" if p.kind == "organisation" else "Person", "name": p.name}

    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.date.isoformat(),
        "inLanguage": article.language,
        "description": summary,
        "publisher": {"@type": "Organization", "name": SITE_TITLE, "url": SITE_URL},
        "about": [{"@type": "Thing", "name": topic_name(t)} for t in article.topics],
        "contentLocation": [{"@type": "Place", "name": place_name(p)} for p in article.places],
        "mentions": [agent(person(p)) for p in article.people],
    }
    if main is not None:
        data["hasPart"] = [{"@type": "Quotation", "text": q, "creator": agent(person(main))} for q in quotes]
        for part, english in zip(data["hasPart"], article.quote_translations):
            if english:
                part["workTranslation"] = {"@type": "Quotation", "inLanguage": "en", "text": english}
    if article.source.archived:
        data["isBasedOn"] = {"@type": "CreativeWork", "archivedAt": article.source.archived,
                             **({"url": article.source.url} if article.source.url else {})}
    elif article.source.url:
        data["isBasedOn"] = article.source.url
    return {key: value for key, value in data.items() if value != []}


def article(**fields):
    values = dict(id="2023-09-21-x", path="content/articles/2023/2023-09-21-x.md", slug="x", title="A title",
                  date=date(2023, 9, 21), date_confidence=None, speakers=(), venue=None, topics=(), places=(),
                  people=(), language="en", translations=(), source=Source(), review=(), draft=False, extra={},
                  body_line=5)
    values.update(fields)
    return Article(**values)


TEXT = st.text(st.characters(blacklist_categories=["Cs"]) | st.sampled_from(list("<>&'\"\\/\u2028\x00é😀")),
               max_size=12)
IDS = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=3, unique=True)


@settings(max_examples=int(os.environ.get("SITEGEN_HYPOTHESIS_EXAMPLES", "100")) * 5, deadline=None)
@given(title=TEXT, summary=TEXT, quotes=st.lists(TEXT, max_size=3), topics=IDS, places=IDS, people=IDS,
       main=st.none() | st.sampled_from(["a", "b"]), source_url=st.none() | TEXT, archived=st.none() | TEXT,
       english=st.lists(st.just("") | TEXT, max_size=4),
       names=st.lists(TEXT, min_size=4, max_size=4), organisation=st.booleans(), when=st.sampled_from([date(2023, 9, 21),
                                                       datetime(2023, 9, 21, 10, 5, tzinfo=timezone.utc),
                                                       datetime(2023, 9, 21, tzinfo=timezone(timedelta(hours=4)))]))
def test_the_text_is_what_tojson_writes_for_the_mapping(title, summary, quotes, topics, places, people, main,
                                                          source_url, archived, english, names, organisation, when):
    named = dict(zip("abcd", names))
    people_by_id = {i: Person(i, named[i] + " P", kind="organisation" if organisation and i == "a" else "person")
                    for i in "abcd"}
    lookups = (lambda t: named[t] + " T", lambda p: named[p] + " L", people_by_id.__getitem__)
    item = article(title=title, date=when, topics=tuple(topics), places=tuple(places), people=tuple(people),
                   source=Source(url=source_url, archived=archived), language="hy",
                   quote_translations=tuple(english))
    url = SITE_URL + item.url
    news = NewsArticles(SITE_TITLE, SITE_URL, *lookups, site_language="en")
    for _ in range(2):  # the second time from the remembered parts
        text = news.text(item, url, summary, tuple(quotes), main)
        assert text == htmlsafe_json_dumps(mapping(item, url, summary, quotes, main, *lookups),
                                           dumps=json.dumps, sort_keys=True)
    assert "<" not in text and "&" not in text and "'" not in text
