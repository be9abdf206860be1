"""Links in article bodies that point inside the site, checked against the page plan.

A link is internal when it is root-relative ("/2023/09/21/slug/"), relative
("../other/"), or absolute under the site's base_url. It must lead to a page
the build plans, or to an asset it publishes; a link to a draft is broken in
the published site and says so.

markdown-it is the judge of what is a link (not text in a code span), but
parsing every body is slow; a regular expression first picks the bodies that may hold an internal link at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from posixpath import normpath
from typing import Iterable
from urllib.parse import unquote, urljoin, urlsplit

from markdown_it import MarkdownIt

from sitegen.core.config import Config
from sitegen.core.diagnostics import Diagnostic, error
from sitegen.core.records import Article

# Every place a Markdown link destination can start: "](", "]:" and "<…>".
DESTINATION = re.compile(r"\]\(\s*<?([^\s)>]*)"  # inline link or image
                         r"|^[ \t>]*\[[^\]\n]+\]:\s*<?([^\s>]*)"  # reference definition
                         r"|<([a-z][a-z0-9+.-]*:[^\s>]*)>",  # autolink
                         re.MULTILINE | re.IGNORECASE)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True)
class Site:
    """What a link may lead to."""

    config: Config
    paths: frozenset[str]  # site paths of every page ("speakers/x/") and file ("feed.xml")
    drafts: frozenset[str]  # site paths of draft items: not published

    def surely_leaves(self, href: str) -> bool:
        """A quick test before parsing the URL: in-page, mail, or another host."""
        start = href[:300].lower()
        if start.startswith(("#", "mailto:", "tel:")):
            return True
        host = "//" + urlsplit(self.config.base_url).netloc.lower()
        return start.startswith(("http:", "https:", "//")) and host not in start

    def internal_path(self, href: str, page_url: str) -> str | None:
        """The site path a link leads to, or None for a link that leaves the site."""
        href = href.strip()
        if not href or href.startswith("#"):
            return None
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            base = urlsplit(self.config.base_url)  # its path ends with "/"
            if parts.scheme.lower() not in ("http", "https", "") or parts.netloc.lower() != base.netloc.lower() \
                    or not (parts.path + "/").startswith(base.path):
                return None
            path = "/" + parts.path[len(base.path):]
        else:
            path = urljoin("/" + page_url, parts.path) if parts.path else "/" + page_url
        resolved = normpath(unquote(path)) if path not in ("", "/") else "/"
        trailing = "/" if path.endswith("/") and resolved != "/" else ""
        return (resolved + trailing).lstrip("/")

    def problem(self, path: str) -> tuple[str, str] | None:
        """(message, hint) when nothing is published at ``path``."""
        variants = (path, path + "/", path + "index.html", path.removesuffix("index.html"))
        if any(v in self.paths for v in variants):
            return None
        if any(v in self.drafts for v in variants):
            return "is a draft, not published", "link to it once it is published, or drop the link"
        return "leads to no page of the site", "check the date and slug in the link"


def broken_links(site: Site, items: Iterable[tuple[Article, str]]) -> list[Diagnostic]:
    """Every internal link in the bodies that leads nowhere, at its line."""
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    problems = []
    for article, body in items:
        if not _may_be_broken(site, article, body):
            continue
        lines = body.split("\n")
        for href, block in _links(md, body):
            path = site.internal_path(href, article.url)
            found = site.problem(path) if path is not None else None
            if found:
                message, hint = found
                line = article.body_line + _line_in(lines, block, href)
                problems.append(error(site.config.root / article.path, line,
                                      f'link "{href}" {message}', hint))
    return problems


def _may_be_broken(site: Site, article: Article, body: str) -> bool:
    """Whether a link-like text of the body leads inside the site and nowhere.

    A superset of the real links (it also finds text in code spans), so a
    body without one needs no parsing; one with one is parsed to be sure.
    """
    for match in DESTINATION.finditer(body):
        href = match.group(1) or match.group(2) or match.group(3)
        if not href or site.surely_leaves(href):
            continue
        path = site.internal_path(href, article.url)
        if path is not None and site.problem(path):
            return True
    return False


def _links(md: MarkdownIt, body: str) -> list[tuple[str, tuple[int, int]]]:
    """(destination, (first line, end line) of its block in the body), in order."""
    found = []
    for token in md.parse(body):
        for child in token.children or ():
            href = child.attrGet("href") if child.type == "link_open" else \
                child.attrGet("src") if child.type == "image" else None
            if isinstance(href, str):
                found.append((href, tuple(token.map or (0, 1))))
    return found


def _line_in(lines: list[str], block: tuple[int, int], href: str) -> int:
    """The body line (0-based) in the block that shows the link, else the block's first."""
    start, end = block
    for number in range(start, min(end, len(lines))):
        if href in lines[number] or unquote(href) in lines[number]:
            return number
    return start


def site_of(config: Config, page_paths: Iterable[str], asset_paths: Iterable[str],
            drafts: Iterable[Article]) -> Site:
    paths = frozenset(page_paths) | frozenset(asset_paths)
    return Site(config, paths, frozenset(a.url for a in drafts))
