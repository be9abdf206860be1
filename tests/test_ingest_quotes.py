from sitegen.ingest.quotes import find_quotes


def _texts(quotes):
    return [q.text for q in quotes]


def test_every_kind_of_mark():
    paragraphs = ['He said: "one."', "She said: “two.”", "«Три», - заявил он.", "„Четыре“, — сказал он.",
                  "‘Five'', he said.", "‘Six’ she wrote."]
    quotes, unbalanced = find_quotes(paragraphs)
    assert _texts(quotes) == ["one.", "two.", "Три", "Четыре", "Five", "Six"]
    assert unbalanced == []


def test_apostrophes_are_not_quotes():
    quotes, _ = find_quotes(["The minister’s aide didn’t comment on Kyiv’s view."])
    assert quotes == []


def test_a_quote_inside_a_quote():
    quotes, _ = find_quotes(["«Мы готовы к «диалогу» с соседями», - заявил он."])
    assert _texts(quotes) == ["Мы готовы к «диалогу» с соседями"]


def test_a_quote_over_paragraphs_opening_on_each():
    quotes, _ = find_quotes(["“First part.", "“Second part.", "“Last part,” he said.", "After."])
    (quote,) = quotes
    assert (quote.first, quote.last, quote.closed) == (0, 2, True)
    assert quote.text == "First part.\n\nSecond part.\n\nLast part,"


def test_a_quote_over_paragraphs_without_repeated_marks():
    quotes, _ = find_quotes(['"Start.', "Middle.", 'End," he said.'])
    assert [(q.first, q.last) for q in quotes] == [(0, 2)]


def test_an_unclosed_mark_never_crashes_and_is_reported():
    quotes, unbalanced = find_quotes(['He said "this never closes', "Next paragraph.", '"'])
    assert unbalanced and quotes[0].closed is False
