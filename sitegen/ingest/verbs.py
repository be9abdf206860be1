"""Verbs of saying, in English and Russian, and where they stand in a sentence.

The forms are written once as a compact pattern ("заявил[аи]?") and spelled
out into a set, so finding them is a word lookup rather than one huge regex.
"""

from __future__ import annotations

import re

VERB_PATTERN = (
    r"said|says|say|stated|states|noted|notes|told|tells|added|adds|stressed|stresses|"
    r"emphasi[sz]ed|emphasi[sz]es|underlined|underscored|declared|announced|remarked|"
    r"pointed out|explained|warned|urged|insisted|recalled|commented|wrote|asserted|claimed|"
    r"argued|highlighted|affirmed|concluded|reiterated|confirmed|responded|replied|answered|"
    r"continued|believes|mentioned|observed|assured|suggested|condemned|acknowledged|admitted|"
    r"заявил[аи]?|заявляет|сказал[аи]?|говорит|отметил[аи]?|отмечает|подчеркнул[аи]?|"
    r"подч[её]ркивает|сообщил[аи]?|сообщает|добавил[аи]?|указал[аи]?|заметил[аи]?|"
    r"пояснил[аи]?|напомнил[аи]?|призвал[аи]?|констатировал[аи]?|заверил[аи]?|считает|"
    r"полагает|написал[аи]?|ответил[аи]?|выразил[аи]?|высказал[аи]?|осудил[аи]?|"
    r"предупредил[аи]?|уточнил[аи]?|резюмировал[аи]?|убежд[её]н[а]?|уверен[а]?|"
    r"рассказал[аи]?|признал[аи]?|прокомментировал[аи]?")


def _spelled_out(pattern: str) -> frozenset[str]:
    """Every word the verb pattern matches ("заявил[аи]?" → заявил, заявила, заявили)."""
    forms = set()
    for alternative in pattern.split("|"):
        variants = [""]
        for piece in re.findall(r"\[[^]]+\]\??|[^[]", alternative):
            if piece.startswith("["):
                letters = list(piece[1:piece.index("]")]) + ([""] if piece.endswith("?") else [])
                variants = [v + letter for v in variants for letter in letters]
            else:
                variants = [v + piece for v in variants]
        forms.update(variants)
    return frozenset(forms)


VERB_WORDS = _spelled_out(VERB_PATTERN)
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class _Span:
    """The position of one verb in a sentence, shaped like a regex match."""
    __slots__ = ("_start", "_end")

    def __init__(self, start: int, end: int):
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def verbs_in(sentence: str):
    """Verbs of saying in a sentence, by word lookup rather than one huge regex."""
    tokens = list(_TOKEN.finditer(sentence))
    for index, token in enumerate(tokens):
        if index and token.group()[0].isupper():
            continue  # "the United States", "Says Who": a name, not a verb
        word = token.group().lower()
        if word == "pointed" and index + 1 < len(tokens) and tokens[index + 1].group().lower() == "out":
            yield _Span(token.start(), tokens[index + 1].end())
        elif word in VERB_WORDS:
            yield _Span(token.start(), token.end())
ACCORDING = re.compile(r"(?<![\w-])(?:according to|по словам|по мнению)(?![\w-])", re.IGNORECASE)
PRONOUN = re.compile(r"(?<![\w-])(?:he|she|они|он|она)(?![\w-])", re.IGNORECASE)
