"""The translation memory never follows a link: a committed ``.cache/translation-memory.jsonl -> ~/.bashrc``
would otherwise have each new translation appended to the file it points at."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.translate.memory import TranslationMemory

REFUSAL = "is a symbolic link; the translation memory must be a regular file: delete the link"


def test_a_link_is_neither_read_nor_appended_to(tmp_path: Path):
    target = tmp_path / "bashrc"
    target.write_text("echo hello\n", encoding="utf-8")
    link = tmp_path / "memory.jsonl"
    link.symlink_to(target)
    with pytest.raises(OSError) as caught:
        TranslationMemory(link)
    assert caught.value.strerror == REFUSAL
    assert target.read_text(encoding="utf-8") == "echo hello\n"


def test_a_link_made_after_reading_is_not_appended_to(tmp_path: Path):
    """Between reading and the first append a link can replace the file: the append refuses it too."""
    target = tmp_path / "bashrc"
    target.write_text("echo hello\n", encoding="utf-8")
    path = tmp_path / "memory.jsonl"
    memory = TranslationMemory(path)  # no file yet
    path.symlink_to(target)
    with pytest.raises(OSError) as caught:
        memory.add("k", {"translation": "x"})
    assert caught.value.strerror == REFUSAL
    assert target.read_text(encoding="utf-8") == "echo hello\n"


def test_a_translation_run_reports_the_link(cli, tmp_path: Path):
    (tmp_path / "memory.jsonl").symlink_to(tmp_path / "elsewhere.jsonl")
    (tmp_path / "x.md").write_text("---\nid: x\n---\n", encoding="utf-8")
    run = cli("translate", "x.md", "--base-url", "http://127.0.0.1:9/v1", "--model", "m",
              "--memory", "memory.jsonl")
    assert run.code == 1
    assert f"memory.jsonl: cannot read the translation memory: {REFUSAL}" in run.err
