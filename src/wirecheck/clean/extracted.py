"""Light cleaning for text already extracted from HTML (trafilatura main text).

The extractor has removed most page furniture and the page's metadata is
trusted, so this only drops what extractors commonly leave at the edges: the
headline repeated as the first line, byline and date lines at the top, picture
credits, share/comment-form lines.  Paragraphs are never cut; a dateline glued
to the first paragraph is read and stripped like in scraped text.
"""

from __future__ import annotations

from .dates import date_line_iso
from .lines import Kind, byline_names, classify, dateline_alone, dateline_glued
from .scraped import CleanText, same_title
from .vocabulary import is_furniture, opens_comments

TOP_LINES = 4  # how far down byline/date/headline repeats are looked for


def split_paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b.strip() for b in text.split("\n\n")] if "\n\n" in text else text.split("\n")
    return [" ".join(b.split("\n")).strip() if "\n\n" in text else b.strip() for b in blocks if b.strip()]


def clean_extracted_text(
    text: str, title: str | None, published: str | None, author: str | None
) -> CleanText:
    paragraphs = split_paragraphs(text)
    removed: list[str] = []
    byline, dateline, found_date = author, None, published
    kept: list[str] = []
    for i, para in enumerate(paragraphs):
        at_top = not kept and i < TOP_LINES
        line = classify(para)
        if at_top and title and line.kind is Kind.TITLE and same_title(para, title):
            removed.append(para)
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
            kept.append(para)
    return CleanText(
        paragraphs=tuple(kept),
        subheadings=(),
        headline=title,
        byline=byline,
        dateline=dateline,
        published=found_date,
        section=None,
        summary=None,
        removed=tuple(removed),
        note=None if kept else "no article text found",
    )
