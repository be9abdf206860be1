"""sitegen review --people: unknown speaker and person ids across the archive, with entries to paste."""

from __future__ import annotations

import json

import yaml

from ingesting import archive
from sitegen.cli.main import main
from sitegen.ingest.unknown_people import registry_entry, unknown_people

BEKTENOV = '''---
title: "Kazakh PM: Astana is ready to host talks"
date: 2024-03-14
speakers:
  - id: olzhas-bektenov
    role: "Kazakh Prime Minister"
people: [nikol-pashinyan, jane-roe]
review:
  - "speaker \\"Olzhas Bektenov\\" is not in people.yaml (kept as \\"olzhas-bektenov\\"): add the person or fix the id"
---
Text.
'''
AGAIN = '''---
title: "Bektenov again"
date: 2024-02-20
speakers:
  - id: olzhas-bektenov
    role: "the PM"
  - ararat-mirzoyan
---
Text.
'''
RUSSIAN = '''---
title: "Эксперт: переговоры не дадут быстрого результата"
date: 2023-12-07
speakers:
  - id: andrey-suzdaltsev
    role: "политолога"
review:
  - "speaker \\"Андрей Суздальцев\\" is not in people.yaml (kept as \\"andrey-suzdaltsev\\"): add the person or fix the id"
---
Текст.
'''


def _archive(tmp_path):
    root = archive(tmp_path)
    for name, text in (("2024/2024-03-14-a.md", BEKTENOV), ("2024/2024-02-20-b.md", AGAIN),
                       ("2023/2023-12-07-c.md", RUSSIAN), ("2023/broken.md", "---\n: [\n---\n")):
        path = root / "content" / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_unknown_ids_are_counted_with_their_items_names_and_roles(tmp_path):
    found = {u.id: u for u in unknown_people(_archive(tmp_path))}
    assert sorted(found) == ["andrey-suzdaltsev", "jane-roe", "olzhas-bektenov"]  # registry ids left out
    bektenov = found["olzhas-bektenov"]
    assert bektenov.items == ["content/articles/2024/2024-02-20-b.md", "content/articles/2024/2024-03-14-a.md"]
    assert bektenov.spoke == 2 and bektenov.roles == ["the PM", "Kazakh Prime Minister"]
    assert bektenov.names == ["Olzhas Bektenov"] and str(bektenov.first_seen) == "2024-02-20"
    assert found["jane-roe"].spoke == 0 and found["jane-roe"].name == "Jane Roe"
    assert list(found)[0] == "olzhas-bektenov"  # most items first


def test_the_entry_is_valid_people_yaml_with_the_names_seen(tmp_path):
    found = {u.id: u for u in unknown_people(_archive(tmp_path))}
    entry = yaml.safe_load(registry_entry(found["andrey-suzdaltsev"]))["andrey-suzdaltsev"]
    assert entry["name"] == "Andrey Suzdaltsev"
    assert entry["aliases"] == ["Андрей Суздальцев", "Suzdaltsev", "Суздальцев"]
    assert entry["roles"] == [{"title": "политолога", "from": found["andrey-suzdaltsev"].first_seen}]


def test_review_people_prints_the_list_and_the_entries(tmp_path, capsys):
    root = _archive(tmp_path)
    assert main(["--root", str(root), "review", "--people"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("olzhas-bektenov: 2 items, speaking in 2; role as written: \"the PM\"")
    assert "3 id(s) not in people.yaml" in out
    pasted = yaml.safe_load(out.split("content/people.yaml:\n", 1)[1])
    assert set(pasted) == {"olzhas-bektenov", "andrey-suzdaltsev", "jane-roe"}
    assert main(["--root", str(root), "review", "--people", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["count"] == 3 and report["people"][0]["speaking"] == 2


def test_an_archive_that_knows_everyone_says_so(tmp_path, capsys):
    assert main(["--root", str(archive(tmp_path)), "review", "--people"]) == 0
    assert "every speaker and person mentioned is in people.yaml" in capsys.readouterr().out
