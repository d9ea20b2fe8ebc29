"""Search in every language: jieba's user dictionary from the taxonomy, and a compact UTF-8 index."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from build_tools.files import write_atomic
from build_tools.site.language import traditional
from build_tools.taxonomy import Taxonomy, jieba_userdict

# Outside docs/: writing there under `mkdocs serve` would trigger another rebuild.
USERDICT_DIR = Path(__file__).resolve().parents[2] / "build" / "jieba"


def write_userdict(tax: Taxonomy, directory: Path = USERDICT_DIR) -> Path:
    """Write jieba's user dictionary (Simplified and Traditional names) and return its path.

    The file is named by its content, so concurrent builds of different taxonomies never collide and
    an unchanged taxonomy writes nothing.
    """
    text = jieba_userdict(tax, convert=traditional)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    path = directory / f"userdict-{digest}.txt"
    if not path.is_file():
        write_atomic(path, text)
    return path


def compact_index(site_dir: str | Path) -> int:
    """Rewrite Material's search index with CJK as UTF-8 instead of \\uXXXX escapes; return its size.

    Entries with neither title nor text (sections whose content is all excluded) are dropped.
    """
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    data["docs"] = [d for d in data.get("docs", []) if d.get("text") or d.get("title")]
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(raw)  # site output: rewritten in place, with the permissions MkDocs gave it
    return len(raw)
