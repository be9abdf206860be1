"""Which files under assets/ may be published, served from the site's own address.

A page, or a document with script in it, served from the site's origin runs
with the site's rights (the web editor's token lives there). So assets/
publishes stylesheets, the site's own scripts, images and fonts, and nothing
else; the web editor's upload folder (``assets/uploads/``) takes images only,
and they must be what their name says. An SVG is an image that can carry
script: one that does is refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitegen.core.diagnostics import Diagnostic, error

UPLOADS = "uploads"  # admin/config.yml's media_folder, under assets/
IMAGES = {  # suffix → how the file starts
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".avif": (b"\x00\x00\x00",),
    ".ico": (b"\x00\x00\x01\x00",),
    ".svg": (),
}
OTHERS = {".css", ".js", ".woff", ".woff2", ".ttf", ".otf"}
SCRIPTED_SVG = re.compile(rb"<\s*script|<\s*foreignObject|<\s*(?:iframe|embed|object)\b|\bon[a-z]+\s*=|javascript:"
                          rb"|(?:xlink:)?href\s*=\s*[\"']\s*(?!#)[a-z]+:", re.IGNORECASE)
HINT = "publish stylesheets, scripts, images and fonts only; put other files elsewhere"


def publish_problem(path: Path, name: str) -> Diagnostic | None:
    """Why the asset ``name`` (relative to assets/) may not be published, or None."""
    suffix = Path(name).suffix.lower()
    uploaded = name.split("/", 1)[0] == UPLOADS
    if suffix not in IMAGES and (uploaded or suffix not in OTHERS):
        allowed = "images" if uploaded else "stylesheets, scripts, images and fonts"
        return error(path, None, f"is not published: {allowed} only are (a {suffix or 'file'} "
                                 "would be served from the site's own address)",
                     "remove it, or link to it where it is hosted" if uploaded else HINT)
    if suffix in IMAGES:
        head = path.read_bytes()[:4096] if suffix == ".svg" else _start(path)
        if suffix == ".svg" and (SCRIPTED_SVG.search(path.read_bytes()) or b"<svg" not in head.lower()):
            return error(path, None, "is an SVG that can run script or load from elsewhere, or is no SVG",
                         "export it again as a plain SVG (no scripts, event handlers or links out), or as PNG")
        if suffix != ".svg" and not head.startswith(IMAGES[suffix]):
            return error(path, None, f"is not the {suffix[1:].upper()} image its name says",
                         "give it the name of what it is, or export it again")
    return None


def _start(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(16)
