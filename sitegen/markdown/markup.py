"""Markdown bodies → HTML, with the quotes and summary pages reuse.

One markdown-it instance serves the whole build, CommonMark with tables and
strikethrough. Raw HTML is off, so a ``<script>`` in a body is shown as text;
markdown-it's link validation drops ``javascript:``, ``vbscript:``,
``file:`` and non-image ``data:`` links. Root-relative links ("/2023/…") are
prefixed with the site's base path so that they keep working when the site
lives under a sub-path.

Plain prose takes faster ways to the same HTML (markdown_it_adapter.py),
unless the fast-paths switch is off (core/fast_paths.py).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML

from sitegen.core.records import Body
from sitegen.markdown import markdown_it_adapter
from sitegen.markdown.quotes import plain_text_of, quote_ends, quotes_of, summary_of
from sitegen.markdown.rebase import rebase_links


class Markup:
    def __init__(self, base_path: str = "/", fast: bool | None = None):
        self.base_path = base_path
        self.fast = markdown_it_adapter.usable() if fast is None else fast
        renderer = markdown_it_adapter.Renderer if self.fast else RendererHTML
        self.md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False},
                             renderer_cls=renderer)
        self.md.enable(["table", "strikethrough"])
        # With "html" off these rules only ever answer no; not asking saves a call per block.
        self.md.disable(["html_block", "html_inline"])
        self.plain = markdown_it_adapter.install(self.md, base_path) if self.fast else None

    def render(self, source: str) -> Body:
        if self.plain is not None:
            body = self.plain.render(source)
            if body is not None:
                return body
        tokens = self.md.parse(source)
        rebase_links(tokens, self.base_path)
        html = self.md.renderer.render(tokens, self.md.options, {})
        return Body(html=html, quotes=tuple(quotes_of(tokens)), summary=summary_of(tokens))

    def quote_pieces(self, source: str) -> tuple[str, ...]:
        """The body's HTML cut after each of its quotes: piece i ends with quote i, the last
        piece holds what follows the last quote. Joined, they are ``render(source).html``.
        A quote is a top-level blockquote with words in it, as ``Body.quotes`` counts them,
        so a page can show something beside each quote (render/contexts.py)."""
        tokens = self.md.parse(source)
        rebase_links(tokens, self.base_path)
        cuts = [0, *quote_ends(tokens), len(tokens)]
        render = self.md.renderer.render
        return tuple(render(tokens[start:stop], self.md.options, {}) for start, stop in zip(cuts, cuts[1:]))

    def plain_text(self, source: str) -> str:
        """What a reader sees of a body, markup removed: its blocks' text, blank-line separated."""
        return plain_text_of(self.md.parse(source))
