"""Characters no published text may hold: what XML cannot carry, lone surrogates, bidirectional controls.

A briefing's text reaches HTML, RSS and Atom feeds, sitemaps and the search index. YAML escapes let a
front matter value hold any code point: ``"\\x01"`` makes a feed that is not well-formed XML, ``"\\ud800"``
(a lone surrogate) cannot be encoded as UTF-8 and stops the build, and a right-to-left override (U+202E)
makes a title read differently from what a reviewer saw in the file.
"""

from __future__ import annotations

import re
import unicodedata

# XML 1.0 allows tab, line feed and carriage return of the C0 controls; C1 controls and DEL are allowed by
# XML but are never text. U+FFFE and U+FFFF are not characters.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ALLOWED_NOTE = "text may hold no control characters, lone surrogates or bidirectional controls"


def _kind(ch: str) -> str:
    if ch in _BIDI:
        return "bidirectional control"
    if "\ud800" <= ch <= "\udfff":
        return "lone surrogate"
    if unicodedata.category(ch) == "Cc":
        return "control character"
    return "non-character"


def forbidden_character(text: str) -> str | None:
    """What is wrong with ``text``, e.g. "control character U+0001 at character 2"; None when it is clean."""
    m = FORBIDDEN.search(text)
    if m is None:
        return None
    return f"{_kind(m.group())} U+{ord(m.group()):04X} at character {m.start() + 1}"
