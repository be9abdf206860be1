"""Reading a source file as text, with the errors a contributor can act on."""

from __future__ import annotations

from pathlib import Path

from sitegen.core.diagnostics import Diagnostic, error


def read_text(path: Path | str) -> tuple[str | None, Diagnostic | None]:
    """Return the file's text, or a diagnostic saying why it cannot be read.

    A UTF-8 byte-order mark is dropped; Windows line endings become "\\n".
    """
    try:
        with open(path, "rb") as handle:  # not Path.read_bytes: a str path needs no Path
            raw = handle.read()
    except OSError as exc:
        return None, error(path, None, f"cannot read file: {exc.strerror or exc}")
    return decode_text(path, raw)


def decode_text(path: Path | str, raw: bytes) -> tuple[str | None, Diagnostic | None]:
    """``read_text`` for bytes already read (ingest hashes them too)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = raw[exc.start:exc.start + 1].hex()
        return None, error(path, line, f"file is not valid UTF-8: byte 0x{byte} cannot be decoded",
                           "re-save the file with UTF-8 encoding")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None
