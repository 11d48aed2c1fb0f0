"""Light cleaning for text already extracted from HTML (trafilatura main text).

The extractor has removed most page furniture and the page's metadata is
trusted, so this only drops what extractors commonly leave at the edges: the
headline repeated as the first line, byline and date lines at the top, picture
credits, share/comment-form lines, a section label (kicker) printed above the
headline.  A short paragraph between the headline and the first subheading is
the standfirst (the summary).  Paragraphs are never cut; a dateline glued to the
first paragraph is read and stripped like in scraped text.
"""

from __future__ import annotations

from .dates import date_line_iso
from .lines import Kind, byline_names, classify, dateline_alone, dateline_glued
from .scraped import CleanText, same_title
from .vocabulary import is_furniture, opens_comments

TOP_LINES = 4  # how far down byline/date/headline repeats are looked for
KICKER_MAX_WORDS = 4  # a section label above the headline ("World", "UK News")
STANDFIRST_MAX_WORDS = 45
SUBHEADING_MAX_WORDS = 20


def split_paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b.strip() for b in text.split("\n\n")] if "\n\n" in text else text.split("\n")
    return [" ".join(b.split("\n")).strip() if "\n\n" in text else b.strip() for b in blocks if b.strip()]


def title_copy_at(paragraphs: list[str], title: str | None) -> int | None:
    """Where the headline is printed again at the top, after nothing but short labels."""
    if not title:
        return None
    for i, para in enumerate(paragraphs[:TOP_LINES]):
        line = classify(para)
        if line.kind is Kind.TITLE and same_title(para, title):
            return i
        if line.kind is not Kind.TITLE or line.words > KICKER_MAX_WORDS:
            return None
    return None


def is_standfirst_before_subheading(paragraphs: list[str], i: int) -> bool:
    """A short paragraph under the headline that the first subheading sets apart from the body."""
    if i + 2 >= len(paragraphs):
        return False
    first, following = classify(paragraphs[i]), classify(paragraphs[i + 1])
    return (
        first.kind is Kind.PARAGRAPH
        and first.words <= STANDFIRST_MAX_WORDS
        and following.kind is Kind.TITLE
        and classify(paragraphs[i + 2]).kind is Kind.PARAGRAPH
    )


def opens_paragraph(paragraphs: list[str], i: int) -> bool:
    """A title line followed by a paragraph is a subheading, not body text."""
    return i + 1 < len(paragraphs) and classify(paragraphs[i + 1]).kind is Kind.PARAGRAPH


def clean_extracted_text(
    text: str, title: str | None, published: str | None, author: str | None
) -> CleanText:
    paragraphs = split_paragraphs(text)
    removed: list[str] = []
    byline, dateline, found_date = author, None, published
    kept: list[str] = []
    title_at = title_copy_at(paragraphs, title)
    section = None
    summary = None
    subheadings: list[str] = []
    for i, para in enumerate(paragraphs):
        at_top = not kept and i < TOP_LINES
        line = classify(para)
        if (
            title_at is not None
            and i < title_at
            and line.kind is Kind.TITLE
            and line.words <= KICKER_MAX_WORDS
        ):
            section = section or para
            removed.append(para)
        elif i == title_at or at_top and title and line.kind is Kind.TITLE and same_title(para, title):
            removed.append(para)
        elif (
            title_at is not None
            and not kept
            and summary is None
            and i > title_at
            and is_standfirst_before_subheading(paragraphs, i)
        ):
            summary = para
        elif at_top and line.kind is Kind.BYLINE:
            byline = byline or byline_names(para)
            removed.append(para)
        elif at_top and line.kind in (Kind.DATE, Kind.DATELINE):
            place_date = dateline_alone(para)
            dateline = dateline or (place_date[0] if place_date else None)
            found_date = found_date or date_line_iso(para) or (place_date[1] if place_date else None)
            removed.append(para)
        elif line.kind in (Kind.CREDIT, Kind.SHARE) or (len(para) < 200 and is_furniture(para)):
            removed.append(para)
        elif kept and opens_comments(para) and i >= len(paragraphs) - 3:
            removed.extend(paragraphs[i:])  # a comment-form heading and what follows it at the very end
            break
        else:
            if not kept:
                glued = dateline_glued(para)
                if glued and len(para[glued[2] :].split()) >= 5:
                    dateline = glued[0]
                    found_date = found_date or glued[1]
                    removed.append(para[: glued[2]].strip())
                    para = para[glued[2] :]
            if (
                line.kind is Kind.TITLE
                and line.words <= SUBHEADING_MAX_WORDS
                and opens_paragraph(paragraphs, i)
            ):
                subheadings.append(para)
            else:
                kept.append(para)
    return CleanText(
        paragraphs=tuple(kept),
        subheadings=tuple(subheadings),
        headline=title,
        byline=byline,
        dateline=dateline,
        published=found_date,
        section=section,
        summary=summary,
        removed=tuple(removed),
        note=None if kept else "no article text found",
    )
