"""Simplified -> Traditional Chinese with OpenCC.

We use ``s2twp``: Taiwan standard characters *and* Taiwan vocabulary (软件 -> 軟體, 信息 -> 資訊,
人工智能 -> 人工智慧). A reader of a Traditional Chinese site expects the words of that community,
not only the characters; ``s2t`` would give 軟件 and 信息, which read as mainland text in
Traditional dress. Vocabulary must not reach into proper names, though: taxonomy entity names keep their
official Traditional form (``zh_hant``) or a character-only (``s2t``) conversion, and the phrases in
``data/zh_hant_overrides.tsv`` fix what s2twp gets wrong.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

CONFIG = "s2twp"
OVERRIDES_PATH = Path(__file__).parent / "data" / "zh_hant_overrides.tsv"
_HAN = re.compile(r"[\u3400-\u9fff]")
# A protected name or override may turn Han into Latin (谷歌 -> Google). Chinese needs no space between
# a Han name and a Latin word (谷歌Project Astra), English does (Google Project Astra).
_LATIN = re.compile(r"[A-Za-z0-9]")


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def read_overrides(path: Path = OVERRIDES_PATH) -> dict[str, str]:
    """Simplified -> Traditional phrases from the overrides file (comments and blank lines skipped)."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            simplified, _, traditional = line.partition("\t")
            if simplified.strip() and traditional.strip():
                table[simplified.strip()] = traditional.strip()
    return table


@cache
def _protected() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    from build_tools.briefing.taxonomy import load_taxonomy

    s2t = _converter("s2t").convert
    table: dict[str, str] = {}
    for entry in load_taxonomy():
        if entry.is_topic and not entry.zh_hant:
            continue  # topics are vocabulary, not names: 人工智能安全 is 人工智慧安全 in Taiwan
        for name in [entry.zh, *entry.aliases.get("zh", [])]:
            if _HAN.search(name):
                table[name] = s2t(name)
        if entry.zh_hant:
            table[entry.zh] = entry.zh_hant
    table.update(read_overrides())
    if not table:
        return None, table
    alternation = "|".join(re.escape(k) for k in sorted(table, key=lambda k: (-len(k), k)))
    return re.compile(alternation), table


def to_traditional(text: str) -> str:
    """Simplified Chinese text in Traditional characters and Taiwan vocabulary, names protected."""
    if not text or not _HAN.search(text):
        return text
    convert = _converter(CONFIG).convert
    pattern, table = _protected()
    if pattern is None:
        return convert(text)
    out: list[str] = []
    last = 0
    for m in pattern.finditer(text):
        _join(out, convert(text[last : m.start()]), text, m.start())
        _join(out, table[m.group(0)], text, m.start())
        last = m.end()
    _join(out, convert(text[last:]), text, last)
    return "".join(out)


def _join(out: list[str], piece: str, text: str, at: int) -> None:
    """Append ``piece`` (what ``text[at:...]`` became) to ``out``, with a space where the conversion
    brought two Latin words together that the original kept apart by script."""
    if not piece:
        return
    before = next((p for p in reversed(out) if p), "")
    if (
        before
        and _LATIN.match(before[-1])
        and _LATIN.match(piece[0])
        and not (at > 0 and _LATIN.match(text[at - 1]) and _LATIN.match(text[at]))
    ):
        out.append(" ")
    out.append(piece)


def preload() -> None:
    """Load OpenCC's dictionaries (both ways) and the protected names now: 60 MiB that the processes
    forked after share (they only read them), where each would otherwise load its own."""
    _converter(CONFIG)
    _converter("s2t")
    _converter("tw2sp")
    _protected()


def release() -> None:
    """Let go of this process's OpenCC dictionaries (``preload``): where a process is done converting,
    they go back to the system rather than wait in it, and in every process forked from it after. A
    conversion after loads them again."""
    _converter.cache_clear()


def to_simplified(text: str) -> str:
    """Traditional Chinese (Taiwan vocabulary) back to Simplified, for seeds written in zh-Hant."""
    if not text:
        return text
    return _converter("tw2sp").convert(text)
