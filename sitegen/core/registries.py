"""The registries in content/: people, topics, places and outlets.

Each is a YAML mapping of id → entry. Entries are validated as strictly as
articles: unknown keys, bad ids and malformed roles are errors with lines.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from sitegen.core.diagnostics import Diagnostic, error
from sitegen.core.records import Outlet, Person, Registries, Role, Term
from sitegen.core.fields import Fields
from sitegen.core.sourcefiles import outside_archive
from sitegen.core.ids import SLUG, slugify
from sitegen.core.textfile import read_text
from sitegen.core.yamldoc import YamlDocument, YamlSyntaxError, key_text, parse_yaml

REGISTRY_FILES = ("people.yaml", "topics.yaml", "places.yaml", "outlets.yaml")


def load_registries(content_dir: Path, diagnostics: list[Diagnostic]) -> Registries:
    """Read all four registries; problems go to ``diagnostics``, beside the articles'."""
    return Registries(
        people=_load(content_dir / "people.yaml", _person, diagnostics),
        topics=_load(content_dir / "topics.yaml", _term, diagnostics),
        places=_load(content_dir / "places.yaml", _term, diagnostics),
        outlets=_load(content_dir / "outlets.yaml", _outlet, diagnostics),
    )


def load_registries_once(content_dir: Path) -> tuple[Registries, tuple[Diagnostic, ...]]:
    """The registries and their problems, as a value that can be kept between builds."""
    diagnostics: list[Diagnostic] = []
    registries = load_registries(content_dir, diagnostics)
    return registries, tuple(diagnostics)


def _load(path: Path, build_entry, diagnostics: list[Diagnostic]) -> MappingProxyType:
    """Read one registry; a missing file is an empty registry."""
    if not path.exists():
        return MappingProxyType({})
    if path.is_symlink() and (problem := outside_archive(path, path.parent.parent)):
        diagnostics.append(problem)
        return MappingProxyType({})
    text, problem = read_text(path)
    if problem:
        diagnostics.append(problem)
        return MappingProxyType({})
    try:
        doc = parse_yaml(text)
    except YamlSyntaxError as exc:
        diagnostics.append(error(path, exc.line, exc.message, exc.hint))
        return MappingProxyType({})
    if doc.data is None:
        return MappingProxyType({})
    if not isinstance(doc.data, dict):
        diagnostics.append(error(path, 1, "a registry must be a mapping of id → entry",
                                 'start each entry with its id, like "yerevan:"'))
        return MappingProxyType({})
    entries = {}
    for key in doc.data:
        fields = Fields(doc, path, (key,), diagnostics)
        if not isinstance(key, str):
            diagnostics.append(error(path, doc.key_line(key), f'"{key_text(key)}" is not a valid id',
                                     "ids are lowercase ASCII slugs of the English name, "
                                     'like "jane-smyth"'))
            continue
        if not SLUG.match(key):
            diagnostics.append(error(path, doc.key_line(key), f'"{key}" is not a valid id',
                                     f'ids are lowercase ASCII slugs, like "{slugify(key) or "a-name"}"'))
            continue
        if not isinstance(doc.data[key], dict):
            fields.fail((), f'entry "{key}" must be a mapping with at least "name:"')
            continue
        entries[key] = build_entry(key, fields, doc)
    return MappingProxyType(entries)


def _person(key: str, fields: Fields, doc: YamlDocument) -> Person:
    fields.reject_unknown(("name", "aliases", "roles", "country", "kind"))
    return Person(
        id=key,
        name=fields.text("name", required=True) or key,
        aliases=fields.text_list("aliases"),
        roles=_roles(fields, doc),
        country=fields.text("country"),
        kind=fields.choice("kind", ("person", "organisation")) or "person",
    )


def _roles(fields: Fields, doc: YamlDocument) -> tuple[Role, ...]:
    value = fields.data.get("roles")
    if value is None:
        return ()
    if not isinstance(value, list):
        fields.fail(("roles",), '"roles" must be a list of {title, from, to}')
        return ()
    roles = []
    for i, item in enumerate(value):
        role = Fields(doc, fields.path, (*fields.prefix, "roles", i), fields.diagnostics)
        if not isinstance(item, dict):
            role.fail((), "a role must be a mapping with title and from")
            continue
        role.reject_unknown(("title", "from", "to"))
        title = role.text("title", required=True)
        start = role.iso_date("from", required=True)
        end = role.iso_date("to")
        if title and start:
            start = _as_day(start)
            end = _as_day(end) if end else None
            if end and end < start:
                role.fail(("to",), f"role ends ({end}) before it starts ({start})")
                continue
            roles.append(Role(title=title, start=start, end=end))
    return tuple(roles)


def _as_day(value):
    return value.date() if hasattr(value, "hour") else value


def _term(key: str, fields: Fields, doc: YamlDocument) -> Term:
    fields.reject_unknown(("name", "aliases", "description", "country", "kind"))
    return Term(
        id=key,
        name=fields.text("name", required=True) or key,
        aliases=fields.text_list("aliases"),
        description=fields.text("description", default="") or "",
        country=fields.text("country"),
        kind=fields.text("kind", default="") or "",
    )


def _outlet(key: str, fields: Fields, doc: YamlDocument) -> Outlet:
    fields.reject_unknown(("name", "url", "language", "ingest"),
                          hint='settings for the ingest normaliser go under "ingest:"')
    ingest = fields.data.get("ingest") or {}
    if not isinstance(ingest, dict):
        fields.fail(("ingest",), '"ingest" must be a mapping')
        ingest = {}
    url = fields.text("url")
    if url is not None and not url.startswith(("https://", "http://")):
        fields.fail(("url",), f'outlet url "{url}" is not an http(s) address',
                    'write the outlet\'s home page, like "https://news.example/"')
        url = None
    return Outlet(
        id=key,
        name=fields.text("name", required=True) or key,
        url=url,
        language=fields.language("language"),
        ingest=MappingProxyType(ingest),
    )

