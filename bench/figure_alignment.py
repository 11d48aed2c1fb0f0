"""Figure alignment of one big story: how its time grows with the number of articles (issue 15).

The figures of the hostile full-content feed (tests/hostile.py ``feed``: entries of 12 paragraphs,
each "N families left their homes" in one of 8 towns on a weekday), built directly as
QuantityClaims as the extractor gives them, so no model is loaded; sentence vectors are made up
(one fixed random unit vector per sentence), so the figure is the alignment alone
(``align_quantities``: pairing, scoring and merging), not the embedding model.

    .venv/bin/python bench/figure_alignment.py [--sizes 50 100 200 400]
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.hostile import paragraph  # noqa: E402

from wirecheck.compare.align import QuantityClaim, align_quantities  # noqa: E402
from wirecheck.model import Quantity  # noqa: E402

TOWNS = ["Aldport", "Kelby", "Marshby", "Orrin", "Skerry", "Varn", "Dunmere", "Holt"]


def feed_claims(entries: int, paragraphs: int = 12) -> list[QuantityClaim]:
    """The families figure of each paragraph of ``entries`` feed entries, one article each."""
    claims = []
    for n in range(entries):
        published = datetime.date(2025, 3, n % 28 + 1)
        for k in range(paragraphs):
            m = n * 31 + k
            sentence = paragraph(m).split(". ")[0] + "."
            number = float(m % 40 + 3)
            day = published - datetime.timedelta(days=(m % 7))
            value = str(int(number))
            start = 200 * k + sentence.index(value)
            quantity = Quantity(
                text=f"{value} families",
                value=value,
                number=number,
                qualifier=None,
                counted="family",
                event="leave",
                place=TOWNS[m % len(TOWNS)],
                time=day.isoformat(),
                sentence=sentence,
                start=start,
                end=start + len(value) + 9,
                counted_class="family",
            )
            claims.append(
                QuantityClaim(
                    article_id=f"full-feed-{n}",
                    quantity=quantity,
                    counted="family",
                    event="leave",
                    event_word="left",
                    place=quantity.place,
                    place_key=(quantity.place or "").lower(),
                    place_inferred=False,
                    version=None,
                    sentence_start=200 * k,
                    sentence_end=200 * k + len(sentence),
                    sentence=sentence,
                )
            )
    return claims


def made_up_vectors(sentences: list[str]) -> np.ndarray:
    """One fixed random unit vector per sentence (seeded by its text), in place of the model's."""
    rows = []
    for sentence in sentences:
        seed = int.from_bytes(hashlib.sha256(sentence.encode()).digest()[:4], "little")
        vector = np.random.default_rng(seed).normal(size=64)
        rows.append(vector / np.linalg.norm(vector))
    return np.array(rows, dtype=np.float32).reshape(len(sentences), 64)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400])
    args = parser.parse_args(argv)
    first: tuple[int, float] | None = None
    for size in args.sizes:
        claims = feed_claims(size)
        started = time.perf_counter()
        groups = align_quantities(claims, made_up_vectors)
        took = time.perf_counter() - started
        first = first or (size, took)
        growth = (took / first[1]) / (size / first[0])
        print(
            f"{size:4d} entries, {len(claims):5d} figures: alignment {took:7.2f}s, {len(groups)} groups; "
            f"time per entry x{growth:.2f} of the {first[0]}-entry run",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
