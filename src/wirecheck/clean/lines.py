"""What one line of scraped text is: a paragraph, a title, a byline, a date, furniture...

Each test uses evidence any page carries - length, capitalisation, closing
punctuation, a parsable date, the generic furniture vocabulary - so the rules
hold for outlets never seen before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .dates import MONTHS, date_line_iso, find_date, stamp_line
from .vocabulary import (
    is_credit,
    is_furniture,
    is_share_button,
    line_key,
    opens_comments,
    opens_related_links,
)


class Kind(Enum):
    PARAGRAPH = "paragraph"  # reads as prose: a sentence, or a long run of words
    TITLE = "title"  # short, no closing full stop: headline, subheading, section or menu item
    BULLET = "bullet"  # starts with a list glyph
    DATE = "date"  # nothing but a date
    BYLINE = "byline"  # "By Jane Doe", "In Politics by Newsroom November 25, 2025"
    DATELINE = "dateline"  # "GENEVA, Nov. 28, 2025 —" alone on its line
    CREDIT = "credit"  # picture credit / copyright
    SHARE = "share"  # a button of a share / print bar
    FURNITURE = "furniture"  # menu, comment form, cookie text, subscription box, recurring short line
    END = "end"  # opens the comment section
    RELATED = "related"  # opens related links / most-read lists
    JUNK = "junk"  # a lone identifier, URL or file name ("header-image")
    CODE = "code"  # a line of source code or a console session inside a how-to ("x = f(y)", "$ make")


@dataclass(frozen=True)
class Line:
    text: str  # stripped, as in the input
    kind: Kind
    words: int


TERMINAL = tuple(".!?…。！？:;\"”’»'")
BULLET_GLYPHS = "•·▪▫◦‣∙●○■□►▶➤✓✔–—-*"
_BULLET = re.compile(rf"^[{re.escape(BULLET_GLYPHS)}]\s+\S")
_IDENTIFIER = re.compile(
    r"^(?:[a-z0-9]+(?:[-_][a-z0-9]+)+|\S+\.(?i:jpe?g|png|gif|webp|svg|html?|php|aspx?)|(?i:https?://|www\.)\S+)$"
)
_COMMENTER = re.compile(r"^\S.{0,50}\s(?:says|sagt|dice)\s*:$", re.I)  # "Kristine says:" over a comment
_READ_ALSO = re.compile(
    r"^(?:read more|read also|also read|see also|related|more|watch|listen|lesen sie auch|lesen sie mehr|mehr lesen|mehr zum thema"
    r"|siehe auch|à lire aussi|lire aussi|voir aussi|lee también|leer más|ver también|te puede interesar|seguir leyendo"
    r"|continue reading|weiterlesen)\b\s*(?:[:»>|–—-]|über|about|on|sur|sobre)"
)
# A "read also" label alone on its line: the line after it is the linked headline (a teaser).
_READ_ALSO_LABEL = re.compile(
    r"^(?:read more|read also|also read|see also|lesen sie auch|lesen sie mehr|mehr zum thema|siehe auch"
    r"|à lire aussi|lire aussi|voir aussi|lee también|leer más|ver también|te puede interesar|seguir leyendo"
    r"|continue reading|weiterlesen)(?: [\w ]{0,40})?$"
)
NOT_NAMES = frozenset(
    {"the", "a", "an", "this", "that", "then", "now", "far", "contrast", "comparison", "late", "early"}
)
# Code and console lines: a prompt, a statement keyword, or dense code punctuation.
_CODE_PROMPT = re.compile(r"^(?:(?:\$|>>>|>|%)\s+\S|\.{1,2}/\S|#!/)")
_CODE_KEYWORD = re.compile(
    r"^(?:def|class|import|from\s+\S+\s+import|return|elif|else|try|except|finally|for|while|if|with|var|let"
    r"|const|function|public|private|static|void|#include|#define|sudo|cd|echo|export|apt-get|apt|pip|npm|git"
    r"|make|chmod|mkdir|tar|wget|curl|ssh|rsync)\b"
)
_PROSE_SENTENCE = re.compile(r"^[A-Z][^.!?;{}=<>]*?(?:\s+\S+){7,}?[.!?]\s")
_CODE_SYMBOLS = frozenset("=(){}[];<>$_\\|&*+@")
_CODE_PAIRS = re.compile(r"\w\(|\w\[|\s=\s|==|=>|->|::|\w=\S|\);$|[{};]$")
_CODE_STATEMENT = re.compile(
    r"^(?:(?:import|#include|require|using)\s+[\w.<>\"/]+;?|from\s+[\w.]+\s+import\s+[\w., *]+"
    r"|(?:else|try|finally)\s*:|for\s+[\w, ]+\s+in\s+\S.*:|do|done|fi|then|esac|end|[{}]|\};?)$"
)
# "Label: value" lines of a fact box; the labels of post tags and categories are not facts of the article.
_FIELD = re.compile(r"^(?P<label>[A-ZÀ-Þ][^:]{1,39}?)\s*:\s+(?P<value>\S.*)$")
FIELD_MAX_WORDS = 16
NOT_FIELD_LABELS = frozenset(
    [
        "tags",
        "tag",
        "topics",
        "topic",
        "themen",
        "thema",
        "schlagworte",
        "schlagwörter",
        "category",
        "categories",
        "kategorie",
        "kategorien",
        "filed under",
        "posted in",
        "share",
        "teilen",
        "follow",
        "folgen",
        "mots-clés",
        "etiquetas",
        "catégories",
        "categorías",
    ]
)
RECURRING_MAX_WORDS = 6  # only short lines are furniture by recurrence; prose shared with others is a copy
_DIGIT = re.compile(r"\d")
# Separators of breadcrumb trails and menus, spaced so that "24/7" or "A-Z" stay whole.
_SEPARATORS = tuple(re.compile(rf"\s+{sep}\s+") for sep in (r"›", r"»", r">", r"\|", r"/", r"·", r"•"))
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
# Only the label is case-free: names must be capitalised ("By the way" is prose).
_BYLINE = re.compile(
    rf"^(?i:written\s+by|reported\s+by|posted\s+by|by|von|par|por)\s*:?\s+"
    rf"(?P<names>{_NAME_WORD}(?:[\s,]+(?:and|und|et|y|&)?\s*{_NAME_WORD}){{0,7}})"
)
_AUTHOR_LABEL = re.compile(
    rf"^(?i:author|autor|auteur|written by)\s*:\s*(?P<names>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,5}})"
)
_SECTION_BY = re.compile(
    r"^(?:in|posted in|filed under|published in)\s+(?P<section>.+?)\s+by\s+", re.IGNORECASE
)
_PLACE = r"(?P<place>[A-ZÀ-Þ][\w'’.\-]*(?:\s+[A-ZÀ-Þ][\w'’.\-]*){0,3})"
_PLACE_ONLY = re.compile(rf"^\s*{_PLACE}(?:,\s*[A-ZÀ-Þ][\w.]*(?:\s+[A-ZÀ-Þ][\w.]*)?)?\s*[,:]?\s*$")
_DATELINE_GLUED = re.compile(
    rf"^{_PLACE}(?:,\s*[A-ZÀ-Þ][\w.]*(?:\s+[A-ZÀ-Þ][\w.]*)?)?(?:,\s*(?P<date>[^—–()]{{5,30}}?))?\s*(?:\((?P<agency>[^()]{{1,30}})\))?\s*(?:—|–|--|-)\s+(?=\S)"
)


def word_count(text: str) -> int:
    """Words, counting two CJK characters as one word so Chinese/Japanese prose still scores as prose."""
    return len(text.split()) + len(_CJK.findall(text)) // 2


def is_terminal(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL)


_DOUBLE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'


def is_spoken_line(text: str) -> bool:
    """A short line of speech, not a title: it opens with a quotation mark and either ends a
    sentence inside the quote (\u201cNo.\u201d) or leaves the quote open for the next paragraph
    (\u201cMission accomplished.).  A title that quotes a phrase ("Twilight" director named)
    closes its quote and ends without a stop."""
    text = text.strip()
    if not text or text[0] not in _DOUBLE_MARKS:
        return False
    marks = sum(text.count(m) for m in _DOUBLE_MARKS)
    return marks % 2 == 1 or text.rstrip(_DOUBLE_MARKS + " ").endswith((".", "!", "?", "\u2026"))


def byline_names(line: str) -> str | None:
    """The names of a byline line ("By Jane Doe and Ali Khan, Reuters" -> "Jane Doe and Ali Khan")."""
    if len(line) > 120:
        return None
    body = _SECTION_BY.sub("by ", line.strip(), count=1)
    m = _BYLINE.match(body) or _AUTHOR_LABEL.match(body)
    if not m:
        return None
    names = m.group("names")
    date = find_date(body)
    if date and date.start > m.start("names"):
        names = body[m.start("names") : min(date.start, m.end("names"))]
    names = re.split(r"\s*[|,;/]\s*(?!and\b|und\b|&)|\s+[—–-]\s+", names)[0]
    names = re.sub(r"\s+(?:on|am|le|el|at|um|updated|published)$", "", names.strip(), flags=re.I)
    words = names.split()
    if not words or len(words) > 8:
        return None
    if words[0].lower() in NOT_NAMES:  # "By Far the Largest..." is a title, not a byline
        return None
    rest_after = body[m.end() :].strip(" ,|-–—")
    if rest_after and not find_date(rest_after) and len(rest_after.split()) > 6:
        return None
    return names.strip(" .,")


def section_of_byline(line: str) -> str | None:
    m = _SECTION_BY.match(line.strip())
    return m.group("section").strip() if m else None


def dateline_alone(line: str) -> tuple[str, str | None] | None:
    """("Geneva", "2025-11-28") for a line that is only a place and a date, like "Geneva, November 28, 2025"."""
    if len(line) > 70 or date_line_iso(line):
        return None  # "Tuesday, 25 November 2025" / "Today: ..." are dates, not places
    date = find_date(line)
    if date is None or not _PLACE_ONLY.match(line[: date.start]):
        return None
    if not date_line_iso(line[date.start :].rstrip(" —–-:")):
        return None
    place = _PLACE_ONLY.match(line[: date.start])
    return (tidy_place(place.group("place")), date.iso) if place else None


_MONTH_WORD = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATELINE_NO_YEAR = re.compile(
    rf"^{_PLACE}(?:,\s*[A-ZÀ-Þ][\w.]*)?\s*[,\-–—]+\s*(?i:{_MONTH_WORD})\s+\d{{1,2}}(?:st|nd|rd|th)?\s*[,\-–—:]*\s*$"
)


def dateline_without_year(line: str) -> str | None:
    """The place of a dateline printed with month and day only: "WASHINGTON - April 27 -", "Mumbai, Nov 11 -"."""
    m = _DATELINE_NO_YEAR.match(line.strip())
    return tidy_place(m.group("place")) if m else None


def dateline_glued(paragraph: str) -> tuple[str, str | None, int] | None:
    """("Kyiv", date or None, where the text starts) for "KYIV, Ukraine (AP) — Russia said..."."""
    m = _DATELINE_GLUED.match(paragraph)
    if not m:
        return None
    place = m.group("place")
    date_text = m.group("date")
    date = find_date(date_text) if date_text else None
    if date_text and not date:
        return None
    # Upper-case places ("WASHINGTON") or an agency in brackets mark a dateline; "Officials said - ..." does not.
    if not (place.isupper() and len(place) > 2) and not m.group("agency") and not date:
        return None
    return tidy_place(place), date.iso if date else None, m.end()


def tidy_place(place: str) -> str:
    place = place.strip(" ,.")
    return place.title() if place.isupper() else place


def is_code(text: str) -> bool:
    """Source code or a console line, as how-to articles print between their paragraphs.

    A prompt ("$ make", "> 29"), a lower-case statement keyword ("return x", "for i in xs:"),
    or code punctuation that prose does not use ("f(x)", "a = b", a line ending in "{" or ";").
    A sentence ending in a full stop is prose whatever it contains.
    """
    if len(text) > 160 or text.endswith((".", "!", "?", "…")):
        return False
    if _PROSE_SENTENCE.match(text):
        return False  # a sentence of prose with markup or code after it is prose with junk, not code
    if _CODE_PROMPT.match(text):
        return True
    symbols = sum(c in _CODE_SYMBOLS for c in text)
    if _CODE_STATEMENT.match(text) or (_CODE_KEYWORD.match(text) and symbols):
        return True
    return bool(_CODE_PAIRS.search(text)) and symbols >= 2 and symbols >= 0.05 * len(text.replace(" ", ""))


def is_field(text: str) -> bool:
    """A "Label: value" line of a fact box: a capitalised label of at most five words, then a short value."""
    m = _FIELD.match(text)
    return (
        m is not None
        and word_count(text) <= FIELD_MAX_WORDS
        and len(m.group("label").split()) <= 5
        and line_key(m.group("label")) not in NOT_FIELD_LABELS
    )


def is_read_also_label(text: str) -> bool:
    """ "Read also:", "Lee también...", "Lesen Sie auch die folgenden Beiträge:": a label over teaser links."""
    return word_count(text) <= 8 and bool(_READ_ALSO_LABEL.match(line_key(text)))


def is_sentence_case(text: str) -> bool:
    """Capital first word, lower-case words after it: "The director said:", not "Further Reading:"."""
    words = text.split()
    return (
        len(words) >= 2
        and words[0][:1].isupper()
        and sum(w[:1].islower() for w in words[1:]) >= len(words[1:]) / 2
    )


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text))


def strip_bullet(text: str) -> str:
    return text[1:].strip() if is_bullet(text) else text


def pieces(text: str) -> list[str]:
    """The parts of a line cut at a navigation separator ("World › Europe", "Travel | 21 March 2025")."""
    for sep in _SEPARATORS:
        if sep.search(text):
            return [p.strip() for p in sep.split(text) if p.strip()]
    return [text]


def is_breadcrumb(text: str) -> bool:
    """A trail or menu of short labels: "Home › World › Europe", "News | Sport | Weather".

    Three or more short parts without sentence punctuation, or two with a trail arrow (› » >), are
    navigation whatever the words; a headline with a colon or a dash is not cut this way.
    """
    parts = pieces(text)
    if len(parts) < 2 or any(word_count(p) > 4 or is_terminal(p) for p in parts):
        return False
    return len(parts) >= 3 or bool(re.search(r"[›»>]", text))


def piece_date_iso(text: str, day_first: bool | None = None) -> str | None:
    """The date of a masthead/section line cut by separators: "Travel | Friday 21 March 2025"."""
    parts = pieces(text)
    if len(parts) < 2 or len(text) > 120:
        return None
    dates = [iso for iso in (date_line_iso(p, day_first) for p in parts) if iso]
    others = [p for p in parts if not date_line_iso(p, day_first)]
    if len(dates) != 1 or any(word_count(p) > 4 or is_terminal(p) for p in others):
        return None
    return dates[0]


def classify(text: str, recurring: frozenset[str] = frozenset(), day_first: bool | None = None) -> Line:
    """Put one stripped, non-empty line in its :class:`Kind`.

    ``recurring`` holds keys of batch-wide repeats; ``day_first`` how the text writes slash dates
    (a line holding only an ambiguous slash date is a date line whichever way it reads).
    """
    words = word_count(text)
    kind = _kind(text, words, recurring, True if day_first is None else day_first)
    return Line(text=text, kind=kind, words=words)


def _kind(text: str, words: int, recurring: frozenset[str], day_first: bool) -> Kind:
    if _IDENTIFIER.match(text):
        return Kind.JUNK
    if is_code(text):
        return Kind.CODE
    key = line_key(text)
    if not key and words <= 3:
        return Kind.JUNK  # lone punctuation, counters, glyphs ("04/04/2012" too: dated in the header only)
    if opens_comments(text, key):
        return Kind.END
    if opens_related_links(text, key):
        return Kind.RELATED
    if _DIGIT.search(text) and stamp_line(text, day_first)[0]:
        return Kind.DATE
    if len(text) <= 70 and _DIGIT.search(text) and (dateline_alone(text) or dateline_without_year(text)):
        return Kind.DATELINE
    if byline_names(text):
        return Kind.BYLINE
    if _DIGIT.search(text) and piece_date_iso(text, day_first):
        return Kind.DATE
    if is_credit(text):
        return Kind.CREDIT
    if is_share_button(text, key):
        return Kind.SHARE
    if is_furniture(text, key) or _COMMENTER.match(text) or (words <= 30 and _READ_ALSO.match(key)):
        return Kind.FURNITURE
    if is_read_also_label(text):
        return Kind.FURNITURE
    if words <= RECURRING_MAX_WORDS and key in recurring:
        return Kind.FURNITURE
    if is_breadcrumb(text):
        return Kind.FURNITURE
    if is_bullet(text):
        return Kind.BULLET
    if is_terminal(text) and words >= 3 and (not text.endswith(":") or words >= 5 or is_sentence_case(text)):
        return Kind.PARAGRAPH
    if words >= 15 or is_spoken_line(text):
        return Kind.PARAGRAPH
    return Kind.TITLE
