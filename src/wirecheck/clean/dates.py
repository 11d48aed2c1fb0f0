"""Find calendar dates in short strings and tell whether a line is only a date.

Scraped pages print dates in many shapes ("Nov. 25, 2025", "25 November 2025",
"2025-11-25", "25.11.2025", "Tuesday, November 25, 2025 at 5:30 pm EST").  The
cleaner needs the ISO form and where the date sits in the line, nothing more.
Month names cover English, German, French and Spanish, the languages most
common in the test pages.  Slash dates ("05/09/2025") are read when day and
month cannot be confused (one part above 12) or when the caller knows the text's
order from other evidence (:func:`slash_order_of`).
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
        # "2012-04-04", and "2012 - 04-04" as tokenised scrapes space the first hyphen
        re.compile(
            r"(?<![\d.])(?P<year>(?:19|20)\d{2})(?:[-/.]|\s-\s)(?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?![\d])"
        ),
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
       |first|originally|released|time|hrs|uk
       |heute|datum|veröffentlicht|aktualisiert|zuletzt|um|uhr|stand
       |le|publié|mis|à|jour|hoy|publicado|actualizado|el|de|del|a\s?las
       |gmt|utc|cet|cest|est|edt|pst|pdt|ist|bst|mez|mesz|et|pt|ct|mt|cst|cdt|mst|mdt|aest|aedt|nzst|nzdt)\b
    | \d{1,2}[:.h]\d{2}(?::\d{2})?\s?(?:[ap]\.?\s?m\b\.?)?
    | \d{1,2}\s?[ap]\.?m\b\.?
    | [+-]\d{1,2}(?::\d{1,2})?
    | [\s:|,;.\-–—•·/()\[\]@]
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


def _iso_of(kind: str, m: re.Match[str], day_first: bool | None = None) -> str | None:
    year = int(m.group("year"))
    if kind == "slash":
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 >= b:
            return _build(year, b, a)
        if b > 12 >= a or a == b:
            return _build(year, a, b)
        if day_first is None:
            return None  # 03/04/2025: day and month cannot be told apart
        return _build(year, b, a) if day_first else _build(year, a, b)
    month_text = m.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower().rstrip("."))
    if month is None:
        return None
    return _build(year, month, int(m.group("day")))


def find_dates(text: str, day_first: bool | None = None) -> list[DateMatch]:
    """Every valid date in ``text``, in reading order, without overlaps.

    ``day_first`` says how to read slash dates whose parts are both 12 or less; None leaves them out.
    """
    found: list[DateMatch] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso_of(kind, m, day_first)
            if iso is None:
                continue
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            found.append(DateMatch(iso, m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def find_date(text: str, day_first: bool | None = None) -> DateMatch | None:
    dates = find_dates(text, day_first)
    return dates[0] if dates else None


def date_line_iso(line: str, day_first: bool | None = None) -> str | None:
    """The date when ``line`` says nothing but a date (with weekday, time, "Updated:"...)."""
    if len(line) > 80:
        return None
    dates = find_dates(line, day_first)
    if not dates:
        return None
    rest = line
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    if _DATE_LINE_FILLER.sub("", rest).strip():
        return None
    return dates[0].iso


# Dates with a two-digit year ("06/06/13", "02.29.12"): read only on a line that is nothing but a stamp.
_SHORT_YEAR = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<yy>\d{2})(?![\d/.])")
_UNREAD_SLASH = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}/(?:19|20)\d{2}(?![\d/])")  # day and month ambiguous
_MONTH_NAME = _MONTH.replace("?P<month>", "?:")
_MONTH_DAY = re.compile(
    rf"(?<!\w){_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?\b\.?|(?<![\w.])\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH_NAME}(?!\w)",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d{1,2}[:.h]\d{2}|\d{1,2}\s?[ap]\.?m\b", re.IGNORECASE)
STAMP_MAX_CHARS = 90


def short_year_iso(m: re.Match[str], day_first: bool | None) -> str | None:
    """ "06/06/13" as an ISO date (20xx); day and month told apart as for four-digit slash dates."""
    a, b, year = int(m.group("a")), int(m.group("b")), 2000 + int(m.group("yy"))
    if a > 12 >= b or (day_first and b <= 12):
        return _build(year, b, a)
    if b > 12 >= a or day_first is False or a == b:
        return _build(year, a, b)
    return None


def stamp_line(line: str, day_first: bool | None = None) -> tuple[bool, str | None]:
    """(is a date/time stamp, its date) for a line that says nothing but when.

    Pages print the time of publishing or updating in many shapes ("Updated 5:40 p.m. ET",
    "May 3rd, 2013 2:00pm EDT", "06/06/13 07:05 PM ET", "26 September 2013, 10:00 (GMT+05:00)",
    "APR 28"): such a line is never a headline, and gives the date when it carries a year.
    """
    if len(line) > STAMP_MAX_CHARS or not any(c.isdigit() for c in line):
        return False, None
    iso = date_line_iso(line, day_first)
    if iso:
        return True, iso
    dates = find_dates(line, day_first)
    rest = line
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    short = _SHORT_YEAR.search(rest)
    if short:
        iso = short_year_iso(short, day_first)
        rest = rest[: short.start()] + " " + rest[short.end() :]
    has_when = bool(
        dates or short or _UNREAD_SLASH.search(rest) or _MONTH_DAY.search(rest) or _CLOCK.search(rest)
    )
    rest = _UNREAD_SLASH.sub(" ", _MONTH_DAY.sub(" ", rest))
    if not has_when or _DATE_LINE_FILLER.sub("", rest).strip():
        return False, None
    return True, dates[0].iso if dates else iso


def is_low_priority_date_line(line: str) -> bool:
    """ "Today: ..." or "Updated ..." lines give the page's date, not the article's."""
    return bool(_LOW_PRIORITY_LABEL.match(line))


_SLASH = _PATTERNS[-1][1]
# Spellings that tell British-style English (day first) from American English (month first).
_BRITISH = re.compile(
    r"(?i)\b(?:\w+our(?:s|ed|ing|ite|ites)?|\w*(?:metre|litre|centre|theatre|fibre)s?|\w+is(?:e|ed|es|ing|ation)s?"
    r"|travell(?:ed|ing|er)|cancell(?:ed|ing)|labell(?:ed|ing)|programmes?|defence|offence|licence|tyres?|kerb|grey)\b"
)
_AMERICAN = re.compile(
    r"(?i)\b(?:\w+or(?:s|ed|ing|ite|ites)?|\w*(?:meter|liter|center|theater|fiber)s?|\w+iz(?:e|ed|es|ing|ation)s?"
    r"|traveled|traveling|traveler|canceled|canceling|labeled|labeling|defense|offense|tires?|curb|gray)\b"
)
# Only words that exist in both spellings count ("colour"/"color", not "door"/"for").
_PAIRED_OUR = frozenset(  # British forms
    [
        "colour",
        "flavour",
        "honour",
        "humour",
        "labour",
        "neighbour",
        "rumour",
        "favour",
        "harbour",
        "behaviour",
        "endeavour",
        "vapour",
        "vigour",
        "armour",
        "odour",
        "parlour",
        "savour",
        "splendour",
        "tumour",
        "valour",
    ]
)
_PAIRED_ISE = frozenset(
    [
        "organis",
        "recognis",
        "realis",
        "apologis",
        "criticis",
        "emphasis",
        "prioritis",
        "authoris",
        "characteris",
        "mobilis",
        "modernis",
        "normalis",
        "stabilis",
        "summaris",
        "utilis",
        "finalis",
        "minimis",
        "maximis",
        "specialis",
        "privatis",
        "legalis",
        "capitalis",
        "analys",
        "paralys",
    ]
)
_ENGLISH_WORDS = frozenset(["the", "and", "of", "to", "in", "is", "was", "that", "for", "with", "said"])


def _british(word: str) -> bool:
    w = word.lower()
    if re.search(r"our(?:s|ed|ing|ite|ites)?$", w):
        stem = re.sub(r"(?:s|ed|ing|ite|ites)$", "", w)
        return stem in _PAIRED_OUR
    if re.search(r"is(?:e|ed|es|ing|ation)s?$", w):
        return re.sub(r"is(?:e|ed|es|ing|ation)s?$", "is", w) in _PAIRED_ISE
    return True


def _american(word: str) -> bool:
    w = word.lower()
    if re.search(r"or(?:s|ed|ing|ite|ites)?$", w) and not re.search(
        r"(?:meter|liter|center|theater|fiber)s?$", w
    ):
        stem = re.sub(r"or(?:s|ed|ing|ite|ites)?$", "our", w)
        return stem in _PAIRED_OUR
    if re.search(r"iz(?:e|ed|es|ing|ation)s?$", w):
        return re.sub(r"iz(?:e|ed|es|ing|ation)s?$", "is", w) in _PAIRED_ISE
    return True


def slash_order_of(text: str) -> bool | None:
    """Whether ambiguous slash dates in ``text`` read day first (True), month first (False) or cannot tell.

    Evidence in order: a slash date of the same text with a part above 12; British or American
    spelling (day-first vs month-first custom); prose that is not English (day first is the norm
    almost everywhere else).  Too little evidence gives None.
    """
    votes = 0
    for m in _SLASH.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        votes += (a > 12 >= b) - (b > 12 >= a)
    if votes:
        return votes > 0
    british = sum(_british(m.group()) for m in _BRITISH.finditer(text))
    american = sum(_american(m.group()) for m in _AMERICAN.finditer(text))
    if british >= 2 and british >= 3 * american:
        return True
    if american >= 2 and american >= 3 * british:
        return False
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) >= 50 and sum(w in _ENGLISH_WORDS for w in words) < 0.02 * len(words):
        return True
    return None
