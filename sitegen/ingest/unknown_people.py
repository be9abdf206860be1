"""The curator's list of people the registry does not know yet: `sitegen review --people`.

Ingest keeps a speaker or a person it cannot find in people.yaml under a
slug id and says so in the item's ``review`` ("speaker "Olzhas Bektenov" is
not in people.yaml (kept as "olzhas-bektenov") …"). This module reads every
article's front-matter, gathers the ids of ``speakers`` and ``people`` that
people.yaml lacks, with how often and where they occur, the names the notes
give them and the roles written beside them, and drafts a people.yaml entry
for each, to be checked and pasted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sitegen.archive.frontmatter import FrontMatterError, split_front_matter
from sitegen.ingest.names import is_cyrillic, to_latin
from sitegen.core.registries import load_registries_once
from sitegen.core.yamldoc import YamlSyntaxError, parse_yaml

# The note ingest writes for an unknown speaker: the name as the text wrote it.
_NOTE = re.compile(r'^speaker "(?P<name>[^"]+)" is not in people\.yaml \(kept as "(?P<id>[^"]+)"\): '
                   r'add the (?P<kind>person|organisation)')


@dataclass
class Unknown:
    id: str
    items: list[str] = field(default_factory=list)       # article paths, archive-relative
    spoke: int = 0                                        # items where they are a speaker
    names: list[str] = field(default_factory=list)       # as the notes give them
    roles: list[str] = field(default_factory=list)       # as written beside them
    first_seen: date | None = None
    organisation: bool = False

    @property
    def name(self) -> str:
        """The canonical English name people.yaml wants: a Latin name seen, else one spelled."""
        latin = [name for name in self.names if not is_cyrillic(name)]
        if latin:
            return latin[0]
        if self.names:
            return " ".join(word.capitalize() for word in to_latin(self.names[0]).split())
        return " ".join(part.capitalize() for part in self.id.split("-"))

    @property
    def aliases(self) -> list[str]:
        found = [name for name in self.names if name != self.name]
        if not self.organisation:  # the surname alone, in each script seen
            found += [name.split()[-1] for name in (self.name, *self.names) if " " in name]
        return list(dict.fromkeys(found))


def unknown_people(root: Path) -> list[Unknown]:
    """Every speaker and person id of the archive that people.yaml lacks, most frequent first."""
    registries, _ = load_registries_once(root / "content")
    known = set(registries.people)
    found: dict[str, Unknown] = {}
    articles = root / "content" / "articles"
    for path in sorted(articles.rglob("*.md")) if articles.is_dir() else ():
        front = _front_matter(path)
        if front is None:
            continue
        _gather(front, path.relative_to(root).as_posix(), known, found)
    return sorted(found.values(), key=lambda u: (-len(u.items), u.id))


def _front_matter(path: Path) -> dict | None:
    try:
        split = split_front_matter(path.read_text(encoding="utf-8"))
        data = parse_yaml(split.yaml_text, split.yaml_first_line).data
    except (OSError, UnicodeDecodeError, FrontMatterError, YamlSyntaxError):
        return None  # sitegen check reports broken files; this list is about people
    return data if isinstance(data, dict) else None


def _gather(front: dict, where: str, known: set[str], found: dict[str, Unknown]) -> None:
    day = _day(front.get("date"))
    notes = {m.group("id"): m for m in map(_NOTE.match, _strings(front.get("review"))) if m}
    speakers = [_speaker(entry) for entry in front.get("speakers") or []]
    mentioned = [(person, None) for person in _strings(front.get("people"))]
    for position, (person_id, role) in enumerate(speakers + mentioned):
        if not person_id or person_id in known:
            continue
        unknown = found.setdefault(person_id, Unknown(person_id))
        if where not in unknown.items:
            unknown.items.append(where)
            unknown.spoke += position < len(speakers)
        if role and role not in unknown.roles:
            unknown.roles.append(role)
        note = notes.get(person_id)
        if note:
            if note.group("name") not in unknown.names:
                unknown.names.append(note.group("name"))
            unknown.organisation = note.group("kind") == "organisation"
        if day and (unknown.first_seen is None or day < unknown.first_seen):
            unknown.first_seen = day


def _speaker(entry) -> tuple[str | None, str | None]:
    if isinstance(entry, dict):
        role = entry.get("role")
        return (str(entry["id"]) if entry.get("id") else None), (str(role) if role else None)
    return (str(entry) if entry else None), None


def _strings(value) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def registry_entry(unknown: Unknown) -> str:
    """A people.yaml entry to check and paste: name, aliases seen, roles as written."""
    lines = [f"{unknown.id}:", f"  name: {_scalar(unknown.name)}"]
    if unknown.aliases:
        lines.append("  aliases: [" + ", ".join(_scalar(alias) for alias in unknown.aliases) + "]")
    if unknown.roles and not unknown.organisation:
        lines.append("  roles:  # as written in the items; check the title and the dates")
        for role in unknown.roles:
            lines.append(f"    - title: {_scalar(role)}")
            if unknown.first_seen:
                lines.append(f"      from: {unknown.first_seen.isoformat()}  # first item seen, not the start")
    if unknown.organisation:
        lines.append("  kind: organisation")
    return "\n".join(lines)


def _scalar(text: str) -> str:
    """A YAML scalar in flow or block context: quoted (JSON's syntax) unless plainly safe."""
    if re.fullmatch(r"[^\W\d_][\w .’'-]*[\w.]", text) and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def text_report(unknowns: list[Unknown]) -> str:
    if not unknowns:
        return "every speaker and person mentioned is in people.yaml\n"
    blocks = []
    for unknown in unknowns:
        count = len(unknown.items)
        head = (f"{unknown.id}: {count} item{'' if count == 1 else 's'}, "
                f"speaking in {unknown.spoke}")
        if unknown.roles:
            head += "; role as written: " + "; ".join(f'"{role}"' for role in unknown.roles)
        blocks.append("\n".join([head, *(f"  {item}" for item in unknown.items)]))
    entries = "\n\n".join(registry_entry(unknown) for unknown in unknowns)
    return ("\n".join(blocks) + f"\n\n{len(unknowns)} id(s) not in people.yaml. Entries to check "
            f"and paste into content/people.yaml:\n\n{entries}\n")


def json_report(unknowns: list[Unknown]) -> str:
    return json.dumps({"count": len(unknowns), "people": [
        {"id": u.id, "items": u.items, "speaking": u.spoke, "names": u.names, "roles": u.roles,
         "entry": registry_entry(u)} for u in unknowns]}, ensure_ascii=False, indent=2) + "\n"
