"""The floor: the least a static site generator must do for the same pages, measured on this machine.

For each site language, the Markdown of every page the site generates (the same virtual pages the plugin
hand to MkDocs, front matter removed) is rendered with Python-Markdown, using the extensions of the
project's ``mkdocs.yml``, and written to disk as one HTML file per page, in one process, with no theme,
navigation, search or other languages. A build can hardly be faster than this, so ``build / floor``
measures the cost of everything else. Preparing the pages happens before the clock starts.

The floor follows the site's own Markdown, which is mostly raw HTML blocks (Python-Markdown stashes
those without inline processing). Beside it, ``content`` renders each page's content as plain Markdown
(its text, headings, list items and links; ``plain_markdown``): a reference that does not move when
the site changes how it writes its pages; should the site ever stop sending generated pages through
Markdown, the floor of its own Markdown would fall to nothing and this one is the floor to compare with.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import markdown

from build_tools.site.language import LANGUAGES as SITE_LANGUAGES


@dataclass
class FloorResult:
    """Seconds of render + write per site language, and what was rendered."""

    seconds: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # this process's CPU, unlike wall time
    pages: dict[str, int] = field(default_factory=dict)
    html_bytes: dict[str, int] = field(default_factory=dict)
    prepare_seconds: float = 0.0

    @property
    def total(self) -> float:
        """Seconds of all three languages, one after the other."""
        return sum(self.seconds.values())


def site_pages(briefings_dir: Path) -> dict[str, dict[str, str]]:
    """Site language -> {source path: Markdown without front matter} of every generated page."""
    from mkdocs.utils.meta import get_data

    from build_tools.site.collect import load_corpus
    from build_tools.site.language import LANGUAGES
    from build_tools.site.pages import generate_pages

    corpus = load_corpus(briefings_dir)
    pages = {}
    for code in SITE_LANGUAGES:
        generated = generate_pages(corpus, corpus.relations, LANGUAGES[code])
        pages[code] = {uri: get_data(text)[0] for uri, text in generated.items()}
    return pages


_HEADING = re.compile(r"<h([1-6])\b[^>]*>", re.IGNORECASE)
_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_BLOCK = re.compile(r"</?(?:p|div|ul|ol|blockquote|section|header|footer|details|summary|table|thead|tbody|"
                    r"tr|td|th|article|nav|h[1-6]|li)\b[^>]*>", re.IGNORECASE)
_LINK = re.compile(r'<a\b[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_BLANK = re.compile(r"\n\s*\n\s*")


def plain_markdown(page: str) -> str:
    """The content of a generated page as plain Markdown: headings, paragraphs, list items and links."""
    text = _HEADING.sub(lambda m: "\n\n" + "#" * int(m.group(1)) + " ", page)
    text = _ITEM.sub("\n\n- ", text)
    text = _LINK.sub(lambda m: f"[{_TAG.sub('', m.group(2))}]({html.unescape(m.group(1))})", text)
    text = _BLOCK.sub("\n\n", text)
    text = _TAG.sub("", text)
    blocks = [" ".join(block.split()) for block in _BLANK.split(text)]
    return "\n\n".join(b for b in blocks if b) + "\n"


def markdown_settings(config_file: Path) -> tuple[list[Any], dict[str, Any]]:
    """The Markdown extensions and their settings MkDocs uses for ``config_file``."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    return list(config["markdown_extensions"]), dict(config["mdx_configs"])


def _html_path(uri: str) -> str:
    # Directory URLs, as the site uses: briefings/x.md -> briefings/x/index.html.
    stem = uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def render_floor(pages: dict[str, dict[str, str]], out_dir: Path,
                 settings: tuple[list[Any], dict[str, Any]]) -> FloorResult:
    """Render and write every page of every language; time each language separately."""
    extensions, configs = settings
    result = FloorResult()
    shutil.rmtree(out_dir, ignore_errors=True)
    for lang in SITE_LANGUAGES:
        folder = out_dir / lang
        written = 0
        start, cpu = time.perf_counter(), time.process_time()
        md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        for uri, text in pages.get(lang, {}).items():
            body = md.reset().convert(text)
            doc = f'<!doctype html>\n<html lang="{lang}"><meta charset="utf-8">\n<body>{body}</body></html>\n'
            target = folder / _html_path(uri)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(doc, encoding="utf-8")
            written += len(doc.encode("utf-8"))
        result.seconds[lang] = time.perf_counter() - start
        result.cpu_seconds[lang] = time.process_time() - cpu
        result.pages[lang] = len(pages.get(lang, {}))
        result.html_bytes[lang] = written
    return result


def measure_floor(briefings_dir: Path, config_file: Path, out_dir: Path, *,
                  content: bool = False) -> tuple[FloorResult, FloorResult | None]:
    """Prepare the pages of all three languages (untimed), then time their render + write.

    Returns the floor (the generated Markdown as it is) and, with ``content``, the render of the pages'
    content as plain Markdown.
    """
    start = time.perf_counter()
    pages = site_pages(briefings_dir)
    settings = markdown_settings(config_file)
    prepare = time.perf_counter() - start
    result = render_floor(pages, out_dir, settings)
    result.prepare_seconds = prepare
    plain = None
    if content:
        plain = render_floor({lang: {uri: plain_markdown(text) for uri, text in by_uri.items()}
                              for lang, by_uri in pages.items()}, out_dir, settings)
    shutil.rmtree(out_dir, ignore_errors=True)
    return result, plain


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.floor BRIEFINGS CONFIG OUT [--content]``: measure in a fresh process, print JSON.

    A process of its own, so that nothing read for an earlier corpus (the site's corpus cache) is reused
    and the benchmark's own process stays small.
    """
    parser = argparse.ArgumentParser(prog="python -m bench.floor")
    parser.add_argument("briefings", type=Path)
    parser.add_argument("config", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--content", action="store_true", help="also measure the content floor")
    args = parser.parse_args(argv)
    floor, content = measure_floor(args.briefings, args.config, args.out, content=args.content)
    print(json.dumps({"floor": asdict(floor), "content": asdict(content) if content else None}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
