"""What ingest says per file: as text for a curator, or JSON for tools."""

from __future__ import annotations

import json
from collections import Counter

from sitegen.ingest.run import Outcome

_VERBS = {"new": "wrote", "unchanged": "unchanged", "proposed": "kept the curator's edit of",
          "duplicate": "duplicate of", "no story": "has no story", "unreadable": "could not read"}


def text_report(outcomes: list[Outcome], dry_run: bool) -> str:
    blocks = [_text_block(outcome, dry_run) for outcome in outcomes]
    counts = Counter(outcome.status for outcome in outcomes)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    tail = f"{len(outcomes)} capture(s): {summary or 'none'}" + (" (dry run: nothing written)"
                                                                 if dry_run else "")
    return "\n\n".join(blocks + [tail]) + "\n"


def _text_block(outcome: Outcome, dry_run: bool) -> str:
    verb = _VERBS[outcome.status]
    if outcome.status == "new" and dry_run:
        verb = "would write"
    head = f"{outcome.source}: {verb}" + (f" {outcome.article}" if outcome.article else "")
    lines = [head]
    if outcome.detail:
        lines.append(f"  {outcome.detail}")
    result = outcome.result
    if result is None:
        return "\n".join(lines)
    if outcome.status == "no story":  # nothing was read from it but what it dropped
        dropped = Counter(d.reason for d in result.layout.dropped)
        lines.append("  dropped:  " + ", ".join(f"{n} {r}" for r, n in sorted(dropped.items())))
        return "\n".join(lines)
    record = result.record
    outlet = f"{record.outlet} ({result.profile.name})" if record.outlet else "unknown (fallback profile)"
    lines.append(f"  outlet:   {outlet}")
    lines.append(f"  title:    {record.title}" + ("  [written by ingest]" if result.headline_written else ""))
    lines.append(f"  date:     {record.date.isoformat()} ({record.date_confidence}) "
                 f"from {result.dating.evidence}" + ("  [draft]" if record.draft else ""))
    for speaker in result.cast.speakers:
        known = "" if speaker.known else "  [not in people.yaml]"
        role = f", {speaker.role}" if speaker.role else ""
        lines.append(f"  speaker:  {speaker.id}{role} — {speaker.quotes} quote(s){known}")
    lines.append(f"  quotes:   {len(result.quotes)}")
    for key in ("topics", "places", "people", "translations"):
        values = getattr(record, key)
        lines.append(f"  {key + ':':<9} {', '.join(values) if values else '—'}")
    dropped = Counter(d.reason for d in result.layout.dropped)
    if dropped:
        lines.append("  dropped:  " + ", ".join(f"{n} {r}" for r, n in sorted(dropped.items())))
    for note in record.review:
        lines.append(f"  unsure:   {note}")
    return "\n".join(lines)


def json_report(outcomes: list[Outcome], dry_run: bool) -> str:
    return json.dumps({"dry_run": dry_run, "items": [_json_item(o) for o in outcomes]},
                      ensure_ascii=False, indent=2) + "\n"


def _json_item(outcome: Outcome) -> dict:
    item = {"source": outcome.source, "status": outcome.status, "article": outcome.article,
            "detail": outcome.detail or None}
    result = outcome.result
    if result is None:
        return item
    record = result.record
    item.update({
        "outlet": record.outlet, "title": record.title,
        "title_written": result.headline_written,
        "date": record.date.isoformat(), "date_confidence": record.date_confidence,
        "date_evidence": result.dating.evidence, "draft": record.draft,
        "speakers": [{"id": s.id, "name": s.name, "role": s.role, "known": s.known,
                      "quotes": s.quotes} for s in result.cast.speakers],
        "quotes": [{"text": q.text, "closed": q.closed} for q in result.quotes],
        "venue": record.venue, "topics": list(record.topics), "places": list(record.places),
        "people": list(record.people), "language": record.language,
        "translations": list(record.translations), "sha256": record.sha256,
        "dropped": [{"line": d.line.number, "text": d.line.text, "reason": d.reason}
                    for d in result.layout.dropped],
        "review": list(record.review),
    })
    return item
