"""The model loader: how many threads the embedding model may use, and its cache."""

from __future__ import annotations

import os

import numpy as np

from wirecheck.nlp import Embedder, torch_threads


def test_embedding_threads_follow_omp_num_threads_or_the_cores_this_process_may_use(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert torch_threads() == 1
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    assert torch_threads() == 3
    for unusable in ("", "0", "two"):
        monkeypatch.setenv("OMP_NUM_THREADS", unusable)
        assert torch_threads() == len(os.sched_getaffinity(0))
    monkeypatch.delenv("OMP_NUM_THREADS")
    assert torch_threads() == len(os.sched_getaffinity(0))


def test_embeddings_are_unit_length_in_order_and_the_same_whatever_the_batch(models):
    """Small batches (16 texts a pass) pad less; the vectors must not depend on the batching."""
    texts = [
        "The footbridge collapsed during the festival.",
        "Seven people were killed.",
        "Divers searched the river until nightfall for anyone swept downstream by the current, "
        "the emergency services said on Sunday evening after a long day.",
    ] * 7
    small = Embedder(batch_size=2, _model=models.embedder._load())
    large = Embedder(batch_size=64, _model=models.embedder._load())
    a, b = small.encode(texts), large.encode(texts)
    assert a.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.allclose(a, b, atol=1e-5)
    assert np.allclose(a[0], a[3]) and not np.allclose(a[0], a[1], atol=0.1)
    assert small.encode([]).shape == (0, 384)
