"""``analyze(paths) -> Report``: the stages in order, data flowing one way.

ingest -> clean -> extract -> group -> (per story) entities, quotes, facts,
timeline, brief -> Report.  Models are loaded once (``nlp.load_models``) and
handed to the stages that need them; so are the thresholds (``settings.Settings``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike
from typing import TYPE_CHECKING

from wirecheck import clean, compare, extract, group, ingest
from wirecheck.model import (
    Article,
    ArticleMentions,
    Grouping,
    InputProblem,
    RawDocument,
    Report,
    StoryCluster,
    StoryReport,
)
from wirecheck.nlp import Models, load_models
from wirecheck.report import brief, timeline
from wirecheck.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from wirecheck.incremental import UpdateResult
    from wirecheck.store import Store

ProgressFactory = Callable[[str, int], Callable[[int], None]]
# runs the stages after ingestion somewhere else (wirecheck.engines.ray): documents -> report
DocumentsEngine = Callable[[Sequence[RawDocument], ProgressFactory | None], Report]


def analyze(
    paths: Iterable[str | PathLike[str]],
    *,
    models: Models | None = None,
    progress: ProgressFactory | None = None,
    engine: DocumentsEngine | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> Report:
    """Read every input under ``paths`` and analyse it as one report (here, or on ``engine``,
    which runs with the default settings: other settings with an engine are refused)."""
    if engine and settings != DEFAULT_SETTINGS:
        raise ValueError("an engine runs with the default settings; analyse here to use others")
    ingested = ingest.read_inputs([str(p) for p in paths], progress=progress)
    if engine:
        report = engine(ingested.documents, progress)
    else:
        report = analyze_documents(ingested.documents, models=models, progress=progress, settings=settings)
    return Report(
        articles=report.articles,
        mentions=report.mentions,
        grouping=report.grouping,
        stories=report.stories,
        problems=tuple(ingested.problems) + tuple(report.problems),
        settings=report.settings or settings.as_dict(),
    )


def analyze_documents(
    documents: Sequence[RawDocument],
    *,
    models: Models | None = None,
    progress: ProgressFactory | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> Report:
    """The pipeline after ingestion: for the Python API, the web app and Ray.  Documents that
    did not come through ``ingest`` are fitted to the size budget of one article here."""
    fitted, budget_notes = ingest.documents_within_budget(documents)
    articles = clean.clean_documents(fitted)
    notes = tuple(budget_notes) + cleaning_notes(articles)
    if not articles:
        return Report(
            articles=(),
            mentions=(),
            grouping=Grouping(),
            stories=(),
            problems=notes,
            settings=settings.as_dict(),
        )
    models = models or load_models()
    mentions = extract.extract_mentions(articles, models, progress=progress)
    with stage(progress, "group into stories", 1):
        grouping = group.group_articles(articles, mentions, models, settings)
    stories = []
    with stage(progress, "build stories", len(grouping.stories)) as advance:
        for item in story_inputs(articles, mentions, grouping.stories):
            stories.append(
                build_story(
                    item.story.id,
                    item.story.article_ids,
                    item.articles,
                    item.mentions,
                    grouping,
                    models,
                    settings,
                )
            )
            advance(1)
    return Report(
        articles=tuple(articles),
        mentions=tuple(mentions),
        grouping=grouping,
        stories=tuple(stories),
        problems=notes,
        settings=settings.as_dict(),
    )


def update(
    store: Store,
    documents: Sequence[RawDocument],
    *,
    models: Models | Callable[[], Models] = load_models,
    progress: ProgressFactory | None = None,
) -> UpdateResult:
    """Add documents to a stored archive and rebuild only the stories that changed: the one
    incremental path of ``wirecheck add`` and the web app (see ``wirecheck.incremental``)."""
    from wirecheck.incremental import update as update_store

    return update_store(store, documents, models, progress=progress)


@contextmanager
def stage(progress: ProgressFactory | None, label: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar for one stage (so a long run says where it is); the stage advances it, and
    it is completed when the stage ends."""
    if progress is None or total <= 0:
        yield lambda n: None
        return
    advance = progress(label, total)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        advance(n)

    yield step
    if done < total:
        advance(total - done)


def cleaning_notes(articles: Sequence[Article]) -> tuple[InputProblem, ...]:
    """Articles the cleaner could not find prose in are kept, and said so in the summary."""
    return tuple(
        InputProblem(source=a.source, reason=str(a.meta["cleaning_note"]), skipped=False)
        for a in articles
        if a.meta.get("cleaning_note")
    )


@dataclass(frozen=True)
class StoryInput:
    """What :func:`wirecheck.pipeline.build_story` reads of one story, cut out of the report
    once for all stories (its articles and mentions in report order, as it picks them itself)."""

    story: StoryCluster
    articles: tuple[Article, ...]
    mentions: tuple[ArticleMentions, ...]


def story_inputs(
    articles: Sequence[Article], mentions: Sequence[ArticleMentions], stories: Sequence[StoryCluster]
) -> list[StoryInput]:
    """Each story's own articles and mentions, in one pass over the report: building every
    story then costs one pass, not one scan of the whole report per story (quadratic at scale)."""
    stories_of: dict[str, list[int]] = {}
    for n, story in enumerate(stories):
        for article_id in story.article_ids:
            stories_of.setdefault(article_id, []).append(n)
    picked_articles: list[list[Article]] = [[] for _ in stories]
    picked_mentions: list[list[ArticleMentions]] = [[] for _ in stories]
    for article in articles:
        for n in stories_of.get(article.id, ()):
            picked_articles[n].append(article)
    for found in mentions:
        for n in stories_of.get(found.article_id, ()):
            picked_mentions[n].append(found)
    return [
        StoryInput(story, tuple(a), tuple(m))
        for story, a, m in zip(stories, picked_articles, picked_mentions, strict=True)
    ]


def build_story(
    story_id: str,
    article_ids: Sequence[str],
    articles: Sequence[Article],
    mentions: Sequence[ArticleMentions],
    grouping: Grouping,
    models: Models,
    settings: Settings = DEFAULT_SETTINGS,
) -> StoryReport:
    """Everything said about one story: entities, quotes, facts, timeline, brief."""
    wanted = set(article_ids)
    story_articles = [a for a in articles if a.id in wanted]
    story_mentions = [m for m in mentions if m.article_id in wanted]
    entities = extract.resolve_story_entities(story_articles, story_mentions)
    quotes = extract.resolve_story_quotes(story_mentions, entities)
    families = group.find_families(story_articles, story_mentions, grouping.copies)
    facts = compare.compare_story(
        story_articles, story_mentions, entities, quotes, grouping, models, settings, families
    )
    events = timeline.build_timeline(story_articles, story_mentions, settings)
    summary = brief.build_brief(story_articles, story_mentions, facts, grouping, models)
    return StoryReport(
        id=story_id,
        article_ids=tuple(article_ids),
        title=brief.story_title(story_articles, facts),
        entities=tuple(entities),
        quotes=tuple(quotes),
        facts=tuple(facts),
        timeline=tuple(events),
        brief=tuple(summary),
        families=families,
    )
