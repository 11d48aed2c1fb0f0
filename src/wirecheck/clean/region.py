"""Where the article body lies in a column of scraped lines.

Each line scores by how much it reads like prose: paragraphs gain their word
count, short title-like lines and metadata lose a little, furniture loses a
lot.  The body is the contiguous run of lines with the highest total (the
maximum-sum segment), so menus, teasers and footers at either end fall away
while subheadings and captions between paragraphs stay inside.  A line
opening the comment section is a wall the body does not cross; a line opening
a related-links list weighs heavily against what follows it.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lines import Kind, Line, is_terminal

# What a line is worth (paragraphs are worth their word count).
FURNITURE_PENALTY = -8.0
RELATED_PENALTY = -15.0
SHARE_PENALTY = -2.0
METADATA_PENALTY = -3.0
TITLE_PENALTY = -4.0
RUN_GROWTH = 0.5  # each further non-prose line in a row costs this much more...
RUN_CAP = 2.0  # ...up to this multiple of its own penalty
# Comments and tail teasers.
AFTER_MARKER_WEIGHT = 0.3  # a run after a comment-section line counts for this share of its score
ARTICLE_BEFORE_COMMENTS = 80.0  # about 80 words of prose before the comments make an article
TAIL_GAP = 2  # non-prose lines that set a last block apart
TAIL_MAX_WORDS = 50  # a last block shorter than this, set apart, is a promo


def line_score(line: Line) -> float:
    """How much one line, on its own, reads like article prose."""
    if line.kind is Kind.PARAGRAPH:
        return float(line.words) if is_terminal(line.text) else 0.5 * line.words
    if line.kind is Kind.BULLET:
        return 0.5 * line.words
    if line.kind is Kind.TITLE:
        return TITLE_PENALTY
    if line.kind in (Kind.FURNITURE, Kind.JUNK):
        return FURNITURE_PENALTY
    if line.kind is Kind.SHARE:
        return SHARE_PENALTY
    if line.kind is Kind.RELATED:
        return RELATED_PENALTY
    return METADATA_PENALTY


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
        grows = line.kind is not Kind.SHARE
        scores.append(score * min(RUN_CAP, 1 + RUN_GROWTH * (run - 1)) if run and grows else score)
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


def body_region(lines: Sequence[Line]) -> tuple[int, int]:
    """``(start, end)`` of the body; ``(0, 0)`` when nothing scores above zero.

    The lines are cut into segments at the lines opening a comment section;
    each segment's best run competes, and runs after the first such line count
    for less, since what follows "Leave a comment" is rarely the article.
    """
    best = (0.0, 0, 0)
    segment_start = 0
    seen_marker = False
    for i in range(len(lines) + 1):
        if i < len(lines) and lines[i].kind is not Kind.END:
            continue
        total, start, end = best_run(line_scores(lines[segment_start:i]))
        weighted = total * (AFTER_MARKER_WEIGHT if seen_marker else 1.0)
        if weighted > best[0]:
            best = (weighted, segment_start + start, segment_start + end)
        if not seen_marker and best[0] >= ARTICLE_BEFORE_COMMENTS:
            break  # a whole article stands before the comment section: the comments are not it
        seen_marker = seen_marker or (i < len(lines) and best[0] > 0)
        segment_start = i + 1
    return best[1], trim_tail(lines, best[1], best[2])


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
