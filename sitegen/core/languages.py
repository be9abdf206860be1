"""Names and writing direction of the languages an archive is likely to hold."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    english: str
    native: str
    direction: str = "ltr"


_KNOWN = {
    lang.code: lang
    for lang in (
        Language("en", "English", "English"),
        Language("ru", "Russian", "Русский"),
        Language("hy", "Armenian", "Հայերեն"),
        Language("az", "Azerbaijani", "Azərbaycan dili"),
        Language("ka", "Georgian", "ქართული"),
        Language("tr", "Turkish", "Türkçe"),
        Language("uk", "Ukrainian", "Українська"),
        Language("fr", "French", "Français"),
        Language("de", "German", "Deutsch"),
        Language("es", "Spanish", "Español"),
        Language("it", "Italian", "Italiano"),
        Language("zh", "Chinese", "中文"),
        Language("ar", "Arabic", "العربية", "rtl"),
        Language("fa", "Persian", "فارسی", "rtl"),
        Language("he", "Hebrew", "עברית", "rtl"),
        Language("ur", "Urdu", "اردو", "rtl"),
    )
}


def language(code: str) -> Language:
    """The language for a code such as "hy" or "ru-RU"; unknown codes keep their code."""
    base = code.split("-")[0].lower()
    return _KNOWN.get(base, Language(code, code, code))


def known_languages() -> tuple[Language, ...]:
    return tuple(_KNOWN.values())
