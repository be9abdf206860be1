"""write: atomic swap of the whole site; never deletes a folder sitegen did not make."""

import pytest

from sitegen.archive.assets import collect_assets
from sitegen.core.diagnostics import SitegenError
from sitegen.build.site_folder import MARKER, write_site
from tests.factory import write_files


def no_assets(tmp_path):
    return collect_assets(tmp_path / "no-assets")


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(parent):
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_writes_outputs_and_assets(tmp_path):
    assets = collect_assets(write_files(tmp_path / "assets", {"style.css": "a{}"}))
    out = tmp_path / "site" / "build"
    count = write_site(out, [("index.html", b"home"), ("a/b/index.html", b"deep")], assets)
    assert count == 3
    files = snapshot(out)
    assert files["index.html"] == b"home" and files["a/b/index.html"] == b"deep"
    assert files[assets.output_of("style.css")] == b"a{}"
    assert MARKER in files
    assert leftovers(out.parent) == []


def test_rebuild_replaces_the_whole_site(tmp_path):
    out = tmp_path / "build"
    write_site(out, [("old.html", b"old"), ("index.html", b"1")], no_assets(tmp_path))
    write_site(out, [("index.html", b"2")], no_assets(tmp_path))
    assert set(snapshot(out)) == {"index.html", MARKER}
    assert (out / "index.html").read_bytes() == b"2"
    assert leftovers(tmp_path) == []


def failing_outputs():
    yield "index.html", b"new"
    yield "a/index.html", b"new"
    raise RuntimeError("a page failed half-way")


def test_failure_mid_build_leaves_previous_site_untouched(tmp_path):
    out = tmp_path / "build"
    write_site(out, [("index.html", b"old"), ("keep.html", b"old")], no_assets(tmp_path))
    before = snapshot(out)
    with pytest.raises(RuntimeError, match="half-way"):
        write_site(out, failing_outputs(), no_assets(tmp_path))
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]  # no .build.new-* left behind


def test_failure_on_first_build_creates_nothing(tmp_path):
    with pytest.raises(RuntimeError):
        write_site(tmp_path / "build", failing_outputs(), no_assets(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_refuses_a_non_empty_folder_it_did_not_make(tmp_path):
    out = write_files(tmp_path / "content", {"precious.md": "mine"})
    with pytest.raises(SitegenError) as caught:
        write_site(out, [("index.html", b"x")], no_assets(tmp_path))
    assert caught.value.diagnostics[0].message == "the output folder exists and was not made by sitegen"
    assert "choose another --out" in caught.value.diagnostics[0].hint
    assert snapshot(out) == {"precious.md": b"mine"}
    assert leftovers(tmp_path) == []


def test_refuses_a_file_in_the_way(tmp_path):
    (tmp_path / "build").write_text("not a folder")
    with pytest.raises(SitegenError):
        write_site(tmp_path / "build", [("index.html", b"x")], no_assets(tmp_path))
    assert (tmp_path / "build").read_text() == "not a folder"


def test_an_empty_existing_folder_is_fine(tmp_path):
    (tmp_path / "build").mkdir()
    write_site(tmp_path / "build", [("index.html", b"x")], no_assets(tmp_path))
    assert (tmp_path / "build" / "index.html").read_bytes() == b"x"


def test_creates_missing_parent_folders(tmp_path):
    write_site(tmp_path / "deep" / "er" / "build", [("index.html", b"x")], no_assets(tmp_path))
    assert (tmp_path / "deep" / "er" / "build" / "index.html").exists()


@pytest.mark.parametrize("batch", [1, 2, 256])
def test_pages_are_taken_in_batches_and_all_written(tmp_path, monkeypatch, batch):
    from sitegen.build import site_folder as write
    monkeypatch.setattr(write, "WRITE_BATCH", batch)
    staging = tmp_path / "staging"
    staging.mkdir()
    written_before = []  # files on disk as the renderer gives each page

    def rendered():
        for i in range(5):
            written_before.append(len(snapshot(staging)))
            yield f"2024/0{i}/item-{i}/index.html", f"page {i}".encode()

    assert write.write_files(staging, rendered()) == 5
    assert snapshot(staging) == {f"2024/0{i}/item-{i}/index.html": f"page {i}".encode() for i in range(5)}
    assert written_before == [i - i % batch for i in range(5)]
