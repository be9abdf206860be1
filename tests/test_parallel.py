"""A full build on several processes writes exactly what a serial one does."""

import pytest

from sitebuild import SITES, make_archive, search_index_normalised, site_files
from sitegen.build import build
from sitegen.config import load_config
from sitegen.errors import SitegenError


def _build(root, out, jobs):
    return build(load_config(root), out, incremental=False, jobs=jobs)


@pytest.mark.parametrize("name", ["basic", "hostile"])
def test_parallel_output_is_byte_identical(tmp_path, name):
    root = make_archive(SITES / name, tmp_path / name)
    serial = _build(root, tmp_path / "serial", jobs=1)
    parallel = _build(root, tmp_path / "parallel", jobs=3)
    assert search_index_normalised(site_files(tmp_path / "parallel")) == \
        search_index_normalised(site_files(tmp_path / "serial"))
    assert (parallel.written, parallel.pages) == (serial.written, serial.pages)


def test_parallel_state_lets_the_next_build_do_nothing(tmp_path):
    root = make_archive(SITES / "basic", tmp_path / "basic")
    _build(root, tmp_path / "out", jobs=2)
    again = build(load_config(root), tmp_path / "out")
    assert (again.written, again.full) == (0, False)


def test_a_template_error_in_a_worker_is_reported_and_nothing_is_written(tmp_path):
    root = make_archive(SITES / "basic", tmp_path / "basic")
    template = root / "templates" / "article.html"
    template.write_text(template.read_text().replace("{{ article.title }}", "{{ article.titel }}", 1))
    with pytest.raises(SitegenError) as caught:
        _build(root, tmp_path / "out", jobs=2)
    assert any("article.html" in d.format() and "titel" in d.message for d in caught.value.diagnostics)
    assert not (tmp_path / "out").exists()


def test_progress_bar_shows_on_a_terminal_only(tmp_path, monkeypatch, capsys):
    import sitegen.progress as progress

    monkeypatch.setattr(progress, "MIN_PAGES", 1)
    root = make_archive(SITES / "basic", tmp_path / "basic")
    build(load_config(root), tmp_path / "quiet", progress=progress.Progress(enabled=False))
    assert capsys.readouterr().err == ""
    build(load_config(root), tmp_path / "shown", progress=progress.Progress(enabled=True))
    assert "rendering" in capsys.readouterr().err
    assert progress.Progress().enabled is False  # pytest's stderr is not a terminal
