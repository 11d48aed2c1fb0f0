"""Clean scraped plain text: find the body, read the header, drop the furniture.

The text is cut into lines, each line classified (:mod:`.lines`), and the
body located as the best-scoring run of prose (:mod:`.region`).  The lines
above the body are the header: headline (a title-like line, the first of a
pair when the page prints it twice), section, byline, date, dateline and
bullet summary are read from it.  Inside the body, title-like lines followed by
a paragraph become subheadings, and metadata or furniture lines are dropped.
Every dropped line is listed in ``Article.removed``.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .dates import find_date, is_low_priority_date_line, slash_order_of, stamp_line
from .lines import (
    RECURRING_MAX_WORDS,
    Kind,
    Line,
    byline_names,
    classify,
    dateline_alone,
    dateline_glued,
    dateline_without_year,
    is_breadcrumb,
    is_read_also_label,
    is_sentence_case,
    is_terminal,
    piece_date_iso,
    section_of_byline,
    strip_bullet,
    word_count,
)
from .region import body_region
from .sentences import is_short_sentence
from .vocabulary import is_furniture, line_key

METADATA_KINDS = (
    Kind.DATE,
    Kind.BYLINE,
    Kind.DATELINE,
    Kind.CREDIT,
    Kind.SHARE,
    Kind.FURNITURE,
    Kind.JUNK,
    Kind.END,
    Kind.RELATED,
)
_SENTENCE_END = re.compile(r"[.!?…](?:[\"”’')\]]*)(?:\s|$)")
_DATE_LABEL = re.compile(r"(?i)^\W*(?:date|dated|published|posted|updated|datum|on)?\W*$")
HEADLINE_MAX_WORDS = 25
LONG_HEADLINE_MAX_WORDS = 40  # tabloid headlines under a URL line run this long
EXCLAIMED_TITLE_MAX_WORDS = 12  # "FIRED IN PHILLY!!": a short exclaimed or asked title under a URL line
_DASHES = ("-", "–", "—")
_DATE_PREFIX = re.compile(r"^(?P<date>[^-–—|]{4,40}?)\s+[-–—|]\s+(?=\S)")  # "27/09/2013 - Title"
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# Flash labels in front of a story title: not part of it.
_FLASH_PREFIX = re.compile(
    r"^(?i:breaking(?:\s+news)?|just\s+in|developing(?:\s+story)?|update[d]?|news\s+alert)\s*[:\-–—|]+\s*(?=\S)"
)
STANDFIRST_MAX_WORDS = 40
# Attribution or quotation: what a lead paragraph carries and a standfirst usually does not.
_REPORTING = re.compile(
    r"(?i)\b(?:said|says|told|according to|announced|reported|stated|confirmed|sagte|sagt|teilte mit"
    r"|laut|a déclaré|a annoncé|selon|dijo|afirmó|según)\b|[\"“”„«»]"
)
_NUMBER = re.compile(r"\d+")
HEADLINE_WINDOW = 25  # a headline sits within this many lines above the body
SUBTITLE_MIN_WORDS = 8  # a title-like line under the headline this long, and longer than it, is a subtitle
TEASER_MAX_WORDS = 25  # a linked headline under a "Read also" label
CAPTION_MAX_WORDS = 20  # a caption under a picture credit is one short sentence
CODE_FILLER_MAX_WORDS = 4  # a short line between code lines is code
DATED_TEASERS_MIN = 3  # this many dated paragraphs under headline lines make a teaser list
ITEM_BUTTON_MIN_COUNT = 3  # a short line this often on one page, between paragraphs, is a per-item button
# Priorities of the places a publication date can come from (lower wins).
FROM_DATELINE, FROM_BYLINE, FROM_DATE_LINE, FROM_GLUED_PREFIX, FROM_PAGE_DATE = range(5)


@dataclass
class Findings:
    """What the cleaner has learnt about one text so far (local to one call)."""

    headline: str | None = None
    byline: str | None = None
    dateline: str | None = None
    section: str | None = None
    summary: list[str] = field(default_factory=list)
    dates: list[tuple[int, str]] = field(default_factory=list)  # (priority, iso)
    removed: list[str] = field(default_factory=list)
    day_first: bool | None = None  # how this text writes ambiguous slash dates, when evidence tells

    def published(self) -> str | None:
        return min(self.dates, key=lambda d: d[0])[1] if self.dates else None


@dataclass(frozen=True)
class CleanText:
    paragraphs: tuple[str, ...]
    subheadings: tuple[str, ...]
    headline: str | None
    byline: str | None
    dateline: str | None
    published: str | None
    section: str | None
    summary: str | None
    removed: tuple[str, ...]
    note: str | None = None
    url: str | None = None  # the page address printed on the first line, if any


def split_lines(text: str) -> list[str]:
    """Non-empty stripped lines; a line broken mid-sentence (next starts lower-case, same block) is re-joined."""
    out: list[str] = []
    joinable = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            joinable = False
            continue
        if joinable and out and line[0].islower():
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
        joinable = word_count(out[-1]) >= 8 and not is_terminal(out[-1])
    return out


def same_title(a: str, b: str) -> bool:
    """Equal, or a reworded copy of the same headline (most words shared)."""
    wa, wb = set(line_key(a).split()), set(line_key(b).split())
    if not wa or not wb:
        return False
    return wa == wb or len(wa & wb) / len(wa | wb) >= 0.5


def clean_scraped_text(
    text: str, recurring: frozenset[str] = frozenset(), title: str | None = None
) -> CleanText:
    """Body, metadata and dropped lines of one scraped text.

    ``recurring`` holds :func:`line_key` keys of short lines seen in other documents of the batch;
    ``title``, when the source declared one, is the headline and its printed copies are dropped.
    When no prose run is found, every text line is kept (with a note) rather than losing the text.
    """
    day_first = slash_order_of(text)
    lines = classify_lines(split_lines(text), recurring, day_first)
    start, end = body_region(lines)
    url = lines[0].text if lines and lines[0].kind is Kind.JUNK and _URL.match(lines[0].text) else None
    titled_at = title_under_url(lines) if url and not title else None
    if titled_at is not None and start <= titled_at:
        start = titled_at + 1  # the title line the URL line announces is header, not body
        end = max(end, start)
    found = Findings(day_first=day_first)
    header, body, tail = lines[:start], list(lines[start:end]), lines[end:]
    headline_at = read_header(header, found, title, titled_at)
    body = take_lead(
        body,
        found,
        after_headline=headline_at is not None and only_metadata_after(header, headline_at),
        right_under=headline_at is not None and headline_at == len(header) - 1,
    )
    paragraphs, subheadings = read_body(body, found)
    found.removed.extend(line.text for line in tail)
    note = None
    if not paragraphs:
        kept = [
            ln.text
            for ln in lines
            if ln.kind in (Kind.PARAGRAPH, Kind.BULLET, Kind.TITLE, Kind.CODE) and ln.text != found.headline
        ]
        if kept:
            paragraphs, note = kept, "no prose body found; kept every text line"
            found.removed = [r for r in found.removed if r not in kept]
        else:
            note = "no article text found"
    return CleanText(
        paragraphs=tuple(paragraphs),
        subheadings=tuple(subheadings),
        headline=found.headline,
        byline=found.byline,
        dateline=found.dateline,
        published=found.published(),
        section=found.section,
        summary="\n".join(found.summary) or None,
        removed=tuple(found.removed),
        note=note,
        url=url,
    )


def classify_lines(
    texts: Sequence[str], recurring: frozenset[str], day_first: bool | None = None
) -> list[Line]:
    """Classify every line, then correct kinds that depend on the lines around them.

    Short lines printed twice on the page (menus, buttons) count as recurring, and a paragraph
    printed again further down (a teaser of the article) as furniture.  Then teasers, code blocks,
    captions and per-item buttons are recognised from their neighbours (the ``mark_*`` functions).
    """
    keys = [line_key(t) for t in texts]
    counts = Counter(keys)
    # a short sentence printed twice is a fact told twice, kept once (below); a label printed twice is furniture
    sentence_keys = {k for t, k in zip(texts, keys, strict=True) if is_short_sentence(t)}
    repeated = recurring | {k for k, n in counts.items() if n >= 2 and k not in sentence_keys}
    lines: list[Line] = []
    seen: set[str] = set()
    for text, key in zip(texts, keys, strict=True):
        line = classify(text, repeated, day_first)
        if line.kind is Kind.PARAGRAPH and key in seen:
            line = relabel(line, Kind.FURNITURE)
        seen.add(key)
        lines.append(line)
    lines = mark_captions(mark_code_blocks(mark_dated_teasers(mark_teasers(lines), day_first)))
    return mark_item_buttons(lines)


def relabel(line: Line, kind: Kind) -> Line:
    return Line(text=line.text, kind=kind, words=line.words)


def mark_teasers(lines: list[Line]) -> list[Line]:
    """The line under a "Read also" label is the linked headline of another article: furniture."""
    out = list(lines)
    for i in range(1, len(out)):
        teaser = out[i]
        if (
            is_read_also_label(out[i - 1].text)
            and teaser.kind in (Kind.PARAGRAPH, Kind.TITLE)
            and teaser.words <= TEASER_MAX_WORDS
        ):
            out[i] = relabel(teaser, Kind.FURNITURE)
    return out


def mark_captions(lines: list[Line]) -> list[Line]:
    """A short sentence between a picture credit and a heading is the picture's caption.

    Article paragraphs run on into the next paragraph; a caption stands alone under its credit
    ("Jane Miller/Valley Press" / "The bridge at dawn." / "Where to park").
    """
    out = list(lines)
    for i in range(1, len(lines) - 1):
        line = lines[i]
        if (
            line.kind is Kind.PARAGRAPH
            and line.words <= CAPTION_MAX_WORDS
            and lines[i - 1].kind is Kind.CREDIT
            and lines[i + 1].kind in (Kind.TITLE, Kind.CREDIT)
        ):
            out[i] = relabel(line, Kind.CREDIT)
    return out


def mark_code_blocks(lines: list[Line]) -> list[Line]:
    """Short lines inside a block of code are code too ("return True", "done"), and so is a bare
    number or symbol under a code line: what the console printed."""
    out = list(lines)
    for i in range(1, len(lines) - 1):
        line = lines[i]
        if (
            line.kind in (Kind.TITLE, Kind.JUNK)
            and line.words <= CODE_FILLER_MAX_WORDS
            and out[i - 1].kind is Kind.CODE
            and (line.kind is Kind.JUNK or any(ln.kind is Kind.CODE for ln in lines[i + 1 : i + 3]))
        ):
            out[i] = relabel(line, Kind.CODE)
    return out


def mark_dated_teasers(lines: list[Line], day_first: bool | None = None) -> list[Line]:
    """Paragraphs that open with a date under a headline line, three times or more: a list of
    article teasers ("Title" / "12.03.2021 The new app warns riders..."), not the article.

    A timeline inside an article also opens paragraphs with dates, but one after the other,
    not each under its own headline, so it stays.
    """
    dated = [
        i
        for i, line in enumerate(lines)
        if line.kind is Kind.PARAGRAPH
        and i > 0
        and lines[i - 1].kind in (Kind.TITLE, Kind.FURNITURE)
        and opens_with_date(line.text, day_first)
    ]
    if len(dated) < DATED_TEASERS_MIN:
        return lines
    out = list(lines)
    for i in dated:
        out[i] = relabel(lines[i], Kind.FURNITURE)
    return out


def opens_with_date(text: str, day_first: bool | None = None) -> bool:
    date = find_date(text[:40], day_first)
    return date is not None and date.start == 0 and word_count(text[date.end :]) >= 5


def mark_item_buttons(lines: list[Line]) -> list[Line]:
    """A short line printed again and again between the paragraphs ("Show picture", "Step 2 of 9")
    is a button or counter of each step or picture, like a share bar: dropped, but no evidence that
    the article ended.

    Lines count as the same when they differ only in their numbers.  One must recur at least
    ``ITEM_BUTTON_MIN_COUNT`` times and, at most of its places, have paragraphs as the nearest other
    lines above and below it.  Buttons of a teaser list ("12 likes", a category label) stand next
    to the teaser headlines and stay furniture; so do the known furniture words and labels ending
    in a colon, which surround reader comments.
    """
    keys = [_NUMBER.sub("0", line_key(line.text)) for line in lines]
    counts = Counter(keys)
    candidates = {
        key
        for line, key in zip(lines, keys, strict=True)
        if key
        and counts[key] >= ITEM_BUTTON_MIN_COUNT
        and line.kind in (Kind.FURNITURE, Kind.TITLE)
        and line.words <= RECURRING_MAX_WORDS
        and not line.text.endswith(":")
        and not is_furniture(line.text, key)
    }
    between_prose: Counter[str] = Counter()
    for i, key in enumerate(keys):
        if key in candidates:
            above = next(
                (ln for ln, k in zip(lines[i::-1], keys[i::-1], strict=True) if k not in candidates), None
            )
            below = next((ln for ln, k in zip(lines[i:], keys[i:], strict=True) if k not in candidates), None)
            between_prose[key] += all(ln is not None and ln.kind is Kind.PARAGRAPH for ln in (above, below))
    return [
        relabel(line, Kind.SHARE) if key in candidates and between_prose[key] * 2 > counts[key] else line
        for line, key in zip(lines, keys, strict=True)
    ]


def only_metadata_after(header: Sequence[Line], index: int) -> bool:
    return all(line.kind in METADATA_KINDS for line in header[index + 1 :])


def harvest(line: Line, found: Findings) -> None:
    """Take byline, date and dateline from a metadata line."""
    if line.kind is Kind.BYLINE:
        found.byline = found.byline or byline_names(line.text)
        found.section = found.section or section_of_byline(line.text)
        date = find_date(line.text, found.day_first)
        if date:
            found.dates.append((FROM_BYLINE, date.iso))
    elif line.kind is Kind.DATE or (line.kind is Kind.JUNK and stamp_line(line.text)[0]):
        iso = stamp_line(line.text, found.day_first)[1]
        if iso:
            found.dates.append(
                (FROM_PAGE_DATE if is_low_priority_date_line(line.text) else FROM_DATE_LINE, iso)
            )
        elif iso := piece_date_iso(line.text, found.day_first):
            found.dates.append((FROM_PAGE_DATE, iso))  # a masthead or section line's date
    elif line.kind is Kind.DATELINE:
        place_date = dateline_alone(line.text) or (dateline_without_year(line.text), None)
        if place_date[0]:
            found.dateline = found.dateline or place_date[0]
            if place_date[1]:
                found.dates.append((FROM_DATELINE, place_date[1]))


def headline_like(line: Line) -> bool:
    """A title line of three words or more; or a long unpunctuated line (headlines run to 25 words)
    that counts as paragraph by length or as furniture only because the page prints it twice."""
    if line.words < 3 or line.text.endswith(_DASHES):
        return False  # a title does not end with a dash; a dateline does ("WASHINGTON - April 27 -")
    if is_stamp_field(line.text):
        return False
    if line.kind is Kind.TITLE:
        return True
    return (
        line.kind in (Kind.PARAGRAPH, Kind.FURNITURE)
        and line.words <= HEADLINE_MAX_WORDS
        and not is_terminal(line.text)
        and not is_furniture(line.text)
        and not is_breadcrumb(line.text)
    )


def is_stamp_field(text: str) -> bool:
    """ "End of Watch: Friday, June 24, 2005": a labelled date, a field of the page, not a title."""
    label, colon, value = text.partition(":")
    return bool(colon) and len(label.split()) <= 4 and stamp_line(value.strip())[0]


def is_subtitle(header: Sequence[Line], headline_at: int) -> bool:
    """Whether the line under ``headline_at`` is a subtitle: a longer title-like line in sentence case."""
    if headline_at < 0 or headline_at + 1 >= len(header):
        return False
    headline, under = header[headline_at], header[headline_at + 1]
    return (
        headline_like(headline)
        and under.kind is Kind.TITLE
        and under.words >= SUBTITLE_MIN_WORDS
        and under.words > headline.words
        and is_sentence_case(under.text)
        and not same_title(under.text, headline.text)
    )


def title_under_url(lines: Sequence[Line]) -> int | None:
    """The headline of a page whose text opens with its URL: the first line under it that is not a
    date, byline or other metadata, when it reads as a title.

    Saved pages and scrapes print the address, then the title, then date and body.  The title may
    end with a full stop; then it must be one sentence of headline length with a date or byline
    line right under it, as a lead paragraph has not.
    """
    at = next((i for i in range(1, len(lines)) if lines[i].kind not in METADATA_KINDS), None)
    if at is None:
        return None
    line = lines[at]
    if line.text.endswith(_DASHES):
        return None  # "March 14, 2013 - UNITED STATES -": a dateline, not a title
    if headline_like(line):
        return at
    if line.kind is not Kind.PARAGRAPH or line.words > LONG_HEADLINE_MAX_WORDS:
        return None
    if not _SENTENCE_END.search(line.text + " "):
        return at  # no sentence punctuation (a title may end in a quotation mark): a long headline
    under = lines[at + 1] if at + 1 < len(lines) else None
    one_sentence = line.words <= HEADLINE_MAX_WORDS and len(_SENTENCE_END.findall(line.text)) <= 1
    exclaims = line.words <= EXCLAIMED_TITLE_MAX_WORDS and line.text.rstrip("'\"’”").endswith(("!", "?"))
    dated_under = under is not None and (
        under.kind in (Kind.DATE, Kind.BYLINE, Kind.DATELINE) or stamp_line(under.text)[0]
    )
    if one_sentence and (exclaims or dated_under):
        return at
    return None


def tidy_headline(text: str, found: Findings) -> str:
    """A headline without what pages put in front of it: "BREAKING NEWS -", "27/09/2013 - " (whose
    date is taken as the article's)."""
    text = _FLASH_PREFIX.sub("", text, count=1)
    prefix = _DATE_PREFIX.match(text)
    if prefix and word_count(text[prefix.end() :]) >= 3 and stamp_line(prefix.group("date"))[0]:
        iso = stamp_line(prefix.group("date"), found.day_first)[1]
        if iso:
            found.dates.append((FROM_DATE_LINE, iso))
        text = text[prefix.end() :]
    return text.strip()


def read_header(
    header: Sequence[Line], found: Findings, title: str | None, titled_at: int | None = None
) -> int | None:
    """Read the lines above the body; return the index of the headline line, if any.

    ``titled_at``: the line that the URL line on top announces as the title.
    """
    near_body = max(0, len(header) - HEADLINE_WINDOW)
    candidates = [i for i, line in enumerate(header) if i >= near_body and headline_like(line)]
    headline_at: int | None = None
    if titled_at is not None and titled_at < len(header):
        headline_at = titled_at
        found.headline = tidy_headline(header[titled_at].text, found)
    elif title:
        found.headline = title
        matches = [i for i in candidates if same_title(header[i].text, title)]
        headline_at = matches[0] if matches else None
    else:
        pairs = [
            i
            for n, i in enumerate(candidates)
            if any(same_title(header[i].text, header[j].text) for j in candidates[n + 1 :])
        ]
        if pairs:
            headline_at = pairs[0]
        elif (
            candidates
            and sum(
                ln.kind in (Kind.TITLE, Kind.PARAGRAPH) and ln.words >= 3
                for ln in header[candidates[-1] + 1 :]
            )
            <= 1
        ):
            headline_at = candidates[-1]  # only metadata, share bars and at most a standfirst below it
            if is_subtitle(header, headline_at - 1):
                headline_at -= 1  # that line was the subtitle under the real headline
        if headline_at is not None:
            found.headline = tidy_headline(header[headline_at].text, found)
    subtitle_at = headline_at + 1 if headline_at is not None and is_subtitle(header, headline_at) else None
    standfirst_taken = False
    for i, line in enumerate(header):
        harvest(line, found)
        if i == headline_at:
            continue
        if i == subtitle_at:
            found.summary.append(line.text)
            continue
        if line.kind is Kind.BULLET and headline_at is not None and i > headline_at:
            found.summary.append(strip_bullet(line.text))
            continue
        if (
            line.kind is Kind.PARAGRAPH
            and headline_at is not None
            and 0 < i - headline_at <= 3
            and not standfirst_taken
        ):
            found.summary.append(line.text)  # a standfirst printed above the byline
            standfirst_taken = True
            continue
        if found.headline and headline_like(line) and same_title(line.text, found.headline):
            found.removed.append(line.text)  # the headline printed again
            continue
        if (
            headline_at is not None
            and i < headline_at
            and headline_at - i <= 3
            and line.kind is Kind.TITLE
            and line.words <= 4
            and not found.section
        ):
            found.section = line.text
        found.removed.append(line.text)
    return headline_at


def take_lead(
    body: list[Line], found: Findings, after_headline: bool, right_under: bool = False
) -> list[Line]:
    """Peel what opens the body but is not body: metadata lines, bullet summary, glued date/dateline, standfirst.

    ``right_under``: the body run starts on the line after the headline.
    """
    start = len(body)
    while body and (
        body[0].kind in METADATA_KINDS
        or (body[0].kind is Kind.TITLE and found.headline and same_title(body[0].text, found.headline))
    ):
        harvest(body[0], found)
        found.removed.append(body[0].text)
        body = body[1:]
    bullets = next((i for i, ln in enumerate(body) if ln.kind is not Kind.BULLET), 0)
    if bullets and body[bullets].kind is Kind.PARAGRAPH:  # a bullet summary, then the article
        found.summary.extend(strip_bullet(ln.text) for ln in body[:bullets])
        body = body[bullets:]
    if not body:
        return body
    first = unglue_lead(body[0], found)
    # Nothing (byline, date, dateline) stands between the headline and this line.
    nothing_between = right_under and len(body) == start and first is body[0]
    body = [first, *body[1:]]
    if after_headline and not found.summary and is_standfirst(body, nothing_between):
        found.summary.append(body[0].text)
        body = body[1:]
    return body


def unglue_lead(line: Line, found: Findings) -> Line:
    """Strip a date ("date 2025-11-25 ...") or dateline ("KYIV (AP) — ...") glued to the first paragraph."""
    text = line.text
    date = find_date(text[:60], found.day_first)
    if date and _DATE_LABEL.match(text[: date.start]):
        rest = text[date.end :].lstrip(" :|-–—,")
        if rest and (rest[0].isupper() or rest[0] in "\"“‘'") and word_count(rest) >= 5:
            found.dates.append((FROM_GLUED_PREFIX, date.iso))
            found.removed.append(text[: len(text) - len(rest)].strip())
            text = rest
    glued = dateline_glued(text)
    if glued:
        place, iso, cut = glued
        if word_count(text[cut:]) >= 5:
            found.dateline = found.dateline or place
            if iso:
                found.dates.append((FROM_DATELINE, iso))
            found.removed.append(text[:cut].strip())
            text = text[cut:]
    return line if text == line.text else classify(text)


def is_standfirst(body: Sequence[Line], right_under: bool = False) -> bool:
    """A one-sentence line right under the headline, clearly shorter than the paragraphs after it.

    When nothing (byline, date, dateline) separates it from the headline, a one-sentence line that
    neither attributes nor quotes, above a paragraph that does, is taken too: a news lead reports.
    """
    first = body[0]
    following = [ln.words for ln in body[1:6] if ln.kind is Kind.PARAGRAPH]
    if first.kind is not Kind.PARAGRAPH or len(following) < 2 or first.words > 45:
        return False
    if len(_SENTENCE_END.findall(first.text)) > 1:
        return False
    if first.words < 0.6 * statistics.median(following[:3]):
        return True
    return (
        right_under
        and first.words <= STANDFIRST_MAX_WORDS
        and not _REPORTING.search(first.text)
        and bool(_REPORTING.search(body[1].text))
    )


def read_body(body: Sequence[Line], found: Findings) -> tuple[list[str], list[str]]:
    """Paragraphs and subheadings of the body run; metadata and furniture inside it are dropped.

    A date or dateline line under the first paragraph (a lead printed above the date) still dates
    the article; further down, dates belong to what the article tells.
    """
    paragraphs: list[str] = []
    subheadings: list[str] = []
    for i, line in enumerate(body):
        if line.kind in METADATA_KINDS:
            if line.kind is Kind.BYLINE:
                found.byline = found.byline or byline_names(line.text)
            elif line.kind in (Kind.DATE, Kind.DATELINE) and len(paragraphs) <= 1:
                harvest(line, found)
            found.removed.append(line.text)
        elif line.kind is Kind.TITLE:
            following = next((ln for ln in body[i + 1 :] if ln.kind not in METADATA_KINDS), None)
            if found.headline and not paragraphs and same_title(line.text, found.headline):
                found.removed.append(line.text)
            elif following is not None and following.kind is Kind.PARAGRAPH and line.words <= 20:
                subheadings.append(line.text)
            else:
                paragraphs.append(line.text)
        else:
            paragraphs.append(strip_bullet(line.text))
    return paragraphs, subheadings
