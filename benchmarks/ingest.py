"""Ingest speed: items per second on N synthetic raw captures (default 1,000).

    python benchmarks/ingest.py              # 1,000 captures, 3 runs
    python benchmarks/ingest.py --n 5000 --runs 1

The captures are generated here, in the shapes of tests/ingest/raw/ (every
outlet shape, English and Russian, chrome, widget dates, datelines, quotes
over several paragraphs), with names, places and dates drawn from the shipped
registries by a seeded random generator, so every run ingests the same text.
Wall time suffers when other processes share the cores; CPU time (user +
system of the ingest process) does not, so both are shown. Each run ingests them all into a fresh copy of the archive's registries with
`python -m sitegen --root DIR ingest` (whole process: start-up, reading the
registries, normalising and writing every article) and prints a table.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sitegen.core.registries import load_registries_once  # noqa: E402

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]
FILLER = ("the talks", "the border commission", "the humanitarian situation", "the peace treaty",
          "regional connectivity", "the monitoring mission", "the transport links")


def _person(rng, people, script="latin"):
    person = rng.choice(people)
    if script == "cyrillic":
        names = [a for a in person.aliases if any("а" <= c.lower() <= "я" for c in a) and " " in a]
        if names:
            return person, names[0]
    return person, person.name


def _sentences(rng, n):
    return " ".join(f"Officials discussed {rng.choice(FILLER)} and {rng.choice(FILLER)} for "
                    f"{rng.randint(2, 40)} hours on day {rng.randint(1, 9)}." for _ in range(n))


def capture_en(rng, people, places, i):
    person, name = _person(rng, people)
    place = rng.choice(places).name.upper()
    month, day, year = rng.randrange(12), rng.randint(1, 28), rng.randint(2015, 2025)
    shape = i % 4
    head = ["December 11", "Show news feed", ""] if shape == 0 else \
        [f"{name.split()[-1]} comments on {rng.choice(FILLER)} (item {i})", "",
         f"{MONTHS[month]} {day}, {year} - {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} AMT", ""]
    lead = (f"{place}, {MONTHS[month]} {day}. /TASS/. " if shape == 2 else "") + \
        f"{_sentences(rng, 2)} {name} said on item {i}."
    quote = [f"\u201c{_sentences(rng, 3)}", "", f"\u201c{_sentences(rng, 2)},\u201d he said.", ""]
    tail = ["He added that " + _sentences(rng, 1), "", "This text available in Հայերեն and Русский",
            "Read more:"]
    return "\n".join(head + [lead, ""] + quote + tail)


RU_FILLER = ("переговоры", "пограничная комиссия", "гуманитарная ситуация", "мирный договор",
             "транспортные коммуникации", "миссия наблюдателей", "делимитация границы")


def _ru_sentences(rng, n):
    return " ".join(f"Стороны обсудили тему «{rng.choice(RU_FILLER)}» и тему «{rng.choice(RU_FILLER)}» "
                    f"в течение {rng.randint(2, 40)} часов в день {rng.randint(1, 9)}." for _ in range(n))


def capture_ru(rng, people, places, i):
    person, name = _person(rng, people, "cyrillic")
    month, day = rng.randrange(12), rng.randint(1, 28)
    body = [f"МОСКВА, {day} {RU_MONTHS[month]}. /ТАСС/. {_ru_sentences(rng, 2)} Об этом "
            f"(материал {i}) заявил {name}.", "",
            f"«{_ru_sentences(rng, 3)}», - подчеркнул он.", "",
            f"Он также отметил, что {_ru_sentences(rng, 1).lower()}", "", "Читайте также"]
    return "\n".join(["Все новости", ""] + body)


def make_inbox(inbox: Path, n: int) -> None:
    registries, _ = load_registries_once(REPO / "content")
    people = [p for p in registries.people.values() if p.kind != "organisation"]
    places = list(registries.places.values())
    rng = random.Random(20261128)
    inbox.mkdir(parents=True)
    for i in range(n):
        make = capture_ru if i % 5 == 4 else capture_en
        (inbox / f"{i:05d}.txt").write_text(make(rng, people, places, i), encoding="utf-8")


def fresh_archive(base: Path, inbox: Path) -> Path:
    root = base / "archive"
    shutil.rmtree(root, ignore_errors=True)
    (root / "content").mkdir(parents=True)
    for name in ("people.yaml", "topics.yaml", "places.yaml", "outlets.yaml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    shutil.copytree(inbox, root / "content" / "inbox")
    return root


def run(root: Path) -> tuple[float, float, int]:
    command = [sys.executable, "-m", "sitegen", "--root", str(root), "ingest", "--json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env={"PYTHONPATH": str(REPO), "PATH": ""})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(done.stderr.decode()[-2000:])
    written = len(list((root / "content" / "articles").rglob("*.md")))
    return wall, cpu, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitegen-ingest-bench-") as tmp:
        base = Path(tmp)
        make_inbox(base / "inbox", args.n)
        times, cpus = [], []
        for _ in range(args.runs):
            wall, cpu, written = run(fresh_archive(base, base / "inbox"))
            times.append(wall)
            cpus.append(cpu)
        median, cpu = statistics.median(times), statistics.median(cpus)
        print("| captures | articles written | runs | wall (median, min–max) | CPU (median) "
              "| items/s by wall | items/s by CPU |")
        print("|---:|---:|---:|---|---:|---:|---:|")
        print(f"| {args.n:,} | {written:,} | {args.runs} | {median:.2f} s ({min(times):.2f}–"
              f"{max(times):.2f}) | {cpu:.2f} s | {args.n / median:,.0f} | {args.n / cpu:,.0f} |")


if __name__ == "__main__":
    main()
