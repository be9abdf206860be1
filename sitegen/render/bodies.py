"""Article bodies, rendered only when a page needs them.

A full build renders every body once. An incremental build renders only the
bodies of pages it re-renders; what listing pages take from every body (the
quotes a speaker page shows, the summary in data/articles.json) is kept in
the build state under the body's digest, so it survives without the body.
"""

from __future__ import annotations

from typing import Callable, Mapping

from sitegen.core.diagnostics import StateDamaged
from sitegen.core.fingerprints import digest
from sitegen.markdown.markup import Markup
from sitegen.core.records import Article, Body

# (quotes, summary, digest of the quotes, digest of the summary)
Derived = tuple[tuple[str, ...], str, str, str]


class Bodies:
    def __init__(self, markup: Markup, articles: Mapping[str, Article], text_of: Callable[[Article], str],
                 fresh: Mapping[str, str], derived: Mapping[str, Derived]):
        self.markup = markup
        self.articles = articles
        self.text_of = text_of  # an article's Markdown, read again (the build engine says how)
        self.fresh = fresh  # bodies read by this build's load stage
        self.known = derived  # from the previous build's state
        self.rendered: dict[str, Body] = {}
        self._derived: dict[str, Derived] = {}  # article id → derived, for bodies rendered here
        # None: keep every rendered body. A set of ids: keep only those, and of the
        # others just what is derived from them (a render worker's memory at 100k).
        self.retain: frozenset[str] | None = None
        self._held: dict[str, Body] = {}  # a batch of pages' bodies, rendered ahead (hold)

    def __getitem__(self, article_id: str) -> Body:
        body = self.rendered.get(article_id)
        if body is None:
            body = self._held.get(article_id)
        if body is None:
            article = self.articles[article_id]
            text = self.fresh.get(article_id)
            if text is None:
                text = self.text_of(article)
            body = self.markup.render(text)
            self._derived[article_id] = (body.quotes, body.summary, digest(*body.quotes),
                                         digest(body.summary))
            if self.retain is None or article_id in self.retain:
                self.rendered[article_id] = body
        return body

    def quote_pieces(self, article_id: str) -> tuple[str, ...]:
        """The body's HTML cut after each quote (Markup.quote_pieces): only for the few items
        whose page sets something beside their quotes, so it is not kept."""
        article = self.articles[article_id]
        text = self.fresh.get(article_id)
        return self.markup.quote_pieces(self.text_of(article) if text is None else text)

    def forget_texts(self) -> None:
        """Drop the Markdown read at load time; bodies are read again when needed."""
        if isinstance(self.fresh, dict):
            self.fresh.clear()

    def hold(self, article_ids) -> None:
        """Render these bodies now, and keep each until the next call even if not retained:
        the bodies of a batch of pages about to render (templates.RENDER_BATCH says why). A body that
        fails to render is left for its page, which reports the error."""
        self._held = {}
        for article_id in article_ids:
            try:
                self._held[article_id] = self[article_id]
            except StateDamaged:  # the engine's to handle: it builds afresh
                raise
            except Exception:  # noqa: BLE001 - the page's own render meets it again and reports it
                pass

    def derived(self, article_id: str) -> Derived:
        known = self.known.get(self.articles[article_id].body_digest)
        if known is not None:
            return known
        derived = self._derived.get(article_id)
        if derived is None:
            self[article_id]
            derived = self._derived[article_id]
        return derived

    def quotes(self, article_id: str) -> tuple[str, ...]:
        return self.derived(article_id)[0]

    def summary(self, article_id: str) -> str:
        return self.derived(article_id)[1]

    def quotes_digest(self, article_id: str) -> str:
        return self.derived(article_id)[2]

    def summary_digest(self, article_id: str) -> str:
        return self.derived(article_id)[3]
