"""sitegen demo DIR: an invented archive, labelled as such on every page, that builds and checks."""

from __future__ import annotations

from sitegen.cli.main import main
from tests.factory import REPO


def test_the_demo_archive_builds_and_says_it_is_invented_on_every_page(tmp_path, capsys):
    target = tmp_path / "demo"
    assert main(["--root", str(REPO), "demo", str(target), "--items", "80"]) == 0
    assert "wrote an invented archive of 80 items to" in capsys.readouterr().out
    assert len(list((target / "content/articles").rglob("*.md"))) == 80
    assert main(["--root", str(target), "check"]) == 0  # open review notes are warnings only
    assert main(["--root", str(target), "build", "--quiet", "--no-search"]) == 0
    pages = sorted((target / "build").rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        masthead = html[html.index('<header class="masthead">'):html.index("</header>")]
        assert "Fictional Example Archive (invented people and quotes)" in masthead, page


def test_the_same_demo_twice_is_the_same_files(tmp_path):
    for name in ("one", "two"):
        assert main(["--root", str(REPO), "demo", str(tmp_path / name), "--items", "30"]) == 0
    files = [{p.relative_to(tmp_path / n).as_posix(): p.read_bytes() for p in (tmp_path / n).rglob("*")
              if p.is_file()} for n in ("one", "two")]
    assert files[0] == files[1]


def test_the_demo_never_writes_into_a_folder_with_anything_in_it(tmp_path, capsys):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine\n")
    assert main(["--root", str(REPO), "demo", str(tmp_path / "taken")]) == 1
    assert capsys.readouterr().err == (
        f"{tmp_path / 'taken'}: is not an empty folder (name a new folder: sitegen demo never writes "
        "over anything)\nsitegen: 1 error; nothing was written\n")
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["notes.txt"]


def test_the_demo_needs_a_theme_to_copy(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "demo", str(tmp_path / "demo")]) == 1
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'templates'}: no theme to copy into the demo (")
    assert not (tmp_path / "demo").exists()
