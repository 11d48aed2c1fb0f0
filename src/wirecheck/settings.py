"""Settings: the thresholds that change what a report says, in one frozen object.

Every field has a default (the value wirecheck was tuned to), one line on what raising it does,
and the bench figure it was set on.  The pipeline hands one :class:`Settings` to the stages the
way it hands them the models; a stage reads only the fields it needs.  Users trade recall for
precision with their own values: ``wirecheck analyze --config FILE`` reads a TOML file of
``name = value`` lines (:func:`load_settings`), and the JSON report records the settings it ran
with under ``settings``.

Add a threshold here when it changes what is reported; keep constants that only shape how the
work is done (hash sizes, batch sizes, caches) beside the code that uses them.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class SettingsError(ValueError):
    """A settings file wirecheck cannot use: the message names the file and the key."""


def setting(default: float, raising: str, set_on: str) -> Any:
    """A settings field: its default, what raising it does, and the bench figure it was set on."""
    return field(default=default, metadata={"raising": raising, "set_on": set_on})


@dataclass(frozen=True)
class Settings:
    """The thresholds of one run (defaults: the values the benches were tuned on)."""

    # ----------------------------------------------------------- copies (group/copies.py)
    copy_candidate_jaccard: float = setting(
        0.1,
        "fewer article pairs are checked for copying: trimmed copies (low Jaccard) start to be missed",
        "docs/benchmarks.md, Grouping: copies P/R 1.00/1.00 on tests/data/group_stories.jsonl and the demo",
    )
    copy_containment: float = setting(
        0.5,
        "a copy must repeat more of its original's 5-word shingles: fewer, surer copy links",
        "docs/benchmarks.md, Grouping: copies P/R 1.00/1.00 (demo 3 of 3)",
    )
    reprint_containment: float = setting(
        0.9,
        "fewer copies are called reprints (near identical both ways), more syndicated",
        "docs/benchmarks.md, Grouping: copies P/R 1.00/1.00 (demo 3 of 3)",
    )
    copy_min_shared_shingles: int = setting(
        12,
        "two articles must share more 5-word runs before they count as copies: quoting stays apart",
        "docs/benchmarks.md, Grouping: copies P/R 1.00/1.00 (demo 3 of 3)",
    )
    # ----------------------------------------------------------- spin (group/spin.py)
    spin_flag_score: float = setting(
        0.5,
        "an article needs more spinner evidence per content word to be flagged spun",
        "docs/benchmarks.md, Grouping: bench/group_spin_bench.py (tuning clean max + 15 %)",
    )
    spin_min_known_substitutions: int = setting(
        2,
        "more distinct known spinner phrases are needed, with the score, to flag an article alone",
        "docs/benchmarks.md, Grouping: bench/group_spin_bench.py",
    )
    spin_min_aligned_substitutions: int = setting(
        3,
        "a rare-word candidate needs more stand-ins against an aligned article to be flagged",
        "docs/benchmarks.md, Grouping: bench/group_spin_bench.py",
    )
    spin_min_synonym_swaps: int = setting(
        6,
        "two aligned articles need more one-word synonym swaps before one is called spun",
        "ecb-dev and web pages (778 articles): real copies swap at most 2 words, a spun copy 15+",
    )
    # ----------------------------------------------------------- stories (group/stories.py)
    story_join_score: float = setting(
        0.36,
        "an article must resemble a story more to join it: more, smaller stories",
        "docs/benchmarks.md, Stories apart (issue 16): bench/group_ecb.py B-cubed on ecb-dev",
    )
    story_merge_score: float = setting(
        0.5,
        "two stories of one batch must resemble each other more to become one",
        "docs/benchmarks.md, Stories apart part 2 (issue 16): bench/group_ecb.py on ecb-dev",
    )
    story_gap_penalty_per_day: float = setting(
        0.04,
        "each day between an article and a story (beyond the grace days) costs more: dated stories split",
        "docs/benchmarks.md, Stories apart (issue 16): bench/group_ecb.py on ecb-dev",
    )

    # ----------------------------------------------------------- figures (compare/align.py)
    figure_link_score: float = setting(
        0.5,
        "two figures must sit in more alike sentences to be compared: fewer agreements and disputes",
        "docs/benchmarks.md, Dispute precision / recall (issue 10): bench/facts_ecb.py judged disputes",
    )
    figure_structural_similarity: float = setting(
        0.6,
        "figures whose event and place already match link more readily without a sentence cosine",
        "docs/benchmarks.md, Compare: seeds 76/76 and demo 294/294 (tests/test_demo_corpus.py)",
    )
    # ----------------------------------------------------------- quotes (compare/quotes.py)
    quote_same_meaning: float = setting(
        0.75,
        "two partly aligned quotes must mean more nearly the same to be one quote in two wordings",
        "docs/benchmarks.md, Compare: seeds 76/76 and demo 294/294 (tests/test_demo_corpus.py)",
    )
    quote_same_moment: float = setting(
        0.6,
        "the sentences around two partly aligned quotes must be more alike to make them one quote",
        "docs/benchmarks.md, Compare: seeds 76/76 and demo 294/294 (tests/test_demo_corpus.py)",
    )

    # ----------------------------------------------------------- dates (compare/dates.py, report/timeline.py)
    date_max_days_apart: int = setting(
        3,
        "one event dated further apart by two outlets is still compared: more date disputes, fewer two-occurrence splits",
        "no bench figure recorded: set with the first date comparison (a89a22f); tests/test_compare_events.py",
    )
    timeline_conflict_window_days: int = setting(
        7,
        "the timeline looks further for the same event dated otherwise by another outlet",
        "no bench figure recorded: set with the first timeline (ab92ae7); tests/test_timeline.py",
    )

    def as_dict(self) -> dict[str, Any]:
        """Name -> value, as the JSON report records them."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


DEFAULT_SETTINGS = Settings()


def settings_from_mapping(values: dict[str, Any], origin: str = "settings") -> Settings:
    """Defaults overridden by ``values``; an unknown name or a value of the wrong kind is a
    :class:`SettingsError` naming it (a misspelt key must never be ignored silently)."""
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    chosen: dict[str, Any] = {}
    for key, value in values.items():
        if key not in fields:
            raise SettingsError(f"{origin}: unknown setting {key!r} (known: {', '.join(sorted(fields))})")
        default = fields[key].default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SettingsError(f"{origin}: setting {key!r} must be a number, not {value!r}")
        if isinstance(default, int) and not isinstance(value, int):
            raise SettingsError(f"{origin}: setting {key!r} must be a whole number, not {value!r}")
        chosen[key] = float(value) if isinstance(default, float) else value
    return dataclasses.replace(DEFAULT_SETTINGS, **chosen)


def load_settings(path: str | Path) -> Settings:
    """The settings of a TOML file of ``name = value`` lines (a ``[wirecheck]`` table works too)."""
    try:
        with open(path, "rb") as handle:
            values = tomllib.load(handle)
    except OSError as err:
        raise SettingsError(f"{path}: cannot read the settings file ({err.strerror or err})") from err
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"{path}: not a TOML file: {err}") from err
    if set(values) == {"wirecheck"} and isinstance(values["wirecheck"], dict):
        values = values["wirecheck"]
    return settings_from_mapping(values, origin=str(path))
