"""Shared fixtures: the seed corpus (when ../shared is present) and the models, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
WEB_PAGES = SHARED / "corpus" / "web-pages"
DEMO = ROOT / "examples" / "demo"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed articles; tests that need them skip on a clone without ../shared."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present (fresh clone without shared/)")
    return SEEDS


@pytest.fixture(scope="session")
def web_pages_dir() -> Path:
    if not WEB_PAGES.is_dir():
        pytest.skip("../shared/corpus/web-pages is not present")
    return WEB_PAGES


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO


@pytest.fixture(scope="session")
def models():
    """spaCy and the sentence-embedding model, loaded once for the whole test run."""
    from wirecheck.nlp import load_models

    return load_models()
