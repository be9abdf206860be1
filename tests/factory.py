"""Small builders shared by the unit tests: archives on disk and records in memory.

Not a fixture module: plain functions, imported as ``from tests.factory import …``.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from types import MappingProxyType

from sitegen.core.records import Article, Person, Registries, Role, Source, SpeakerRef, Term
from sitegen.core.fields import parse_date

REPO = Path(__file__).resolve().parents[1]
BASE = REPO / "tests" / "invalid" / "_base"  # the minimal valid archive


def md(front: str, body: str = "Body.\n") -> str:
    """An article file: front-matter lines between fences, then the body."""
    return f"---\n{front.strip()}\n---\n{body}"


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def make_archive(tmp_path: Path, files: dict[str, str | bytes] | None = None,
                 *, site_files: bool = True, name: str = "site") -> Path:
    """Copy the minimal valid archive (plus the repo's templates/assets) and overlay ``files``."""
    root = tmp_path / name
    shutil.copytree(BASE, root)
    if site_files:
        shutil.copytree(REPO / "templates", root / "templates")
        shutil.copytree(REPO / "assets", root / "assets")
    return write_files(root, files or {})


def make_article(id: str = "2023-09-21-x", when: str = "2023-09-21", **fields) -> Article:
    """An Article record without touching disk; ``when`` is parsed like front-matter."""
    parsed = parse_date(when, lambda message, hint: (_ for _ in ()).throw(ValueError(message)))
    values = dict(
        id=id, path=f"content/articles/{id}.md", slug=id[11:] if id[:4].isdigit() else id,
        title=id, date=parsed, date_confidence=None, speakers=(), venue=None, topics=(),
        places=(), people=(), language="en", translations=(), source=Source(), review=(),
        draft=False, extra={}, body_line=5,
    )
    values.update(fields)
    values["speakers"] = tuple(s if isinstance(s, SpeakerRef) else SpeakerRef(s)
                               for s in values["speakers"])
    return Article(**values)


def registries(people=(), topics=(), places=()) -> Registries:
    """Registries holding Person/Term records (or bare ids, made into records)."""
    def people_map(items):
        return MappingProxyType({p.id: p for p in (
            i if isinstance(i, Person) else Person(i, i.title()) for i in items)})

    def terms(items):
        return MappingProxyType({t.id: t for t in (
            i if isinstance(i, Term) else Term(i, i.title()) for i in items)})

    return Registries(people_map(people), terms(topics), terms(places), MappingProxyType({}))


def role(title: str, start: str, end: str | None = None) -> Role:
    return Role(title, date.fromisoformat(start), date.fromisoformat(end) if end else None)
