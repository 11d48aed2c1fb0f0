"""Settings: one object of thresholds, overridable from a TOML file, recorded in the report.

The articles are our own (a storm closing a ferry port, reprinted by a second outlet)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from wirecheck.pipeline import analyze
from wirecheck.report.json import report_to_dict
from wirecheck.settings import DEFAULT_SETTINGS, Settings, SettingsError, load_settings

WIRECHECK = Path(sys.executable).parent / "wirecheck"

ORIGINAL = """Harbour Gazette

Storm closes port as ferries stay docked

A winter storm closed the ferry port at Carrow on Monday, leaving at least 40 lorries queued on the
approach road and hundreds of foot passengers waiting in the terminal, the harbour master said.

"We will reopen as soon as the swell drops below two metres," harbour master Ian Pryce told
reporters at the terminal on Monday afternoon.

Forecasters expect the wind to ease overnight, and ferry operators said sailings to the islands
could resume on Tuesday morning if the sea state allowed it.

The coastguard said two fishing boats had sheltered in the outer basin since Sunday night and that
their crews were safe.
"""

REPRINT = ORIGINAL.replace("Harbour Gazette", "Valley Courier")


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gazette.txt").write_text(ORIGINAL, encoding="utf-8")
    (folder / "courier.txt").write_text(REPRINT, encoding="utf-8")
    return folder


def analyze_with_config(tmp_path: Path, config: Path, *output: str) -> subprocess.CompletedProcess[str]:
    """``wirecheck analyze`` of the two-article corpus with a settings file, as a user runs it."""
    return subprocess.run(
        [str(WIRECHECK), "analyze", str(corpus(tmp_path)), *output, "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_every_setting_says_what_raising_it_does_and_where_it_was_set() -> None:
    for f in dataclasses.fields(Settings):
        assert f.metadata.get("raising"), f.name
        assert f.metadata.get("set_on"), f.name


def test_a_file_overrides_only_the_keys_it_names(tmp_path: Path) -> None:
    path = tmp_path / "strict.toml"
    path.write_text("copy_containment = 0.8\nstory_join_score = 0.5\n", encoding="utf-8")
    chosen = load_settings(path)
    assert chosen.copy_containment == 0.8
    assert chosen.story_join_score == 0.5
    assert chosen.reprint_containment == DEFAULT_SETTINGS.reprint_containment
    table = tmp_path / "table.toml"
    table.write_text("[wirecheck]\nspin_min_synonym_swaps = 9\n", encoding="utf-8")
    assert load_settings(table).spin_min_synonym_swaps == 9


def test_an_unknown_key_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "typo.toml"
    path.write_text("copy_contaiment = 0.8\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"typo\.toml: unknown setting 'copy_contaiment'"):
        load_settings(path)


def test_a_value_of_the_wrong_kind_is_an_error_naming_the_key(tmp_path: Path) -> None:
    path = tmp_path / "kind.toml"
    path.write_text('copy_containment = "high"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="'copy_containment' must be a number"):
        load_settings(path)
    path.write_text("spin_min_synonym_swaps = 2.5\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="'spin_min_synonym_swaps' must be a whole number"):
        load_settings(path)
    path.write_text("copy_containment = [\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="not a TOML file"):
        load_settings(path)


def test_the_command_refuses_a_bad_config_before_any_work(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("story_join_scor = 0.5\n", encoding="utf-8")
    report = tmp_path / "report.json"
    result = analyze_with_config(tmp_path, config, "--json", str(report))
    assert result.returncode == 2
    assert "unknown setting 'story_join_scor'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not report.exists()


def test_a_config_changes_the_report_as_its_settings_say(tmp_path: Path, models) -> None:
    folder = corpus(tmp_path)
    default = report_to_dict(analyze([folder], models=models))
    links = {a["id"]: a["copy_of"] for a in default["articles"] if a["copy_of"]}
    assert len(links) == 1 and set(links.items()) <= {("courier", "gazette"), ("gazette", "courier")}
    assert default["settings"] == DEFAULT_SETTINGS.as_dict()

    config = tmp_path / "no-copies.toml"
    config.write_text("copy_min_shared_shingles = 100000\n", encoding="utf-8")
    strict = report_to_dict(analyze([folder], models=models, settings=load_settings(config)))
    assert [a["copy_of"] for a in strict["articles"]] == [None, None]  # too few shared runs to be a copy
    assert strict["settings"]["copy_min_shared_shingles"] == 100000
    assert {k: v for k, v in strict["settings"].items() if k != "copy_min_shared_shingles"} == {
        k: v for k, v in default["settings"].items() if k != "copy_min_shared_shingles"
    }


@pytest.mark.slow
def test_the_command_writes_the_settings_it_ran_with(tmp_path: Path) -> None:
    config = tmp_path / "strict.toml"
    config.write_text("copy_min_shared_shingles = 100000\n", encoding="utf-8")
    report = tmp_path / "report.json"
    result = analyze_with_config(tmp_path, config, "--json", str(report))
    assert result.returncode == 0, result.stderr
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["settings"]["copy_min_shared_shingles"] == 100000
    assert all(a["copy_of"] is None for a in written["articles"])


def test_an_engine_runs_with_the_defaults_and_says_so(tmp_path: Path) -> None:
    from wirecheck.model import Grouping, Report

    def engine(documents, progress):  # an engine that only counts what it was handed
        return Report(articles=(), mentions=(), grouping=Grouping(), stories=())

    report = analyze([corpus(tmp_path)], engine=engine)
    assert report.settings == DEFAULT_SETTINGS.as_dict()
    stricter = dataclasses.replace(DEFAULT_SETTINGS, copy_containment=0.7)
    with pytest.raises(ValueError, match="default settings"):
        analyze([tmp_path / "in"], engine=engine, settings=stricter)


def test_an_archive_run_refuses_a_config_rather_than_ignore_it(tmp_path: Path) -> None:
    config = tmp_path / "strict.toml"
    config.write_text("copy_min_shared_shingles = 100000\n", encoding="utf-8")
    archive = tmp_path / "archive.db"
    result = analyze_with_config(tmp_path, config, "--db", str(archive))
    assert result.returncode != 0
    assert "--config" in result.stderr and "--db" in result.stderr
    assert "Traceback" not in result.stderr
    assert not archive.exists()
