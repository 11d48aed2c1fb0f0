"""The pipeline's stages on Ray (``wirecheck analyze --engine ray [--address ADDRESS]``).

The same functions as the local engine, placed on a cluster:

- cleaning and extraction: a Ray Data stream of the ingested documents, mapped in batches
  (``map_batches``) by a pool of CPU actors that each load the models once
  (:func:`wirecheck.nlp.load_models`); the lines recurring across the whole batch, which the
  cleaner needs to spot site furniture, are counted once here and handed to every actor;
- story assignment: :func:`wirecheck.group.group_articles` as one call on a story actor;
- per-story comparison: :func:`wirecheck.pipeline.build_story`, runs of stories spread over the
  story actors, which keep the grouping from the first call.

Results come back to this process as the same :class:`~wirecheck.model.Report` the local engine
makes, so the JSON and HTML writers take it unchanged.

Into an archive (``--db``, :func:`archive_updater`) the engine goes through the one incremental
core, :func:`wirecheck.incremental.update_articles`, batch after batch as ``wirecheck add`` does:
the batch is cleaned here (the resume check, by content hash, needs the cleaned text before any
parse); the articles the store lacks are parsed, the leads of story assignment embedded and each
changed story rebuilt on one pool of actors that load the models once for the whole run
(:class:`RayStages`); the store is read and written here.  Not Ray Data for this parse: its
actor pool lives for one dataset, so a dataset per batch would load the models per batch, and
one dataset over all inputs could not resume batch by batch.  Ingestion stays here (it
reads the local paths).  Without an address a private Ray starts on this machine (2 CPUs, no
dashboard, bound to loopback, usage statistics off) and stops when the run ends.

``ray`` is an optional dependency (``pip install 'wirecheck[ray]'``); nothing imports it until
this engine runs.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from os import PathLike
from types import ModuleType
from typing import Any, TypeVar

from wirecheck import clean, group, incremental, ingest, pipeline
from wirecheck.extract.runner import mentions_of_chunk
from wirecheck.incremental import RebuiltStory, StoryWork, UpdateResult
from wirecheck.model import Article, ArticleMentions, Grouping, RawDocument, Report, StoryReport
from wirecheck.nlp import load_models
from wirecheck.pipeline import StoryInput, story_inputs
from wirecheck.store import Store

T = TypeVar("T")

ProgressFactory = Callable[[str, int], Callable[[int], None]]
INSTALL_HINT = "pip install 'wirecheck[ray]' (or pip install 'ray[data]==2.60.0')"
LOCAL_CPUS = 2  # a local Ray takes the two cores of a laptop-sized machine
# Ray gives its node 30 s to come up; on a machine busy with other jobs it can take longer
LOCAL_START_ATTEMPTS = 3
LOCAL_OBJECT_STORE_BYTES = 1 << 30  # enough for 10,000 articles and their mentions; Ray spills beyond
EXTRACT_BATCH = 16  # articles per map_batches call: ~2 s of parsing, small enough to balance actors
STORY_CALL_ARTICLES = 32  # consecutive stories are sent together up to this many articles per call


class RayEngineError(RuntimeError):
    """Ray is not installed or the cluster cannot be reached: the message says what to do."""


def analyze(
    paths: Iterable[str | PathLike[str]],
    *,
    address: str | None = None,
    progress: ProgressFactory | None = None,
) -> Report:
    """:func:`wirecheck.pipeline.analyze` with the stages after ingestion run on Ray."""
    import_ray()  # a missing install is said before the inputs are read

    def on_ray(documents: Sequence[RawDocument], progress: ProgressFactory | None) -> Report:
        return analyze_documents(documents, address=address, progress=progress)

    return pipeline.analyze(paths, progress=progress, engine=on_ray)


def analyze_documents(
    documents: Sequence[RawDocument],
    *,
    address: str | None = None,
    progress: ProgressFactory | None = None,
) -> Report:
    """Clean, extract, group and compare ``documents`` on Ray (a local one when no address)."""
    if not documents:  # nothing read: no cluster to start
        return Report(articles=(), mentions=(), grouping=Grouping(), stories=())
    ray = import_ray()
    started_here = connect(ray, address)
    try:
        articles, mentions = clean_and_extract(ray, documents, progress)
        notes = pipeline.cleaning_notes(articles)
        if not articles:
            return Report(articles=(), mentions=(), grouping=Grouping(), stories=(), problems=notes)
        workers = start_story_workers(ray)
        grouping: Grouping = ray.get(workers[0].group.remote(articles, mentions))
        stories = build_stories(ray, workers, articles, mentions, grouping, progress)
    finally:
        if started_here:
            ray.shutdown()
    return Report(
        articles=tuple(articles), mentions=tuple(mentions), grouping=grouping, stories=stories, problems=notes
    )


# --------------------------------------------------------------------------- connecting


def import_ray() -> ModuleType:
    """The ``ray`` module with Ray Data, or a message saying how to install them."""
    try:
        import ray
        import ray.data  # noqa: F401 - cleaning and extraction run as a Ray Data stream
    except ImportError as err:
        raise RayEngineError(f"the Ray engine needs the ray package with Ray Data: {INSTALL_HINT}") from err
    return ray


def connect(ray: ModuleType, address: str | None) -> bool:
    """Join the cluster at ``address`` (or at ``RAY_ADDRESS``, which ``ray job submit`` sets),
    or start a private local Ray; True when connected here.  A Ray already initialised in this
    process (the Python API inside a Ray job) is used as is."""
    if ray.is_initialized():
        return False
    address = address or os.environ.get("RAY_ADDRESS")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no report to Anyscale's servers
    quiet = {"logging_level": logging.ERROR, "log_to_driver": False}
    attempts = 1 if address else LOCAL_START_ATTEMPTS
    for attempt in range(1, attempts + 1):
        try:
            if address:
                ray.init(address=address, **quiet)
            else:
                start_local_ray(ray, quiet)
            break
        except Exception as err:  # Ray raises bare Exception when its node is slow to start
            ray.shutdown()
            if attempt == attempts:
                where = f"the Ray cluster at {address}" if address else "a local Ray"
                raise RayEngineError(f"could not start or reach {where}: {err}") from err
    quiet_ray_data(ray)
    return True


def start_local_ray(ray: ModuleType, options: dict[str, Any]) -> None:
    """A private Ray on this machine's loopback: 2 CPUs, no dashboard."""
    # the driver's C++ log would warn that Ray Data's actors may restart (they may)
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    # Ray nices its workers to 15; here they do the run's own work, and on a busy machine
    # a niced worker waits behind every other job (the local engine's processes do not)
    os.environ.setdefault("RAY_worker_niceness", "0")
    ray.init(
        num_cpus=LOCAL_CPUS,
        include_dashboard=False,
        object_store_memory=LOCAL_OBJECT_STORE_BYTES,
        _node_ip_address="127.0.0.1",
        **options,
    )


def quiet_ray_data(ray: ModuleType) -> None:
    """No progress bars or execution plans from Ray Data: wirecheck shows its own progress."""
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    context.enable_auto_log_stats = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)


def cluster_cpus(ray: ModuleType) -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


# --------------------------------------------------------------------------- clean and extract


class CleanAndExtract:
    """A Ray Data actor: loads the models once, then cleans and extracts batch after batch.
    Rows carry pickled dataclasses (``document`` in; ``article`` and ``mentions`` out) and the
    document's position, so the results can be put back in input order."""

    def __init__(self, recurring: frozenset[str]) -> None:
        self.models = load_models()
        self.recurring = recurring

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        articles = [clean.clean_document(pickle.loads(row), self.recurring) for row in batch["document"]]
        mentions = list(mentions_of_chunk(articles, self.models.nlp))
        return {
            "index": batch["index"],
            "article": np.array([pickle.dumps(a) for a in articles], dtype=object),
            "mentions": np.array([pickle.dumps(m) for m in mentions], dtype=object),
        }


def clean_and_extract(
    ray: ModuleType, documents: Sequence[RawDocument], progress: ProgressFactory | None
) -> tuple[list[Article], list[ArticleMentions]]:
    """Every document cleaned and its mentions extracted on the cluster, in input order."""
    if not documents:
        return [], []
    rows = [{"index": n, "document": pickle.dumps(doc)} for n, doc in enumerate(documents)]
    dataset = ray.data.from_items(rows, override_num_blocks=-(-len(rows) // EXTRACT_BATCH))
    mapped = dataset.map_batches(
        CleanAndExtract,
        fn_constructor_kwargs={"recurring": clean.recurring_lines(documents)},
        batch_size=EXTRACT_BATCH,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=min(cluster_cpus(ray), len(rows))),
        num_cpus=1,
    )
    advance = progress("extract", len(rows)) if progress else None
    placed: dict[int, tuple[Article, ArticleMentions]] = {}
    for batch in mapped.iter_batches(batch_size=None, batch_format="numpy"):
        for index, article, mentions in zip(batch["index"], batch["article"], batch["mentions"], strict=True):
            placed[int(index)] = (pickle.loads(article), pickle.loads(mentions))
        if advance:
            advance(len(batch["index"]))
    in_order = [placed[n] for n in range(len(rows))]
    return [a for a, _ in in_order], [m for _, m in in_order]


# --------------------------------------------------------------------------- stories


class StoryWorker:
    """A story actor: loads the models once; groups the articles (one call), then builds the
    reports of runs of stories against the grouping it kept.  Into an archive: embeds the leads
    story assignment needs, and rebuilds runs of changed stories."""

    def __init__(self) -> None:
        self.models = load_models()
        self.grouping = Grouping()

    def extract(self, articles: Sequence[Article]) -> list[ArticleMentions]:
        return list(mentions_of_chunk(articles, self.models.nlp))

    def embed_leads(self, articles: Sequence[Article]) -> Any:
        return group.story_embeddings(articles, self.models)

    def rebuild(self, works: Sequence[StoryWork]) -> list[RebuiltStory]:
        return [incremental.rebuild_story(work, self.models) for work in works]

    def group(self, articles: Sequence[Article], mentions: Sequence[ArticleMentions]) -> Grouping:
        return group.group_articles(articles, mentions, self.models)

    def keep_grouping(self, grouping: Grouping) -> None:
        self.grouping = grouping

    def build(self, inputs: Sequence[StoryInput]) -> list[StoryReport]:
        return [
            pipeline.build_story(
                item.story.id,
                item.story.article_ids,
                item.articles,
                item.mentions,
                self.grouping,
                self.models,
            )
            for item in inputs
        ]


def start_story_workers(ray: ModuleType) -> list[Any]:
    """One story actor per CPU of the cluster."""
    actor = ray.remote(num_cpus=1)(StoryWorker)
    return [actor.remote() for _ in range(cluster_cpus(ray))]


def build_stories(
    ray: ModuleType,
    workers: Sequence[Any],
    articles: Sequence[Article],
    mentions: Sequence[ArticleMentions],
    grouping: Grouping,
    progress: ProgressFactory | None,
) -> tuple[StoryReport, ...]:
    """Every story's report, built on the story actors, in the grouping's order."""
    from ray.util import ActorPool

    grouping_ref = ray.put(grouping)
    ray.get([worker.keep_grouping.remote(grouping_ref) for worker in workers])
    calls = list(story_calls(story_inputs(articles, mentions, grouping.stories)))
    advance = progress("compare", len(grouping.stories)) if progress else None
    built: list[StoryReport] = []
    pool = ActorPool(list(workers))
    for reports in pool.map(lambda worker, inputs: worker.build.remote(inputs), calls):
        built.extend(reports)
        if advance:
            advance(len(reports))
    return tuple(built)


def story_calls(inputs: Sequence[StoryInput]) -> Iterator[list[StoryInput]]:
    """Consecutive stories packed into calls of about :data:`STORY_CALL_ARTICLES` articles:
    one call per small story would cost more in messages than in work."""
    return packed_calls(inputs, lambda item: len(item.articles))


def packed_calls(items: Sequence[T], articles_of: Callable[[T], int]) -> Iterator[list[T]]:
    """Consecutive items packed into calls of about :data:`STORY_CALL_ARTICLES` articles."""
    call: list[T] = []
    size = 0
    for item in items:
        call.append(item)
        size += articles_of(item)
        if size >= STORY_CALL_ARTICLES:
            yield call
            call, size = [], 0
    if call:
        yield call


# --------------------------------------------------------------------------- into an archive


def extract_on_ray(
    ray: ModuleType, workers: Sequence[Any], articles: Sequence[Article]
) -> list[ArticleMentions]:
    """Mentions of ``articles``, in order, parsed on the run's actors in calls of
    :data:`EXTRACT_BATCH` articles."""
    from ray.util import ActorPool

    calls = [list(articles[n : n + EXTRACT_BATCH]) for n in range(0, len(articles), EXTRACT_BATCH)]
    mentions: list[ArticleMentions] = []
    for done in ActorPool(list(workers)).map(lambda worker, call: worker.extract.remote(call), calls):
        mentions.extend(done)  # ActorPool.map keeps the order of the calls
    return mentions


class RayStages:
    """:class:`wirecheck.incremental.StoryStages` on the story actors: the lead embeddings on
    one actor, the changed stories packed into calls spread over all of them."""

    def __init__(self, ray: ModuleType, workers: Sequence[Any]) -> None:
        self.ray = ray
        self.workers = list(workers)

    def embed_leads(self, articles: Sequence[Article]) -> Any:
        return self.ray.get(self.workers[0].embed_leads.remote(list(articles)))

    def rebuild(self, works: Sequence[StoryWork]) -> list[RebuiltStory]:
        from ray.util import ActorPool

        calls = list(work_calls(works))
        pool = ActorPool(self.workers)
        rebuilt: list[RebuiltStory] = []
        for done in pool.map(lambda worker, call: worker.rebuild.remote(call), calls):
            rebuilt.extend(done)  # ActorPool.map keeps the order of the calls
        return rebuilt


def work_calls(works: Sequence[StoryWork]) -> Iterator[list[StoryWork]]:
    """Changed stories packed into calls of about :data:`STORY_CALL_ARTICLES` articles."""
    return packed_calls(works, lambda work: len(work.articles))


@contextmanager
def archive_updater(
    *, address: str | None = None
) -> Iterator[Callable[[Store, Sequence[RawDocument]], UpdateResult]]:
    """How ``wirecheck analyze --engine ray --db`` adds one batch of documents to the archive:
    :func:`wirecheck.incremental.update` with the parse and the story work on Ray (a local
    Ray when no address, started once for the whole run)."""
    ray = import_ray()
    started_here = connect(ray, address)
    try:
        workers = start_story_workers(ray)
        stages = RayStages(ray, workers)

        def add_batch(store: Store, documents: Sequence[RawDocument]) -> UpdateResult:
            fitted, budget_notes = ingest.documents_within_budget(documents)
            articles = clean.clean_documents(fitted)
            unseen = incremental.unseen_articles(articles, store)
            parsed = {m.article_id: m for m in extract_on_ray(ray, workers, unseen)}
            result = incremental.update_articles(
                store, articles, load_models, extracted=parsed, stages=stages
            )
            return dataclasses.replace(
                result, notes=(*budget_notes, *pipeline.cleaning_notes(articles), *result.notes)
            )

        yield add_batch
    finally:
        if started_here:
            ray.shutdown()
