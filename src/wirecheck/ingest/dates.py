"""Publication dates as sources declare them, normalised to YYYY-MM-DD (or None, never an error)."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
SLASHED_YMD = re.compile(r"^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")
EARLIEST_YEAR = 1800
LATEST_YEAR = 2200


def normalise_date(value: Any) -> str | None:
    """YYYY-MM-DD for ISO strings, RFC 822 dates, epoch seconds, date objects; else None.

    Ambiguous forms such as 03/04/2025 are left out on purpose: a wrong date is worse than none.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime | date):
        return _checked(value.year, value.month, value.day)
    if isinstance(value, time.struct_time):
        return _checked(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = ISO_PREFIX.match(text) or SLASHED_YMD.match(text)
    if match:
        return _checked(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if text.isdigit() and len(text) in (10, 13):
        return _from_epoch(float(text) / (1000 if len(text) == 13 else 1))
    try:
        parsed = parsedate_to_datetime(text)  # "Tue, 25 Nov 2025 08:00:00 GMT" (RSS, WARC, HTTP)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return _checked(parsed.year, parsed.month, parsed.day)


def _from_epoch(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        moment = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return _checked(moment.year, moment.month, moment.day)


def _checked(year: int, month: int, day: int) -> str | None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
