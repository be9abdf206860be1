"""templatecache: compiled templates kept between runs, and never in the way."""

import pytest

from sitegen.build.template_cache import cache_root, template_cache
from sitegen.render.templates import COMPILE_OPTIONS
from sitegen.render.templates import make_environment as make_plain_environment


def make_environment(folder):
    """An environment with the cache the build engine gives it."""
    return make_plain_environment(folder, bytecode_cache=template_cache(COMPILE_OPTIONS))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(folder))
    return folder


def templates(tmp_path, source="<p>{{ name }}</p>\n"):
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "page.html").write_text(source, encoding="utf-8")
    return folder


def cached_files(cache_dir):
    return sorted(p for p in cache_dir.rglob("*") if p.is_file())


def test_a_second_environment_loads_the_compiled_template(tmp_path, cache_dir, monkeypatch):
    folder = templates(tmp_path)
    assert make_environment(folder).get_template("page.html").render(name="<a>") == "<p>&lt;a&gt;</p>\n"
    assert len(cached_files(cache_dir)) == 1
    second = make_environment(folder)
    monkeypatch.setattr(second, "compile", lambda *a, **k: pytest.fail("compiled again"))
    assert second.get_template("page.html").render(name="<a>") == "<p>&lt;a&gt;</p>\n"


def test_an_edited_template_is_compiled_again(tmp_path, cache_dir):
    folder = templates(tmp_path)
    make_environment(folder).get_template("page.html")
    templates(tmp_path, "<p>{{ name }}!</p>\n")
    assert make_environment(folder).get_template("page.html").render(name="x") == "<p>x!</p>\n"


def test_a_corrupt_cache_file_is_a_miss(tmp_path, cache_dir):
    folder = templates(tmp_path)
    make_environment(folder).get_template("page.html")
    [stored] = cached_files(cache_dir)
    stored.write_bytes(stored.read_bytes()[:40])  # cut short inside the compiled code
    assert make_environment(folder).get_template("page.html").render(name="x") == "<p>x</p>\n"


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path, cache_dir, monkeypatch):
    import jinja2.bccache

    def refuse(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", refuse)
    folder = templates(tmp_path)
    assert make_environment(folder).get_template("page.html").render(name="x") == "<p>x</p>\n"
    assert cached_files(cache_dir) == []


def test_a_cache_folder_that_is_a_file_is_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(blocker))
    assert template_cache("options") is None
    folder = templates(tmp_path)
    assert make_environment(folder).get_template("page.html").render(name="x") == "<p>x</p>\n"


def test_other_compile_options_use_another_folder(cache_dir):
    assert template_cache("one").directory != template_cache("two").directory


def test_cache_root_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("SITEGEN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_root() == tmp_path / "sitegen"


def test_template_fingerprints_are_remembered_until_a_template_changes(tmp_path, cache_dir, monkeypatch):
    from sitegen.build import page_digests as deps

    folder = templates(tmp_path, "{% extends 'base.html' %}{% block b %}x{% endblock %}")
    (folder / "base.html").write_text("{% block b %}{% endblock %}", encoding="utf-8")
    worked_out = deps.template_fingerprints(folder)
    monkeypatch.setattr(deps, "_fingerprints", lambda *a: pytest.fail("parsed again"))
    assert deps.template_fingerprints(folder) == worked_out
    monkeypatch.undo()
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(cache_dir))
    (folder / "base.html").write_text("{% block b %}{% endblock %}!", encoding="utf-8")
    edited = deps.template_fingerprints(folder)
    assert edited["page.html"] != worked_out["page.html"] and edited["base.html"] != worked_out["base.html"]


def test_an_unreadable_fingerprints_file_is_worked_out_again(tmp_path, cache_dir, monkeypatch):
    from sitegen.build import page_digests as deps
    from sitegen.build import template_cache as templatecache

    folder = templates(tmp_path)
    worked_out = deps.template_fingerprints(folder)
    [kept] = [p for p in cached_files(cache_dir) if p.name.startswith("fingerprints-")]
    for garbage in ("{not json", '["a list"]', '{"page.html": 3}'):
        kept.write_text(garbage, encoding="utf-8")
        assert deps.template_fingerprints(folder) == worked_out
    kept.unlink()

    def refuse(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(templatecache.tempfile, "mkstemp", refuse)  # cannot be kept: no error
    assert deps.template_fingerprints(folder) == worked_out
    assert not kept.exists()
