"""Search and the edit loop at archive scale, side by side with Hugo's full build in the same run.

    python benchmarks/search.py --sizes 10k              # a few minutes
    python benchmarks/search.py --sizes 10k,100k          # ~25 minutes; 100k needs ~6 GB of disk
    python benchmarks/search.py --sizes 200k --no-hugo --no-browser

For each size, on the benchmark kit's synthetic archive (as compare.py makes it):

* a cold full build with the search index, and one without (the index's
  cost is the difference): wall and CPU seconds, the largest process's
  peak RSS and all processes' memory together (PSS, sampled);
* one article's body edited, then built again from a fresh process, three
  times: with the search index (which the edit changes) and without;
* the index on disk: files, bytes, the largest file;
* in Chromium, what a reader's browser downloads for a typical query with a
  facet chosen: the search page's load, then a word typed and a speaker
  chosen, counted request by request (``--no-browser`` skips it);
* Hugo's cold full build of the same articles (``--no-hugo`` skips it);
* whole-site Pagefind, the engine search used before, over the same
  article pages of the build without search, where it fits
  (``--pagefind PYTHON``: a Python with ``pagefind[bin]``; up to
  ``--pagefind-max`` articles).

Prints a Markdown table. Outputs go to ``work/outputs/search-*`` and are
deleted at the end.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402 - the kit, archives and timing are compare.py's

REPO = Path(__file__).resolve().parents[1]
QUERY = "parliament"  # a word of the kit's vocabulary, in many items but not all


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(args.work)
    kit = compare.prepare_kit(Path(args.kit), work)
    compare.byte_compiled(REPO, args.python)  # as pip install leaves it, whatever PYTHONDONTWRITEBYTECODE says
    outputs = work / "outputs"
    rows = []
    try:
        for size in [compare.parse_size(s) for s in args.sizes.split(",")]:
            rows.append(measure(args, kit, work, outputs, size))
    finally:
        for folder in [*outputs.glob("search-*"), *outputs.glob(".search-*")]:  # sites, and their states
            compare.delete_outputs(folder) if folder.is_dir() else folder.unlink()
    print(report(rows))
    return 0


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k", help="archive sizes: 10k, 100k, 200k, or numbers")
    parser.add_argument("--runs", type=int, default=3, help="edits timed per size (default 3)")
    parser.add_argument("--kit", default=str(compare.DEFAULT_KIT))
    parser.add_argument("--work", default=str(compare.DEFAULT_WORK))
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo's full build")
    parser.add_argument("--no-browser", action="store_true", help="skip the measurement in Chromium")
    parser.add_argument("--pagefind", metavar="PYTHON", help="a Python with pagefind[bin], to time Pagefind")
    parser.add_argument("--pagefind-max", type=compare.parse_size, default=20_000,
                        help="largest archive Pagefind is run on (default 20k: at 10k it holds 2.7 GiB)")
    return parser.parse_args(argv)


def sitegen(args, corpus: Path, out: Path, *options: str):
    command = [args.python, "-m", "sitegen", "--root", str(corpus), "build", "--out", str(out), "--quiet", *options]
    return compare.timed_run(command, compare.sitegen_env(REPO), corpus, sample_tree=True)


def measure(args, kit: Path, work: Path, outputs: Path, n: int) -> dict:
    corpus = compare.make_corpus(kit, work, n, "sitegen", fresh=False)
    compare.install_theme(corpus, REPO)
    row: dict = {"size": compare.label(n)}
    with_search, without = outputs / f"search-{n}", outputs / f"search-{n}-off"
    for out in (with_search, without):
        remove(out)
    compare.log(f"{row['size']}: cold full build with the search index")
    row["full"] = sitegen(args, corpus, with_search, "--full")
    compare.log(f"{row['size']}: cold full build without it")
    row["full_off"] = sitegen(args, corpus, without, "--full", "--no-search")
    article = sorted((corpus / "content" / "articles").rglob("*.md"))[n // 2]
    original = article.read_text(encoding="utf-8")
    try:
        # an unmeasured edit first: the first build after a full one fills the site's second copy
        article.write_text(original + "\nAn edit to warm up with.\n", encoding="utf-8")
        sitegen(args, corpus, with_search)
        sitegen(args, corpus, without, "--no-search")
        row["edit"], row["edit_off"] = [], []
        for run in range(args.runs):
            article.write_text(original + f"\nAn edit, number {run}, with the word zebrafinch{run}.\n",
                               encoding="utf-8")
            row["edit"].append(sitegen(args, corpus, with_search))
            row["edit_off"].append(sitegen(args, corpus, without, "--no-search"))
    finally:
        article.write_text(original, encoding="utf-8")
    row["index"] = index_on_disk(with_search / "search" / "index")
    if not args.no_browser:
        row["browser"] = in_browser(with_search)
    if args.pagefind and n <= args.pagefind_max:
        index = outputs / f"search-{n}-pagefind"
        remove(index)
        compare.log(f"{row['size']}: whole-site Pagefind over the article pages")
        command = [args.pagefind, "-m", "pagefind", "--site", str(without), "--output-path", str(index),
                   "--glob", "[0-9][0-9][0-9][0-9]/**/*.html"]
        row["pagefind"] = compare.timed_run(command, dict(os.environ), work, sample_tree=True)
        row["pagefind_index"] = index_on_disk(index)
    if not args.no_hugo:
        compare.setup_anchors(work, args.python)
        hugo_corpus = compare.make_corpus(kit, work, n, "anchor", fresh=False)
        out = outputs / f"search-{n}-hugo"
        remove(out)
        command, env, cwd = compare.command_for(argparse.Namespace(), work, "hugo", hugo_corpus, out, [])
        compare.log(f"{row['size']}: Hugo's cold full build")
        row["hugo"] = compare.timed_run(command, env, cwd)
    return row


def remove(out: Path) -> None:
    for path in (out, out.with_name(f".{out.name}.sitegen")):
        if path.is_symlink():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)


def index_on_disk(folder: Path) -> dict:
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return {"files": len(sizes), "bytes": sum(sizes), "largest": max(sizes, default=0)}


def in_browser(site: Path) -> dict:
    """Requests and bytes of the search page's load, then of a query with a speaker chosen."""
    sys.path.insert(0, str(REPO / "tests"))
    from support.browser import chromium_page

    handler = functools.partial(QuietHandler, directory=str(site.resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    seen: list[tuple[str, int]] = []
    try:
        with chromium_page() as (page, errors):
            page.on("requestfinished", lambda request: seen.append((request.url, _size(request))))
            page.goto(base + "search/")
            page.wait_for_selector("fieldset.facet")
            loaded = len(seen), sum(size for _, size in seen)
            started = time.perf_counter()
            page.locator("#search-q").fill(QUERY)
            page.wait_for_selector(".result")
            page.locator("fieldset.facet input[type=checkbox]").first.check()
            page.wait_for_selector(".result")
            page.wait_for_timeout(500)
            seconds = time.perf_counter() - started
            total = len(seen), sum(size for _, size in seen)
            results = page.locator(".search-status").inner_text()
    finally:
        server.shutdown()
    return {"load": loaded, "query": (total[0] - loaded[0], total[1] - loaded[1]), "all": total,
            "seconds": seconds, "results": results, "errors": errors}


def _size(request) -> int:
    response = request.response()
    try:
        return len(response.body()) if response else 0
    except Exception:  # noqa: BLE001 - a body the browser no longer holds
        return 0


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def report(rows: list[dict]) -> str:
    lines = ["| archive | full build with search: wall s / CPU s | largest process / all (PSS) MiB | "
             "without search: wall s | index: CPU s | one edit, fresh process, with search s | "
             "one edit, no search s | index files / MB / largest KB | browser: page load req / KB | "
             "query + speaker: req / KB | Hugo full build s |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        full, off = row["full"], row["full_off"]
        edit = statistics.median(r[0] for r in row["edit"])
        edit_off = statistics.median(r[0] for r in row["edit_off"])
        index = row["index"]
        browser = row.get("browser")
        load = f"{browser['load'][0]} / {browser['load'][1] / 1024:.0f}" if browser else "—"
        query = f"{browser['query'][0]} / {browser['query'][1] / 1024:.0f}" if browser else "—"
        hugo = f"{row['hugo'][0]:.2f}" if "hugo" in row else "—"
        lines.append(
            f"| {row['size']} | {full[0]:.2f} / {full[1]:.2f} | {full[2] / 1024:.0f} / {full[3] / 1024:.0f} | "
            f"{off[0]:.2f} | {full[1] - off[1]:.2f} | {edit:.2f} (runs {', '.join(f'{r[0]:.2f}' for r in row['edit'])}) | "
            f"{edit_off:.2f} (runs {', '.join(f'{r[0]:.2f}' for r in row['edit_off'])}) | "
            f"{index['files']:,} / {index['bytes'] / 1e6:.1f} / {index['largest'] / 1024:.0f} | "
            f"{load} | {query} | {hugo} |")
    for row in rows:
        if "pagefind" in row:
            run, index = row["pagefind"], row["pagefind_index"]
            lines.append(f"\n{row['size']}: whole-site Pagefind over the same article pages: {run[0]:.2f} s wall, "
                         f"{run[1]:.2f} s CPU, {run[2] / 1024:.0f} MiB largest process, "
                         f"{index['files']:,} files / {index['bytes'] / 1e6:.1f} MB")
        if row.get("browser"):
            b = row["browser"]
            lines.append(f"\n{row['size']}: the query \"{QUERY}\" with the first speaker chosen: {b['results']} "
                         f"in {b['seconds']:.2f} s; browser errors: {b['errors'] or 'none'}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
