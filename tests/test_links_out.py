"""A symbolic link in a pull request never publishes or ingests a file from outside the archive.

A template linked to a secret would print it into a page, a registry or
site.yaml linked elsewhere would be read as content, and a capture linked out
of the inbox would be copied into an article. Each is refused, by path.
"""

from __future__ import annotations

import pytest

from sitegen.build.engine import build
from sitegen.check.checks import check
from sitegen.cli.main import main
from sitegen.core.config import load_config
from sitegen.core.diagnostics import SitegenError
from tests.factory import make_archive

SECRET = "private-key-material"
REFUSED = "is a symbolic link to a file outside the archive"


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n")
    return path


def test_a_template_linked_out_of_the_archive_is_refused_by_build_and_check(tmp_path, secret):
    root = make_archive(tmp_path)
    (root / "templates" / "404.html").unlink()
    (root / "templates" / "404.html").symlink_to(secret)
    with pytest.raises(SitegenError) as caught:
        build(load_config(root), tmp_path / "out", search=False)
    assert [d.message for d in caught.value.diagnostics] == [REFUSED]
    assert not (tmp_path / "out").exists()
    assert any(d.message == REFUSED and d.path.endswith("templates/404.html")
               for d in check(load_config(root)).diagnostics)


@pytest.mark.parametrize("name", ["content/people.yaml", "content/topics.yaml"])
def test_a_registry_linked_out_of_the_archive_is_refused(tmp_path, secret, name):
    root = make_archive(tmp_path)
    (root / name).unlink()
    (root / name).symlink_to(secret)
    messages = [d.format() for d in check(load_config(root)).diagnostics]
    assert any(name in m and REFUSED in m for m in messages)
    assert not any(SECRET in m for m in messages)


def test_site_yaml_linked_out_of_the_archive_is_refused(tmp_path, secret):
    root = make_archive(tmp_path)
    (root / "site.yaml").unlink()
    (root / "site.yaml").symlink_to(secret)
    with pytest.raises(SitegenError) as caught:
        load_config(root)
    assert caught.value.diagnostics[0].message == REFUSED


def test_a_capture_linked_out_of_the_inbox_is_not_ingested(tmp_path, secret, monkeypatch, capsys):
    root = make_archive(tmp_path)
    inbox = root / "content" / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "capture.txt").symlink_to(secret)
    monkeypatch.chdir(root)
    assert main(["ingest"]) == 1
    _, err = capsys.readouterr()
    assert "content/inbox/capture.txt" in err and REFUSED in err
    assert not any(SECRET in p.read_text() for p in (root / "content" / "articles").rglob("*.md"))
