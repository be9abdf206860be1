"""Made-for-purpose libraries against what sitegen/ingest/ does by hand (issue 17).

    pip install pymorphy3 pymorphy3-dicts-ru dateparser rapidfuzz unidecode
    python benchmarks/ingest_libraries.py

None of them is a dependency of sitegen; this script measures them on the
cases ingest must get right, so the decision can be checked again when they
change. A library not installed is skipped. Each section prints how many
cases the library gets right, how many ingest's own code gets right, and
the time each takes.
"""

from __future__ import annotations

import sys
import time
import warnings
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sitegen.ingest.dates import find_dates  # noqa: E402
from sitegen.ingest.names import NameMatcher, is_cyrillic, to_latin  # noqa: E402
from sitegen.ingest.russian_names import nominative  # noqa: E402
from sitegen.core.registries import load_registries_once  # noqa: E402
from sitegen.core.ids import slugify  # noqa: E402

# Unknown people's names as Russian text writes them, with the nominative a
# curator wants, and the sentence that shows it.
NAMES = [("Андрея Суздальцева", "Андрей Суздальцев", "— отметил Суздальцев."),
         ("Анны Петровой", "Анна Петрова", "— сказала Петрова."),
         ("Владимир Владимиров", "Владимир Владимиров", "— сказал Владимиров."),
         ("Болат Иманбаев", "Болат Иманбаев", "— сказал Иманбаев."),
         ("Тигран Саркисян", "Тигран Саркисян", "— сказал Саркисян."),
         ("Константина Затулина", "Константин Затулин", "— заявил Затулин.")]
# Date strings from the fixtures, with the date a curator wants (None: not a date to take).
DATES = [("16:48 . 10/05/2023 Wednesday", date(2023, 5, 10)), ("04/14/2022 09:30", date(2022, 4, 14)),
         ("Baku/15.07.21/Caspian News Service/", date(2021, 7, 15)),
         ("South Caucasus Monitor10:59 - 28 / 01 / 2022", date(2022, 1, 28)),
         ("Среда, 10.05.2023 16:48", date(2023, 5, 10)), ("12.03.2024, 14:20", date(2024, 3, 12)),
         ("ПОЛИТИКА - 07 Августа 2020 - 14:10 | Просмотров - 1061", date(2020, 8, 7)),
         ("Feb 2, 2024 | 18:05 (UTC+04:00)", date(2024, 2, 2)), ("Views: 1 204", None)]


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def pymorphy() -> None:
    try:
        import pymorphy3
    except ImportError:
        print("pymorphy3: not installed, skipped")
        return
    analyzer, load = timed(pymorphy3.MorphAnalyzer)

    def lemma(name: str) -> str:
        return " ".join(analyzer.parse(word)[0].normal_form.capitalize() for word in name.split())
    started = time.perf_counter()
    theirs = sum(lemma(written) == wanted for written, wanted, _ in NAMES)
    spent = time.perf_counter() - started
    ours = sum(nominative(written, f"{written} {context}") == wanted for written, wanted, context in NAMES)
    print(f"pymorphy3: nominatives right {theirs}/{len(NAMES)} (ingest: {ours}/{len(NAMES)}); "
          f"dictionary load {load:.2f} s, {spent / len(NAMES) * 1e3:.2f} ms a name")
    for written, wanted, _ in NAMES:
        if lemma(written) != wanted:
            print(f"  {written} → {lemma(written)} (wanted {wanted})")


def dateparser_() -> None:
    try:
        import dateparser.search
    except ImportError:
        print("dateparser: not installed, skipped")
        return
    warnings.filterwarnings("ignore")
    started = time.perf_counter()
    theirs = 0
    for text, wanted in DATES:
        found = dateparser.search.search_dates(text, languages=["en", "ru"]) or []
        got = found[0][1].date() if found else None
        theirs += got == wanted
    spent = time.perf_counter() - started
    started = time.perf_counter()
    ours = 0
    for text, wanted in DATES:
        found = find_dates(text, short_years=True)
        ours += (found[0].as_date() if found else None) == wanted
    mine = time.perf_counter() - started
    print(f"dateparser: dates right {theirs}/{len(DATES)} in {spent / len(DATES) * 1e3:.1f} ms each "
          f"(ingest: {ours}/{len(DATES)} in {mine / len(DATES) * 1e3:.2f} ms each); it reports no "
          f"ambiguity, so a guessed order cannot be flagged")


def unidecode_() -> None:
    try:
        from unidecode import unidecode
    except ImportError:
        print("unidecode: not installed, skipped")
        return
    registries, _ = load_registries_once(REPO / "content")
    pairs = [(person.id, alias) for person in registries.people.values()
             for alias in person.aliases if is_cyrillic(alias) and alias.count(" ") == 1]
    ours = sum(slugify(to_latin(alias)) == pid for pid, alias in pairs)
    theirs = sum(slugify(unidecode(alias)) == pid for pid, alias in pairs)
    print(f"unidecode: Cyrillic two-word aliases whose slug is the registry's id: {theirs}/{len(pairs)} "
          f"(ingest's to_latin: {ours}/{len(pairs)})")


def rapidfuzz_() -> None:
    try:
        from rapidfuzz import fuzz, process
    except ImportError:
        print("rapidfuzz: not installed, skipped")
        return
    registries, _ = load_registries_once(REPO / "content")
    names = {alias: person.id for person in registries.people.values()
             for alias in (person.name, *person.aliases)}
    matcher = NameMatcher(((pid, alias) for alias, pid in names.items()), capitalised_only=True)
    # People the registry does not know (must match nobody), and spellings of people it does.
    strangers = ["Nodar Gelashvili", "Levon Zakaryan", "Tigran Sarkisyan", "Aram Khachikyan",
                 "Olzhas Bektenov", "Sadyr Japarov", "Anna Grigoryan", "Carlos Alberto Mendes"]
    variants = [("Dmitry Polyansky", "dmitry-polyanskiy"), ("Sergei Lavrov", "sergey-lavrov"),
                ("Ilham Aliev", "ilham-aliyev"), ("Nikol Pashinian", "nikol-pashinyan"),
                ("Recep Tayyip Erdogan", "recep-tayyip-erdogan")]
    for cutoff in (85, 90):
        wrong = sum(1 for s in strangers
                    if process.extractOne(s, list(names), scorer=fuzz.WRatio, score_cutoff=cutoff))
        right = sum(1 for v, pid in variants
                    if (hit := process.extractOne(v, list(names), scorer=fuzz.WRatio, score_cutoff=cutoff))
                    and names[hit[0]] == pid)
        print(f"rapidfuzz (WRatio ≥ {cutoff}): variants found {right}/{len(variants)}, strangers "
              f"taken for registry people {wrong}/{len(strangers)}")
    ours_right = sum(1 for v, pid in variants if [m.target for m in matcher.find(v)][:1] == [pid])
    ours_wrong = sum(1 for s in strangers if any(" " in m.text for m in matcher.find(s)))
    print(f"  ingest's loose keys: variants found {ours_right}/{len(variants)}, strangers taken "
          f"{ours_wrong}/{len(strangers)}")


if __name__ == "__main__":
    pymorphy()
    dateparser_()
    unidecode_()
    rapidfuzz_()
