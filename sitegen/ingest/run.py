"""`sitegen ingest`: every raw capture named (or the inbox) → articles.

Reads the registries and outlet profiles once, then each capture: normalise,
decide where it goes (new, unchanged, proposed beside a curator's edit,
duplicate), write unless it is a dry run, and record an outcome per file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen.core.diagnostics import Diagnostic, SitegenError, error
from sitegen.core.sourcefiles import outside_archive
from sitegen.ingest.fanout import Read, normalise_all
from sitegen.ingest.normalise import Knowledge, Normalised
from sitegen.ingest.profiles import compile_profiles
from sitegen.ingest.store import (Shelf, article_path, front_and_body, read_shelf, write_new,
                                  write_proposed)
from sitegen.core.registries import load_registries_once


@dataclass(frozen=True)
class Outcome:
    source: str                     # the capture, relative to the archive root
    status: str                     # new | unchanged | proposed | duplicate | no story | unreadable
    article: str | None = None      # the article file written or compared with
    detail: str = ""                # duplicate of what, proposed where, why unreadable
    result: Normalised | None = None
    problem: Diagnostic | None = None


def run_ingest(root: Path, paths: list[Path], into: Path | None, year: int | None,
               dry_run: bool, propose: bool = False) -> list[Outcome]:
    registries, problems = load_registries_once(root / "content")
    diagnostics = [p for p in problems if p.severity == "error"]
    profiles = compile_profiles(registries.outlets, root / "content" / "outlets.yaml", diagnostics)
    if diagnostics:
        raise SitegenError(diagnostics)
    knowledge = Knowledge(registries, profiles)
    articles_dir = into if into is not None else root / "content" / "articles"
    shelf = read_shelf(articles_dir)
    root = root.resolve()
    found, refused = list_captures(root, paths)
    captures = [(path, _relative(path, root)) for path in found]
    return [*(Outcome(_relative(Path(p.path), root), "unreadable", detail=p.message, problem=p) for p in refused),
            *(_place(read, root, articles_dir, shelf, dry_run, propose)
              for read in normalise_all(captures, knowledge, year))]


def list_captures(root: Path, paths: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The captures to read: files named, and the files in folders named (the inbox by
    default). A file in such a folder that links out of the archive is refused: a pull
    request could otherwise have ingest copy a file of the curator's machine into an article."""
    if not paths:
        paths = [root / "content" / "inbox"]
    found: list[Path] = []
    refused: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*")
                               if p.is_file() and not any(part.startswith(".")
                                                          for part in p.relative_to(path).parts)):
                problem = outside_archive(file, root) if file.is_symlink() else None
                (refused.append(problem) if problem else found.append(file))
        else:
            found.append(path)
    return found, refused


def _place(read: Read, root: Path, articles_dir: Path, shelf: Shelf, dry_run: bool,
           propose: bool) -> Outcome:
    """Decide what becomes of one normalised capture, and write it if it is new."""
    source, result = read.source, read.result
    if read.problem is not None:
        return Outcome(source, "unreadable", detail=read.problem.message, problem=read.problem)
    if not result.layout.story and result.layout.headline is None:
        return Outcome(source, "no story", None, "every line of it is page chrome or a date: "
                       "nothing to ingest (capture the story's page again)", result)
    sha256, body = result.record.sha256, result.body
    existing = shelf.by_file.get(source)
    if existing is not None:
        return _compare(source, existing, result, root, write=propose and not dry_run)
    twin = shelf.by_sha.get(sha256)
    if twin is not None:
        return Outcome(source, "duplicate", _relative(twin, root),
                       "the same capture (same sha256) is already in the archive", result)
    near = shelf.near_duplicate(body)
    if near is not None:
        twin, share = near
        return Outcome(source, "duplicate", _relative(twin, root),
                       f"{share:.0%} of its text is already in this article", result)
    target = article_path(articles_dir, result.record.date, result.record.title, shelf)
    shelf.remember(target, source, sha256, body)
    if not dry_run:
        try:
            write_new(target, result.text)
        except OSError as exc:
            problem = error(target, None, f"cannot write the article: {exc.strerror or exc}")
            return Outcome(source, "unreadable", detail=problem.message, problem=problem)
    return Outcome(source, "new", _relative(target, root), "", result)


def _compare(source: str, existing: Path, result: Normalised, root: Path,
             write: bool) -> Outcome:
    try:
        current = existing.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        current = None
    if current == result.text:
        return Outcome(source, "unchanged", _relative(existing, root), "", result)
    detail = _difference(current or "", result.text)
    if write:
        proposed = write_proposed(existing, result.text)
        detail += f"; ingest's version is in {_relative(proposed, root)}"
    else:
        detail += "; --propose writes ingest's version beside it"
    return Outcome(source, "proposed", _relative(existing, root), detail, result)


def _difference(current: str, proposed: str) -> str:
    """Which front-matter keys and how many body lines differ."""
    def split(text: str):
        head, body = front_and_body(text)
        keys = {}
        key = None
        for line in head.splitlines():
            if line and not line.startswith((" ", "-")) and ":" in line:
                key = line.split(":", 1)[0]
                keys[key] = line
            elif key:
                keys[key] += "\n" + line
        return keys, body.splitlines()
    mine, my_body = split(current)
    theirs, their_body = split(proposed)
    keys = sorted(k for k in set(mine) | set(theirs) if mine.get(k) != theirs.get(k))
    changed = len(set(my_body) ^ set(their_body))
    parts = []
    if keys:
        parts.append("front-matter differs in " + ", ".join(keys))
    if changed:
        parts.append(f"{changed} body line(s) differ")
    return ("the article was edited since ingest: " + "; ".join(parts or ["whitespace differs"]))


def _relative(path: Path, root: Path) -> str:
    """Relative to the archive's root when inside it; as the user wrote it otherwise."""
    try:
        return path.absolute().relative_to(root).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()
