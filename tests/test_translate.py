"""The translate command against a real chat-completions server on 127.0.0.1 (tests/chat_server.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from chat_server import DROP_NAMES, MALFORMED, TRANSLATIONS, Behaviour, ChatServer, error, slow

from build_tools.briefing.schema import read_briefing
from build_tools.briefing.taxonomy import parse_taxonomy
from build_tools.cli import main
from build_tools.translate.chat_client import BackendConfigError, resolve_backend
from build_tools.translate.drafts import Glossary, GlossaryName, missing_names
from build_tools.translate.memory import TranslationMemory, memory_key

ROOT = Path(__file__).resolve().parent.parent

# A Chinese original whose English is pending; a person has already translated the last paragraph.
ZH_BRIEFING = """\
---
id: moonshot-new-model
date: 2024-06-01
date_basis: published
language: zh-Hans
source:
  name: 示例新闻
  url: https://example.com/moonshot
title:
  en: ''
  zh: 月之暗面发布新模型
summary:
  en: ''
  zh: 月之暗面周六发布了新模型，萨姆·奥尔特曼表示欢迎。
key_points:
  en: []
  zh:
    - 新模型支持长文本。
    - 公司计划明年开源部分代码。
tags: []
entities:
  - moonshot-ai
translation:
  en: pending
  zh: original
---

## en:
## zh: 发布会

en:
zh: 月之暗面周六在北京发布了新模型。

en:
zh: OpenAI 首席执行官奥特曼称赞了这个模型。

- en:
- zh: 支持长文本

> en:
> zh: 这是一个好的开始。

en: The company has not said what it will charge.
zh: 公司没有公布价格。
"""
ZH_PATH = "briefings/moonshot-new-model.md"
# The texts sent for it, in the order they are sent: front matter first, then the body.
ZH_PARTS = ["月之暗面发布新模型", "月之暗面周六发布了新模型，萨姆·奥尔特曼表示欢迎。", "新模型支持长文本。",
            "公司计划明年开源部分代码。", "发布会", "月之暗面周六在北京发布了新模型。",
            "OpenAI 首席执行官奥特曼称赞了这个模型。", "支持长文本", "这是一个好的开始。"]

# An English original whose Chinese is pending.
EN_BRIEFING = """\
---
id: altman-gpt-4o
date: 2024-05-14
language: en
title:
  en: Sam Altman talks about GPT-4o
  zh: ''
translation:
  en: original
  zh: pending
---

en: Sam Altman said GPT-4o is faster.
zh:

en: Moonshot AI did not comment.
zh:
"""
EN_PATH = "briefings/altman-gpt-4o.md"
EN_PARTS = ["Sam Altman talks about GPT-4o", "Sam Altman said GPT-4o is faster.",
            "Moonshot AI did not comment."]

# Retries as in production, only faster.
FAST_CONFIG = "[translate]\nretry_delay = 0.01\nmax_attempts = 4\ntimeout = 10\n"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No backend from the developer's environment or config file; paths shown relative to tmp_path."""
    for name in ("AI_BRIEFING_BASE_URL", "AI_BRIEFING_MODEL", "AI_BRIEFING_API_KEY", "OPENAI_BASE_URL",
                 "OPENAI_API_KEY", "CI", "MY_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefings").mkdir()
    (tmp_path / "fast.toml").write_text(FAST_CONFIG, encoding="utf-8")


@pytest.fixture
def server():
    with ChatServer() as s:
        yield s


def write(tmp_path: Path, rel: str, text: str) -> Path:
    path = tmp_path / rel
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line containing ``needle``."""
    return next(i for i, line in enumerate(text.split("\n"), start=1) if needle in line)


def paragraph_line(text: str, zh_needle: str) -> int:
    """The line a paragraph is reported at: its first line, the 'en:' line above its 'zh:' line."""
    return line_of(text, zh_needle) - 1


def translate(server: ChatServer, *paths: str, extra: tuple[str, ...] = ()) -> list[str]:
    return ["translate", *paths, "--base-url", server.url, "--model", "test-model",
            "--memory", "memory.jsonl", "--config", "fast.toml", *extra]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def memory_lines(tmp_path: Path) -> list[str]:
    path = tmp_path / "memory.jsonl"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_success_marks_machine_and_keeps_alignment(tmp_path, server, capsys):
    path = write(tmp_path, ZH_PATH, ZH_BRIEFING)
    code, out, err = run(translate(server, ZH_PATH), capsys)
    assert (code, err) == (0, "")
    assert out == f"{ZH_PATH}: translation.en = machine (9 translated, 0 from memory)\n"
    assert server.texts() == ZH_PARTS
    before, _ = read_briefing(path, text=ZH_BRIEFING)
    after, problems = read_briefing(path)
    assert problems == []
    assert after.translation == {"en": "machine", "zh": "original"}
    en = TRANSLATIONS["en"]
    assert after.title.en == en["月之暗面发布新模型"]
    assert after.summary.en == en[before.summary.zh]
    assert after.key_points["en"] == [en[k] for k in before.key_points["zh"]]
    # Alignment: the same paragraphs, kinds and Chinese; English filled in, a person's English kept.
    assert [(p.kind, p.zh) for p in after.paragraphs] == [(p.kind, p.zh) for p in before.paragraphs]
    assert [p.en for p in after.paragraphs] == [en[p.zh] for p in before.paragraphs[:5]] + [
        "The company has not said what it will charge."]
    # The request: the documented body, no key sent when none is configured.
    first = server.received[0]
    assert first.path == "/v1/chat/completions"
    assert first.body["model"] == "test-model" and first.body["temperature"] == 0
    assert [m["role"] for m in first.body["messages"]] == ["system", "user"]
    assert "- 月之暗面 → Moonshot AI" in first.system
    assert "Authorization" not in first.headers
    assert run(["check", ZH_PATH], capsys)[0] == 0


def test_english_original_drafts_chinese_with_glossary_names(tmp_path, server, capsys):
    path = write(tmp_path, EN_PATH, EN_BRIEFING)
    code, _, err = run(translate(server, EN_PATH), capsys)
    assert (code, err) == (0, "")
    b, problems = read_briefing(path)
    assert problems == []
    assert b.translation["zh"] == "machine"
    assert b.title.zh == "萨姆·奥尔特曼谈GPT-4o"
    assert [p.zh for p in b.paragraphs] == ["萨姆·奥尔特曼表示，GPT-4o速度更快。", "月之暗面未予置评。"]
    assert "- Sam Altman → 萨姆·奥尔特曼" in server.received[0].system


def test_rerun_makes_no_requests_and_changes_nothing(tmp_path, server, capsys):
    path = write(tmp_path, ZH_PATH, ZH_BRIEFING)
    assert run(translate(server, ZH_PATH), capsys)[0] == 0
    drafted = path.read_bytes()
    requests = len(server.received)
    code, out, err = run(translate(server, ZH_PATH), capsys)
    assert (code, err) == (0, "")
    assert len(server.received) == requests
    assert out == f"{ZH_PATH}: translation.en = machine (0 translated, 9 from memory; file unchanged)\n"
    assert path.read_bytes() == drafted
    assert len(memory_lines(tmp_path)) == 9


def test_failed_paragraph_leaves_file_untouched_and_rerun_pays_only_the_rest(tmp_path, server, capsys):
    path = write(tmp_path, ZH_PATH, ZH_BRIEFING)
    server.rules["奥特曼称赞"] = error(503)  # paragraph 3 fails every time
    code, out, err = run(translate(server, ZH_PATH), capsys)
    assert code == 1
    assert out == ""
    line = paragraph_line(ZH_BRIEFING, "zh: OpenAI 首席执行官")
    assert err == f"{ZH_PATH}:{line}: paragraph 3: server error 503 after 4 attempts: scripted error 503\n"
    assert path.read_text(encoding="utf-8") == ZH_BRIEFING
    assert len(memory_lines(tmp_path)) == 6  # title, summary, two key points, paragraphs 1 and 2
    assert run(["check", ZH_PATH], capsys)[0] == 0

    server.rules.clear()
    first_run = len(server.received)
    code, out, err = run(translate(server, ZH_PATH), capsys)
    assert (code, err) == (0, "")
    assert server.texts()[first_run:] == ZH_PARTS[6:]
    assert out == f"{ZH_PATH}: translation.en = machine (3 translated, 6 from memory)\n"
    assert read_briefing(path)[0].translation["en"] == "machine"


def _start_translate(tmp_path: Path, server: ChatServer) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", ANSWER_CTRL_C, *translate(server, ZH_PATH)], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# ``python -m build_tools`` that answers Ctrl-C as at a terminal: a shell that starts the tests in the
# background makes its children ignore SIGINT, and Python then leaves it ignored.
ANSWER_CTRL_C = ("import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
                 "runpy.run_module('build_tools', run_name='__main__', alter_sys=True)")


def _wait_for_request(server: ChatServer, text: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while text not in server.texts():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the command never asked for the text"
        time.sleep(0.02)


def test_killed_run_resumes_where_it_stopped(tmp_path, server, capsys):
    path = write(tmp_path, ZH_PATH, ZH_BRIEFING)
    server.rules["奥特曼称赞"] = slow(60)
    proc = _start_translate(tmp_path, server)
    _wait_for_request(server, ZH_PARTS[6], proc)
    proc.kill()  # SIGKILL: no clean-up runs
    proc.communicate()
    assert path.read_text(encoding="utf-8") == ZH_BRIEFING
    assert len(memory_lines(tmp_path)) == 6
    with (tmp_path / "memory.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"key": "0123", "translation": "half a li')  # as if killed in the middle of a write

    server.rules.clear()
    first_run = len(server.received)
    code, _, err = run(translate(server, ZH_PATH), capsys)
    assert (code, err) == (0, "")
    assert server.texts()[first_run:] == ZH_PARTS[6:]
    assert read_briefing(path)[0].translation["en"] == "machine"
    memory = TranslationMemory(tmp_path / "memory.jsonl")
    assert len(memory.records) == 9 and memory.skipped_lines == [7]


def test_interrupted_run_says_how_to_resume(tmp_path, server):
    path = write(tmp_path, ZH_PATH, ZH_BRIEFING)
    server.rules["奥特曼称赞"] = slow(60)
    proc = _start_translate(tmp_path, server)
    _wait_for_request(server, ZH_PARTS[6], proc)
    proc.send_signal(signal.SIGINT)  # Ctrl-C
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err == "interrupted: 6 new translations kept in memory.jsonl; run the command again to resume\n"
    assert path.read_text(encoding="utf-8") == ZH_BRIEFING


def test_rate_limit_waits_as_long_as_retry_after_says(tmp_path, server, capsys):
    write(tmp_path, EN_PATH, EN_BRIEFING)
    server.script.append(error(429, Retry_After="1"))
    code, _, err = run(translate(server, EN_PATH), capsys)
    assert (code, err) == (0, "")
    assert [r.status for r in server.received] == [429, 200, 200, 200]
    # The backoff is 0.01 s in these tests: only Retry-After explains a wait of a second.
    assert server.received[1].at - server.received[0].at >= 1.0
    assert server.received[1].text == server.received[0].text


def test_retry_after_longer_than_the_run_waits_is_reported(tmp_path, server, capsys):
    path = write(tmp_path, EN_PATH, EN_BRIEFING)
    server.script.append(error(429, Retry_After="3600"))
    code, _, err = run(translate(server, EN_PATH), capsys)
    assert code == 1
    assert err == (f"{EN_PATH}:6: title: rate limited (429): the server asks to wait 3600 s, "
                   "more than the 120 s this run waits (max_wait)\n")
    assert len(server.received) == 1
    assert path.read_text(encoding="utf-8") == EN_BRIEFING


def test_server_errors_are_retried(tmp_path, server, capsys):
    path = write(tmp_path, EN_PATH, EN_BRIEFING)
    server.script.extend([error(500), error(502)])
    code, _, err = run(translate(server, EN_PATH), capsys)
    assert (code, err) == (0, "")
    assert [r.status for r in server.received] == [500, 502, 200, 200, 200]
    assert read_briefing(path)[0].translation["zh"] == "machine"


def test_persistent_503_is_reported_and_the_run_stops(tmp_path, server, capsys):
    zh = write(tmp_path, ZH_PATH, ZH_BRIEFING)
    en = write(tmp_path, EN_PATH, EN_BRIEFING)
    server.rules[""] = error(503)
    code, out, err = run(translate(server, ZH_PATH, EN_PATH), capsys)
    assert (code, out) == (1, "")
    title_line = line_of(ZH_BRIEFING, "zh: 月之暗面发布新模型")
    assert err == (f"{ZH_PATH}:{title_line}: title: server error 503 after 4 attempts: scripted error 503\n"
                   f"stopped: 1 briefing not attempted; fix the backend at {server.url} and run again\n")
    assert len(server.received) == 4
    assert zh.read_text(encoding="utf-8") == ZH_BRIEFING
    assert en.read_text(encoding="utf-8") == EN_BRIEFING
    assert run(["check", ZH_PATH, EN_PATH], capsys)[0] == 0
    assert memory_lines(tmp_path) == []


def test_timeout_is_retried(tmp_path, server, capsys):
    write(tmp_path, EN_PATH, EN_BRIEFING)
    server.script.append(slow(3))
    code, _, err = run(translate(server, EN_PATH, extra=("--timeout", "0.3")), capsys)
    assert (code, err) == (0, "")
    assert len(server.received) == 4
    assert server.received[1].text == EN_PARTS[0]


def test_persistent_timeout_is_reported(tmp_path, server, capsys):
    path = write(tmp_path, EN_PATH, EN_BRIEFING)
    server.rules[""] = slow(5)
    started = time.monotonic()
    code, _, err = run(translate(server, EN_PATH, extra=("--timeout", "0.2")), capsys)
    assert code == 1
    assert err == f"{EN_PATH}:6: title: timed out after 4 attempts: no answer within 0.2 s\n"
    assert len(server.received) == 4
    assert time.monotonic() - started < 4
    assert path.read_text(encoding="utf-8") == EN_BRIEFING


def test_malformed_response_is_retried_then_reported(tmp_path, server, capsys):
    path = write(tmp_path, EN_PATH, EN_BRIEFING)
    server.script.append(MALFORMED)
    assert run(translate(server, EN_PATH), capsys)[:3:2] == (0, "")
    assert len(server.received) == 4

    path.write_text(EN_BRIEFING, encoding="utf-8")
    (tmp_path / "memory.jsonl").unlink()
    server.rules[""] = MALFORMED
    code, _, err = run(translate(server, EN_PATH), capsys)
    assert code == 1
    assert err.startswith(f"{EN_PATH}:6: title: malformed response after 4 attempts: "
                          "expected a chat completion in JSON, got '{\"id\": \"x\"")


def test_cut_off_answer_fails_that_briefing_only(tmp_path, server, capsys):
    zh = write(tmp_path, ZH_PATH, ZH_BRIEFING)
    en = write(tmp_path, EN_PATH, EN_BRIEFING)
    server.rules["北京"] = Behaviour(finish_reason="length")
    code, out, err = run(translate(server, ZH_PATH, EN_PATH), capsys)
    assert code == 1
    line = paragraph_line(ZH_BRIEFING, "zh: 月之暗面周六在北京")
    assert err == f"{ZH_PATH}:{line}: paragraph 2: the answer was cut off (finish_reason: length)\n"
    assert out == f"{EN_PATH}: translation.zh = machine (3 translated, 0 from memory)\n"
    assert zh.read_text(encoding="utf-8") == ZH_BRIEFING
    assert read_briefing(en)[0].translation["zh"] == "machine"


def test_dropped_name_is_asked_again_more_firmly(tmp_path, server, capsys):
    path = write(tmp_path, EN_PATH, EN_BRIEFING)
    server.script.append(DROP_NAMES)
    code, _, err = run(translate(server, EN_PATH), capsys)
    assert (code, err) == (0, "")
    first, second = server.received[:2]
    assert second.text == first.text == EN_PARTS[0]
    assert second.system != first.system and "萨姆·奥尔特曼" in second.system
    assert len(server.received) == 4
    assert read_briefing(path)[0].title.zh == "萨姆·奥尔特曼谈GPT-4o"


def test_name_still_wrong_is_accepted_with_a_warning(tmp_path, server, capsys):
    path = write(tmp_path, ZH_PATH, ZH_BRIEFING)
    server.rules["北京"] = DROP_NAMES
    code, _, err = run(translate(server, ZH_PATH), capsys)
    line = paragraph_line(ZH_BRIEFING, "zh: 月之暗面周六在北京")
    warning = f"{ZH_PATH}:{line}: paragraph 2: expected 'Moonshot AI' for '月之暗面'\n"
    assert (code, err) == (0, warning)
    b, problems = read_briefing(path)
    assert problems == [] and b.translation["en"] == "machine"
    assert b.paragraphs[1].en == "Dark Side of the Moon released a new model in Beijing on Saturday."
    assert len(server.received) == 10  # nine parts, one asked twice

    # From the memory the warning stands (at the line in the rewritten file); nothing is paid again.
    line = paragraph_line(path.read_text(encoding="utf-8"), "zh: 月之暗面周六在北京")
    code, _, err = run(translate(server, ZH_PATH), capsys)
    assert (code, err) == (0, f"{ZH_PATH}:{line}: paragraph 2: expected 'Moonshot AI' for '月之暗面'\n")
    assert len(server.received) == 10


def test_no_backend_says_how_to_configure_one(tmp_path, capsys):
    path = write(tmp_path, EN_PATH, EN_BRIEFING)
    code, out, err = run(["translate", EN_PATH], capsys)
    assert (code, out) == (2, "")
    assert err == ("no translation backend configured: set AI_BRIEFING_BASE_URL and AI_BRIEFING_MODEL (and "
                   "AI_BRIEFING_API_KEY for a hosted API), pass --base-url and --model, or write them in "
                   ".ai-briefing.toml; see docs/en/translation.md\n")
    assert path.read_text(encoding="utf-8") == EN_BRIEFING


def test_api_key_is_sent_as_bearer_token(tmp_path, server, capsys, monkeypatch):
    write(tmp_path, EN_PATH, EN_BRIEFING)
    monkeypatch.setenv("AI_BRIEFING_API_KEY", "sk-test-123")
    assert run(translate(server, EN_PATH), capsys)[0] == 0
    assert {r.headers.get("Authorization") for r in server.received} == {"Bearer sk-test-123"}


def test_config_file_names_the_key_variable_and_env_configures_the_rest(tmp_path, server, capsys,
                                                                        monkeypatch):
    write(tmp_path, EN_PATH, EN_BRIEFING)
    (tmp_path / ".ai-briefing.toml").write_text(
        '[translate]\nbase_url = "http://127.0.0.1:9/v1"\nmodel = "from-file"\napi_key_env = "MY_KEY"\n'
        "retry_delay = 0.01\n", encoding="utf-8")
    monkeypatch.setenv("MY_KEY", "sk-from-my-key")
    monkeypatch.setenv("AI_BRIEFING_BASE_URL", server.url)  # the environment beats the file
    code, _, err = run(["translate", EN_PATH, "--memory", "memory.jsonl"], capsys)
    assert (code, err) == (0, "")
    assert {r.headers.get("Authorization") for r in server.received} == {"Bearer sk-from-my-key"}
    assert {r.body["model"] for r in server.received} == {"from-file"}


def test_precedence_flag_then_environment_then_file_then_openai_variables(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[translate]\nbase_url = "https://file/v1"\nmodel = "file-model"\n', encoding="utf-8")
    env = {"AI_BRIEFING_BASE_URL": "https://env/v1", "OPENAI_BASE_URL": "https://openai/v1",
           "OPENAI_API_KEY": "sk-openai"}
    pick = resolve_backend(base_url="https://flag/v1", config_path=config, environ=env, cwd=tmp_path)
    assert (pick.base_url, pick.model, pick.api_key) == ("https://flag/v1", "file-model", "sk-openai")
    assert resolve_backend(config_path=config, environ=env, cwd=tmp_path).base_url == "https://env/v1"
    del env["AI_BRIEFING_BASE_URL"]
    assert resolve_backend(config_path=config, environ=env, cwd=tmp_path).base_url == "https://file/v1"
    assert resolve_backend(model="m", environ=env, cwd=tmp_path).base_url == "https://openai/v1"
    with pytest.raises(BackendConfigError, match="no model configured for https://openai/v1"):
        resolve_backend(environ=env, cwd=tmp_path)


def test_config_file_refuses_a_stored_key(tmp_path, capsys):
    write(tmp_path, EN_PATH, EN_BRIEFING)
    (tmp_path / ".ai-briefing.toml").write_text('[translate]\nbase_url = "http://x/v1"\napi_key = "sk-1"\n',
                                                encoding="utf-8")
    code, _, err = run(["translate", EN_PATH], capsys)
    assert code == 2
    assert err == (".ai-briefing.toml: 'api_key': never store a key in a file; put it in an environment "
                   "variable and name that variable with api_key_env\n")


def test_wrong_key_stops_at_the_first_request(tmp_path, server, capsys, monkeypatch):
    write(tmp_path, EN_PATH, EN_BRIEFING)
    write(tmp_path, ZH_PATH, ZH_BRIEFING)
    monkeypatch.setenv("AI_BRIEFING_API_KEY", "sk-wrong")
    server.rules[""] = error(401)
    code, _, err = run(translate(server, EN_PATH, ZH_PATH), capsys)
    assert code == 1
    assert err == (f"{EN_PATH}:6: title: HTTP 401 Unauthorized: scripted error 401; check the API key "
                   f"(AI_BRIEFING_API_KEY)\nstopped: 1 briefing not attempted; fix the backend at "
                   f"{server.url} and run again\n")
    assert len(server.received) == 1


def test_reviewed_translation_needs_force(tmp_path, server, capsys):
    reviewed = EN_BRIEFING.replace("  zh: ''", "  zh: 萨姆·奥尔特曼谈 GPT-4o（人工校对）").replace(
        "zh: pending", "zh: reviewed").replace("zh:\n", "zh: 人工译文。\n")
    path = write(tmp_path, EN_PATH, reviewed)
    assert read_briefing(path)[1] == []
    code, _, err = run(translate(server, EN_PATH), capsys)
    assert code == 1
    line = line_of(reviewed, "zh: reviewed")
    assert err == (f"{EN_PATH}:{line}: 'translation.zh' is 'reviewed': a person has checked it; "
                   "pass --force to replace it with a machine draft\n")
    assert server.received == []
    assert path.read_text(encoding="utf-8") == reviewed

    code, _, err = run(translate(server, EN_PATH, extra=("--force",)), capsys)
    assert (code, err) == (0, "")
    b = read_briefing(path)[0]
    assert b.translation["zh"] == "machine" and b.title.zh == "萨姆·奥尔特曼谈GPT-4o"


def test_machine_draft_is_refreshed_where_the_original_changed_and_kept_where_a_person_edited(
        tmp_path, server, capsys):
    path = write(tmp_path, ZH_PATH, ZH_BRIEFING)
    assert run(translate(server, ZH_PATH), capsys)[0] == 0
    drafted = path.read_text(encoding="utf-8")
    edited = drafted.replace("en: This is a good start.", "en: A good start, this.").replace(
        "zh: 月之暗面周六在北京发布了新模型。", "zh: 月之暗面周日在北京发布了新模型。")
    path.write_text(edited, encoding="utf-8")
    requests = len(server.received)
    code, out, err = run(translate(server, ZH_PATH), capsys)
    assert (code, err) == (0, "")
    assert server.texts()[requests:] == ["月之暗面周日在北京发布了新模型。"]
    b = read_briefing(path)[0]
    # The server echoes text it does not know, with the glossary's names.
    assert b.paragraphs[1].en == "[en] Moonshot AI周日在北京发布了新模型。"
    assert b.paragraphs[4].en == "A good start, this."
    # Nine parts: one drafted anew, seven unchanged from the memory, the edited one left alone.
    assert out == f"{ZH_PATH}: translation.en = machine (1 translated, 7 from memory)\n"


def test_invalid_briefing_is_reported_and_not_sent(tmp_path, server, capsys):
    path = write(tmp_path, EN_PATH, EN_BRIEFING.replace("date: 2024-05-14", "date: 14 May"))
    code, _, err = run(translate(server, EN_PATH), capsys)
    assert code == 1
    assert err == f"{EN_PATH}:3: 'date': expected YYYY-MM-DD, got '14 May'\n"
    assert server.received == []
    assert "date: 14 May" in path.read_text(encoding="utf-8")


def test_quiet_in_ci(tmp_path, server, capsys, monkeypatch):
    write(tmp_path, EN_PATH, EN_BRIEFING)
    monkeypatch.setenv("CI", "true")
    assert run(translate(server, EN_PATH), capsys) == (0, "", "")


def test_memory_skips_a_torn_line_and_appends_cleanly(tmp_path):
    path = tmp_path / "m.jsonl"
    key = memory_key("zh", "en", "你好", [])
    path.write_text(json.dumps({"key": key, "translation": "Hello"}) + '\n{"key": "torn', encoding="utf-8")
    with TranslationMemory(path) as memory:
        assert memory.get(key) == "Hello" and memory.skipped_lines == [2]
        other = memory_key("zh", "en", "再见", [])
        memory.add(other, {"translation": "Goodbye"})
    reread = TranslationMemory(path)
    assert (reread.get(key), reread.get(other), reread.skipped_lines) == ("Hello", "Goodbye", [2])
    assert memory_key("zh", "en", "你好", ["Moonshot AI"]) != key  # the glossary is part of the key


def test_glossary_takes_the_longest_name_whole_words_and_no_topics():
    tax = parse_taxonomy("""
- {id: gpt, kind: product, en: GPT, zh: GPT}
- {id: gpt-4o, kind: product, en: GPT-4o, zh: GPT-4o}
- {id: meta, kind: organisation, en: Meta, zh: Meta, aliases: {zh: [元宇宙公司]}}
- {id: sam-altman, kind: person, en: Sam Altman, zh: 萨姆·奥尔特曼, aliases: {zh: [奥特曼]}}
- {id: open-source, kind: topic, en: Open source, zh: 开源}
""", "taxonomy.yaml")
    glossary = Glossary(tax)
    found = glossary.required("萨姆 奥尔特曼说，GPT-4o 的元数据（metadata）开源了。", "en")
    assert found == [GlossaryName("GPT-4o", "GPT-4o"), GlossaryName("萨姆 奥尔特曼", "Sam Altman")]
    assert glossary.required("奥特曼在 Meta's 大会上", "en") == [GlossaryName("Meta", "Meta"),
                                                           GlossaryName("奥特曼", "Sam Altman")]
    names = glossary.required("Sam Altman praised GPT.", "zh")
    assert missing_names("萨姆奥尔特曼称赞了 gpt。", names) == []
    assert missing_names("奥特曼称赞了 GPT。", names) == [GlossaryName("Sam Altman", "萨姆·奥尔特曼")]
