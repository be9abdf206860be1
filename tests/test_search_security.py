"""Markup in a registry or in site.yaml never runs on the published site, search page included.

A pull request can put HTML into any name the registries give (a topic's
name ends up in the search index as a facet's value), or into site.yaml. The
archive below has a payload in every registry field and every site.yaml text;
it is built with its search index and its search page opened in Chromium
with every filter shown: no dialog may open, and the payload is shown as text.
Every page also carries a Content-Security-Policy that would stop it anyway.
"""

from __future__ import annotations


from sitegen.build.engine import build
from sitegen.core.config import load_config
from tests.factory import make_archive, md

PAYLOAD = "<img src=x onerror=alert(document.domain)>"
SCRIPT = "<script>alert(1)</script>"


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile_archive(tmp_path):
    def named(kind: str) -> str:
        return quoted(f"{kind} {PAYLOAD}{SCRIPT}")

    return make_archive(tmp_path, {
        "site.yaml": (f"title: {named('Archive')}\ndescription: {named('About')}\nauthor: {named('Author')}\n"
                      "base_url: https://example.test/\n"),
        "content/people.yaml": (f"jane-smyth:\n  name: {named('Jane')}\n  aliases: [{named('Smyth')}]\n"
                                f"  roles:\n    - title: {named('Minister')}\n      from: 2020-01-01\n"),
        "content/topics.yaml": (f"budget:\n  name: {named('Budget')}\n  aliases: [{named('Money')}]\n"
                                f"  description: {named('What it costs')}\n"),
        "content/places.yaml": f"riverton:\n  name: {named('Riverton')}\n  aliases: [{named('River')}]\n",
        "content/outlets.yaml": (f"daily:\n  name: {named('Daily')}\n  url: https://example.org/\n"),
        "content/articles/2023/2023-10-01-lighthouse.md": md(
            "title: Smyth on the lighthouse\ndate: 2023-10-01\nspeakers: [jane-smyth]\ntopics: [budget]\n"
            "places: [riverton]\npeople: [jane-smyth]\nsource:\n  outlet: daily",
            body="The lighthouse will be repaired.\n"),
    })


def test_payloads_in_every_registry_field_and_site_yaml_never_run(tmp_path, chromium):
    from support.static_server import serve_directory

    root = hostile_archive(tmp_path)
    out = tmp_path / "out"
    report = build(load_config(root), out)
    assert report.notices == ()
    with serve_directory(out) as base, chromium() as (page, errors):
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base + "search/?q=lighthouse")
        page.wait_for_selector(".result h2 a")
        page.wait_for_selector("fieldset.facet")
        for box in page.locator(".facet-filter").all():  # long lists: every value shown
            box.fill("")
        for check in page.locator("fieldset.facet input[type=checkbox]").all():
            check.check()
            page.wait_for_timeout(300)
        page.wait_for_selector(".result h2 a")  # every filter chosen: the item still matches
        page.wait_for_timeout(500)
        facets = page.locator(".facets").inner_text()
        assert "Budget <img src=x onerror=alert(document.domain)>" in facets  # shown as text
        assert page.locator(".facets img, .results img, .facets script").count() == 0
        for path in ("", "2023/10/01/lighthouse/", "topics/budget/", "speakers/jane-smyth/", "places/riverton/"):
            page.goto(base + path)
        page.wait_for_timeout(300)
        assert dialogs == []
        assert not [e for e in errors if "Content Security Policy" in e], errors


def test_every_page_carries_a_policy_that_runs_only_the_sites_own_scripts(tmp_path):
    root = make_archive(tmp_path)
    out = tmp_path / "out"
    build(load_config(root), out, search=False)
    pages = sorted(out.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; ' \
               'script-src &#39;self&#39;;' in html, page
        assert "<script>" not in html, f"{page} has an inline script the policy would block"
