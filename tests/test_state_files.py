"""The state's large mappings on disk: a base and a journal, read back as they were written."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build.state_files import (JOURNAL_SHARE, Part, pickled_bases, read_parts, remove_others,
                                       write_parts)


def _big(n=200):
    return {f"item-{i}.md": ("body " * 20, i) for i in range(n)}


def _save(folder, mappings, on_disk=None):
    """Write as last_build.save_state does: the files, then (the caller's) head."""
    layout = write_parts(folder, "state", mappings, on_disk)
    remove_others(folder, "state", layout)
    return layout


def test_a_first_save_writes_one_base_per_mapping_and_reads_back(tmp_path):
    mappings = {"sources": _big(), "outputs": {"a/": "1"}}
    layout = _save(tmp_path, mappings)
    assert set(layout) == {"sources", "outputs"}
    assert all(part.journal == 0 for part in layout.values())
    assert read_parts(tmp_path, layout) == mappings
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(part.base for part in layout.values())


def test_a_small_change_is_journaled_and_the_base_kept(tmp_path):
    first = {"sources": _big()}
    layout = _save(tmp_path, first)
    second = {"sources": {**first["sources"], "item-3.md": ("edited", 3), "new.md": ("new", -1)}}
    del second["sources"]["item-7.md"]
    layout2 = _save(tmp_path, second, (first, layout))
    assert layout2["sources"].base == layout["sources"].base
    assert layout2["sources"].journal > 0
    assert read_parts(tmp_path, layout2) == second


def test_an_unchanged_mapping_writes_nothing(tmp_path):
    first = {"sources": _big()}
    layout = _save(tmp_path, first)
    assert _save(tmp_path, {"sources": dict(first["sources"])}, (first, layout)) == layout


def test_a_journal_past_its_share_of_the_base_is_folded_into_a_new_base(tmp_path):
    mappings = {"sources": _big()}
    layout = _save(tmp_path, mappings)
    size = layout["sources"].size
    bases = {layout["sources"].base}
    for round_ in range(40):
        mappings = {"sources": {**mappings["sources"], f"item-{round_}.md": ("x" * 400, round_)}}
        layout = _save(tmp_path, mappings, ({"sources": read_parts(tmp_path, layout)["sources"]}, layout))
        assert layout["sources"].journal <= JOURNAL_SHARE * layout["sources"].size
        bases.add(layout["sources"].base)
        assert read_parts(tmp_path, layout) == mappings
    assert len(bases) > 1, f"never folded: base of {size} bytes"
    # the old bases and their journals are gone
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([layout["sources"].base] + (
        [layout["sources"].base + ".log"] if layout["sources"].journal else []))


def test_a_mapping_changed_throughout_gets_a_new_base_at_once(tmp_path):
    first = {"sources": _big()}
    layout = _save(tmp_path, first)
    second = {"sources": {key: ("new", 0) for key in first["sources"]}}  # a template changed, say
    layout2 = _save(tmp_path, second, (first, layout))
    assert layout2["sources"].base != layout["sources"].base and layout2["sources"].journal == 0
    assert read_parts(tmp_path, layout2) == second
    assert not (tmp_path / layout["sources"].base).exists()


def test_a_save_that_never_wrote_its_head_leaves_the_old_state_readable(tmp_path):
    first = {"sources": _big()}
    layout = _save(tmp_path, first)
    second = {"sources": {**first["sources"], "item-1.md": ("edited", 1)}}
    # journal written, head not: the old head still names only the first state
    write_parts(tmp_path, "state", second, (first, layout))
    assert read_parts(tmp_path, layout) == first
    # the next save starts from the old head: the unfinished entry is overwritten, not followed
    third = {"sources": {**first["sources"], "item-2.md": ("other", 2)}}
    layout3 = _save(tmp_path, third, (first, layout))
    assert read_parts(tmp_path, layout3) == third


def test_a_new_base_written_without_its_head_is_an_orphan_the_next_save_deletes(tmp_path):
    first = {"sources": _big()}
    layout = _save(tmp_path, first)
    orphan = write_parts(tmp_path, "state", {"sources": {"other.md": 1}}, None)  # a full build, cut short
    assert read_parts(tmp_path, layout) == first
    _save(tmp_path, {"sources": {**first["sources"], "item-1.md": 1}}, (first, layout))
    assert not (tmp_path / orphan["sources"].base).exists()


def test_a_missing_base_or_a_short_journal_reads_as_no_state(tmp_path):
    first = {"sources": _big()}
    layout = _save(tmp_path, first)
    second = {"sources": {**first["sources"], "item-1.md": 1}}
    layout2 = _save(tmp_path, second, (first, layout))
    journal = tmp_path / (layout2["sources"].base + ".log")
    journal.write_bytes(journal.read_bytes()[:-3])
    assert read_parts(tmp_path, layout2) is None
    (tmp_path / layout2["sources"].base).unlink()
    assert read_parts(tmp_path, layout2) is None
    assert read_parts(tmp_path, {"sources": Part("state.sources.gone", 10)}) is None


def test_garbage_in_a_base_reads_as_no_state(tmp_path):
    layout = _save(tmp_path, {"sources": _big()})
    (tmp_path / layout["sources"].base).write_bytes(b"not a pickle")
    assert read_parts(tmp_path, layout) is None


def test_bases_made_ahead_are_written_as_given(tmp_path):
    mappings = {"sources": _big(), "derived": {"x": (1, 2)}}
    layout = write_parts(tmp_path, "state", mappings, None, pickled_bases(mappings))
    assert read_parts(tmp_path, layout) == mappings
    assert (tmp_path / layout["derived"].base).read_bytes() == pickle.dumps(
        {"x": (1, 2)}, protocol=pickle.HIGHEST_PROTOCOL)


_edits = st.lists(st.tuples(st.sampled_from(["set", "drop"]), st.integers(0, 30), st.integers(0, 5)),
                  max_size=8)


@settings(max_examples=60, deadline=None)
@given(rounds=st.lists(_edits, max_size=12), crash_after=st.sets(st.integers(0, 11)))
def test_any_run_of_saves_and_crashes_reads_back_the_last_completed_save(tmp_path_factory, rounds,
                                                                          crash_after):
    folder = tmp_path_factory.mktemp("state")
    saved = {"sources": {i: "v" * 40 for i in range(30)}}
    layout = _save(folder, saved)
    for number, edits in enumerate(rounds):
        mapping = dict(saved["sources"])
        for action, key, value in edits:
            if action == "set":
                mapping[key] = "w" * value
            else:
                mapping.pop(key, None)
        if number in crash_after:  # files written, head not: the last save still stands
            write_parts(folder, "state", {"sources": mapping}, (saved, layout))
        else:
            layout = _save(folder, {"sources": mapping}, (saved, layout))
            saved = {"sources": mapping}
        assert read_parts(folder, layout) == saved


def test_an_entry_that_cannot_be_read_back_is_written_again(tmp_path):
    """Comparing a kept entry with the new one may need to read it (build/kept_records.py):
    one that cannot be read counts as changed, and the save goes on."""
    from sitegen.core.diagnostics import StateDamaged

    class Unreadable:
        def __eq__(self, other):
            raise StateDamaged("x")

        __hash__ = None

    layout = write_parts(tmp_path, "state", {"m": {"a": 1, "b": 2}}, None)
    on_disk = ({"m": {"a": Unreadable(), "b": 2}}, layout)
    layout = write_parts(tmp_path, "state", {"m": {"a": 1, "b": 2}}, on_disk)
    assert read_parts(tmp_path, layout) == {"m": {"a": 1, "b": 2}}
