"""`sitegen check` is a superset of what the build rejects.

Whatever text a pull request puts into the front-matter, a body, a registry
or site.yaml: either check reports an error, or the build succeeds and every
feed and sitemap parses as XML, the JSON export as JSON, and no page holds a
character HTML forbids. Check also reports everything in one run: a broken
registry does not hide the problems of the others, nor a clash the broken
links.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.build.engine import build
from sitegen.check.checks import check
from sitegen.core.characters import forbidden_in
from sitegen.core.config import load_config
from sitegen.core.diagnostics import Severity, SitegenError
from tests.factory import make_archive, md

ARTICLE = "content/articles/2023/2023-10-01-x.md"
NASTY = st.lists(st.sampled_from(
    ["a", " ", "<", ">", "&", "'", '"', "]]>", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff",
     "\ufffe", "\uffff", "\U0010ffff", "\ud800", "é", "Ж", "\t", "{{", "}}", "\\", "#", ":", "\n"]),
    min_size=1, max_size=12).map("".join)


def archive_with(tmp_path: Path, text: str, site_yaml: bool = True) -> Path:
    quoted = json.dumps(text)  # JSON's string syntax is YAML's double-quoted one
    site = quoted if site_yaml else '"T"'
    return make_archive(tmp_path, {
        "site.yaml": f"title: {site}\nbase_url: https://example.test/\ndescription: {site}\n",
        "content/topics.yaml": f"budget:\n  name: {quoted}\n  aliases: [{quoted}]\n",
        ARTICLE: md(f"title: {quoted}\ndate: 2023-10-01\nvenue: {quoted}\ntopics: [budget]\n"
                    f"speakers:\n  - id: jane-smyth\n    role: {quoted}\nreview: [{quoted}]",
                    body=f"Said: {text}\n\n> {text}\n").encode("utf-8", "surrogatepass"),
    })


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(NASTY)
def test_what_check_passes_builds_into_valid_xml_json_and_html(tmp_path_factory, text):
    tmp_path = tmp_path_factory.mktemp("superset")
    root = archive_with(tmp_path, text)
    try:
        config = load_config(root)
    except SitegenError:  # site.yaml refused: check says the same, and nothing is built
        return
    report = check(config)
    report_errors = sum(d.severity is Severity.ERROR for d in report.diagnostics)
    if report_errors:
        return
    out = tmp_path / "out"
    build(config, out, search=False)  # must not raise: check passed
    for feed in [*out.rglob("*.xml")]:
        ElementTree.parse(feed)
    json.loads((out / "data" / "articles.json").read_text(encoding="utf-8"))
    for page in out.rglob("*.html"):
        assert forbidden_in(page.read_text(encoding="utf-8")) is None, page


def test_a_control_character_in_a_title_is_an_error_with_its_line(tmp_path):
    root = archive_with(tmp_path, "bell\x07", site_yaml=False)
    report = check(load_config(root))
    messages = [d.format() for d in report.diagnostics if d.severity is Severity.ERROR]
    assert any(m.startswith(f"{root / ARTICLE}:2: \"title\" holds the control character U+0007") for m in messages)
    assert any("content/topics.yaml:2:" in m and "U+0007" in m for m in messages)


def test_a_broken_registry_does_not_hide_the_unknown_ids_of_the_others(tmp_path):
    root = make_archive(tmp_path, {
        "content/topics.yaml": "budget:\n  name: [Budget\n",
        ARTICLE: md("title: T\ndate: 2023-10-01\nspeakers: [nobody-known]", body="See [x](/2099/01/01/nothing/).\n"),
    })
    messages = [d.format() for d in check(load_config(root)).diagnostics]
    assert any("topics.yaml:2: invalid YAML" in m for m in messages)
    assert any('unknown speaker "nobody-known"' in m for m in messages)
    assert any('link "/2099/01/01/nothing/" leads to no page of the site' in m for m in messages)


def test_a_template_the_build_would_fail_on_fails_check(tmp_path):
    root = make_archive(tmp_path)
    template = root / "templates" / "speaker.html"
    template.write_text(template.read_text(encoding="utf-8").replace("{{", "{{ no_such_thing }}{{", 1),
                        encoding="utf-8")
    messages = [d.format() for d in check(load_config(root)).diagnostics if d.severity is Severity.ERROR]
    assert any("templates/speaker.html" in m and "no_such_thing" in m for m in messages), messages


def test_a_control_character_in_site_yaml_is_an_error_with_its_line(tmp_path):
    import pytest

    root = archive_with(tmp_path, "bell\x07")
    with pytest.raises(SitegenError) as caught:
        load_config(root)
    assert caught.value.diagnostics[0].format().endswith(
        'site.yaml:1: "title" holds the control character U+0007, which no page or feed can show '
        "(delete it; a space or a line break typed as such is fine)")
