"""The labelled ingest corpus is well-formed: every gold file covers its page and names known tags."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "ingest_corpus"
GOLD = sorted(CORPUS.glob("*/*.yaml"))
TAXONOMY = ROOT / "build_tools" / "data" / "taxonomy.yaml"

LINE_KEYS = ["seed", "layout", "language", "title", "date", "source", "keep", "drop", "tags", "tags_optional"]
HTML_KEYS = ["seed", "layout", "language", "title", "date", "source", "paragraphs", "tags", "tags_optional"]
LANGUAGES = {"en", "zh-Hans", "zh-Hant"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A Markdown headline is labelled without its heading marks.
HEADING_MARKS = re.compile(r"^#+\s*")


class _Text(HTMLParser):
    """Collects the visible text of an HTML page (no scripts, styles or attributes)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _html_text(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    # Inline tags (a link inside a sentence) must not add spaces that Chinese text does not have.
    return _squeeze("".join(parser.parts))


def _taxonomy_ids() -> set[str]:
    return {entry["id"] for entry in yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))}


def _gold_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


# The least each split holds: (pages, distinct layouts); a split not named here, 32 pages in 16 layouts.
SPLIT_SIZES = {"dev": (22, 11), "fresh": (24, 12)}
SPLITS = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())


@pytest.mark.parametrize("split", SPLITS)
def test_the_split_is_there(split: str) -> None:
    pages = [g for g in GOLD if g.parent.name == split]
    layouts = {yaml.safe_load(g.read_text(encoding="utf-8"))["layout"] for g in pages}
    least_pages, least_layouts = SPLIT_SIZES.get(split, (32, 16))
    assert len(pages) >= least_pages
    assert len(layouts) >= least_layouts


@pytest.mark.parametrize("gold_path", GOLD, ids=_gold_id)
def test_gold_file_is_well_formed(gold_path: Path) -> None:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    page = gold_path.with_name(gold["seed"])
    assert page.is_file(), f"{gold['seed']} is not beside its gold file"
    is_html = page.suffix == ".html"
    assert list(gold) == (HTML_KEYS if is_html else LINE_KEYS)
    assert gold["language"] in LANGUAGES
    assert gold["date"] is None or (isinstance(gold["date"], str) and ISO_DATE.fullmatch(gold["date"]))
    assert gold["source"] is None or (isinstance(gold["source"], str) and gold["source"].strip())
    assert isinstance(gold["title"], str)
    assert gold["title"].strip()
    assert isinstance(gold["layout"], str)
    assert gold["layout"].strip()
    known = _taxonomy_ids()
    assert set(gold["tags"]) <= known, f"unknown tags {set(gold['tags']) - known}"
    assert set(gold["tags_optional"]) <= known, f"unknown tags {set(gold['tags_optional']) - known}"
    assert not set(gold["tags"]) & set(gold["tags_optional"])
    if is_html:
        _check_paragraphs(page, gold)
    else:
        _check_lines(page, gold)


def _check_lines(page: Path, gold: dict) -> None:
    lines = page.read_text(encoding="utf-8").splitlines()
    keep, drop = gold["keep"], gold["drop"]
    assert keep == sorted(set(keep))
    assert drop == sorted(set(drop))
    assert not set(keep) & set(drop), f"lines both kept and dropped: {sorted(set(keep) & set(drop))}"
    non_blank = {number for number, line in enumerate(lines, 1) if line.strip()}
    assert set(keep) | set(drop) == non_blank, (
        f"unlabelled lines {sorted(non_blank - set(keep) - set(drop))}, "
        f"blank or missing lines labelled {sorted((set(keep) | set(drop)) - non_blank)}")
    headlines = {HEADING_MARKS.sub("", lines[number - 1]).strip() for number in keep}
    assert gold["title"] in headlines, "the title is not one of the kept lines"


def _check_paragraphs(page: Path, gold: dict) -> None:
    text = _html_text(page)
    assert _squeeze(gold["title"]) in text
    position = 0
    for paragraph in gold["paragraphs"]:
        found = text.find(_squeeze(paragraph), position)
        assert found >= 0, f"paragraph missing or out of order: {paragraph[:40]!r}"
        position = found + len(_squeeze(paragraph))
    assert gold["paragraphs"], "an HTML page needs its article paragraphs"
