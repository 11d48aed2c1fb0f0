"""The Ray engine (``wirecheck analyze --engine ray``): the same report as the local engine on the
demo corpus, a plain message when Ray is missing, and the story inputs it cuts out of a report
picked as ``pipeline.build_story`` would pick them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wirecheck import cli
from wirecheck.engines.ray import STORY_CALL_ARTICLES, story_calls
from wirecheck.model import Article, ArticleMentions, StoryCluster
from wirecheck.pipeline import StoryInput, story_inputs


def article(article_id: str) -> Article:
    body = f"Crews from {article_id} worked through the night."
    return Article(id=article_id, source=f"{article_id}.txt", format="txt", body=body, paragraphs=(body,))


def test_missing_ray_is_a_message_not_a_traceback(
    demo_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError

    status = cli.main(["analyze", str(demo_dir), "--engine", "ray", "--quiet"])

    assert status == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert "pip install 'wirecheck[ray]'" in err
    assert "Traceback" not in err


def test_address_without_the_ray_engine_is_refused(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["analyze", str(demo_dir), "--address", "ray://head:10001", "--quiet"])
    assert status == cli.EXIT_FAILED
    assert "--engine ray" in capsys.readouterr().err


def test_story_inputs_keep_report_order_and_only_the_story_articles() -> None:
    articles = [article(name) for name in ("a", "b", "c", "d")]
    mentions = [ArticleMentions(article_id=a.id) for a in articles]
    stories = [StoryCluster("s1", ("c", "a")), StoryCluster("s2", ("b",))]

    inputs = story_inputs(articles, mentions, stories)

    assert [[a.id for a in item.articles] for item in inputs] == [["a", "c"], ["b"]]
    assert [[m.article_id for m in item.mentions] for item in inputs] == [["a", "c"], ["b"]]
    assert [item.story for item in inputs] == stories


def test_story_calls_pack_small_stories_and_keep_every_story_once() -> None:
    one = article("x")
    small = [StoryInput(StoryCluster(f"s{n}", ("x",)), (one,), ()) for n in range(STORY_CALL_ARTICLES + 5)]

    calls = list(story_calls(small))

    assert [len(call) for call in calls] == [STORY_CALL_ARTICLES, 5]
    assert [item for call in calls for item in call] == small


@pytest.mark.slow
def test_ray_engine_gives_the_local_engine_report_on_the_demo(demo_dir: Path, models) -> None:
    pytest.importorskip("ray")
    from wirecheck import pipeline
    from wirecheck.engines import ray as ray_engine

    local = pipeline.analyze([demo_dir], models=models)
    on_ray = ray_engine.analyze([demo_dir])

    assert len(local.stories) >= 2  # the demo has several stories, so assignment is exercised
    assert on_ray.articles == local.articles
    assert on_ray.mentions == local.mentions
    assert on_ray.grouping == local.grouping
    assert [(s.id, s.article_ids, s.title) for s in on_ray.stories] == [
        (s.id, s.article_ids, s.title) for s in local.stories
    ]
    for ray_story, local_story in zip(on_ray.stories, local.stories, strict=True):
        assert ray_story.facts == local_story.facts, ray_story.id
        assert ray_story.entities == local_story.entities, ray_story.id
        assert ray_story.quotes == local_story.quotes, ray_story.id
        assert ray_story.timeline == local_story.timeline, ray_story.id
    assert on_ray.problems == local.problems


@pytest.mark.slow
def test_ray_engine_into_an_archive_stores_the_local_engine_stories_on_the_demo(
    demo_dir: Path, tmp_path: Path, models, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``analyze --db`` on both engines goes through the one incremental core: the same
    articles, stories (ids and members) and story reports (facts, entities, quotes, timeline)
    end in the two SQLite files."""
    pytest.importorskip("ray")
    from wirecheck.store import Store

    local_db, ray_db = tmp_path / "local.db", tmp_path / "ray.db"
    monkeypatch.setattr("wirecheck.nlp.load_models", lambda: models)  # the driver's, not the actors'
    assert (
        cli.main(["analyze", str(demo_dir), "--quiet", "--db", str(local_db), "--batch", "8"]) == cli.EXIT_OK
    )
    status = cli.main(
        ["analyze", str(demo_dir), "--quiet", "--engine", "ray", "--db", str(ray_db), "--batch", "8"]
    )
    assert status == cli.EXIT_OK

    with Store(local_db) as local, Store(ray_db) as on_ray:
        assert len(local.story_ids()) >= 2  # several stories, so assignment is exercised
        assert sorted(on_ray.article_ids()) == sorted(local.article_ids())
        assert sorted(on_ray.story_ids()) == sorted(local.story_ids())
        assert on_ray.get_mentions(local.article_ids()) == local.get_mentions(local.article_ids())
        for sid in local.story_ids():
            ray_story, local_story = on_ray.get_story(sid), local.get_story(sid)
            assert ray_story is not None and local_story is not None
            assert ray_story.article_ids == local_story.article_ids, sid
            assert ray_story.facts == local_story.facts, sid
            assert ray_story.entities == local_story.entities, sid
            assert ray_story.quotes == local_story.quotes, sid
            assert ray_story.timeline == local_story.timeline, sid
        assert on_ray.get_grouping(local.article_ids()) == local.get_grouping(local.article_ids())
