"""The one place that knows livereload's insides: its watcher, server and reload call.

livereload runs a watcher's tasks from a tornado callback and reloads the
browser itself; sitegen wants one build per poll whatever changed, and a
reload when that build is done (``SiteWatcher``). Its application answers
any site's page and any host name on the live-reload endpoints, and injects
an inline script: ``PreviewServer.application`` builds one that does not. livereload's Server reads
its watcher's ``_changes`` and ``_tasks`` itself, so the watcher keeps them.
With the fast-paths switch off (core/fast_paths.py) the server takes
livereload's own watcher: slower to react to several changes at once, and
it may build twice, but every change still reaches the browser.
tests/test_adapters.py drives both watchers through a change.
"""

from __future__ import annotations

import logging
import os

from livereload import Server
from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from tornado import web

from sitegen.core import fast_paths
from sitegen.serve.handler import PreviewHandler, from_elsewhere


class SiteWatcher(Watcher):
    """livereload's polling watcher, changed to run each task once per poll and never reload.

    Its own examine() runs a task per watched path (two builds when content/
    and templates/ change together), stops scanning a folder at its first
    change (another build next poll) and leaves reloading to the server, which
    drops any reload within 3 s of the last one -- a fix saved right after an
    error would never reach the browser. Here the task itself reloads, when
    its build is done.
    """

    def examine(self) -> tuple[None, None]:
        self._changes.clear()  # livereload's "server restarted" note: the first build covers it
        self.filepath = None
        due = []
        for path, task in self._tasks.items():
            self._task_mtimes = task["mtimes"]
            if self.is_changed(path, task["ignore"]) and task["func"] not in due:
                due.append(task["func"])
        for func in due:
            func()
        return None, None  # nothing for livereload's poll_tasks to reload

    def is_folder_changed(self, path: str, ignore=None) -> bool:
        changed, seen = False, set()
        for folder, dirs, files in os.walk(path, followlinks=True):
            real = os.path.realpath(folder)
            if real in seen:  # a symlink loop: each real folder is walked once
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = [d for d in dirs if d not in self.ignored_dirs]
            for name in files:
                changed = self.is_file_changed(os.path.join(folder, name), ignore) or changed
        return changed


class PreviewServer(Server):
    """livereload's Server: serves ``site.out_dir`` through PreviewHandler, runs
    ``site.rebuild`` when a watched path changes, and reloads open pages when it says to."""

    def __init__(self, site, watched: list[str], hosts: frozenset[str]):
        super().__init__(watcher=SiteWatcher() if fast_paths.enabled() else Watcher())
        self.site = site
        self.hosts = hosts
        for path in watched:
            self.watch(path, self.rebuild)

    def rebuild(self) -> None:
        # Runs in the IOLoop thread: requests wait for it (server.py says why).
        if self.site.rebuild():
            LiveReloadHandler.reload_waiters("*")  # "*" names no file: a full page reload

    def application(self, port: int, host: str, liveport=None, debug=None, live_css: bool = True) -> None:
        """livereload's application, with the live-reload endpoints refusing other sites'
        pages (Origin) and other host names (Host), and a snippet that loads livereload.js as
        a file of the site: the pages' Content-Security-Policy lets no inline script run."""
        LiveReloadHandler.watcher = self.watcher
        LiveReloadHandler.live_css = live_css
        hosts = self.hosts
        snippet = f'<script src="/livereload.js?port={port}"></script>'.encode()

        class Injector(LiveScriptInjector):
            script = snippet

        application = web.Application(
            handlers=[(r"/livereload", _Socket, {"hosts": hosts}),
                      (r"/forcereload", _ForceReload, {"hosts": hosts}),
                      (r"/livereload.js", LiveReloadJSHandler),
                      *self.get_web_handlers(snippet)],
            debug=bool(debug), transforms=[Injector])
        application.listen(port, address=host)

    def get_web_handlers(self, script: bytes) -> list:
        return [(r"/(.*)", PreviewHandler, {"path": str(self.site.out_dir),
                                            "default_filename": "index.html",
                                            "status": self.site, "hosts": self.hosts})]

    def _setup_logging(self) -> None:
        # livereload logs each poll task and browser at INFO and tornado each
        # request; keep warnings and errors (a handler that crashed) only.
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("sitegen serve: %(message)s"))
        for name in ("livereload", "tornado"):
            logging.getLogger(name).addHandler(handler)
            logging.getLogger(name).setLevel(logging.WARNING)
        logging.getLogger("tornado.access").setLevel(logging.CRITICAL)


class _Socket(LiveReloadHandler):
    """livereload's websocket, for this preview's own pages only."""

    def initialize(self, hosts: frozenset[str]) -> None:
        self.hosts = hosts

    def check_origin(self, origin: str) -> bool:
        return not from_elsewhere(self.hosts, self.request.host, (origin,))

    def prepare(self):
        if from_elsewhere(self.hosts, self.request.host):
            raise web.HTTPError(421)


class _ForceReload(ForceReloadHandler):
    """Reloads every open page: asked for by this preview's own pages only, never by another site's."""

    def initialize(self, hosts: frozenset[str]) -> None:
        self.hosts = hosts

    def prepare(self) -> None:
        headers = self.request.headers
        if from_elsewhere(self.hosts, self.request.host, (headers.get("Origin"), headers.get("Referer")),
                          headers.get("Sec-Fetch-Site")):
            raise web.HTTPError(403)
