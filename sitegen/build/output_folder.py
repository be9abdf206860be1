"""The output folder: two copies of the site, and a link that says which one readers get.

``build/`` is a symbolic link to one of two complete copies of the site kept
beside it, in ``.build.sitegen/a`` and ``.build.sitegen/b``. A build writes
into the copy readers do not get (the spare): all of it for a full build;
for an incremental one, first what the last build changed (so the spare
holds the live site), then this build's changes. Only when every page,
asset and the search index are in does the link change, by one rename,
which the file system makes atomic: whatever stops a build, and wherever,
``build/`` is the last complete site or the new one. The next build finds
what an interrupted one left, says so, and starts from the live copy.

Files the two copies share are hard links; site_folder.py never writes a
file in place, so a change to one copy never shows in the other. One build
at a time writes an output folder: a second one waits for the lock, which
the operating system releases when a build ends however it ends.
``.build.sitegen/`` also keeps the last build's state (last_build.py).
"""

from __future__ import annotations

import fcntl
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from sitegen.build import fault_points
from sitegen.build.site_folder import empty_folder, remove_files
from sitegen.core.config import Config
from sitegen.core.diagnostics import SitegenError, error

SLOTS = ("a", "b")
KEPT = frozenset({*SLOTS, *(f"{slot}.built" for slot in SLOTS), "state", "search", "lock", "building"})
# The state's large mappings and their journals (state_files.py): the save that stops naming
# one deletes it, so a build interrupted before its state was saved leaves the last state whole.
KEPT_PREFIX = "state."
LEGACY_MARKER = ".sitegen-build"  # what sitegen before two copies left in the output folder


class OutputFolder:
    def __init__(self, out: Path):
        self.out = Path(os.path.abspath(out))  # not resolved: it is a link to a copy
        self.home = self.out.parent / f".{self.out.name}.sitegen"
        self.state_path = self.home / "state"
        self.search_state_path = self.home / "search"

    # --- which copy is which ---------------------------------------------------------

    def live(self) -> str | None:
        """The copy ``out`` links to, or None (no site yet, or not a link of ours)."""
        try:
            target = os.readlink(self.out)
        except OSError:
            return None
        home, _, slot = target.replace(os.sep, "/").rpartition("/")
        return slot if slot in SLOTS and home in (self.home.name, str(self.home)) else None

    def spare(self) -> str:
        return "b" if self.live() == "a" else "a"

    def path(self, slot: str) -> Path:
        return self.home / slot

    def built(self, slot: str | None) -> str | None:
        """The build id of the complete site a copy holds; None while it is being written, or
        once anything but sitegen has written its home page (a backup copied over it, say)."""
        if slot is None:
            return None
        try:
            build_id, *seen = (self.home / f"{slot}.built").read_text(encoding="utf-8").split()
        except (OSError, ValueError):
            return None
        return build_id if seen == _fingerprint(self.path(slot)) else None

    def live_build(self) -> str | None:
        return self.built(self.live())

    # --- before a build ----------------------------------------------------------------

    def check(self, config: Config) -> None:
        """Refuse an output folder sitegen did not make, or one inside what the build reads."""
        out, root = self.out, Path(os.path.abspath(config.root))
        inputs = (config.content_dir, config.templates_dir, config.assets_dir)
        if out == root or root.is_relative_to(out) or any(out.is_relative_to(os.path.abspath(p)) for p in inputs):
            raise SitegenError(error(out, None, "the output folder is inside what the build reads",
                                     "choose an --out outside content/, templates/ and assets/, "
                                     "e.g. build/"))
        if os.path.islink(out):
            if self.live() is None:
                raise SitegenError(error(out, None, "is a link sitegen did not make",
                                         "point --out at a folder of its own, or remove the link"))
            return
        if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / LEGACY_MARKER).exists())):
            raise SitegenError(error(out, None, "the output folder exists and was not made by sitegen",
                                     "choose another --out, or empty or remove this folder yourself"))

    @contextmanager
    def locked(self, waiting: Callable[[str], None]) -> Iterator[None]:
        """Hold the folder's lock for the block; ``waiting`` hears once if another build has it."""
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.home / "lock", "a+", encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                waiting(f"another build is writing {self.out.name}/ ({holder}); waiting for it to finish")
                fcntl.flock(handle, fcntl.LOCK_EX)
            handle.seek(0)
            handle.truncate()
            handle.write(f"process {os.getpid()}\n")
            handle.flush()
            yield

    def tidy(self) -> list[str]:
        """Clear what an interrupted build, or an older sitegen, left beside the output; say what."""
        notices = []
        leftovers = sorted(p for p in self.out.parent.glob(f".{self.out.name}.*")
                           if p != self.home and any(tag in p.name for tag in (".new-", ".old-", ".search-",
                                                                                ".sitegen-state")))
        for path in leftovers:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        if leftovers:
            notices.append(f"removed {len(leftovers)} folder(s) or file(s) an earlier build left beside "
                           f"{self.out.name}/: " + ", ".join(p.name for p in leftovers))
        for stray in self.home.iterdir() if self.home.is_dir() else ():
            if stray.name not in KEPT and not stray.name.startswith(KEPT_PREFIX):  # an interrupted build's
                shutil.rmtree(stray) if stray.is_dir() and not stray.is_symlink() else stray.unlink()
        interrupted = self.home / "building"
        interrupted_now = interrupted.exists()
        if interrupted_now:
            interrupted.unlink()
            notices.append(f"the last build into {self.out.name}/ was interrupted before it finished; "
                           f"{self.out.name}/ kept the site as it was, and this build starts from that")
        if interrupted_now and not os.path.lexists(self.out):
            complete = [slot for slot in SLOTS if self.built(slot)]
            if complete:  # an older sitegen's folder retired, and the link not yet made
                newest = max(complete, key=lambda slot: (self.home / f"{slot}.built").stat().st_mtime_ns)
                self._point_at(newest)
                notices.append(f"{self.out.name}/ was missing; it links to the last complete site again")
        return notices

    # --- writing a copy, and making it the live one ------------------------------------

    def start(self, slot: str) -> Path:
        """The copy ``slot`` is about to change: no longer complete until ``publish``."""
        self.home.mkdir(parents=True, exist_ok=True)
        (self.home / "building").write_text(f"{slot}\n", encoding="utf-8")
        (self.home / f"{slot}.built").unlink(missing_ok=True)
        folder = self.path(slot)
        folder.mkdir(exist_ok=True)
        return folder

    def catch_up(self, slot: str, changed: Iterable[str] | None, removed: Iterable[str] = ()) -> None:
        """Make the spare copy ``slot`` hold the live site: by the files the live copy's build
        changed (``changed``, ``removed``), or, when those are not known, all of them anew."""
        live = self.live()
        spare, source = self.path(slot), self.path(live) if live else None
        if source is None:  # no live copy of ours yet (first build, or an older sitegen's folder)
            source = self.out if self.out.is_dir() and not os.path.islink(self.out) else None
            changed = None
        if changed is None:
            empty_folder(spare)
            if source is not None:
                _link_tree(source, spare)
            return
        for rel_path in changed:
            _link_into(source / rel_path, spare / rel_path)
        remove_files(spare, removed)

    @contextmanager
    def abandoned_on_failure(self) -> Iterator[None]:
        """A build that fails (an error, not a kill) leaves the live copy as it was, and no
        note of an interruption: the spare copy stays marked incomplete."""
        try:
            yield
        except BaseException:
            (self.home / "building").unlink(missing_ok=True)
            raise

    def publish(self, slot: str, build_id: str) -> None:
        """Make the finished copy ``slot`` the one readers get."""
        (self.home / f"{slot}.built").write_text(" ".join([build_id, *_fingerprint(self.path(slot))]) + "\n",
                                                encoding="utf-8")
        fault_points.reached("before-switch")
        retired = None
        if os.path.isdir(self.out) and not os.path.islink(self.out):  # an older sitegen's folder
            retired = self.home / "retired.tmp"
            shutil.rmtree(retired, ignore_errors=True)
            os.replace(self.out, retired)
            fault_points.reached("after-retiring")
        self._point_at(slot)
        (self.home / "building").unlink(missing_ok=True)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)

    def _point_at(self, slot: str) -> None:
        link = self.home / "link.tmp"
        link.unlink(missing_ok=True)
        os.symlink(os.path.join(self.home.name, slot), link)
        os.replace(link, self.out)  # one rename: readers see the old copy or the new one


def _link_tree(source: Path, target: Path) -> None:
    """Every file of ``source`` into ``target`` as a hard link (a copy where links fail)."""
    for folder, dirs, files in os.walk(source):
        relative = os.path.relpath(folder, source)
        into = target if relative == "." else target / relative
        into.mkdir(exist_ok=True)
        for name in files:
            if name == LEGACY_MARKER or name.startswith(".tmp-"):
                continue
            _link(os.path.join(folder, name), into / name)


def _link_into(source: Path, target: Path) -> None:
    """``target`` replaced by a hard link to ``source`` (or a copy), in one rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".tmp-{target.name}")
    temporary.unlink(missing_ok=True)
    _link(source, temporary)
    os.replace(temporary, target)


def _link(source, target) -> None:
    fault_points.may_write()
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _fingerprint(folder: Path) -> list[str]:
    """Inode and mtime of a copy's home page: what a build wrote, until something else writes it."""
    try:
        seen = os.stat(folder / "index.html")
    except OSError:
        return ["-", "-"]
    return [str(seen.st_ino), str(seen.st_mtime_ns)]
