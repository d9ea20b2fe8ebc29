"""MkDocs hooks of every language's project: generated pages, search, and the other languages' builds.

Listed under ``hooks:`` in mkdocs.yml (and inherited by mkdocs.zh.yml and mkdocs.zh-hant.yml). The
project's language is ``extra.site_language``; the English project also builds the other two.
Generated pages are virtual files: nothing is written into docs/, so ``mkdocs serve`` cannot loop.
Their HTML skips Python-Markdown (pages.py) and their search entries skip Material's indexing
(search.py); under ``mkdocs serve`` an edited briefing rebuilds only the pages that show it (serve.py).
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # MkDocs loads hooks by file path; the package may not be installed
    sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from build_tools.site.publish import sitemap  # noqa: E402
from build_tools.errors import InputError  # noqa: E402
from build_tools.site import cache, collect, projects, search, serve  # noqa: E402
from build_tools.site.language import LANGUAGES, SiteLanguage  # noqa: E402
from build_tools.site.pages import GeneratedPage, add_pages, page_sources  # noqa: E402

log = logging.getLogger("mkdocs.plugins.ai_briefing")
# SOURCE_DATE_EPOCH as the user gave it (or not), before a build sets it from the newest briefing.
_USER_EPOCH = collect.USER_SOURCE_DATE_EPOCH
_builds: list[projects.LanguageBuild] = []
# Indentation and blank lines of the theme's templates: a tenth of a briefing page, and no reader sees
# them. Only generated pages are squeezed: they have no <pre> or <textarea> whose spaces matter.
_INDENT = re.compile(r"\n\s+")
# Search entries a previous build left in the site folder (dirty rebuilds under `mkdocs serve` only).
_previous_docs: list[dict] = []
_keys: list[tuple[str, str]] = []  # (source path, key) of every generated page of this build


def _language(config) -> SiteLanguage:
    code = config.extra.get("site_language", "en")
    if code not in LANGUAGES:
        raise PluginError(f"extra.site_language: expected one of {', '.join(LANGUAGES)}, got {code!r}")
    return LANGUAGES[code]


@event_priority(100)  # before Material's search plugin reads jieba_dict_user
def on_config(config):
    """Read and validate the corpus, fix the build date, point search at the generated dictionary."""
    _language(config)
    try:
        corpus = collect.load_corpus(refresh=True)
    except InputError as exc:
        raise PluginError("\n".join(str(p) for p in exc.problems)) from None
    corpus.relations  # noqa: B018 -- computed here, before the workers fork, so they inherit them
    corpus.hashes  # noqa: B018
    if _USER_EPOCH is None:
        # sitemap.xml's lastmod is the build date: the newest briefing makes two builds identical.
        newest = max((b.date for b in corpus.briefings if b.date), default=dt.date(1970, 1, 1))
        epoch = dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp()
        os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    if _language(config).code == "en":
        serve.begin(_other_inputs(config))
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is not None:
        plugin.config.jieba_dict_user = str(search.write_userdict(corpus.taxonomy))
    return config


def on_files(files: Files, config) -> Files:
    """Start the other languages' builds, then add this language's generated pages."""
    lang = _language(config)
    corpus = collect.load_corpus()
    if lang.code == "en" and config.config_file_path:
        search.segment_ahead(corpus.briefings, corpus.hashes, corpus.taxonomy_hash, projects.beside)
        _builds[:] = projects.start_builds(
            Path(config.config_file_path),
            Path(config.site_dir),
            {code: LANGUAGES[code].prefix for code in projects.CONFIG_FILES},
        )
    sources = page_sources(corpus, corpus.relations, lang)
    for uri in sources:
        if files.get_file_from_path(uri) is not None:
            log.warning(f"{config.docs_dir}/{uri} is a generated page; remove the hand-written file")
            files.remove(files.get_file_from_path(uri))
    previous = serve.previous(config.site_dir)
    add_pages(files, config, sources, previous if serve.dirty else None)
    _previous_docs[:] = search.read_docs(config.site_dir) if serve.dirty else []
    for gone in sorted(set(previous) - set(sources)):  # a briefing deleted since the last build
        Path(File.generated(config, gone, content="").abs_dest_path).unlink(missing_ok=True)
    _keys[:] = [(uri, s.key) for uri, s in sources.items()]
    return files


def on_nav(nav, config, files):
    """In a dirty rebuild, read the hand-written pages it skips, so the navigation has their titles."""
    if serve.dirty:
        for file in files.documentation_pages():
            page = file.page
            if page is not None and not isinstance(page, GeneratedPage) and page.markdown is None:
                page.read_source(config)
                page.markdown = on_page_markdown(page.markdown, page, config, files)
    return nav


def on_page_markdown(markdown: str, page, config, files) -> str:
    """On the Traditional site, convert the hand-written Simplified pages (and their titles)."""
    lang = _language(config)
    if lang.code != "zh-hant" or page.file.generated_by is not None:
        return markdown
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = lang.script(page.meta[key])
    return lang.script(markdown)


def on_env(env, config, files):
    """Keep the theme's compiled templates on disk: compiling them costs each build (and each
    language) about a second."""
    folder = cache.directory()
    if folder is not None and env.bytecode_cache is None:
        (folder / "jinja").mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder / "jinja"))
    return env


@event_priority(50)  # before Material's search plugin reads page.content
def on_page_context(context, page, config, nav):
    """Give a generated page its HTML just before the theme renders it."""
    if isinstance(page, GeneratedPage):
        page.load()
    return context


@event_priority(-100)  # after every other hook has added to the page
def on_post_page(output: str, page, config) -> str:
    """Squeeze the theme's whitespace out of a generated page and release its HTML."""
    if isinstance(page, GeneratedPage):
        page.release()
        return _INDENT.sub("\n", output)
    return output


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config) -> None:
    """Add the briefings' search entries to the index; wait for the other languages, fail with them."""
    lang = _language(config)
    corpus = collect.load_corpus()
    topics = (search.topic_entry(e, lang) for e in sorted(corpus.taxonomy, key=lambda e: e.id))
    # Made while the index is written, one briefing at a time (see search.briefing_order for the order).
    briefings = (
        search.briefing_entries(b, lang, corpus.taxonomy, corpus.hashes[b.id], corpus.taxonomy_hash)
        for b in search.briefing_order(corpus.briefings, lang)
    )
    search.compact_index(config.site_dir, itertools.chain(topics, itertools.chain.from_iterable(briefings)),
                         _previous_docs)
    serve.record(config.site_dir, dict(_keys))
    if lang.code != "en":
        return
    # This language's pages for the sitemaps, read while the other languages may still be building.
    sitemap.read_facts(config.site_dir, skip=[LANGUAGES[code].prefix for code in projects.CONFIG_FILES])
    builds, _builds[:] = list(_builds), []
    errors = projects.finish_builds(builds, log)
    if errors:
        serve.failed()
        raise PluginError("\n".join(errors))
    serve.succeeded([config.site_dir, *(str(b.site_dir) for b in builds)])


def on_build_error(error) -> None:
    """Stop the other languages' builds when this one failed."""
    builds, _builds[:] = list(_builds), []
    projects.stop_builds(builds)
    serve.failed()


def on_serve(server, config, builder):
    """Rebuild when a briefing, the taxonomy, the Chinese pages or the theme overrides change."""
    briefings, taxonomy = collect.input_paths()
    for path in (
        briefings,
        taxonomy,
        ROOT / "docs" / "zh",
        ROOT / "overrides",
        *(ROOT / name for name in projects.CONFIG_FILES.values()),
    ):
        if path.exists():
            server.watch(str(path))
    server.builder = serve.rebuilder(server.builder, config, lambda: _other_inputs(config))
    return server


def _other_inputs(config) -> tuple:
    _, taxonomy = collect.input_paths()
    return serve.other_inputs(config.config_file_path, [Path(config.docs_dir).parent], taxonomy)
