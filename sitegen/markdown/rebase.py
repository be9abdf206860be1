"""Links in bodies kept working when the site lives under a sub-path ("/archive/")."""

from __future__ import annotations

from markdown_it.token import Token


def rebase_links(tokens: list[Token], base_path: str) -> None:
    """Root-relative link and image addresses put under the site's base path."""
    if base_path == "/":
        return
    for token in tokens:
        for child in token.children or ():
            attr = "href" if child.type == "link_open" else "src" if child.type == "image" else None
            if attr is None:
                continue
            value = child.attrGet(attr)
            if isinstance(value, str) and value.startswith("/") and not value.startswith("//"):
                child.attrSet(attr, base_path + value[1:])
