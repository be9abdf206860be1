"""A full build on several processes writes exactly what a serial one does."""

from functools import partial

import pytest

from sitebuild import SITES, make_archive, site_files
from sitegen.build.engine import build
from sitegen.core.config import load_config
from sitegen.core.diagnostics import SitegenError
from sitegen.archive.load import scan_archive
from sitegen.build.parallel_read import read_in_parallel


def _build(root, out, jobs):
    return build(load_config(root), out, incremental=False, jobs=jobs)


@pytest.mark.parametrize("name", ["basic", "hostile"])
@pytest.mark.parametrize("as_if_large", [False, True])
def test_parallel_output_is_byte_identical(tmp_path, monkeypatch, name, as_if_large):
    if as_if_large:  # the paths a large archive takes: files read on every core, bodies not kept
        monkeypatch.setattr("sitegen.build.parallel_read.READ_IN_PARALLEL_FROM", 1)
        monkeypatch.setattr("sitegen.build.engine.FORGET_BODIES_FROM", 1)
    root = make_archive(SITES / name, tmp_path / name)
    serial = _build(root, tmp_path / "serial", jobs=1)
    parallel = _build(root, tmp_path / "parallel", jobs=3)
    assert site_files(tmp_path / "parallel") == site_files(tmp_path / "serial")
    assert (parallel.written, parallel.pages) == (serial.written, serial.pages)


def test_reading_on_several_processes_finds_the_same_in_the_same_order(tmp_path, monkeypatch):
    monkeypatch.setattr("sitegen.build.parallel_read.READ_IN_PARALLEL_FROM", 1)
    root = make_archive(SITES / "basic", tmp_path / "basic")
    articles = sorted((root / "content/articles").rglob("*.md"))
    articles[0].write_text("---\ntitle: [unclosed\n---\nBody.\n")  # an error, first of the files
    articles[-1].write_text(articles[-1].read_text().replace("title:", "titel:", 1))  # and last
    config = load_config(root)
    serial = scan_archive(config)
    parallel = scan_archive(config, reader=partial(read_in_parallel, jobs=3))
    assert [d.format() for d in parallel.diagnostics] == [d.format() for d in serial.diagnostics]
    assert len(serial.diagnostics) >= 2
    assert parallel.articles == serial.articles and parallel.fresh_bodies == serial.fresh_bodies
    assert scan_archive(config, reader=partial(read_in_parallel, jobs=3), keep_bodies=False).fresh_bodies == {}


def test_files_read_in_small_batches_give_the_same_records_and_messages(tmp_path, monkeypatch):
    root = make_archive(SITES / "hostile", tmp_path / "hostile")
    config = load_config(root)
    whole = scan_archive(config)
    monkeypatch.setattr("sitegen.archive.article.READ_BATCH", 2)  # texts read two by two, then parsed
    batched = scan_archive(config)
    assert [d.format() for d in batched.diagnostics] == [d.format() for d in whole.diagnostics]
    assert batched.articles == whole.articles and batched.fresh_bodies == whole.fresh_bodies


def test_a_helper_that_fails_while_reading_fails_the_read_instead_of_hanging(tmp_path, monkeypatch):
    import os
    import time

    from sitegen.build import parallel_read as readpool

    monkeypatch.setattr("sitegen.build.parallel_read.READ_IN_PARALLEL_FROM", 1)
    monkeypatch.setattr("sitegen.build.parallel_read.SMALLEST_RUN", 1)  # runs left for the helper to take
    parent, read = os.getpid(), readpool._read

    def read_or_fail(job, start, stop):
        if os.getpid() != parent:
            raise RuntimeError("a helper broke")
        time.sleep(0.01)  # leave the helper runs to take
        return read(job, start, stop)

    monkeypatch.setattr("sitegen.build.parallel_read._read", read_or_fail)
    files = [(str(p), p.name) for p in sorted((SITES / "basic" / "content/articles").rglob("*.md"))]
    with pytest.raises(RuntimeError, match="a helper broke"):
        readpool.read_in_parallel(files * 20, "en", jobs=2)


def test_parallel_state_lets_the_next_build_do_nothing(tmp_path):
    root = make_archive(SITES / "basic", tmp_path / "basic")
    _build(root, tmp_path / "out", jobs=2)
    again = build(load_config(root), tmp_path / "out")
    assert (again.written, again.full) == (0, False)


def test_parallel_build_records_the_state_a_serial_one_does(tmp_path):
    """The parent works the page digests out, and pickles the state, while the workers render
    their last round."""
    import dataclasses

    from sitegen.build.last_build import load_state
    from sitegen.build.output_folder import OutputFolder

    root = make_archive(SITES / "basic", tmp_path / "basic")
    _build(root, tmp_path / "serial", jobs=1)
    _build(root, tmp_path / "parallel", jobs=2)
    serial, parallel = (load_state(folder.state_path, folder.live_build()).state
                        for folder in (OutputFolder(tmp_path / "serial"), OutputFolder(tmp_path / "parallel")))
    assert serial.outputs and parallel.outputs == serial.outputs
    assert serial.derived and dataclasses.replace(parallel, build_id="") == dataclasses.replace(serial, build_id="")


def test_a_template_error_in_a_worker_is_reported_and_nothing_is_written(tmp_path):
    root = make_archive(SITES / "basic", tmp_path / "basic")
    template = root / "templates" / "article.html"
    template.write_text(template.read_text().replace("{{ article.title }}", "{{ article.titel }}", 1))
    with pytest.raises(SitegenError) as caught:
        _build(root, tmp_path / "out", jobs=2)
    found = [d.format() for d in caught.value.diagnostics]
    assert any("article.html" in line and "titel" in line for line in found)
    assert len(found) == len(set(found))  # once, though several workers met it
    assert not (tmp_path / "out").exists()


def test_progress_bar_shows_on_a_terminal_only(tmp_path, monkeypatch, capsys):
    import sitegen.build.progress as progress

    monkeypatch.setattr(progress, "MIN_PAGES", 1)
    root = make_archive(SITES / "basic", tmp_path / "basic")
    build(load_config(root), tmp_path / "quiet", progress=progress.Progress(enabled=False))
    assert capsys.readouterr().err == ""
    build(load_config(root), tmp_path / "shown", progress=progress.Progress(enabled=True))
    assert "rendering" in capsys.readouterr().err
    assert progress.Progress().enabled is False  # pytest's stderr is not a terminal
