"""``sitegen demo DIR``: an invented archive of any size, to see a large archive's pages.

Every person, country, outlet and word in it is made up (Velmora, Dastria and
their ministers do not exist); the site's title says so on every page, in the
masthead and the footer. The same ``items`` and ``seed`` give the same files,
byte for byte. It has what a real archive has and a new one lacks: speakers
with many pages of items, items in Russian with the archive's English for
their quotes, uncertain dates, several items on one day, months without
items. The browser tests use it too (tests/test_reader_pages.py).
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from sitegen.core.diagnostics import SitegenError, error

TITLE = "Fictional Example Archive (invented people and quotes)"

PEOPLE = (
    # id, name, Cyrillic alias or "", role, role start, role end or ""
    ("maren-tolvik", "Maren Tolvik", "Марен Толвик", "Foreign Minister of Velmora", "2018-03-01", ""),
    ("ilya-brask", "Ilya Brask", "Илья Браск", "Spokesperson of the Dastrian Government", "2017-06-01", ""),
    ("oskar-venn", "Oskar Venn", "", "President of Velmora", "2016-01-10", ""),
    ("sabine-orlaith", "Sabine Orlaith", "", "Harbour Commissioner of Port Essel", "2019-02-01", ""),
    ("teodor-kaas", "Teodor Kaas", "Теодор Каас", "Prime Minister of Dastria", "2020-05-01", ""),
    ("liv-amsel", "Liv Amsel", "", "Mayor of Brenhollow", "2018-09-15", ""),
    ("rurik-dell", "Rurik Dell", "Рюрик Делл", "Energy Minister of Dastria", "2019-01-01", "2022-12-31"),
    ("hanne-sorrel", "Hanne Sorrel", "", "Chair of the Lissen River Commission", "2017-01-01", ""),
    ("piet-marlow", "Piet Marlow", "", "Leader of the Velmoran opposition", "2018-01-01", ""),
    ("agnes-tull", "Agnes Tull", "", "Fisheries Minister of the Sallow Isles", "2019-07-01", ""),
    ("kasimir-lode", "Kasimir Lode", "Казимир Лоде", "Ambassador of Dastria to Velmora", "2018-04-01", ""),
    ("edda-frost", "Edda Frost", "", "Governor of the Central Bank of Velmora", "2017-11-01", ""),
)
ORGANISATIONS = (("velmoran-foreign-ministry", "Velmoran Foreign Ministry"),
                 ("dastrian-rail-authority", "Dastrian Rail Authority"))
TOPICS = (
    ("harbour-tolls", "Harbour tolls", "What ships pay to enter Port Essel, and who sets it."),
    ("river-treaty", "Lissen River treaty", "Sharing the water of the Lissen between Velmora and Dastria."),
    ("grain-exports", "Grain exports", ""), ("border-crossings", "Border crossings", ""),
    ("energy-prices", "Energy prices", ""), ("election-reform", "Election reform", ""),
    ("fisheries", "Fisheries", ""), ("rail-link", "The Essel–Kaldra rail link", ""),
    ("drought-relief", "Drought relief", ""), ("press-freedom", "Press freedom", ""),
    ("customs-union", "Customs union", ""), ("ceasefire-talks", "Ceasefire talks", ""),
)
PLACES = (("velmora", "Velmora", "country"), ("dastria", "Dastria", "country"),
          ("port-essel", "Port Essel", "city"), ("brenhollow", "Brenhollow", "city"),
          ("kaldra", "Kaldra", "city"), ("sallow-isles", "the Sallow Isles", "region"),
          ("lissen-river", "the Lissen", "river"), ("varrow-pass", "Varrow Pass", "place"))
OUTLETS = (("essel-courier", "The Essel Courier", "https://courier.example/", "en"),
           ("velmora-wire", "Velmora Wire", "https://wire.example/", "en"),
           ("dastria-vestnik", "Dastria Vestnik", "https://vestnik.example/", "ru"))
MEDIA = ("interview", "press-conference", "briefing", "statement", "speech", "social-media-post", "article")

# Sentences a speaker says; all invented for this archive.
SAYINGS = (
    "The harbour will stay open to every ship that pays its way.",
    "We have asked our neighbours to sit down with us before the spring floods.",
    "No one in Brenhollow should have to choose between bread and heating this winter.",
    "The treaty is not perfect, but it is the best the river has had in forty years.",
    "Our grain leaves on time or it does not leave at all, and that is a matter for the railway.",
    "I will not comment on a letter I have not read.",
    "The tolls were set by a committee that has not met since the old government.",
    "Fishing crews have told us what they need, and we will give them a straight answer by June.",
    "Every vote will be counted twice, once by hand and once by machine.",
    "The border post at Varrow Pass will open at six in the morning from Monday.",
    "We see no reason to raise prices while the reservoirs are full.",
    "Reporters will be able to work at the ministry without an escort.",
    "The rail link is two years late, and I take responsibility for one of them.",
    "A customs union is a marriage of accountants, not of flags.",
    "Talks resume on Thursday in Kaldra, and both delegations have confirmed.",
    "The drought has cost the Sallow Isles a third of this year's harvest.",
    "We expect the commission to publish the water figures every month from now on.",
    "I met the ambassador this morning and we spoke for an hour about the harbour.",
    "There is no plan to close the crossing, whatever you may have read.",
    "The central bank will not print money to pay for a bridge.",
)
# Russian sayings with the English an archive curator gave them.
RUSSIAN = (
    ("Мы не позволим закрыть гавань для наших судов.", "We will not allow the harbour to be closed to our ships."),
    ("Переговоры продолжатся на следующей неделе в Калдре.", "The talks will continue next week in Kaldra."),
    ("Цены на энергию этой зимой не вырастут.", "Energy prices will not rise this winter."),
    ("Договор о реке нужно пересмотреть вместе с соседями.",
     "The river treaty has to be revised together with our neighbours."),
    ("Железная дорога будет достроена к осени.", "The railway will be finished by the autumn."),
    ("Рыбаки получат помощь до конца месяца.", "The fishermen will receive help before the end of the month."),
)
VERBS = ("said", "told reporters", "said in a statement", "wrote", "told the assembly")
RUSSIAN_VERBS = ("заявил", "сообщил журналистам", "подчеркнул")


def make_demo(target: Path, theme: Path, items: int = 2000) -> Path:
    """The archive ``sitegen demo`` writes: ``write_archive`` into a new or empty folder, and a
    copy of the theme (``templates/`` and ``assets/`` of the archive at ``theme``) to build it with."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SitegenError(error(target, None, "is not an empty folder",
                                 "name a new folder: sitegen demo never writes over anything"))
    missing = [theme / f for f in ("templates", "assets") if not (theme / f).is_dir()]
    if missing:
        raise SitegenError(error(missing[0], None, "no theme to copy into the demo",
                                 "run sitegen demo in sitegen's own folder, or give --root an archive "
                                 "with templates/ and assets/"))
    write_archive(target, items)
    for folder in ("templates", "assets"):
        shutil.copytree(theme / folder, target / folder)
    return target


def write_archive(root: Path, items: int = 2000, seed: int = 7, page_items: int = 50,
                  first: date = date(2019, 1, 1), days: int = 1800) -> Path:
    """Write site.yaml, the registries and ``items`` articles under ``root`` (made if need be)."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(
        f'title: "{TITLE}"\n'
        'description: "A made-up archive. Every person, place and quote in it is invented."\n'
        "base_url: https://fictional.example/\nlanguage: en\nauthor: nobody (generated)\n"
        f"home_items: 10\npage_items: {page_items}\n", encoding="utf-8")
    content = root / "content"
    (content / "articles").mkdir(parents=True, exist_ok=True)
    (content / "people.yaml").write_text(_people(), encoding="utf-8")
    (content / "topics.yaml").write_text("".join(
        f"{i}:\n  name: {n}\n" + (f"  description: {d}\n" if d else "") for i, n, d in TOPICS), encoding="utf-8")
    (content / "places.yaml").write_text("".join(
        f"{i}:\n  name: {n}\n  kind: {k}\n" for i, n, k in PLACES), encoding="utf-8")
    (content / "outlets.yaml").write_text("".join(
        f"{i}:\n  name: {n}\n  url: {u}\n  language: {lang}\n" for i, n, u, lang in OUTLETS), encoding="utf-8")
    speakers = [p[0] for p in PEOPLE] + [o[0] for o in ORGANISATIONS]
    weights = [1 / (rank + 1) for rank in range(len(speakers))]  # a few speak most
    for n, day in enumerate(_days(rng, items, first, days)):
        speaker = rng.choices(speakers, weights)[0]
        text = _article(rng, n, day, speaker)
        folder = content / "articles" / f"{day.year:04d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{day.isoformat()}-{_slug(n, speaker)}.md").write_text(text, encoding="utf-8")
    return root


def _days(rng: random.Random, items: int, first: date, days: int) -> list[date]:
    """Days spread over ``days`` from ``first``, oldest first, none in a quiet stretch of
    75 days a third of the way in: so some days hold several items and some months none."""
    quiet = range(days // 3, days // 3 + 75)
    offsets = [rng.randrange(days - len(quiet)) for _ in range(items)]
    return sorted(first + timedelta(days=o + (len(quiet) if o >= quiet.start else 0)) for o in offsets)


def _people() -> str:
    lines = []
    for pid, name, alias, role, start, end in PEOPLE:
        lines += [f"{pid}:", f"  name: {name}"]
        if alias:
            lines.append(f"  aliases: [{alias}]")
        lines += ["  roles:", f"    - title: {role}", f"      from: {start}"]
        if end:
            lines.append(f"      to: {end}")
    for oid, name in ORGANISATIONS:
        lines += [f"{oid}:", f"  name: {name}", "  kind: organisation"]
    return "\n".join(lines) + "\n"


def _slug(n: int, speaker: str) -> str:
    return f"{speaker.split('-')[-1]}-item-{n + 1}"


def _name(person_id: str) -> str:
    for pid, name, *_ in PEOPLE:
        if pid == person_id:
            return name
    return dict(ORGANISATIONS)[person_id]


def _article(rng: random.Random, n: int, day: date, speaker: str) -> str:
    russian = speaker in ("ilya-brask", "teodor-kaas", "rurik-dell", "kasimir-lode") and rng.random() < 0.5
    outlet = "dastria-vestnik" if russian else rng.choice(("essel-courier", "velmora-wire"))
    topics = rng.sample([t[0] for t in TOPICS], rng.randint(1, 3))
    places = rng.sample([p[0] for p in PLACES], rng.randint(0, 2))
    url = f"{dict((o[0], o[2]) for o in OUTLETS)[outlet]}{day.year}/{day.month:02d}/{n + 1}"
    sizes = [rng.randint(1, 2) if russian else rng.randint(2, 5) for _ in range(rng.randint(1, 2))]
    said = rng.sample(RUSSIAN if russian else SAYINGS, sum(sizes))
    quotes = [said[sum(sizes[:i]):sum(sizes[:i + 1])] for i in range(len(sizes))]
    front = [f'title: "{_title(speaker, said[0], russian)}"', f"date: {day.isoformat()}"]
    confidence = rng.choices(("high", "medium", "low"), (90, 6, 4))[0]
    front.append(f"date_confidence: {confidence}")
    if confidence != "high":
        front += ["review:", '  - "date: the capture gives the day and month only"']
    front += ["speakers:", f"  - id: {speaker}"]
    if russian:
        front.append("    role: пресс-секретарь правительства" if speaker == "ilya-brask" else "    role: министр")
    front.append(f"medium: {rng.choice(MEDIA)}")
    mentioned = [p[0] for p in PEOPLE if p[0] != speaker and rng.random() < 0.08]
    front += [f"topics: [{', '.join(topics)}]", f"places: [{', '.join(places)}]",
              f"people: [{', '.join(mentioned)}]", f"language: {'ru' if russian else 'en'}"]
    if russian:
        front += ["quote_translations:", *(f'  - "{" ".join(en for _, en in q)}"' for q in quotes)]
    if rng.random() < 0.3:
        front.append(f"translations:\n  - language: hy\n    url: {url}?lang=hy")
    front += ["source:", f"  outlet: {outlet}", f"  url: {url}"]
    front.append(f"  archived: https://archive.example/{day.strftime('%Y%m%d')}/{url}")
    return "---\n" + "\n".join(front) + "\n---\n" + _body(rng, speaker, quotes, russian)


def _title(speaker: str, first_words, russian: bool) -> str:
    """"Surname: the first thing they said", as curators often title items."""
    surname = _name(speaker).split()[-1]
    words = (first_words[0] if russian else first_words).rstrip(".").split()
    return f"{surname}: {' '.join(words[:12])}"


def _body(rng: random.Random, speaker: str, quotes: list, russian: bool) -> str:
    name = _name(speaker)
    if russian:
        paragraphs = [f"{name} выступил на брифинге в столице."]
        for quote in quotes:
            paragraphs.append("> «" + " ".join(ru for ru, _ in quote) + f"», — {rng.choice(RUSSIAN_VERBS)} он.")
        return "\n\n".join(paragraphs) + "\n"
    paragraphs = [f"{name} spoke about {rng.choice(SAYINGS)[:-1].lower()} on a busy day for the government."]
    for quote in quotes:
        cut = rng.randint(1, len(quote))
        lines = [" ".join(quote[:cut]), " ".join(quote[cut:])] if cut < len(quote) else [" ".join(quote)]
        text = "\n>\n> ".join(lines)
        paragraphs.append(f'> "{text}" {name.split()[-1]} {rng.choice(VERBS)}.')
        paragraphs.append(rng.choice(SAYINGS).replace("We ", "Officials ").replace("I ", "The minister "))
    return "\n\n".join(paragraphs) + "\n"
