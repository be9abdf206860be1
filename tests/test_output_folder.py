"""The output folder: two copies of the site behind a link; writing files into a copy.

site_folder.py writes; output_folder.py keeps the copies, the link and the lock.
Whole builds killed at named points are in test_atomic_builds.py.
"""

import os
import stat

import pytest

from sitegen.archive.assets import collect_assets
from sitegen.build.output_folder import OutputFolder
from sitegen.build.site_folder import copy_assets, remove_files, replace, sync_folder, write_files
from sitegen.core.config import load_config
from sitegen.core.diagnostics import SitegenError
from tests.factory import make_archive
from tests.factory import write_files as write_sources


def no_assets(tmp_path):
    return collect_assets(tmp_path / "no-assets")


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def publish(out, outputs, assets, build_id="b1"):
    """What a full build does with the folder: empty spare copy, every file, then the link."""
    output = OutputFolder(out)
    slot = output.spare()
    folder = output.start(slot)
    with output.abandoned_on_failure():
        write_files(folder, outputs)
        copy_assets(folder, assets)
        output.publish(slot, build_id)
    return output


def test_writes_outputs_and_assets_behind_a_link(tmp_path):
    assets = collect_assets(write_sources(tmp_path / "assets", {"style.css": "a{}"}))
    out = tmp_path / "site" / "build"
    publish(out, [("index.html", b"home"), ("a/b/index.html", b"deep")], assets)
    files = snapshot(out)
    assert files == {"index.html": b"home", "a/b/index.html": b"deep", assets.output_of("style.css"): b"a{}"}
    assert out.is_symlink() and os.readlink(out) == os.path.join(".build.sitegen", "a")
    assert sorted(p.name for p in out.parent.iterdir()) == [".build.sitegen", "build"]


def test_the_next_site_goes_into_the_other_copy_and_the_link_follows(tmp_path):
    out = tmp_path / "build"
    first = publish(out, [("old.html", b"old"), ("index.html", b"1")], no_assets(tmp_path), "one")
    assert first.live() == "a" and first.live_build() == "one"
    second = publish(out, [("index.html", b"2")], no_assets(tmp_path), "two")
    assert second.live() == "b" and second.live_build() == "two"
    assert snapshot(out) == {"index.html": b"2"}


def failing_outputs():
    yield "index.html", b"new"
    yield "a/index.html", b"new"
    raise RuntimeError("a page failed half-way")


def test_failure_mid_build_leaves_previous_site_untouched(tmp_path):
    out = tmp_path / "build"
    publish(out, [("index.html", b"old"), ("keep.html", b"old")], no_assets(tmp_path))
    before = snapshot(out)
    with pytest.raises(RuntimeError, match="half-way"):
        publish(out, failing_outputs(), no_assets(tmp_path), "b2")
    assert snapshot(out) == before
    output = OutputFolder(out)
    assert output.live_build() == "b1" and output.built(output.spare()) is None
    assert output.tidy() == []  # a failure that raised is no interruption to report


def test_failure_on_first_build_publishes_nothing(tmp_path):
    with pytest.raises(RuntimeError):
        publish(tmp_path / "build", failing_outputs(), no_assets(tmp_path))
    assert not os.path.lexists(tmp_path / "build")


def test_refuses_a_non_empty_folder_it_did_not_make(tmp_path):
    root = make_archive(tmp_path / "site")
    out = write_sources(tmp_path / "elsewhere", {"precious.md": "mine"})
    with pytest.raises(SitegenError) as caught:
        OutputFolder(out).check(load_config(root))
    assert caught.value.diagnostics[0].message == "the output folder exists and was not made by sitegen"
    assert "choose another --out" in caught.value.diagnostics[0].hint
    assert snapshot(out) == {"precious.md": b"mine"}


@pytest.mark.parametrize("inside", ["assets/x", "content", "templates/out", "."])
def test_refuses_an_output_folder_inside_what_the_build_reads(tmp_path, inside):
    root = make_archive(tmp_path / "site")
    with pytest.raises(SitegenError) as caught:
        OutputFolder(root / inside).check(load_config(root))
    assert caught.value.diagnostics[0].message == "the output folder is inside what the build reads"


def test_refuses_a_file_or_a_foreign_link_in_the_way(tmp_path):
    root = make_archive(tmp_path / "site")
    (tmp_path / "build").write_text("not a folder")
    with pytest.raises(SitegenError):
        OutputFolder(tmp_path / "build").check(load_config(root))
    (tmp_path / "linked").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(SitegenError) as caught:
        OutputFolder(tmp_path / "linked").check(load_config(root))
    assert caught.value.diagnostics[0].message == "is a link sitegen did not make"


def test_an_empty_folder_and_an_older_sitegens_folder_are_replaced(tmp_path):
    root = make_archive(tmp_path / "site")
    empty = tmp_path / "empty"
    empty.mkdir()
    older = write_sources(tmp_path / "older", {".sitegen-build": "built by sitegen\n", "x.html": "x"})
    for out in (empty, older):
        OutputFolder(out).check(load_config(root))
        publish(out, [("index.html", b"x")], no_assets(tmp_path))
        assert out.is_symlink() and snapshot(out) == {"index.html": b"x"}


def test_a_copy_written_over_by_something_else_is_not_trusted(tmp_path):
    out = tmp_path / "build"
    output = publish(out, [("index.html", b"1")], no_assets(tmp_path))
    (out / "index.html").unlink()
    (out / "index.html").write_bytes(b"restored from a backup")
    assert output.live_build() is None


def test_files_and_folders_follow_the_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        out = tmp_path / "build"
        output = publish(out, [("a/index.html", b"x")], no_assets(tmp_path))
        replace(output.path("a") / "b.html", b"y")
    finally:
        os.umask(previous)
    for path in (out / "a", out / "a" / "index.html", out / "b.html", out.resolve()):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o044 == 0o044, f"{path} is not readable by others: {oct(mode)}"


def test_sync_and_remove_say_what_they_did(tmp_path):
    source, target = tmp_path / "s", tmp_path / "t"
    write_sources(source, {"entry.json": "2", "a.txt": "same", "new.txt": "n"})
    write_sources(target, {"entry.json": "1", "a.txt": "same", "stale/x.txt": "x"})
    written, removed = sync_folder(source, target, last="entry.json")
    assert (written, removed) == (["new.txt", "entry.json"], ["stale/x.txt"])
    assert not (target / "stale").exists()
    assert remove_files(target, ["a.txt", "missing.txt"]) == ["a.txt"]


@pytest.mark.parametrize("batch", [1, 2, 256])
def test_pages_are_taken_in_batches_and_all_written(tmp_path, monkeypatch, batch):
    from sitegen.build import site_folder

    monkeypatch.setattr(site_folder, "WRITE_BATCH", batch)
    staging = tmp_path / "staging"
    staging.mkdir()
    written_before = []  # files on disk as the renderer gives each page

    def rendered():
        for i in range(5):
            written_before.append(len(snapshot(staging)))
            yield f"2024/0{i}/item-{i}/index.html", f"page {i}".encode()

    assert write_files(staging, rendered()) == 5
    assert snapshot(staging) == {f"2024/0{i}/item-{i}/index.html": f"page {i}".encode() for i in range(5)}
    assert written_before == [i - i % batch for i in range(5)]
