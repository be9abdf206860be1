"""The site's configuration, read from site.yaml into a frozen Config."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from sitegen.core.diagnostics import SitegenError, error
from sitegen.core.fields import Fields
from sitegen.core.sourcefiles import outside_archive
from sitegen.core.textfile import read_text
from sitegen.core.yamldoc import YamlSyntaxError, parse_yaml

CONFIG_FILE = "site.yaml"
KEYS = ("title", "description", "base_url", "language", "author", "home_items", "feed_items",
        "page_items", "repository", "repository_branch", "search")
PAGE_ITEMS = 50  # items per page of a long listing, unless site.yaml says otherwise
BRANCH = re.compile(r"^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]+$")


@dataclass(frozen=True)
class Config:
    root: Path  # the archive: holds site.yaml, content/, templates/, assets/
    title: str
    base_url: str  # always ends with "/"
    description: str = ""
    language: str = "en"
    author: str = ""
    home_items: int = 20
    feed_items: int = 20
    page_items: int = PAGE_ITEMS  # items per page of a long listing (archive/pagination.py)
    repository: str | None = None  # the forge's page of the archive's repository, for history links
    repository_branch: str = "main"
    search: str = "auto"  # "auto", "on" or "off": whether to build the search index (build/search_index.py)

    @property
    def base_path(self) -> str:
        """The URL path the site lives under: "/" or "/project/"."""
        return urlsplit(self.base_url).path or "/"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def assets_dir(self) -> Path:
        return self.root / "assets"

    def with_base_url(self, base_url: str) -> "Config":
        return replace(self, base_url=normalise_base_url(base_url))


def normalise_base_url(value: str) -> str:
    return value if value.endswith("/") else value + "/"


def load_config(root: Path) -> Config:
    root = root.absolute()  # one archive, one config, however the folder was named
    path = root / CONFIG_FILE
    if not root.is_dir():
        raise SitegenError(error(root, None, "the archive folder does not exist or is not a folder",
                                 "point --root at the folder that holds site.yaml"))
    if path.is_dir():
        raise SitegenError(error(path, None, "site.yaml is a folder, not a file",
                                 "site.yaml must be a YAML file of settings"))
    if not path.is_file():
        raise SitegenError(error(path, None, "no site.yaml here",
                                 "run sitegen from the archive's folder, or pass --root"))
    if path.is_symlink() and (outside := outside_archive(path, root)):
        raise SitegenError(outside)
    text, problem = read_text(path)
    if problem:
        raise SitegenError(problem)
    try:
        doc = parse_yaml(text)
    except YamlSyntaxError as exc:
        raise SitegenError(error(path, exc.line, exc.message, exc.hint)) from None
    if not isinstance(doc.data, dict):
        raise SitegenError(error(path, 1, "site.yaml must be a mapping of settings",
                                 "write lines like \"title: My archive\""))
    fields = Fields(doc, path)
    fields.reject_unknown(KEYS)
    title = fields.text("title", required=True) or ""
    base_url = fields.text("base_url", required=True) or "https://example.org/"
    parts = urlsplit(base_url)
    if (parts.scheme not in ("http", "https") or not parts.netloc):
        fields.fail(("base_url",), f'base_url "{base_url}" is not an absolute http(s) URL',
                    'write e.g. "https://example.org/" or "https://user.github.io/project/"')
    config = Config(
        root=root,
        title=title,
        base_url=normalise_base_url(base_url),
        description=fields.text("description", default="") or "",
        language=fields.language("language", default="en") or "en",
        author=fields.text("author", default="") or "",
        home_items=fields.integer("home_items", 20, minimum=1),
        feed_items=fields.integer("feed_items", 20, minimum=1),
        page_items=fields.integer("page_items", PAGE_ITEMS, minimum=1),
        repository=_repository(fields),
        repository_branch=_branch(fields),
        search=_search(fields),
    )
    if fields.diagnostics:
        raise SitegenError(fields.diagnostics)
    return config


def _repository(fields: Fields) -> str | None:
    value = fields.text("repository")
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        fields.fail(("repository",), f'repository "{value}" is not the web address of a repository',
                    'write e.g. "https://github.com/owner/archive"')
        return None
    return value.rstrip("/")


def _branch(fields: Fields) -> str:
    value = fields.text("repository_branch", default="main") or "main"
    if not BRANCH.match(value):
        fields.fail(("repository_branch",), f'"{value}" is not a branch name', 'write e.g. "main"')
        return "main"
    return value


def _search(fields: Fields) -> str:
    """``search: auto`` (the default), ``true`` or ``false`` → "auto", "on" or "off"."""
    value = fields.data.get("search")
    if value is None or value == "auto":
        return "auto"
    if isinstance(value, bool):
        return "on" if value else "off"
    fields.fail(("search",), f'"search" must be auto, true or false, not "{value}"',
                "auto (the default) and true build the search index; false builds none")
    return "auto"
