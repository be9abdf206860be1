"""One folder per kind of bad input, asserting the exact messages (as Zola's test_sites_invalid).

Each tests/invalid/<case>/ holds only what differs from the minimal valid archive in
tests/invalid/_base/, plus:

  expected.txt   the exact stderr of `sitegen build`, paths relative to the archive root
  strict         (optional, empty) run with --strict
  xfail          (optional) a known sitegen bug: the file's text is the reason; the case
                 asserts the CORRECT output and is expected to fail until the bug is fixed
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.cli.main import main
from tests.factory import REPO

INVALID = Path(__file__).resolve().parent / "invalid"
BASE = INVALID / "_base"
CONTROL_FILES = {"expected.txt", "strict", "xfail"}


def _cases():
    for case in sorted(p for p in INVALID.iterdir() if p.is_dir() and not p.name.startswith("_")):
        marks = []
        if (case / "xfail").exists():
            marks.append(pytest.mark.xfail(reason=(case / "xfail").read_text().strip(), strict=True))
        yield pytest.param(case, id=case.name, marks=marks)


def assemble(case: Path, target: Path) -> Path:
    """_base, then the repo's templates/ and assets/, then the case's own files on top."""
    shutil.copytree(BASE, target)
    shutil.copytree(REPO / "templates", target / "templates")
    shutil.copytree(REPO / "assets", target / "assets")
    for source in sorted(case.rglob("*")):
        rel = source.relative_to(case)
        if source.is_file() and rel.as_posix() not in CONTROL_FILES:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / rel)
    return target


def build(root: Path, monkeypatch, capsys, strict: bool = False) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    code = main(["--root", str(root), "build", *(["--strict"] if strict else [])])
    out, err = capsys.readouterr()
    return code, out, err


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_base_archive_is_valid(tmp_path, monkeypatch, capsys):
    code, out, err = build(assemble(BASE, tmp_path / "site"), monkeypatch, capsys, strict=True)
    assert (code, err) == (0, "")


@pytest.mark.parametrize("case", list(_cases()))
def test_invalid_input(case, tmp_path, monkeypatch, capsys):
    root = assemble(case, tmp_path / "site")
    code, out, err = build(root, monkeypatch, capsys, strict=(case / "strict").exists())
    assert "Traceback" not in out + err
    assert err == (case / "expected.txt").read_text(encoding="utf-8")
    assert code == 1
    assert not (root / "build").exists()


def test_failed_build_leaves_the_previous_site_unchanged(tmp_path, monkeypatch, capsys):
    root = assemble(BASE, tmp_path / "site")
    assert build(root, monkeypatch, capsys)[0] == 0
    before = tree(root / "build")
    case = INVALID / "template-undefined-variable"  # fails late: while pages are being written
    shutil.copyfile(case / "templates" / "article.html", root / "templates" / "article.html")
    code, _, err = build(root, monkeypatch, capsys)
    assert code == 1 and err == (case / "expected.txt").read_text(encoding="utf-8")
    assert tree(root / "build") == before
    leftovers = [p.name for p in root.iterdir() if p.name.startswith(".") and p.name != ".build.sitegen"]
    assert leftovers == []  # nothing left beside the output folder but its own


def test_unknown_ids_without_strict_build_with_warnings(tmp_path, monkeypatch, capsys):
    root = assemble(INVALID / "unknown-ids-strict", tmp_path / "site")
    code, out, err = build(root, monkeypatch, capsys)
    assert code == 0 and out.startswith("built 2 articles")
    expected = (INVALID / "unknown-ids-strict" / "expected.txt").read_text(encoding="utf-8").splitlines()[:-1]
    assert err.splitlines() == [line.replace(": unknown ", ": warning: unknown ") for line in expected]
    assert (root / "build" / "speakers" / "jane-smith" / "index.html").exists()
