"""cli: exit codes, `path:line: message (hint)` on stderr, never a traceback."""

import pytest

from sitegen.cli import main as cli
from sitegen.cli.main import main
from tests.factory import make_archive, md

A = "content/articles/2023/"
BAD_DATE = {A + "2023-10-01-x.md": md("title: X\ndate: 2023-02-30")}
UNKNOWN_SPEAKER = {A + "2023-10-01-u.md": md("title: U\ndate: 2023-10-01\nspeakers:\n  - jane-smith")}


def run(root, monkeypatch, capsys, *args, cwd=None):
    monkeypatch.chdir(cwd or root)
    code = main(["--root", str(root), "build", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_build_succeeds(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path)
    code, out, err = run(root, monkeypatch, capsys)
    assert (code, err) == (0, "")
    assert out.startswith("built 1 article into ") and " in build/ (full build) in " in out
    assert (root / "build" / "2023" / "09" / "21" / "smyth-on-budget" / "index.html").exists()


def test_error_is_path_line_message_hint(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, BAD_DATE)
    code, out, err = run(root, monkeypatch, capsys)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f'{A}2023-10-01-x.md:3: impossible date "2023-02-30": day is out of range for month '
        "(use a real calendar date)",
        "sitegen: 1 error; nothing was written"]
    assert not (root / "build").exists()


def test_failed_build_leaves_the_previous_site(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path)
    assert run(root, monkeypatch, capsys)[0] == 0
    before = sorted(p.relative_to(root).as_posix() for p in (root / "build").rglob("*"))
    (root / A / "2023-10-01-x.md").write_text(BAD_DATE[A + "2023-10-01-x.md"])
    assert run(root, monkeypatch, capsys)[0] == 1
    assert sorted(p.relative_to(root).as_posix() for p in (root / "build").rglob("*")) == before


def test_warnings_go_to_stderr_and_the_build_succeeds(tmp_path, monkeypatch, capsys):
    code, out, err = run(make_archive(tmp_path, UNKNOWN_SPEAKER), monkeypatch, capsys)
    assert code == 0 and out.startswith("built 2 articles")
    assert err == f'{A}2023-10-01-u.md:5: warning: unknown speaker "jane-smith" (did you mean "jane-smyth"?)\n'


def test_strict_turns_warnings_into_errors(tmp_path, monkeypatch, capsys):
    code, _, err = run(make_archive(tmp_path, UNKNOWN_SPEAKER), monkeypatch, capsys, "--strict")
    assert code == 1
    assert err.splitlines() == [
        f'{A}2023-10-01-u.md:5: unknown speaker "jane-smith" (did you mean "jane-smyth"?)',
        "sitegen: 1 error; nothing was written"]


def test_errors_and_warnings_are_shown_together_sorted(tmp_path, monkeypatch, capsys):
    code, _, err = run(make_archive(tmp_path, {**UNKNOWN_SPEAKER, **BAD_DATE}), monkeypatch, capsys)
    assert code == 1
    assert [line.split(": ")[0] for line in err.splitlines()] == [
        f"{A}2023-10-01-u.md:5", f"{A}2023-10-01-x.md:3", "sitegen"]
    assert err.endswith("sitegen: 1 error and 1 warning; nothing was written\n")


def test_missing_site_yaml(tmp_path, monkeypatch, capsys):
    code, _, err = run(tmp_path, monkeypatch, capsys)
    assert (code, err) == (1, "site.yaml: no site.yaml here (run sitegen from the archive's folder, "
                              "or pass --root)\nsitegen: 1 error; nothing was written\n")


def test_bad_base_url_option(tmp_path, monkeypatch, capsys):
    code, _, err = run(make_archive(tmp_path), monkeypatch, capsys, "--base-url", "localhost:8000")
    assert code == 1
    assert err.splitlines()[0] == ('--base-url: "localhost:8000" is not an absolute http(s) URL '
                                   '(write e.g. "http://127.0.0.1:8000/")')


def test_base_url_option_rebases_links(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path)
    assert run(root, monkeypatch, capsys, "--base-url", "http://127.0.0.1:8000/preview")[0] == 0
    home = (root / "build" / "index.html").read_text()
    assert 'href="/preview/2023/09/21/smyth-on-budget/"' in home


def test_drafts_option(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {A + "2023-10-01-d.md": md("title: D\ndate: 2023-10-01\ndraft: true")})
    assert run(root, monkeypatch, capsys)[1].startswith("built 1 article ")
    assert run(root, monkeypatch, capsys, "--drafts")[1].startswith("built 2 articles ")


def test_out_refuses_a_folder_sitegen_did_not_make(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("mine")
    code, _, err = run(root, monkeypatch, capsys, "--out", str(tmp_path / "notes"))
    assert code == 1
    assert err.splitlines()[0].endswith("notes: the output folder exists and was not made by sitegen "
                                        "(choose another --out, or empty or remove this folder yourself)")
    assert (tmp_path / "notes" / "mine.txt").read_text() == "mine"


@pytest.mark.parametrize("inside", ["content", "assets/x", "templates"])
def test_out_refuses_a_folder_inside_what_the_build_reads(tmp_path, monkeypatch, capsys, inside):
    root = make_archive(tmp_path)
    code, _, err = run(root, monkeypatch, capsys, "--out", inside)
    assert code == 1
    assert err.splitlines()[0] == (f"{inside}: the output folder is inside what the build reads "
                                   "(choose an --out outside content/, templates/ and assets/, e.g. build/)")
    assert (root / "content" / "people.yaml").exists() and not (root / "assets" / "x").exists()


def test_out_elsewhere(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path)
    code, out, _ = run(root, monkeypatch, capsys, "--out", str(tmp_path / "public"))
    assert code == 0 and (tmp_path / "public" / "index.html").exists()


def test_interrupt_exits_130_without_traceback(tmp_path, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr("sitegen.build.engine.build", interrupted)
    code, _, err = run(make_archive(tmp_path), monkeypatch, capsys)
    assert (code, err) == (130, "sitegen: interrupted\n")


def test_usage_error_is_argparse_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_root_that_is_a_file_is_a_message(tmp_path, monkeypatch, capsys):
    (tmp_path / "notes.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    code = main(["--root", "notes.txt", "build"])
    assert code == 1
    assert capsys.readouterr().err.startswith("notes.txt: ")


def test_root_that_is_a_file_says_so(tmp_path, monkeypatch, capsys):
    (tmp_path / "notes.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    assert main(["--root", "notes.txt", "build"]) == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert "not a folder" in first and "pass --root" not in first


def test_site_yaml_that_is_a_folder_is_a_message(tmp_path, monkeypatch, capsys):
    (tmp_path / "site.yaml").mkdir()
    code, _, err = run(tmp_path, monkeypatch, capsys)
    assert code == 1
    assert err.startswith("site.yaml: ") and err.endswith("sitegen: 1 error; nothing was written\n")


def test_article_paths_are_relative_to_the_working_folder(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, BAD_DATE)
    code, _, err = run(root, monkeypatch, capsys, cwd=tmp_path)
    assert code == 1
    assert err.startswith(f"site/{A}2023-10-01-x.md:3: impossible date")


def test_warnings_of_a_successful_build_are_sorted_by_file_and_line(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {
        A + "2023-10-02-w.md": md("title: W\ndate: 2023-10-02\ntopics: [zzz]\nplaces: [yyy]"),
        **UNKNOWN_SPEAKER,
        A + "2023-09-30-v.md": md("title: V\ndate: 2023-09-30\nplaces: [xxx]"),
    })
    code, _, err = run(root, monkeypatch, capsys)
    assert code == 0
    assert [line.split(": ")[0] for line in err.splitlines()] == [
        f"{A}2023-09-30-v.md:4", f"{A}2023-10-01-u.md:5", f"{A}2023-10-02-w.md:4", f"{A}2023-10-02-w.md:5"]


def test_disk_error_is_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "build/index.html")
    monkeypatch.setattr("sitegen.build.engine.build", refused)
    code, out, err = run(make_archive(tmp_path), monkeypatch, capsys)
    assert (code, out) == (1, "")
    assert err == "sitegen: cannot write or read build/index.html: Permission denied\n"


def test_disk_error_without_a_file_name(tmp_path, monkeypatch, capsys):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("sitegen.build.engine.build", full)
    code, _, err = run(make_archive(tmp_path), monkeypatch, capsys)
    assert (code, err) == (1, "sitegen: cannot write or read: No space left on device\n")
