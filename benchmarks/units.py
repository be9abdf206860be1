"""What each unit of a build's work costs, measured in one process: the best of a few rounds.

    python benchmarks/units.py                  # the kit's 10k archive, 5 rounds: ~2 min
    python benchmarks/units.py --size 1k --rounds 3

Whole builds on this machine vary by up to a third from one process to the
next; a loop over the same work in one process varies far less, so this is
where a change to one stage shows. It times, on a kit archive (made as for
compare.py, with this checkout's site.yaml, templates/ and assets/ copied in):

- reading front-matter: ``split_front_matter`` + ``parse_yaml`` per file, and the
  whole ``read_article`` (file read, checks, record) per file;
- Markdown: ``Markup.render`` per body;
- related items of every article (``Related.of``);
- Jinja and the page's context per page, for each kind of page, with every body
  rendered beforehand (so no Markdown inside), nothing written.

Nothing is written to the output folder; the figures leave out start-up,
processes and the disk.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402  - the kit and its archives are compare.py's

sys.path.insert(0, str(compare.REPO))
from sitegen.archive.article import read_article  # noqa: E402
from sitegen.build.engine import Builder  # noqa: E402
from sitegen.core.config import load_config  # noqa: E402
from sitegen.render.contexts import Contexts  # noqa: E402
from sitegen.archive.frontmatter import split_front_matter  # noqa: E402
from sitegen.archive.history import find_checkout  # noqa: E402
from sitegen.render.links import Links  # noqa: E402
from sitegen.markdown.markup import Markup  # noqa: E402
from sitegen.archive.related import Related  # noqa: E402
from sitegen.render.templates import bind, make_environment, render_pages  # noqa: E402
from sitegen.build.search_index import Search  # noqa: E402
from sitegen.core.yamldoc import parse_yaml  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(args.work)
    kit = compare.prepare_kit(Path(args.kit), work)
    archive = compare.make_corpus(kit, work, compare.parse_size(args.size), "sitegen", fresh=False)
    compare.install_theme(archive, compare.REPO)
    rows = measure(archive, args.rounds)
    print(f"Units of work on the {args.size} archive, sitegen {compare.revision()}, "
          f"best of {args.rounds} rounds in one process:\n")
    print("| unit | count | best, per unit | median of rounds, per unit |")
    print("|---|---|---|---|")
    for name, count, best, median, unit in rows:
        scale, label = (1e6, "µs") if unit == "us" else (1e3, "ms") if unit == "ms" else (1, "s")
        each = count if unit != "s" else 1
        print(f"| {name} | {count:,} | {best / each * scale:.3f} {label} "
              f"| {median / each * scale:.3f} {label} |")
    return 0


def measure(root: Path, rounds: int) -> list[tuple[str, int, float, float, str]]:
    config = load_config(root)
    gc.disable()  # as a build reads: no collections over the records piling up
    files = sorted((root / "content" / "articles").rglob("*.md"))
    texts = [path.read_text(encoding="utf-8") for path in files]
    relative = [path.relative_to(root).as_posix() for path in files]
    splits = [split_front_matter(text) for text in texts]
    rows = [
        ("front-matter: split + parse_yaml, per file", len(files),
         *best_of(rounds, lambda: [parse_yaml(split_front_matter(t).yaml_text, 2) for t in texts]), "us"),
        ("read_article, per file", len(files),
         *best_of(rounds, lambda: [read_article(str(path), rel, config.language, [])
                                   for path, rel in zip(files, relative)]), "us"),
    ]
    markup = Markup(config.base_path)
    bodies = [split.body for split in splits]
    rows.append(("Markdown, per body", len(bodies),
                 *best_of(rounds, lambda: [markup.render(b) for b in bodies]), "ms"))

    builder = Builder(config, Path(tempfile.gettempdir()) / "sitegen-units-out", jobs=1)
    plan = builder._plan(None, {}, find_checkout(config.root), Search.for_build(False, config.search, 0))
    index = plan.index
    ids = [a.id for a in index.articles]

    def related_of_all() -> list:
        related = Related(index)  # a new one each round: nothing worked out before
        return [related.of(i) for i in ids]

    rows.append(("related items of every article", len(ids), *best_of(rounds, related_of_all), "s"))
    gc.enable()
    gc.set_threshold(50_000, 20, 100)  # as a build renders (build._fewer_collections)
    links = Links.for_site(config, plan.assets)
    contexts = Contexts(config, plan.archive.registries, index, plan.bodies, links, plan.history)
    for article_id in ids:
        plan.bodies[article_id]
        index.related.of(article_id)
    env = make_environment(config.templates_dir)
    bind(env, contexts)
    by_kind: dict[str, list] = defaultdict(list)
    for page in plan.pages:
        by_kind[page.kind].append(page)
    for kind, pages in sorted(by_kind.items(), key=lambda item: -len(item[1])):
        if len(pages) < 5:
            continue  # one-off pages (home, timeline…): too few to time this way
        rows.append((f"{kind} page, Jinja + context", len(pages),
                     *best_of(rounds, lambda: [len(d) for _, d in render_pages(env, contexts, pages)]), "ms"))
    return rows


def best_of(rounds: int, work: Callable[[], object]) -> tuple[float, float]:
    """(best, median) seconds of ``rounds`` runs of ``work``, after one unmeasured."""
    work()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="10k", help="archive size: 1k, 10k or a number (default 10k)")
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds of each unit (default 5)")
    parser.add_argument("--kit", default=str(compare.DEFAULT_KIT), help="the shared benchmark kit")
    parser.add_argument("--work", default=str(compare.DEFAULT_WORK),
                        help="folder for the kit's copy and the archives (shared with compare.py)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return args


if __name__ == "__main__":
    sys.exit(main())
