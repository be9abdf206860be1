"""The web editor's config (admin/) against the front-matter contract; the ready-made automation."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from sitegen.archive.contract import BY_NAME, EDITION_KEYS, KEYS, MEDIA, NAMES, SOURCE_KEYS, SPEAKER_KEYS
from sitegen.cli.main import main
from sitegen.check.cms_lists import LISTS_FILE, registry_lists
from sitegen.core.config import load_config
from tests.factory import REPO, make_archive

CONFIG = REPO / "admin" / "config.yml"
REGISTRY_OF = {"people": "people", "topics": "topics", "places": "places", "outlets": "outlets"}


def cms_config() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def collection(name: str) -> dict:
    return next(c for c in cms_config()["collections"] if c["name"] == name)


def fields_of(entry: dict) -> dict[str, dict]:
    return {f["name"]: f for f in entry["fields"]}


def test_article_fields_are_exactly_the_contract():
    fields = fields_of(collection("articles"))
    assert list(fields) == [*NAMES, "body"]  # the contract's keys, in its order
    assert tuple(fields_of(fields["speakers"])) == SPEAKER_KEYS
    assert tuple(fields_of(fields["source"])) == SOURCE_KEYS
    assert tuple(fields_of(fields["translations"])) == EDITION_KEYS
    for key in KEYS:
        # the editor cannot leave out a required key; it may leave out any other
        # (language has a default, so it need not be asked for)
        assert fields[key.name].get("required", True) is (key.required or key.name == "language"), key.name
        if key.choices:  # plain values, or {label, value} pairs
            assert [o["value"] if isinstance(o, dict) else o for o in fields[key.name]["options"]] \
                == list(key.choices)
    assert [o["label"] for o in fields["medium"]["options"]] == [
        label[0].upper() + label[1:] for label in MEDIA.values()]  # what pages show, capitalised
    assert fields["title"]["widget"] == "string" and BY_NAME["title"].kind == "text"
    assert fields["date"]["format"] == "YYYY-MM-DD"


def test_ids_are_picked_from_the_registries():
    fields = fields_of(collection("articles"))
    pickers = {
        "speakers.id": fields_of(fields["speakers"])["id"], "people": fields["people"],
        "topics": fields["topics"], "places": fields["places"],
        "source.outlet": fields_of(fields["source"])["outlet"],
    }
    registries = collection("registries")
    lists = registries["files"][0]
    assert registries.get("hide") is True and lists["file"] == LISTS_FILE
    for name, picker in pickers.items():
        registry = {"speakers.id": "people", "source.outlet": "outlets"}.get(name, name)
        assert picker["widget"] == "relation", name
        assert (picker["collection"], picker["file"]) == ("registries", lists["name"]), name
        assert picker["value_field"] == f"{registry}.*.id", name
        assert registry in fields_of(lists)
    assert fields["topics"]["multiple"] and fields["people"]["multiple"] and fields["places"]["multiple"]


def test_new_files_land_where_sitegen_wants_them():
    articles = collection("articles")
    assert articles["folder"] == "content/articles" and articles["extension"] == "md"
    assert articles["path"] == "{{fields.date | date('YYYY')}}/{{slug}}"
    assert articles["slug"] == "{{fields.date | date('YYYY-MM-DD')}}-{{slug | lower}}"
    assert cms_config()["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}


def test_the_committed_lists_match_the_registries():
    assert (REPO / LISTS_FILE).read_text(encoding="utf-8") == registry_lists(load_config(REPO))


def test_the_admin_page_loads_the_cms_and_its_config_sits_beside_it():
    page = (REPO / "admin" / "index.html").read_text(encoding="utf-8")
    script = re.search(r'<script src="https://unpkg\.com/decap-cms@(\d+\.\d+\.\d+)/dist/decap-cms\.js"\s+'
                       r'integrity="sha384-[A-Za-z0-9+/]{64}"\s+crossorigin="anonymous"></script>', page)
    assert script, "the CMS must be one exact release held to its subresource-integrity hash"
    assert CONFIG.parent == (REPO / "admin" / "index.html").parent


# As Decap writes an item: keys in form order, blanks for optional fields left
# empty, the date as a quoted string, the body after the front-matter.
CMS_OUTPUT = """---
title: "Smyth: the budget will balance"
date: "2023-10-05"
date_confidence: ""
speakers:
  - id: jane-smyth
    role: ""
venue: ""
medium: press-conference
topics:
  - budget
places: []
people: []
language: en
translations:
  - language: ru
    url: ""
quote_translations: []
source:
  outlet: daily-example
  url: ""
  archived: ""
  file: ""
  sha256: ""
review: []
draft: false
---
Smyth told parliament the budget would balance.

> We will not borrow for this.
"""


def test_a_file_as_the_cms_saves_it_passes_check(tmp_path, monkeypatch, capsys):
    path = "content/articles/2023/2023-10-05-smyth-the-budget-will-balance.md"
    root = make_archive(tmp_path, {path: CMS_OUTPUT})
    main(["--root", str(root), "cms"])
    monkeypatch.chdir(root)
    capsys.readouterr()
    assert main(["--root", str(root), "check", "--strict"]) == 0
    assert capsys.readouterr().out.startswith("sitegen check: 0 errors, 0 warnings in 2 article files")


def test_stale_lists_are_a_warning(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path)
    main(["--root", str(root), "cms"])
    with open(root / "content/topics.yaml", "a", encoding="utf-8") as registry:
        registry.write("tax:\n  name: Tax\n")
    monkeypatch.chdir(root)
    capsys.readouterr()
    assert main(["--root", str(root), "check"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "admin/registries.yml: warning: the web editor's lists differ from the registries "
        "(run sitegen cms and commit admin/registries.yml)")
    main(["--root", str(root), "cms"])
    assert "- id: tax\n  name: Tax\n" in (root / LISTS_FILE).read_text()


# --- the workflows and the pre-commit hook --------------------------------------------------


def workflow(name: str) -> dict:
    return yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def steps(document: dict, job: str) -> list[dict]:
    return document["jobs"][job]["steps"]


def test_check_workflow_runs_sitegen_check_on_pull_requests(tmp_path, monkeypatch, capsys):
    document = workflow("check.yml")
    assert "pull_request" in document[True]  # YAML 1.1 reads the key "on" as true
    runs = [s.get("run", "") for s in steps(document, "check")]
    assert 'python -m pip install "$SITEGEN"' in runs and document["env"]["SITEGEN"] == "."
    command = next(r for r in runs if r.startswith("sitegen "))
    assert command == "sitegen check --format github"
    monkeypatch.chdir(REPO)  # the command passes on this repository's own archive
    assert main(shlex.split(command)[1:]) == 0
    assert "::error" not in capsys.readouterr().out


def test_pages_workflow_builds_with_history_and_deploys_from_main():
    document = workflow("pages.yml")
    assert document[True]["push"]["branches"] == ["main"]
    build = steps(document, "build")
    uses = [s.get("uses", "") for s in build]
    assert build[0]["uses"].startswith("actions/checkout@") and build[0]["with"]["fetch-depth"] == 0
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(s.get("run", "").startswith("sitegen build ") for s in build)
    assert steps(document, "deploy")[0]["uses"].startswith("actions/deploy-pages@")
    # nothing by default; each job only what it needs (zizmor's rule, run in .ci/run)
    assert document["permissions"] == {}
    assert document["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert document["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_pre_commit_hook_runs_check_on_content_files():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "sitegen-check")
    assert hook["entry"] == "sitegen check" and hook["language"] == "python" and hook["require_serial"]
    files = re.compile(hook["files"])
    assert files.search("content/articles/2023/2023-01-01-x.md") and files.search("site.yaml")
    assert not files.search("README.md")
    assert Path(REPO / "pyproject.toml").read_text().count('sitegen = "sitegen.cli.main:run"') == 1


# The form asks for what the reader accepts: each pattern in admin/config.yml against the
# contract's (archive/contract.py), both ways, on strings made from either pattern.
FORM_PATTERNS = {
    "language": lambda fields: fields["language"]["pattern"][0],
    "translations": lambda fields: fields_of(fields["translations"])["language"]["pattern"][0],
    "translations.url": lambda fields: fields_of(fields["translations"])["url"]["pattern"][0],
    "source.archived": lambda fields: fields_of(fields["source"])["archived"]["pattern"][0],
    "translation_of": lambda fields: fields["translation_of"]["pattern"][0],
    "source.url": lambda fields: fields_of(fields["source"])["url"]["pattern"][0],
    "source.sha256": lambda fields: fields_of(fields["source"])["sha256"]["pattern"][0],
}


@pytest.mark.parametrize("key", sorted(FORM_PATTERNS))
def test_the_forms_patterns_are_the_contracts(key):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from sitegen.archive.contract import PATTERNS

    form = FORM_PATTERNS[key](fields_of(collection("articles")))
    optional = re.fullmatch(r"\^\((.*)\)\?\$", form)  # '^(…)?$': the form may leave it empty
    form_rule = re.compile(f"^{optional.group(1)}$" if optional else form)
    contract = re.compile(PATTERNS[key])

    @settings(max_examples=60, deadline=None)
    @given(st.one_of(st.from_regex(form_rule, fullmatch=True), st.from_regex(contract, fullmatch=True)))
    def agree(value):
        assert bool(form_rule.fullmatch(value)) == bool(contract.fullmatch(value)), value

    agree()
    assert contract.fullmatch("x") is None and form_rule.fullmatch("x") is None


def test_what_the_form_accepts_the_check_accepts(tmp_path):
    """One article as the form would save it, every patterned field filled, through check."""
    from sitegen.check.checks import check

    root = make_archive(tmp_path, {
        "content/articles/2023/2023-09-22-x.md": "---\ntitle: X\ndate: 2023-09-22\nmedium: speech\nlanguage: hy\n"
        "translations:\n  - language: ru\n    url: https://example.org/ru/a\n  - language: en-GB\n    url: ''\n"
        "translation_of: 2023-09-21-smyth-on-budget\nquote_translations: ['The quote.']\nsource:\n"
        "  url: https://example.org/a?b=1\n  archived: https://web.example/2023/https://example.org/a\n"
        "  sha256: " + "ab" * 32 + "\n---\n> Քաղվածք.\n",
    })
    errors = [d.format() for d in check(load_config(root)).diagnostics if d.severity.value == "error"]
    assert errors == []
