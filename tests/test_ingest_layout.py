import re
from pathlib import Path

import pytest

from sitegen.ingest.chrome import chrome_reason
from sitegen.ingest.layout import lay_out
from sitegen.ingest.profiles import FALLBACK, Profile
from sitegen.ingest.text import normalise_line, paragraphs, parse_raw


def _layout(raw: str, profile: Profile = FALLBACK):
    return lay_out(parse_raw(Path("x.txt"), raw, "0"), profile)


def test_no_break_spaces_indentation_and_invisibles_are_normalised():
    assert normalise_line("    The\u00a0envoy\u200b  said.\u00a0") == "The envoy said."


def test_hard_wrapped_lines_join_into_one_paragraph():
    item = parse_raw(Path("x.txt"), "The ministry said that the\nsituation remained tense.\n\nNext one.", "0")
    assert [len(group) for group in paragraphs(list(item.lines), item.breaks)] == [2, 1]


@pytest.mark.parametrize("line", ["Show news feed", "Read more:", "← Back to list", "more 1 photos",
                                  "1 minute read", "• USD 483.14", "Yerevan 17 ℃", "հայ Рус",
                                  "Наверх", "ВСЕ НОВОСТИ", "Reporting By A. B.; Editing by C. D.", "!"])
def test_generic_chrome(line):
    assert chrome_reason(line, FALLBACK) == "chrome"


@pytest.mark.parametrize("line", ["News agencies said the talks would resume on Monday.",
                                  "Read more about the plan, the minister told reporters today.",
                                  "Print media were banned from the hall, the organisers said."])
def test_a_sentence_is_never_generic_chrome(line):
    assert chrome_reason(line, FALLBACK) is None


def test_outlet_chrome_is_trusted_even_when_it_reads_like_a_sentence():
    profile = Profile("x", "X", chrome_patterns=(re.compile(r"^Our Standards: .*$"),))
    assert chrome_reason("Our Standards: The Trust Principles are here.", profile) == "X chrome"


def test_headline_date_line_and_story_are_told_apart():
    layout = _layout("Menu\n\nMinister promises new roads in the south\n\nMarch 5, 2024 - 17:40 AMT\n\n"
                     "The minister said on Monday that new roads would be built.\n\nTags\n")
    assert layout.headline.text == "Minister promises new roads in the south"
    assert [line.text for line in layout.date_lines] == ["March 5, 2024 - 17:40 AMT"]
    assert [line.text for line in layout.story] == ["The minister said on Monday that new roads would be built."]
    assert {d.reason for d in layout.dropped} == {"chrome", "date line", "headline"}


def test_a_dateline_paragraph_is_not_a_headline():
    layout = _layout("YEREVAN. – The ministry said\non Monday that it was calm.\n\nMore text follows here, it said.\n")
    assert layout.headline is None


def test_the_translations_line_is_read_not_kept():
    layout = _layout("The envoy said the talks had been useful and would go on.\n\n"
                     "This text available in\u00a0Հայերեն and Русский\n")
    assert layout.translations.text == "This text available in Հայերեն and Русский"
    assert len(layout.story) == 1


def test_an_address_line_becomes_the_source_url():
    layout = _layout("https://news.example/item/42\n\nThe envoy said the talks had been useful and would go on.\n")
    assert layout.url == "https://news.example/item/42"
    assert [d.reason for d in layout.dropped] == ["address line"]


def test_hard_wrapped_lines_join_at_the_column_their_lengths_show():
    raw = ("Opposition MP Nodar Gelashvili accused the government of delaying the\n"
           "electoral reform that was promised to European partners last spring and\n"
           "said nothing had been done. Gelashvili also called for new talks with\n"
           "Brussels on the matter.\n\nA spokesman declined to comment.\n")
    item = parse_raw(Path("x.txt"), raw, "0")
    assert item.wrap == 71  # the longest line that runs on
    assert [len(group) for group in paragraphs(list(item.lines), item.breaks, item.wrap)] == [4, 1]


def test_pages_with_a_paragraph_per_line_are_not_wrapped():
    raw = "Politics\nA headline of a few words\n" + "The minister said so. " * 20 + "\nShort.\n"
    assert parse_raw(Path("x.txt"), raw, "0").wrap is None


def test_the_headline_is_the_last_headline_shaped_line_before_the_story():
    layout = _layout("Loading...\nCaucasus Herald\nPolitics\n• Anna Petrova\n"
                     "Mirzoyan: the draft is ready | Caucasus Herald | News\n"
                     "Mirzoyan: the draft is ready\n"
                     "Mirzoyan: the draft is ready Armenia has sent its remarks, the minister said.\n\n"
                     "The foreign minister told parliament on Tuesday that the draft was ready.\n\n"
                     "End of content\nNo more pages to load\n")
    assert layout.headline.text == "Mirzoyan: the draft is ready"
    assert [line.text for line in layout.story] == [
        "Armenia has sent its remarks, the minister said.",
        "The foreign minister told parliament on Tuesday that the draft was ready."]


def test_a_line_above_the_story_that_ends_as_a_sentence_ends_is_kept():
    layout = _layout("Menu\n\nShort first line.\n\nThe minister said on Monday that new roads would be built.\n")
    assert [line.text for line in layout.story][0] == "Short first line."


@pytest.mark.parametrize("line", ["Subscribe to our Telegram channel and be the first to know the news.",
                                  "You are receiving this digest because you subscribed at our website.",
                                  "Подписывайтесь на нас в социальных сетях", "Loading comments...",
                                  "Comments (0)", "By Jane Holloway", "• Anna Petrova",
                                  "Read also: Paris to host donors' conference",
                                  "Weekly Caucasus Digest -- issue 214"])
def test_banners_bylines_and_widgets(line):
    assert chrome_reason(line, FALLBACK) is not None


@pytest.mark.parametrize("line", ["Pashinyan wrote on Facebook that the site of the plant was chosen.",
                                  '"Follow us," the protesters shouted at the police.',
                                  "Our partners see this clearly, the minister told our correspondent."])
def test_sentences_about_sites_and_channels_that_are_story(line):
    assert chrome_reason(line, FALLBACK) is None


def test_captions_copyright_and_a_mail_signature_are_set_aside():
    layout = _layout("The envoy said the talks had been useful and would go on.\n\n"
                     "Photo: the envoy in Baku, 2 March 2024\n\nHe added that more talks were planned.\n\n"
                     "-- \nCaucasus Notes, 2024. To stop receiving these notes, reply.\n(c) 2022 Notes\n")
    assert [line.text for line in layout.captions] == ["Photo: the envoy in Baku, 2 March 2024"]
    assert len(layout.story) == 2
    assert {d.reason for d in layout.dropped} == {"photo caption", "signature"}


def test_a_long_first_paragraph_or_one_that_introduces_a_quote_is_story():
    layout = _layout("Politics\n\nThe minister told the assembly the following about the border talks:\n\n"
                     '"The commissions will meet again next month," he said on Monday.\n')
    assert [line.text for line in layout.story][0].startswith("The minister told the assembly")


def test_the_headline_without_the_site_s_suffix_when_the_page_repeats_it_bare():
    layout = _layout("Mirzoyan: talks to resume in April\nMirzoyan: talks to resume in April – Caucasus Herald\n\n"
                     "The foreign minister said on Tuesday that the talks would resume in April.\n\n"
                     "© 2024 Caucasus Herald. All rights reserved.\n")
    assert layout.headline.text == "Mirzoyan: talks to resume in April"
    assert [line.text for line in layout.story] == [
        "The foreign minister said on Tuesday that the talks would resume in April."]


def test_short_paragraphs_a_line_each_are_not_taken_for_wrapped_text():
    raw = "\n".join(["The minister said the talks would resume next week in Brussels.",
                     "He added that both delegations had agreed on the agenda already.",
                     "The opposition criticised the decision to hold the talks abroad.",
                     "A spokesman for the ministry declined to comment on the matter."]) + "\n"
    item = parse_raw(Path("x.txt"), raw, "0")
    assert item.wrap is None
    assert len(paragraphs(list(item.lines), item.breaks, item.wrap)) == 4
