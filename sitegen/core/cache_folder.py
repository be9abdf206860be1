"""The user's cache folder, where sitegen keeps what it compiled, as Python keeps ``.pyc`` files.

``$SITEGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/sitegen``, else
``~/.cache/sitegen``. Everything in it can be deleted at any time: it is
made again (build/template_cache.py, core/dataclasses_adapter.py).
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """The folder (RuntimeError when there is no home folder to put it in)."""
    explicit = os.environ.get("SITEGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "sitegen"
