"""What the preview server answers: files of the built site, and nothing else.

``PreviewHandler`` is livereload's static-file handler with three changes:

* a request may only reach files whose real path (symlinks resolved) lies
  inside the real output folder; anything else -- ``..`` segments, encoded
  ones (``%2e%2e``, ``%2f``), absolute paths (``//etc/passwd``), backslashes,
  NUL bytes, a symlink in the site pointing out of it -- is a 404, the same
  answer as for a page that does not exist;
* a 404 is the site's own 404.html;
* while the last build failed, every page request gets the error page
  (status 500) instead of the stale page, so a contributor never mistakes an
  old page for the result of their edit.  Stylesheets and images are still
  served from the last good build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit
from typing import Any, Protocol

from livereload.handlers import StaticFileHandler
from tornado.web import HTTPError

NOT_FOUND_PAGE = "404.html"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class ErrorPage:
    body: bytes
    content_type: str = HTML


class SiteStatus(Protocol):
    """What the handler asks of the server: the error page while a build is failing."""

    @property
    def failure(self) -> ErrorPage | None: ...


class PreviewHandler(StaticFileHandler):
    def initialize(self, path: str, default_filename: str | None = None,
                   status: SiteStatus | None = None, hosts: frozenset[str] = frozenset()) -> None:
        super().initialize(path, default_filename)
        self.status = status
        self.hosts = hosts

    def prepare(self) -> None:
        # A web page elsewhere can point a host name of its own at 127.0.0.1 (DNS
        # rebinding) and read the preview; such requests carry that name as Host.
        if self.hosts and self.request.host.lower() not in self.hosts:
            raise HTTPError(421)  # Misdirected Request: not a name this server answers to

    async def head(self, path: str) -> None:
        # The body is made and dropped, so that the live-reload snippet's length is in
        # Content-Length as it is for GET (tornado drops a HEAD's body itself).
        await self.get(path, include_body=True)

    async def get(self, path: str, include_body: bool = True) -> None:
        if site_path(self.root, path) is None:
            raise HTTPError(404)
        failure = self.status.failure if self.status else None
        if failure is not None and is_page(path):
            self.set_status(500)
            self._send(failure)
            return
        await super().get(path, include_body)

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        # get() checked the path as asked; this checks the file tornado is about
        # to open, which may be a folder's index.html that is itself a symlink.
        try:
            resolved = super().validate_absolute_path(root, absolute_path)
        except HTTPError as exc:  # tornado says 403 for escapes and non-files
            if exc.status_code == 403:
                raise HTTPError(404) from None
            raise
        if resolved is not None and not _within(os.path.realpath(root), os.path.realpath(resolved)):
            raise HTTPError(404)
        return resolved

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-cache")  # a preview changes under the browser

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if status_code not in (403, 404):
            super().write_error(status_code, **kwargs)
            return
        self.set_status(404)
        page = site_path(self.root, NOT_FOUND_PAGE)
        if page is None or not os.path.isfile(page):
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(b"404: there is no page at this address\n")
            return
        with open(page, "rb") as handle:
            self._send(ErrorPage(handle.read()))

    def _send(self, page: ErrorPage) -> None:  # tornado drops the body of a HEAD itself
        self.set_header("Content-Type", page.content_type)
        self.set_header("Cache-Control", "no-cache")
        self.finish(page.body)


def from_elsewhere(hosts: frozenset[str], host: str, origins: tuple[str | None, ...] = (),
                   fetch_site: str | None = None) -> bool:
    """Whether a request names a host this preview does not answer to, or comes from a page
    of another site (an Origin or Referer elsewhere, or a browser saying it is cross-site).
    An empty ``hosts`` (a preview bound beyond this machine) takes any host name."""
    if hosts and host.lower() not in hosts:
        return True
    if fetch_site in ("cross-site", "same-site"):
        return True
    for address in origins:
        if address and address != "null":
            netloc = urlsplit(address).netloc.lower()
            if netloc != host.lower() and (not hosts or netloc not in hosts):
                return True
    return False


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """Host headers a loopback-bound preview answers; empty (any) when bound elsewhere."""
    loopback = {"127.0.0.1", "localhost", "::1"}
    if host not in loopback and not host.startswith("127."):
        return frozenset()
    names = {host, "127.0.0.1", "localhost", "::1"}
    return frozenset(f"[{name}]:{port}" if ":" in name else f"{name}:{port}" for name in names)


def site_path(root: str, url_path: str) -> str | None:
    """The real path ``url_path`` (already %-decoded) names under ``root``, or None.

    None for anything but a plain relative path, and for a path whose real
    location, symlinks resolved, is outside the real ``root``.
    """
    if (not url_path.isprintable() or "\\" in url_path or url_path.startswith("/")
            or ".." in url_path.split("/")):
        return None
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(real_root, url_path))
    return real if _within(real_root, real) else None


def is_page(url_path: str) -> bool:
    """True for the address of a page: a folder (``2024/``), ``*.html``, or no extension."""
    name = url_path.rsplit("/", 1)[-1]
    return name == "" or name.endswith((".html", ".htm")) or "." not in name


def _within(real_root: str, real: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)
