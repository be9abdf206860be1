"""cli: exit codes, `path:line: message (hint)` on stderr, never a traceback."""

import pytest

from sitegen import cli
from sitegen.cli import main
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
    assert out.startswith("built 1 article into ") and " in build/ in " in out
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
    code, _, err = run(root, monkeypatch, capsys, "--out", "content")
    assert code == 1
    assert err.splitlines()[0] == ("content: the output folder exists and was not made by sitegen "
                                   "(choose another --out, or empty or remove this folder yourself)")
    assert (root / "content" / "people.yaml").exists()


def test_out_elsewhere(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path)
    code, out, _ = run(root, monkeypatch, capsys, "--out", str(tmp_path / "public"))
    assert code == 0 and (tmp_path / "public" / "index.html").exists()


def test_interrupt_exits_130_without_traceback(tmp_path, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "build", interrupted)
    code, _, err = run(make_archive(tmp_path), monkeypatch, capsys)
    assert (code, err) == (130, "sitegen: interrupted\n")


def test_usage_error_is_argparse_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.xfail(reason="config.py:57 load_config: --root naming a file raises NotADirectoryError "
                          "(only FileNotFoundError/UnicodeDecodeError are caught) and the CLI prints "
                          "a traceback", strict=True)
def test_root_that_is_a_file_is_a_message(tmp_path, monkeypatch, capsys):
    (tmp_path / "notes.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    try:
        code = main(["--root", "notes.txt", "build"])
    except OSError:
        code = "raised"
    assert code == 1
    assert capsys.readouterr().err.startswith("notes.txt/site.yaml: ")


@pytest.mark.xfail(reason="load.py:40 load_archive: article paths are made relative to the archive root "
                          "(path.relative_to(config.root)) while config, registry and template paths are "
                          "relative to the working folder, so from outside the archive an article "
                          "error names a path that does not exist from there", strict=True)
def test_article_paths_are_relative_to_the_working_folder(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, BAD_DATE)
    code, _, err = run(root, monkeypatch, capsys, cwd=tmp_path)
    assert code == 1
    assert err.startswith(f"site/{A}2023-10-01-x.md:3: impossible date")
