"""Find internal links in a built site that point at nothing."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)
            if name == "id" and value:
                self.ids.add(value)


def broken_links(out: Path, base_url: str) -> list[str]:
    """Every internal href/src of every HTML page that resolves to no file."""
    base = urlsplit(base_url)
    problems = []
    for page in sorted(out.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc:
                if parts.netloc != base.netloc:
                    continue  # external
                path = parts.path
            elif not parts.path:
                if parts.fragment and parts.fragment not in parser.ids:
                    problems.append(f"{page.relative_to(out)}: #{parts.fragment} has no target")
                continue
            else:
                path = parts.path
            if not path.startswith(base.path):
                problems.append(f"{page.relative_to(out)}: {target} is outside the site's base path")
                continue
            file = out / unquote(path[len(base.path):])
            if path.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                problems.append(f"{page.relative_to(out)}: {target} does not exist")
    return problems
