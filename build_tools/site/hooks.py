"""MkDocs hooks of every language's project: generated pages, search, and the other languages' builds.

Listed under ``hooks:`` in mkdocs.yml (and inherited by mkdocs.zh.yml and mkdocs.zh-hant.yml). The
project's language is ``extra.site_language``; the English project also builds the other two.
Generated pages are virtual files: nothing is written into docs/, so ``mkdocs serve`` cannot loop.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # MkDocs loads hooks by file path; the package may not be installed
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from build_tools.errors import InputError  # noqa: E402
from build_tools.site import collect, projects, search  # noqa: E402
from build_tools.site.language import LANGUAGES, SiteLanguage  # noqa: E402
from build_tools.site.pages import generate_pages  # noqa: E402

log = logging.getLogger("mkdocs.plugins.ai_briefing")
# SOURCE_DATE_EPOCH as the user gave it (or not), before a build sets it from the newest briefing.
_USER_EPOCH = collect.USER_SOURCE_DATE_EPOCH
_builds: list[projects.LanguageBuild] = []


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
    corpus.relations  # noqa: B018 -- computed here, before the workers fork, so they inherit it
    if _USER_EPOCH is None:
        # sitemap.xml's lastmod is the build date: the newest briefing makes two builds identical.
        newest = max((b.date for b in corpus.briefings if b.date), default=dt.date(1970, 1, 1))
        epoch = dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp()
        os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is not None:
        plugin.config.jieba_dict_user = str(search.write_userdict(corpus.taxonomy))
    return config


def on_files(files: Files, config) -> Files:
    """Start the other languages' builds, then add this language's generated pages."""
    lang = _language(config)
    if lang.code == "en" and config.config_file_path:
        _builds[:] = projects.start_builds(
            Path(config.config_file_path),
            Path(config.site_dir),
            {code: LANGUAGES[code].prefix for code in projects.CONFIG_FILES},
        )
    corpus = collect.load_corpus()
    for uri, markdown in generate_pages(corpus, corpus.relations, lang).items():
        if files.get_file_from_path(uri) is not None:
            log.warning(f"{config.docs_dir}/{uri} is a generated page; remove the hand-written file")
            files.remove(files.get_file_from_path(uri))
        files.append(File.generated(config, uri, content=markdown))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """On the Traditional site, convert the hand-written Simplified pages (and their titles)."""
    lang = _language(config)
    if lang.code != "zh-hant" or page.file.generated_by is not None:
        return markdown
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = lang.script(page.meta[key])
    return lang.script(markdown)


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config) -> None:
    """Write the search index as UTF-8; wait for the other languages and fail with them."""
    search.compact_index(config.site_dir)
    if _language(config).code != "en":
        return
    builds, _builds[:] = list(_builds), []
    errors = projects.finish_builds(builds, log)
    if errors:
        raise PluginError("\n".join(errors))


def on_build_error(error) -> None:
    """Stop the other languages' builds when this one failed."""
    builds, _builds[:] = list(_builds), []
    projects.stop_builds(builds)


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
    return server
