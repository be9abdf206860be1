"""Each of an item's ``quote_translations`` must render one of its quotes.

The translations pair with the body's quotes (its top-level blockquotes) by
position: the first renders the first quote, and so on. Only the parsed
body knows its quotes, so the build cannot tell a translation left over
after a quote was deleted; it shows the ones that pair and drops the rest.
A pull request hears about it here, at the line of each one left over.
"""

from __future__ import annotations

from sitegen.archive.frontmatter import FrontMatterError, split_front_matter
from sitegen.core.config import Config
from sitegen.core.diagnostics import Diagnostic, SitegenError, error
from sitegen.core.records import Article
from sitegen.core.textfile import read_text
from sitegen.core.yamldoc import YamlSyntaxError, parse_yaml
from sitegen.markdown.markup import Markup

HINT = ("the first translation renders the text's first quote (a blockquote, \"> …\"), the second "
        "the second, and so on: remove this one, or quote the words it renders as a blockquote")


def unpaired_translations(config: Config, items: list[tuple[Article, str]]) -> list[Diagnostic]:
    """An error for every translation beyond the item's last quote."""
    markup = Markup(config.base_path)
    problems = []
    for article, body in items:
        if not article.quote_translations:
            continue
        quotes = len(markup.quote_pieces(body)) - 1
        if len(article.quote_translations) <= quotes:
            continue
        lines = _item_lines(config, article)
        counted = f"{quotes} quote" + ("" if quotes == 1 else "s")
        for i in range(quotes, len(article.quote_translations)):
            problems.append(error(config.root / article.path, lines.get(i),
                                  f"quote_translations item {i + 1} pairs with no quote: the text has {counted}",
                                  HINT))
    return problems


def _item_lines(config: Config, article: Article) -> dict[int, int]:
    """Line of each ``quote_translations`` item, read again from the file (only for a file
    with a problem)."""
    try:
        split = split_front_matter(read_text(config.root / article.path)[0] or "")
        doc = parse_yaml(split.yaml_text, split.yaml_first_line)
    except (SitegenError, FrontMatterError, YamlSyntaxError):
        return {}
    return {i: doc.line_of("quote_translations", i) for i in range(len(article.quote_translations))}
