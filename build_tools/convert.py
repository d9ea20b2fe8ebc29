"""Simplified -> Traditional Chinese with OpenCC.

We use ``s2twp``: Taiwan standard characters *and* Taiwan vocabulary (软件 -> 軟體, 信息 -> 資訊,
人工智能 -> 人工智慧). A reader of a Traditional Chinese site expects the words of that community,
not only the characters; ``s2t`` would give 軟件 and 信息, which read as mainland text in
Traditional dress. Taxonomy names with an official Traditional form (``zh_hant``) override OpenCC.
"""

from __future__ import annotations

from functools import cache

CONFIG = "s2twp"


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """Simplified Chinese text in Traditional characters and Taiwan vocabulary."""
    if not text:
        return text
    return _converter(CONFIG).convert(text)


def to_simplified(text: str) -> str:
    """Traditional Chinese (Taiwan vocabulary) back to Simplified, for seeds written in zh-Hant."""
    if not text:
        return text
    return _converter("tw2sp").convert(text)
