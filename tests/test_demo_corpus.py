"""The demo corpus (examples/demo) is well formed, its gold file matches its texts, and the
whole pipeline run on it passes the metadata checks of shared/tools/score_report.py.

The corpus is read here with plain json/feedparser, independently of wirecheck.ingest, so a
bug in the reader cannot hide a bug in the corpus (or the other way round).
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import feedparser
import pytest

ARTICLE_SUFFIXES = {".txt", ".html"}
SEED_RUN = 12  # words: no run this long may be shared with the seed articles
SHARED = Path(__file__).resolve().parents[2] / "shared"


def read_demo_texts(demo: Path) -> dict[str, str]:
    """Every article of the corpus by id, as raw text (HTML entities decoded)."""
    texts: dict[str, str] = {}
    for path in sorted(demo.iterdir()):
        if path.suffix in ARTICLE_SUFFIXES:
            texts[path.stem] = html.unescape(path.read_text(encoding="utf-8"))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                texts[record["id"]] = "\n".join(
                    str(record.get(k) or "") for k in ("title", "author", "published", "text")
                )
        elif path.suffix == ".xml":
            feed = feedparser.parse(str(path))
            assert not feed.bozo, f"{path.name} is not a well-formed feed: {feed.bozo_exception}"
            for n, entry in enumerate(feed.entries, start=1):
                assert "id" not in entry, "feed entries must have no guid, so their ids are <stem>-<n>"
                body = " ".join(c.value for c in entry.get("content", []))
                texts[f"{path.stem}-{n}"] = "\n".join(
                    [entry.get("title", ""), entry.get("author", ""), html.unescape(body)]
                )
    return texts


def squash(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.fixture(scope="module")
def gold(demo_dir: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((demo_dir / "gold.json").read_text(encoding="utf-8"))
    return result


@pytest.fixture(scope="module")
def texts(demo_dir: Path) -> dict[str, str]:
    return read_demo_texts(demo_dir)


def test_every_gold_article_is_in_the_corpus_and_every_article_is_annotated(gold, texts):
    assert set(gold["articles"]) == set(texts)
    assert 20 <= len(texts) <= 28


def test_the_corpus_mixes_formats(demo_dir: Path, gold):
    suffixes = [p.suffix for p in demo_dir.iterdir()]
    assert suffixes.count(".html") >= 2
    assert suffixes.count(".jsonl") == 1
    assert suffixes.count(".xml") == 1
    formats = {g["format"] for g in gold["articles"].values()}
    assert formats == {"text", "html", "jsonl", "rss"}


def test_stories_partition_the_articles_with_three_to_six_outlets_each(gold):
    seen: list[str] = []
    for story in gold["stories"]:
        seen.extend(story)
        # an article whose outlet the text does not name counts as an outlet of its own
        outlets = {gold["articles"][aid]["outlet"] or aid for aid in story}
        assert 3 <= len(story) <= 6, story
        assert 3 <= len(outlets) <= 6, story
    assert sorted(seen) == sorted(gold["articles"])
    assert 4 <= len(gold["stories"]) <= 5


def test_articles_are_of_news_length(texts):
    for aid, text in texts.items():
        assert 250 <= len(words(text)) <= 1600, aid  # raw text: HTML pages carry their markup words


def test_every_gold_string_is_literally_in_its_article(gold, texts):
    missing: list[tuple[str, str]] = []

    def need(aid: str, value: Any) -> None:
        if isinstance(value, str) and squash(value) not in squash(texts[aid]):
            missing.append((aid, value))

    for aid, g in gold["articles"].items():
        for key in ("headline", "byline", "body_starts", "summary_starts", "dateline"):
            need(aid, g.get(key))
        for key in ("boilerplate_lines", "subheadings", "cites", "spun_examples"):
            for value in g.get(key, []):
                need(aid, value)
    for item in gold["disputed"] + gold["compatible"]:
        for aid, value in item["values"].items():
            need(aid, value)
    for item in gold["disputed"]:
        for aid, key in item["keys"].items():
            need(aid, key)
    for item in gold["agreed"]:
        for aid in item["articles"]:
            need(aid, item["key"])
    for quote in gold["quotes"]:
        need(quote["article"], quote["starts"])
    assert missing == []


def test_disputed_items_really_disagree_and_cite_articles_of_one_story(gold):
    story_of = {aid: n for n, story in enumerate(gold["stories"]) for aid in story}
    for item in gold["disputed"]:
        keys = item["keys"]
        assert set(keys) == set(item["values"]), item["id"]
        assert len({str(k).lower() for k in keys.values()}) >= 2, item["id"]
        assert len({story_of[aid] for aid in keys}) == 1, item["id"]
    for section in ("agreed", "timeline"):
        for item in gold[section]:
            assert len({story_of[aid] for aid in item["articles"]}) == 1, item


def test_copies_point_inside_their_story_and_the_spun_flag_agrees(gold):
    story_of = {aid: n for n, story in enumerate(gold["stories"]) for aid in story}
    kinds = set()
    for copy in gold["copies"]:
        assert story_of[copy["id"]] == story_of[copy["copy_of"]]
        kinds.add(copy["kind"])
        assert gold["articles"][copy["id"]]["spun"] is (copy["kind"] == "spun")
    assert kinds == {"reprint", "syndicated", "spun"}


def test_the_reprint_repeats_its_source_body_word_for_word(gold, texts):
    for copy in gold["copies"]:
        if copy["kind"] == "reprint":
            start = gold["articles"][copy["copy_of"]]["body_starts"]
            original = texts[copy["copy_of"]]
            body = original[original.index(start) :].split("\nRelated:")[0].strip()
            assert squash(body) in squash(texts[copy["id"]])


def test_no_twelve_word_run_is_shared_with_the_seed_articles(seeds_dir: Path, texts):
    seed_runs: set[tuple[str, ...]] = set()
    for path in seeds_dir.glob("*.txt"):
        w = words(path.read_text(encoding="utf-8"))
        seed_runs.update(tuple(w[i : i + SEED_RUN]) for i in range(len(w) - SEED_RUN + 1))
    shared = {
        aid: " ".join(run)
        for aid, text in texts.items()
        for w in [words(text)]
        for run in (tuple(w[i : i + SEED_RUN]) for i in range(len(w) - SEED_RUN + 1))
        if run in seed_runs
    }
    assert shared == {}


# --------------------------------------------------------------------------- end to end


def load_scorer() -> ModuleType:
    path = SHARED / "tools" / "score_report.py"
    if not path.is_file():
        pytest.skip("../shared/tools/score_report.py is not present")
    spec = importlib.util.spec_from_file_location("score_report", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def demo_score(demo_dir: Path, models, tmp_path_factory) -> dict[str, Any]:
    """Run the whole pipeline on the demo corpus once and score it against gold.json."""
    scorer = load_scorer()
    from wirecheck.pipeline import analyze
    from wirecheck.report.json import report_to_dict

    report = report_to_dict(analyze([demo_dir], models=models))
    report_path = tmp_path_factory.mktemp("demo") / "report.json"
    report_path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return {"report": report, "scorer": scorer, "path": report_path}


def score(demo_score: dict[str, Any], demo_dir: Path, capsys) -> list[dict[str, Any]]:
    demo_score["scorer"].main(
        ["score_report.py", str(demo_score["path"]), str(demo_dir / "gold.json"), "--json"]
    )
    results: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["results"]
    return results


@pytest.mark.slow
def test_pipeline_gets_every_metadata_check_of_the_demo_gold(demo_score, demo_dir: Path, capsys):
    results = score(demo_score, demo_dir, capsys)
    failed = [f"{r['check']}: {r['detail']}" for r in results if r["area"] == "metadata" and not r["ok"]]
    assert failed == []


@pytest.mark.slow
def test_pipeline_finds_the_demo_copies_and_keeps_stories_together(demo_score, demo_dir: Path, capsys, gold):
    results = score(demo_score, demo_dir, capsys)
    failed = [r["check"] for r in results if r["area"] == "stories" and not r["ok"]]
    copy_of = {a["id"]: a.get("copy_of") for a in demo_score["report"]["articles"]}
    wrong = [c["id"] for c in gold["copies"] if copy_of.get(c["id"]) != c["copy_of"]]
    story_of = {aid: n for n, story in enumerate(gold["stories"]) for aid in story}
    merged = [
        s["article_ids"]
        for s in demo_score["report"]["stories"]
        if len({story_of.get(aid) for aid in s["article_ids"]}) > 1
    ]
    assert failed == [] and wrong == [] and merged == []
