"""The registries as lists, for the web editor (Decap CMS) in admin/.

Decap's relation widget can pick values only from a list of entries in
another collection ("people.*.id"); the registries are mappings of
id → entry, which no Decap widget reads. So ``sitegen cms`` writes
admin/registries.yml, the same ids and names as lists, and admin/config.yml
points its pickers there. ``sitegen check`` warns when the lists fall
behind the registries.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from sitegen.core.config import Config
from sitegen.core.diagnostics import Diagnostic, SitegenError, warning
from sitegen.core.registries import load_registries_once

LISTS_FILE = "admin/registries.yml"
HEADER = ("# Written by `sitegen cms` from content/people.yaml, topics.yaml, places.yaml and\n"
          "# outlets.yaml: the lists the web editor's pickers read. Do not edit it by hand:\n"
          "# change the registries, then run `sitegen cms` again.\n")


def registry_lists(config: Config) -> str:
    """The text of admin/registries.yml for the archive's registries as they are now."""
    registries, problems = load_registries_once(config.content_dir)
    if problems:
        raise SitegenError(list(problems))
    lists = {
        "people": [{"id": p.id, "name": p.name} for p in registries.people.values()],
        "topics": [{"id": t.id, "name": t.name} for t in registries.topics.values()],
        "places": [{"id": t.id, "name": t.name} for t in registries.places.values()],
        "outlets": [{"id": o.id, "name": o.name} for o in registries.outlets.values()],
    }
    return HEADER + yaml.safe_dump(lists, allow_unicode=True, sort_keys=False, width=1000)


def write_registry_lists(config: Config) -> tuple[Path, bool]:
    """Write the file when it differs; (its path, whether it was written)."""
    path = config.root / LISTS_FILE
    text = registry_lists(config)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    return path, True


def stale_registry_lists(config: Config) -> list[Diagnostic]:
    """A warning when admin/registries.yml exists and no longer matches the registries."""
    path = config.root / LISTS_FILE
    if not path.is_file():
        return []
    try:
        current = registry_lists(config)
    except SitegenError:
        return []  # the registries' own errors are reported by the load stage
    if path.read_text(encoding="utf-8", errors="replace") == current:
        return []
    return [warning(path, None, "the web editor's lists differ from the registries",
                    "run sitegen cms and commit admin/registries.yml")]
