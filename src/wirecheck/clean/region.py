"""Where the article body lies in a column of scraped lines.

Each line scores by how much it reads like prose: paragraphs gain their word
count, short title-like lines and metadata lose a little, furniture loses a
lot.  The body is the contiguous run of lines with the highest total (the
maximum-sum segment), so menus, teasers and footers at either end fall away
while subheadings and captions between paragraphs stay inside.  A line
opening the comment section is a wall the body does not cross, and so is a
line opening a related-links list when no long paragraph follows it.  Code,
share buttons and "Label: value" fact lines cost little and do not make a run
of non-prose lines dearer.  The paragraph under the page's first byline or date
line gets a bonus (articles start there); a lead paragraph set just above the
run and a fact box just under it are taken in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lines import Kind, Line, is_field, is_sentence_case, is_terminal

_HANDLE_OR_LINK = re.compile(r"@\w|https?://|www\.")  # a handle, an e-mail address or a link

# What a line is worth (paragraphs are worth their word count).
FURNITURE_PENALTY = -8.0
RELATED_PENALTY = -15.0
SHARE_PENALTY = -2.0
FIELD_SCORE = 0.0  # a "Label: value" line: part of a fact box inside or under the article, or of a footer
FACT_BOX_MIN_FIELDS = 3  # this many field lines right under the body make a fact box that belongs to it
FACT_BOX_MAX_GAP = 2  # other short lines allowed in a row between them
CODE_PENALTY = -1.0  # code between paragraphs is part of a how-to, but no evidence of prose by itself
METADATA_PENALTY = -3.0
TITLE_PENALTY = -4.0
RUN_GROWTH = 0.3  # each further non-prose line in a row costs this much more...
RUN_CAP = 2.0  # ...up to this multiple of its own penalty
LEAD_BONUS = 20.0  # the paragraph under the first byline/date line is likely the article's first
LEAD_MAX_GAP = 4  # non-prose lines allowed between a byline/date line and the lead, or the lead and the body
LEAD_MIN_WORDS = 12  # a lead paragraph above the body is a sentence at least this long
LEAD_GAP_MAX_WORDS = 8  # lines between the lead and the body are short: a date, a credit, a label
# Comments and tail teasers.
CLOSING_MIN_WORDS = 5  # an unpunctuated last sentence under the body is at least this long
LONG_PARAGRAPH_WORDS = 40  # a paragraph this long after a related-links line: the article goes on
AFTER_MARKER_WEIGHT = 0.3  # a run after a comment-section line counts for this share of its score
ARTICLE_BEFORE_COMMENTS = 80.0  # about 80 words of prose before the comments make an article
TAIL_GAP = 2  # non-prose lines that set a last block apart
TAIL_MAX_WORDS = 50  # a last block shorter than this, set apart, is a promo


def is_fact_line(line: Line) -> bool:
    """A title-like "Label: value" line ("Focal length: 180 mm"): a fact box, not a menu or a heading."""
    return line.kind is Kind.TITLE and is_field(line.text)


def line_score(line: Line) -> float:
    """How much one line, on its own, reads like article prose."""
    if line.kind is Kind.PARAGRAPH:
        return float(line.words) if is_terminal(line.text) else 0.5 * line.words
    if line.kind is Kind.BULLET:
        return 0.5 * line.words
    if line.kind is Kind.TITLE:
        return FIELD_SCORE if is_fact_line(line) else TITLE_PENALTY
    if line.kind in (Kind.FURNITURE, Kind.JUNK):
        return FURNITURE_PENALTY
    if line.kind is Kind.SHARE:
        return SHARE_PENALTY
    if line.kind is Kind.CODE:
        return CODE_PENALTY
    if line.kind is Kind.RELATED:
        return RELATED_PENALTY
    return METADATA_PENALTY


def lead_after_metadata(lines: Sequence[Line]) -> int | None:
    """The first paragraph right under the page's first byline or date line: where an article starts.

    Only non-prose lines (share buttons, an author name, a credit) may stand between them.
    """
    for i, line in enumerate(lines):
        if line.kind in (Kind.BYLINE, Kind.DATE, Kind.DATELINE):
            for j in range(i + 1, min(len(lines), i + 1 + LEAD_MAX_GAP + 1)):
                if lines[j].kind is Kind.PARAGRAPH:
                    return j if is_terminal(lines[j].text) else None
            return None
    return None


def line_scores(lines: Sequence[Line]) -> list[float]:
    """Scores where each further line in a run of non-prose lines costs more.

    A lone subheading between paragraphs costs little; a block of menu items,
    tags or teaser titles costs more with every line, which keeps separate
    blocks of prose (article, teasers) apart.  Share-bar buttons cost little and
    the same wherever they stand: articles print share bars between paragraphs.
    """
    scores: list[float] = []
    run = 0
    for line in lines:
        score = line_score(line)
        run = 0 if score > 0 else run + 1
        grows = line.kind not in (Kind.SHARE, Kind.CODE) and not is_fact_line(line)
        scores.append(score * min(RUN_CAP, 1 + RUN_GROWTH * (run - 1)) if run and grows else score)
    lead = lead_after_metadata(lines)
    if lead is not None:
        scores[lead] += LEAD_BONUS
    return scores


def best_run(scores: Sequence[float]) -> tuple[float, int, int]:
    """The maximum-sum contiguous run: ``(total, start, end)``."""
    best = (0.0, 0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best[0]:
            best = (total, start, i + 1)
    return best


def is_wall(lines: Sequence[Line], i: int) -> bool:
    """A line the body does not cross: one opening the comments, or a related-links line after
    which no long paragraph comes before the next such line (a related box inside an article is
    followed by more of the article; one after it, by teasers only)."""
    if lines[i].kind is Kind.END:
        return True
    if lines[i].kind is not Kind.RELATED:
        return False
    for line in lines[i + 1 :]:
        if line.kind in (Kind.END, Kind.RELATED):
            return True
        if line.kind is Kind.PARAGRAPH and line.words >= LONG_PARAGRAPH_WORDS and is_terminal(line.text):
            return False
    return True


def body_region(lines: Sequence[Line]) -> tuple[int, int]:
    """``(start, end)`` of the body; ``(0, 0)`` when nothing scores above zero.

    The lines are cut into segments at walls (:func:`is_wall`); each segment's
    best run competes, and runs after the first wall count for less, since what
    follows "Leave a comment" or "Most read" is rarely the article.
    """
    best = (0.0, 0, 0)
    segment_start = 0
    seen_marker = False
    for i in range(len(lines) + 1):
        if i < len(lines) and not is_wall(lines, i):
            continue
        total, start, end = best_run(line_scores(lines[segment_start:i]))
        weighted = total * (AFTER_MARKER_WEIGHT if seen_marker else 1.0)
        if weighted > best[0]:
            best = (weighted, segment_start + start, segment_start + end)
        if not seen_marker and best[0] >= ARTICLE_BEFORE_COMMENTS:
            break  # a whole article stands before the comment section: the comments are not it
        seen_marker = seen_marker or (i < len(lines) and best[0] > 0)
        segment_start = i + 1
    end = extend_fact_box(lines, trim_tail(lines, best[1], best[2]))
    return extend_lead(lines, best[1]), extend_closing_line(lines, end)


def extend_closing_line(lines: Sequence[Line], end: int) -> int:
    """Take in a last sentence the page printed without a full stop ("... and I love it 😉").

    It must follow a paragraph, read as a sentence (sentence case, five words or more) and be
    followed by no more prose.
    """
    if end == 0 or end >= len(lines) or lines[end - 1].kind is not Kind.PARAGRAPH:
        return end
    closing = lines[end]
    after = lines[end + 1] if end + 1 < len(lines) else None
    if (
        closing.kind is Kind.TITLE
        and closing.words >= CLOSING_MIN_WORDS
        and is_sentence_case(closing.text)
        and not is_field(closing.text)
        and not _HANDLE_OR_LINK.search(closing.text)  # an author box or a contact line
        and (after is None or after.kind is not Kind.PARAGRAPH)
    ):
        return end + 1
    return end


def extend_lead(lines: Sequence[Line], start: int) -> int:
    """Take in a lead paragraph set just above the body by a date, a credit or a short label.

    Pages print the standfirst or first paragraph, then the date or a picture, then the rest;
    the maximum-sum run can start below that gap and leave the lead out.
    """
    for gap, i in enumerate(range(start - 1, max(-1, start - 2 - LEAD_MAX_GAP), -1)):
        line = lines[i]
        if line.kind is Kind.PARAGRAPH:
            long_enough = line.words >= LEAD_MIN_WORDS and is_terminal(line.text)
            return i if gap and long_enough else start
        if line.kind in (Kind.END, Kind.RELATED) or line.words > LEAD_GAP_MAX_WORDS:
            return start
    return start


def trim_tail(lines: Sequence[Line], start: int, end: int) -> int:
    """Drop a small last block set apart from the article by titles or a related-links line (a promo, a teaser).

    A share bar alone (furniture only) does not set a block apart: articles print them between paragraphs.
    """
    gap = 0
    for i in range(end - 1, start - 1, -1):
        if line_score(lines[i]) > 0:
            separated = any(ln.kind in (Kind.TITLE, Kind.RELATED) for ln in lines[i + 1 : i + 1 + gap])
            if gap >= TAIL_GAP and separated:
                tail_words = sum(ln.words for ln in lines[i + 1 : end] if line_score(ln) > 0)
                body_words = sum(ln.words for ln in lines[start : i + 1] if line_score(ln) > 0)
                if tail_words < TAIL_MAX_WORDS and body_words > 4 * tail_words:
                    return i + 1
                return end
            gap = 0
        else:
            gap += 1
    return end


def extend_fact_box(lines: Sequence[Line], end: int) -> int:
    """Take in a fact box printed right under the body: field lines, with a heading or a stray line
    (an empty "Aperture:", a "Date: ..." line) between them.

    "Label: value" lines score nothing on their own, so the best run stops before a trailing data
    sheet ("Focal length: 180 mm", "Location: ..."); three or more, close together, are the article's.
    """
    if end == 0:
        return end
    fields, last, gap = 0, end, 0
    for i in range(end, len(lines)):
        if is_fact_line(lines[i]):
            fields, last, gap = fields + 1, i + 1, 0
            continue
        gap += 1
        if gap > FACT_BOX_MAX_GAP or lines[i].kind in (Kind.END, Kind.RELATED) or lines[i].words > 8:
            break
    return last if fields >= FACT_BOX_MIN_FIELDS else end
