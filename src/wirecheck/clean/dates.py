"""Find calendar dates in short strings and tell whether a line is only a date.

Scraped pages print dates in many shapes ("Nov. 25, 2025", "25 November 2025",
"2025-11-25", "25.11.2025", "Tuesday, November 25, 2025 at 5:30 pm EST").  The
cleaner needs the ISO form and where the date sits in the line, nothing more.
Month names cover English, German, French and Spanish, the languages most
common in the test pages; slash dates are read only when day and month cannot
be confused (one part above 12).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip

_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er)?\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ymd",
        re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?![\d])"),
    ),
    ("mdy", re.compile(rf"(?<!\w){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.IGNORECASE)),
    ("dmy", re.compile(rf"(?<![\w.]){_DAY}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}(?!\d)", re.IGNORECASE)),
    ("dmy", re.compile(rf"(?<![\d.])(?P<day>\d{{1,2}})\.\s?(?P<month>\d{{1,2}})\.\s?{_YEAR}(?!\d)")),
    ("slash", re.compile(rf"(?<![\d/])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/{_YEAR}(?![\d/])")),
)

# Words that may stand beside a date on a line that says nothing else.
_DATE_LINE_FILLER = re.compile(
    r"""(?ix)
    \b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun
       |montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag
       |lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche
       |lunes|martes|miércoles|jueves|viernes|sábado|domingo
       |today|date|dated|published|posted|updated|last|modified|created|on|at|am|pm|a\.m|p\.m
       |heute|datum|veröffentlicht|aktualisiert|zuletzt|um|uhr|stand
       |le|publié|mis|à|jour|hoy|publicado|actualizado|el|de|del|a\s?las
       |gmt|utc|cet|cest|est|edt|pst|pdt|ist|bst|mez|mesz)\b
    | \d{1,2}[:.h]\d{2}(?::\d{2})?
    | [\s:|,;.\-–—•·/()\[\]]
    """
)
_LOW_PRIORITY_LABEL = re.compile(
    r"(?i)^\W*(today|heute|hoy|aujourd|updated|last updated|modified|aktualisiert)\b"
)


@dataclass(frozen=True)
class DateMatch:
    iso: str  # YYYY-MM-DD
    start: int
    end: int


def _build(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _iso_of(kind: str, m: re.Match[str]) -> str | None:
    year = int(m.group("year"))
    if kind == "slash":
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 >= b:
            return _build(year, b, a)
        if b > 12 >= a:
            return _build(year, a, b)
        return None  # 03/04/2025: day and month cannot be told apart
    month_text = m.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower().rstrip("."))
    if month is None:
        return None
    return _build(year, month, int(m.group("day")))


def find_dates(text: str) -> list[DateMatch]:
    """Every valid date in ``text``, in reading order, without overlaps."""
    found: list[DateMatch] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso_of(kind, m)
            if iso is None:
                continue
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            found.append(DateMatch(iso, m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def find_date(text: str) -> DateMatch | None:
    dates = find_dates(text)
    return dates[0] if dates else None


def date_line_iso(line: str) -> str | None:
    """The date when ``line`` says nothing but a date (with weekday, time, "Updated:"...)."""
    if len(line) > 80:
        return None
    dates = find_dates(line)
    if not dates:
        return None
    rest = line
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    if _DATE_LINE_FILLER.sub("", rest).strip():
        return None
    return dates[0].iso


def is_low_priority_date_line(line: str) -> bool:
    """ "Today: ..." or "Updated ..." lines give the page's date, not the article's."""
    return bool(_LOW_PRIORITY_LABEL.match(line))
