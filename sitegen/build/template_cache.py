"""Compiled templates kept between runs: Jinja's bytecode cache, in the user's cache folder.

A build compiles the site's templates before any page can render, while
every other core waits. Jinja
can keep the Python code it compiles a template to, as Python keeps
``.pyc`` files: each template's code is stored under a digest of its name
and path, with a checksum of its source and the Python and Jinja versions,
so an edited template is compiled again.

What Jinja's key leaves out is how the environment compiles (autoescape,
whitespace control): those, with sitegen's and Jinja's versions, name the
folder, so a change of any starts a new one: ``templates/`` in sitegen's
cache folder (core/cache_folder.py). A cache that cannot be written or read
is no cache: the templates are compiled as before.

The same folder keeps what page_digests.py reads from the templates'
syntax (which template pulls in which, found by parsing them all), under a digest of every template's name and text (``remembered``).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from typing import Callable

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from sitegen import __version__
from sitegen.core.cache_folder import cache_root


def template_cache(compile_options: str) -> jinja2.BytecodeCache | None:
    """A bytecode cache for templates compiled with these options, or None if none can be kept."""
    key = hashlib.blake2b(f"{__version__}\n{jinja2.__version__}\n{compile_options}".encode(),
                          digest_size=8).hexdigest()
    try:
        folder = cache_root() / "templates" / key
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except (OSError, RuntimeError):  # RuntimeError: no home folder to be found
        return None
    return QuietBytecodeCache(str(folder))


class QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache, for which a file it cannot read or write is a miss, not an error."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):  # unreadable, cut short
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def remembered(kind: str, key: str, work_out: Callable[[], dict[str, str]]) -> dict[str, str]:
    """``work_out()``, kept as JSON under ``key`` (with sitegen's and Jinja's versions) and
    read back while the key is the same. A missing, unreadable or odd file is worked out again."""
    digest = hashlib.blake2b(f"{__version__}\n{jinja2.__version__}\n{key}".encode(), digest_size=16).hexdigest()
    try:
        path = cache_root() / "templates" / f"{kind}-{digest}.json"
    except RuntimeError:  # no home folder to be found
        return work_out()
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(kept, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in kept.items()):
            return kept
    except (OSError, ValueError):
        pass
    value = work_out()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(value, out)
        os.replace(temp, path)
    except OSError:
        pass
    return value
