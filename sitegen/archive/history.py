"""When each article was first added and last changed, and by whom, from git.

One ``git log`` over content/articles/ gives every file's history at once:
a process per file would take minutes on a large archive. The log runs newest
commit first; a rename maps the old name to the file's current path, so a
moved file keeps the date it was first added. A pure rename (100% similar)
is not a change of the item; an edit is.

Outside a git checkout, without a git binary, or in a shallow clone (whose
oldest commit would seem to add every file) there is no history, and
article pages show none. ``Checkout.stamp`` names the commit the history was
read at, so a build notices a new commit even when no file changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Mapping
from urllib.parse import quote

from sitegen.core.config import Config

GIT_TIMEOUT = 300  # seconds; a log of a huge history still ends


@dataclass(frozen=True)
class Checkout:
    head: str  # commit id of HEAD; "" when there is no usable history
    prefix: str  # the archive's folder inside the repository: "" or "archive/"
    # A digest of the repository's .mailmap ("" without one): git log names authors through
    # it, so the same commits read with another one give other names.
    mailmap: str = ""

    @property
    def stamp(self) -> str:
        return f"git {self.head} {self.prefix} {self.mailmap}"


@dataclass(frozen=True)
class Change:
    when: datetime
    author: str


@dataclass(frozen=True)
class FileHistory:
    added: Change | None  # None when the history does not reach the file's creation
    changed: Change | None  # the last commit that changed its content


@dataclass(frozen=True)
class History:
    checkout: Checkout
    files: Mapping[str, FileHistory]  # archive-relative path → its history

    def of(self, path: str) -> FileHistory | None:
        return self.files.get(path)

    def digest_of(self, path: str) -> str:
        """What an article page shows of its history, as text for its digest."""
        found = self.files.get(path)
        if found is None:
            return "-"
        return "|".join(f"{c.when.isoformat()} {c.author}" if c else "-" for c in (found.added, found.changed))


NO_CHECKOUT = Checkout("", "")
EMPTY = History(NO_CHECKOUT, MappingProxyType({}))


def find_checkout(root: Path) -> Checkout:
    """The commit the archive is at, or NO_CHECKOUT when its history cannot be read."""
    output = _git(root, "rev-parse", "--is-shallow-repository", "--show-prefix", "HEAD")
    if output is None:
        return NO_CHECKOUT
    lines = output.decode("utf-8", "surrogateescape").split("\n")
    if len(lines) < 3 or lines[0] != "false":  # shallow: the history is cut short
        return NO_CHECKOUT
    prefix = lines[1]
    return Checkout(head=lines[2].strip(), prefix=prefix, mailmap=_mailmap_digest(root, prefix))


def _mailmap_digest(root: Path, prefix: str) -> str:
    """The .mailmap at the top of the work tree (``prefix`` leads from there to ``root``),
    as a digest; "" without one. (A mailmap named by git's ``mailmap.file`` or
    ``mailmap.blob`` settings is not looked for.)"""
    top = root.joinpath(*[".."] * len([part for part in prefix.split("/") if part]))
    try:
        data = (top / ".mailmap").read_bytes()
    except OSError:
        return ""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_history(root: Path, checkout: Checkout, since: History | None = None) -> History:
    """The history at ``checkout``. ``since``: the history at an earlier commit, carried
    forward by the log of the commits after it alone when that gives what the whole log
    would (see ``_commits_after``)."""
    if not checkout.head:
        return EMPTY
    after = _commits_after(root, since, checkout)
    output = _git(root, "-c", "log.showSignature=false", "log", "-z", "-M", "--relative",
                  "--name-status", "--format=%x01%H%x00%aI%x00%aN", after or checkout.head, "--",
                  "content/articles")
    if output is None:
        return EMPTY
    if after:
        return History(checkout, MappingProxyType(carried_forward(since.files, _walked(output))))
    return History(checkout, MappingProxyType(parse_log(output)))


def _commits_after(root: Path, since: History | None, checkout: Checkout) -> str | None:
    """``OLD..NEW`` when the history ``since`` (at OLD) can be carried forward to ``checkout``
    (at NEW) by the log of the commits in between: OLD is an ancestor of NEW (a history
    rewritten since needs the whole log), none of them merges (git lists a merged
    branch's commits by date among older ones, so which change is a file's last could
    differ from the whole log's), and the .mailmap is the same (it names every author).
    Else None."""
    if since is None or not since.checkout.head or since.checkout.prefix != checkout.prefix \
            or since.checkout.mailmap != checkout.mailmap or since.checkout.head == checkout.head:
        return None
    old, new = since.checkout.head, checkout.head
    if _git(root, "merge-base", "--is-ancestor", old, new) is None:
        return None
    merges = _git(root, "rev-list", "--merges", f"{old}..{new}")
    return f"{old}..{new}" if merges == b"" else None


def _git(root: Path, *args: str) -> bytes | None:
    import subprocess  # here: an archive outside git never runs it, and a fresh build saves its import

    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):  # no git, or it hung
        return None
    return done.stdout if done.returncode == 0 else None


def parse_log(output: bytes) -> dict[str, FileHistory]:
    """``git log -z --name-status`` (newest first) → current path → its history."""
    return _walked(output).result()


def carried_forward(before: Mapping[str, FileHistory], walk: "_Walk") -> dict[str, FileHistory]:
    """The history at a later commit: ``before`` (at an earlier one) followed through ``walk``,
    the log of the commits after it. A file keeps the date it was added unless the later
    commits added it (again); its last change is theirs if they changed it."""
    files = {}
    for path, found in before.items():
        now = walk.now(path)
        if now is not None:
            files[now] = FileHistory(found.added, walk.changed.get(now, found.changed))
    for path, found in walk.result().items():
        if path not in files or path in walk.added:
            files[path] = found
    return dict(sorted(files.items()))


def _walked(output: bytes) -> "_Walk":
    walk = _Walk()
    tokens = output.decode("utf-8", "surrogateescape").split("\0")
    change = None
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        if token.startswith("\x01"):  # a commit: id, author date, author name
            change = Change(datetime.fromisoformat(tokens[i + 1]), tokens[i + 2])
            i += 3
        elif token[:1] in ("R", "C"):
            walk.moved(token[0], int(token[1:] or 0), tokens[i + 1], tokens[i + 2], change)
            i += 3
        elif token:
            walk.touched(token[0], tokens[i + 1], change)
            i += 2
        else:
            i += 1
    return walk


class _Walk:
    """Follows files back through the log, from their current names."""

    def __init__(self):
        self.current: dict[str, str] = {}  # an older name → the file's path now
        self.gone: set[str] = set()  # names that, further back, meant another file
        self.added: dict[str, Change] = {}
        self.changed: dict[str, Change] = {}

    def now(self, name: str) -> str | None:
        """The path now of the file a later commit's log calls ``name`` (None: a file gone)."""
        return None if name in self.gone else self.current.get(name, name)

    def touched(self, status: str, name: str, change: Change) -> None:
        path = self.now(name)
        if status == "D":  # before this commit the name held a file since deleted
            self.gone.add(name)
            return
        if path is None:
            return
        self.changed.setdefault(path, change)
        if status == "A":
            self.added[path] = change
            self.gone.add(name)

    def moved(self, kind: str, score: int, old: str, new: str, change: Change) -> None:
        path = self.now(new)
        if path is None:  # renamed to a name of a file since gone: so, further back, is ``old``
            if kind != "C":
                self.gone.add(old)
            return
        if kind == "C" or score < 100:
            self.changed.setdefault(path, change)
        if kind == "C":  # a copy starts a new file
            self.added[path] = change
        else:
            self.current[old] = path
            self.gone.discard(old)
        self.gone.add(new)

    def result(self) -> dict[str, FileHistory]:
        paths = self.added.keys() | self.changed.keys()
        return {p: FileHistory(self.added.get(p), self.changed.get(p)) for p in sorted(paths)}


def history_url(repository: str, branch: str, repo_path: str) -> str:
    """The forge's page of one file's commits (GitHub, GitLab, Gitea/Forgejo/Codeberg)."""
    base = repository.rstrip("/")
    path = quote(repo_path, safe="/")
    host = base.split("//", 1)[-1].split("/", 1)[0].lower()
    if "gitlab" in host:
        return f"{base}/-/commits/{quote(branch, safe='/')}/{path}"
    if host in ("codeberg.org",) or "gitea" in host or "forgejo" in host:
        return f"{base}/commits/branch/{quote(branch, safe='/')}/{path}"
    return f"{base}/commits/{quote(branch, safe='/')}/{path}"


def file_history(config: Config, history: History, path: str) -> dict | None:
    """What an article page shows: added, changed (when another commit), the forge link."""
    found = history.of(path)
    url = history_url(config.repository, config.repository_branch, history.checkout.prefix + path) \
        if config.repository else None
    if found is None and url is None:
        return None
    changed = found.changed if found and found.changed != found.added else None
    return {"added": found.added if found else None, "changed": changed, "url": url}
