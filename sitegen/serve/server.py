"""`sitegen serve`: build, serve over HTTP, rebuild and live-reload on change.

The preview is built into its own folder, ``.sitegen-cache/preview-<port>/``,
not into build/: a preview links to http://127.0.0.1:<port>/ and may hold
drafts, so it must never be what gets deployed; and the incremental build
state is kept per output folder, so serving and building the real site do
not keep invalidating each other (every page depends on base_url).

How a change reaches the browser: livereload's watcher polls content/,
templates/, assets/ and site.yaml from a tornado PeriodicCallback, and runs
the rebuild right there, in the IOLoop thread. So while a build runs, no
request is answered: each one waits, then sees the finished site or the
error page, never a half-written folder. When the build is done, the open
tabs are told to reload.
"""

from __future__ import annotations

import sys
import threading
import traceback
import webbrowser
from pathlib import Path

import jinja2
from tornado.ioloop import IOLoop

from sitegen.build.engine import Builder, BuildReport
from sitegen.core.config import CONFIG_FILE, Config, load_config
from sitegen.core.diagnostics import Diagnostic, Severity, SitegenError, error
from sitegen.serve.handler import ErrorPage, allowed_hosts
from sitegen.serve.livereload_adapter import PreviewServer

CACHE_DIR = ".sitegen-cache"
ERROR_TEMPLATE = "build-error.html"
WATCHED = ("content", "templates", "assets", CONFIG_FILE)


def serve(root: Path, *, host: str = "127.0.0.1", port: int = 8000,
          open_browser: bool = False, drafts: bool = False, search: bool = False) -> int:
    """Serve the archive at ``root`` until Ctrl-C. Returns the exit status.

    ``search``: build the search index too; off by default, as indexing a
    large archive again after every edit takes longer than the edit's build.
    """
    if not 0 < port < 65536:
        raise SitegenError(error("--port", None, f"{port} is not a port number",
                                 "use one from 1 to 65535, e.g. 8000"))
    if not (root / CONFIG_FILE).is_file():
        load_config(root)  # says what is wrong: not a folder, no site.yaml here
    out_dir = preview_dir(root, port)
    _keep_out_of_git(out_dir.parent)
    site = PreviewSite(root, out_dir, site_url(host, port), drafts, search)
    server = PreviewServer(site, [str(root / name) for name in WATCHED], allowed_hosts(host, port))
    # Scheduled before the loop starts, so it runs once the port is bound and
    # before any request is answered: a port in use fails at once, not after a build.
    IOLoop.current().add_callback(_start, server, site, open_browser)
    try:
        server.serve(port=port, host=host, root=str(site.out_dir))
    except OSError as exc:  # from binding the port; Ctrl-C is handled inside serve()
        raise SitegenError(error(f"{host}:{port}", None, f"cannot listen: {exc.strerror or exc}",
                                 "another program may use this port: pass another --port")) from None
    finally:
        site.close()
    print("sitegen serve: stopped", flush=True)
    return 0


def _start(server: PreviewServer, site: "PreviewSite", open_browser: bool) -> None:
    print(f"sitegen serve: {site.url} (Ctrl-C stops it); building…", flush=True)
    server.rebuild()
    print(f"sitegen serve: watching {', '.join(WATCHED)} in {_shown(site.root)}", flush=True)
    if open_browser:  # in a thread: a text-mode browser would block the server
        threading.Thread(target=webbrowser.open, args=(site.url,), daemon=True).start()


def preview_dir(root: Path, port: int) -> Path:
    """The folder a preview on ``port`` is built into (one per port: two servers never share one)."""
    return root / CACHE_DIR / f"preview-{port}"


def _keep_out_of_git(cache: Path) -> None:
    cache.mkdir(exist_ok=True)
    ignore = cache / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# made by sitegen serve: previews are not content\n*\n", encoding="utf-8")


def site_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


class PreviewSite:
    """The site being previewed: rebuilt on each change; remembers a failed build."""

    def __init__(self, root: Path, out_dir: Path, url: str, drafts: bool, search: bool = False):
        self.root, self.out_dir, self.url, self.drafts = root, out_dir, url, drafts
        self.search = search
        self.failure: ErrorPage | None = None  # the error page while the last build failed
        self._builder: Builder | None = None

    def rebuild(self) -> bool:
        """Build once. True when what the browser shows has changed."""
        before = self.failure
        try:
            config = load_config(self.root).with_base_url(self.url)
            report = self._builder_for(config).build()
        except SitegenError as exc:
            self._fail(exc.diagnostics)
        except OSError as exc:  # the disk, not the content
            self._fail([error(exc.filename or self.out_dir, None,
                              f"cannot write or read: {exc.strerror or exc}")])
        except Exception as exc:  # noqa: BLE001 - a bug; keep serving and show it
            traceback.print_exc()
            self._fail([error("sitegen", None, f"internal error: {type(exc).__name__}: {exc}",
                              "this is a bug in sitegen; the terminal shows the traceback")])
        else:
            self.failure = None
            _print_report(report, recovered=before is not None)
            return before is not None or report.written > 0 or report.removed > 0
        return self.failure != before

    def close(self) -> None:
        if self._builder is not None:
            self._builder.wait()  # it may still be saving its state

    def _builder_for(self, config: Config) -> Builder:
        """One builder, kept warm between rebuilds; a new one when site.yaml changed."""
        if self._builder is None or self._builder.config != config:
            self.close()
            self._builder = Builder(config, self.out_dir, drafts=self.drafts, keep_warm=True,
                                    search=self.search)
        return self._builder

    def _fail(self, diagnostics: list[Diagnostic]) -> None:
        ordered = sorted(diagnostics, key=lambda d: (d.path, d.line or 0))
        for diagnostic in ordered:
            print(diagnostic.format(), file=sys.stderr)
        errors = sum(d.severity is Severity.ERROR for d in ordered)
        print(f"sitegen serve: the build failed ({_count(errors, 'error')}); "
              "pages show the errors until they are fixed", file=sys.stderr, flush=True)
        self.failure = render_error_page(self.root / "templates", ordered)


def render_error_page(templates_dir: Path, diagnostics: list[Diagnostic]) -> ErrorPage:
    """The page shown in place of the site: templates/build-error.html, or plain text without it."""
    problems = [d.format() for d in diagnostics]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir)),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    try:
        html = env.get_template(ERROR_TEMPLATE).render(problems=problems)
    except jinja2.TemplateNotFound:
        pass
    except (jinja2.TemplateError, OSError, UnicodeDecodeError) as exc:
        problems.append(f"{templates_dir.name}/{ERROR_TEMPLATE}: cannot show this page as HTML: {exc}")
    else:
        return ErrorPage(html.encode("utf-8"))
    text = "sitegen: the build failed\n\n" + "\n".join(problems) + "\n"
    return ErrorPage(text.encode("utf-8"), "text/plain; charset=utf-8")


def _print_report(report: BuildReport, *, recovered: bool) -> None:
    for diagnostic in sorted(report.warnings, key=lambda d: (d.path, d.line or 0)):
        print(diagnostic.format(), file=sys.stderr)
    change = _count(report.pages, "page") if report.full else \
        f"{_count(report.written, 'file')} written, {report.removed} removed"
    fixed = "; the errors are fixed" if recovered else ""
    print(f"sitegen serve: built {_count(report.articles, 'article')} ({change}) "
          f"in {report.seconds:.2f} s{fixed}", flush=True)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(path)
