"""The ``ai-briefing`` MkDocs plugin: generated pages, search, feeds, sitemaps and the other languages.

Registered as an entry point in pyproject.toml and listed under ``plugins:`` in mkdocs.yml (the
Chinese projects inherit it and set its ``language``, see config.py). The English project also builds
the other languages, in forked workers (projects.py). Generated pages are virtual files: nothing is
written into docs/, so ``mkdocs serve`` cannot loop. Their HTML skips Python-Markdown (pages.py);
search indexes every page from the corpus (search_index.py); under ``mkdocs serve`` an edited
briefing rebuilds only the pages that show it (serve.py).

The events below are in the order MkDocs runs them. State lives on the plugin object: MkDocs keeps a
plugin that defines ``on_startup`` across the rebuilds of ``mkdocs serve`` (and the forked workers
follow the English plugin's state, see ``follow``).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import multiprocessing
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from build_tools import convert
from build_tools.errors import InputError
from build_tools.site import cache, icons, navigation, projects, search_index
from build_tools.site.collect import Corpus, CorpusReader
from build_tools.site.config import BriefingConfig
from build_tools.site.language import LANGUAGES, SiteLanguage, other_languages
from build_tools.site.pages import GeneratedPage, add_pages, page_sources
from build_tools.site.publish import head
from build_tools.site.publish.edition_feeds import edition_feed_links, write_edition_feeds
from build_tools.site.publish.sitemap import PageFacts, write_sitemaps
from build_tools.site.render import footer_links, indexed_column, reading_minutes, repository_from
from build_tools.site.search_words import query_stop_words
from build_tools.site.serve import ServeState, other_inputs
from build_tools.site.swap import SiteSwap

log = logging.getLogger("mkdocs.plugins.ai_briefing")
ROOT = Path(__file__).resolve().parents[2]
# Indentation and blank lines of the theme's templates: a tenth of a briefing page, and no reader sees
# them. Only generated pages are squeezed: they have no <pre> or <textarea> whose spaces matter.
_INDENT = re.compile(r"\n\s+")


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Build one language's site from the briefings and the taxonomy; the English one builds all."""

    def __init__(self) -> None:
        # SOURCE_DATE_EPOCH as the user gave it (or not), before a build sets it from the newest briefing.
        self.user_epoch = os.environ.get("SOURCE_DATE_EPOCH")
        self.command: str | None = None
        self.reader = CorpusReader()
        self.serve = ServeState()
        self.page_facts = PageFacts()  # read back from the built pages, for the sitemaps
        self.swap: SiteSwap | None = None
        self.builds: list[projects.LanguageBuild] = []  # the other languages' builds, running
        # Under mkdocs build: the helper segmenting the Chinese sites' records, and the multiprocessing
        # Event that tells it every site is built (it segments their built pages then).
        self.helper: multiprocessing.process.BaseProcess | None = None
        self.pages_built: Any = None
        self.followed = False  # a worker of the English build (follow), which indexes this language
        self.keys: list[tuple[str, str]] = []  # (source path, key) of every generated page of this build
        self._corpus: Corpus | None = None

    @property
    def language(self) -> SiteLanguage:
        """The language of the site this project builds."""
        return LANGUAGES[self.config.language]

    @property
    def corpus(self) -> Corpus:
        """The corpus this build read in ``on_config``."""
        if self._corpus is None:
            raise PluginError("the corpus is read in on_config, before any page")
        return self._corpus

    @property
    def sitemaps_after_build(self) -> bool:
        """Under ``mkdocs serve`` the sitemaps, which read every page of the three sites, are written after
        the rebuild, with search (serve.py): no build reads the page facts for them."""
        return self.command == "serve"

    def follow(self, parent: BriefingPlugin) -> None:
        """In a language worker: share what the English build read and knows (no-op when the same)."""
        self.reader, self.serve, self.page_facts = parent.reader, parent.serve, parent.page_facts
        self.command = parent.command  # the English build indexes every language
        self.followed = True

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember the command: only ``mkdocs build`` builds aside and swaps (swap.py)."""
        self.command = command

    def on_config(self, config):
        """Set the site aside, read and validate the corpus, fix the build date, give a Chinese site
        its own ``site_url``."""
        lang = self.language
        if self.command == "build" and lang.is_root and self.swap is None:
            self.swap = SiteSwap.begin(config)  # before anything reads site_dir
        try:
            corpus = self._corpus = self.reader.load(refresh=True)
        except InputError as exc:
            raise PluginError("\n".join(str(p) for p in exc.problems)) from None
        corpus.hashes  # noqa: B018 -- computed here, before the processes fork, so they inherit them
        if lang.is_root and config.config_file_path:
            # Loaded once, before any process forks (the helper here, the builds in on_files): every
            # process that converts shares them.
            convert.preload()
            query_stop_words()
            if self.command != "serve":
                self._start_records(config.site_dir)
                search_index.drop_segmenters()  # the helper's now: no build segments
        corpus.relations  # noqa: B018
        if self.command == "serve" and lang.is_root:
            # Every listing shows each briefing's reading time, in each language: counted here, kept
            # across the rebuilds of mkdocs serve and inherited by the workers, it is counted again
            # only for an edited briefing.
            for b in corpus.briefings:
                for other in LANGUAGES.values():
                    reading_minutes(b, indexed_column(b, other))
        if self.user_epoch is None:
            # sitemap.xml's lastmod is the build date: the newest briefing makes two builds identical.
            newest = max((b.date for b in corpus.briefings if b.date), default=dt.date(1970, 1, 1))
            epoch = dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp()
            os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
        if lang.is_root:
            self.serve.begin(self._other_inputs(config))
        if not self.config.editions:
            config.nav = [item for item in config.nav or [] if item != "editions/index.md"]
        elif lang.is_root and corpus.editions.unnumbered:
            weeks = corpus.editions.unnumbered
            log.warning(f"{corpus.edition_input.ledger_path}: {len(weeks)} edition(s) without a number "
                        f"({', '.join(weeks[:5])}); run `python -m build_tools edition --number`")
        config.site_url = head.language_site_url(config, lang)
        config.extra["alternate"] = head.alternate(lang)
        # MkDocs renders its own sitemap.xml of every page in every build; the sitemaps written at the
        # end (publish/sitemap.py, with each page's translations) replace it, so it is not rendered.
        config.theme.static_templates.discard("sitemap.xml")
        if self.serve.dirty:
            # Only briefings changed: the 404 page (navigation, languages) is as the last build left it.
            config.theme.static_templates.discard("404.html")
        return config

    def on_files(self, files: Files, *, config) -> Files:
        """Start the other languages' builds, then add this language's generated pages."""
        lang, corpus = self.language, self.corpus
        if lang.is_root and config.config_file_path:
            self.builds = projects.start_builds(Path(config.config_file_path), Path(config.site_dir), self)
        sources = page_sources(corpus, corpus.relations, lang, repository_from(config.extra),
                               editions=self.config.editions)
        for uri in sources:
            if (written := files.get_file_from_path(uri)) is not None:
                log.warning(f"{config.docs_dir}/{uri} is a generated page; remove the hand-written file")
                files.remove(written)
        dirty = self.serve.dirty
        previous = self.serve.previous(config.site_dir)
        add_pages(files, config, sources, previous if dirty else None)
        for gone in sorted(set(previous) - set(sources)):  # a briefing deleted since the last build
            Path(File.generated(config, gone, content="").abs_dest_path).unlink(missing_ok=True)
        self.keys = [(uri, s.key) for uri, s in sources.items()]
        return files

    def on_nav(self, nav, *, config, files):
        """In a dirty rebuild, read the hand-written pages it skips, so the navigation has their titles."""
        if self.serve.dirty:
            for file in files.documentation_pages():
                page = file.page
                if page is not None and not isinstance(page, GeneratedPage) and page.markdown is None:
                    page.read_source(config)
                    page.markdown = self.on_page_markdown(page.markdown, page=page, config=config,
                                                          files=files)
        return nav

    def on_env(self, env, *, config, files):
        """The footer's links (overrides/partials/copyright.html), the words search leaves out, the icons and
        the navigation.

        No bytecode cache for the templates: Jinja executes what such a cache holds, so a file planted in
        it would be code run by the build (SECURITY.md). Compiling the theme costs about a second.
        """
        env = self.serve.templates(env)  # under mkdocs serve, compiled once (serve.py)
        env.globals["footer_links"] = footer_links(self.language, config.extra)
        env.globals["search_stop_words"] = query_stop_words()
        # The header's icons, looked up once a build rather than in each page's templates (icons.py).
        env.globals["theme_icons"] = theme_icons = icons.theme_icons(config.theme)
        env.globals["site_icon"] = icons.icon_function(env, theme_icons)
        # The navigation of the pages not in it, rendered once for the pages it links alike (navigation.py).
        env.globals["site_navigation"] = navigation.navigation_function(env)
        # The page's JSON (Material's __config) in UTF-8, not \uXXXX: half the bytes for a Chinese
        # string. Jinja's tojson still escapes <, >, & and ' so the JSON cannot close its <script>.
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        return env

    def on_template_context(self, context, *, template_name: str, config):
        """The 404 page's strings and links in every language, its own first (see overrides/404.html)."""
        if template_name != "404.html":
            return context
        context["language_links"] = head.language_links(config, self.language, context["base_url"], "")
        context["not_found"] = head.not_found(config, self.language)
        return context

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        """The 404 page links the feeds too."""
        if template_name != "404.html":
            return output_content
        return head.inject(output_content, head.feed_links(config, self.language, None))

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """On a site with its own script (Traditional), convert the hand-written Simplified pages (and
        their titles)."""
        lang = self.language
        if lang.opencc is None or page.file.generated_by is not None:
            return markdown
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = lang.script(page.meta[key])
        return lang.script(markdown)

    def on_page_context(self, context, *, page, config, nav):
        """Give a generated page its HTML just before the theme renders it; the links to the other
        languages, for overrides/main.html and partials/alternate.html."""
        if isinstance(page, GeneratedPage):
            page.load()
        context["language_links"] = head.language_links(config, self.language, context["base_url"], page.url)
        return context

    @event_priority(-100)  # after every other plugin has added to the page
    def on_post_page(self, output: str, *, page, config) -> str:
        """Feed links and social meta in every ``<head>``; squeeze the theme's whitespace out of a
        generated page and release its HTML."""
        output = head.inject(output, head.head_tags(config, self.language, page, self.corpus))
        if self.config.editions and page.file.src_uri.startswith("editions/"):
            output = head.inject(output, edition_feed_links(self.language, page.url, config.site_name))
        if isinstance(page, GeneratedPage):
            page.release()
            return _INDENT.sub("\n", output)
        return output

    def on_post_build(self, *, config) -> None:
        """The other languages, search indexes, feeds, sitemaps, then the swap into place."""
        lang, corpus = self.language, self.corpus
        if self.command != "serve":
            # The pages are written: what rendering them left free goes back before the wait.
            projects.release_memory()
        self.serve.record(config.site_dir, dict(self.keys))
        sitemaps = functools.partial(write_sitemaps, config.site_dir, head.root_url(config, lang),
                                     self.page_facts)
        feeds = functools.cache(functools.partial(self._write_feeds, config, sitemaps))  # once
        if lang.is_root:
            try:
                self._finish_languages(config)
                if self.pages_built is not None:
                    # No process of this build converts after its pages: OpenCC's dictionaries go
                    # here first, so that in the helper, left their one holder, freeing them copies
                    # nothing (see search_index.prepare_search).
                    convert.release()
                    projects.release_memory()
                    self.pages_built.set()
                if self.command != "serve":  # under mkdocs serve: after the rebuild, below
                    self._index_languages(config, meanwhile=feeds)
            finally:
                self._stop_helper()
        elif self.command != "serve" and not self.followed:  # a Chinese project built on its own
            try:
                search_index.index_site(config.site_dir, lang, corpus.briefings, corpus.taxonomy)
            except search_index.SearchIndexError as exc:
                raise PluginError(str(exc)) from None
        feeds()
        if self.swap is not None and self.swap.owned and self.swap.finish(config):
            self.swap = None
        if lang.is_root and self.command == "serve":
            # After the rebuild, not in it: the edited page shows at once; the sitemaps and search
            # follow it (serve.py).
            self.serve.search.start(config.site_dir, corpus.briefings, corpus.taxonomy, first=sitemaps,
                                    hashes=corpus.hashes)

    def _write_feeds(self, config, sitemaps: Callable[[], object]) -> None:
        """The feeds, the edition feeds and (on the root site, unless written after the build) the
        sitemaps: what is written from the built pages and the corpus alone."""
        lang, corpus = self.language, self.corpus
        head.write_feeds(config, lang, corpus)
        if self.config.editions:
            write_edition_feeds(config.site_dir, config.site_url, lang, corpus, config.site_name)
        if lang.is_root and not self.sitemaps_after_build:
            sitemaps()

    def _index_languages(self, config, *, meanwhile: Callable[[], object]) -> None:
        """Every language's search index, once every language is built: the other languages' builds
        have ended, and their memory with them. The indexes are made in processes of their own
        (search_index.index_beside), ``INDEX_LANES`` at a time; English first: its records need no
        segmenting, and the helper segmenting the Chinese ones works on meanwhile (a helper holds
        jieba's dictionary, a Pagefind process its own for Chinese text: a Chinese index waits for
        the helper, so the two never are in memory at once). ``meanwhile`` (the feeds and sitemaps)
        is done when a core would idle: beside the last site's last share, whose merge waits for it
        (done while the helper still ran, the three together made the build's peak, 448 MiB; done
        once it had ended, the Chinese indexes waited for it)."""
        root = Path(config.site_dir)
        corpus = self.corpus
        sites = [(root, self.language), *((root / other.prefix, other) for other in other_languages())]

        def ready(lang: SiteLanguage) -> None:
            if lang.body == "zh" and self.helper is not None:
                self.helper.join()

        try:
            reports = search_index.index_beside(sites, corpus.briefings, corpus.taxonomy,
                                                lanes=search_index.index_lanes(), ready=ready,
                                                meanwhile=meanwhile, hashes=corpus.hashes)
        except search_index.SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        for report in reports:
            log.debug(f"search: {report.pages} pages indexed in {report.seconds:.1f} s")

    def _start_records(self, site_dir: str) -> None:
        """A helper segmenting the Chinese sites' records into the build cache from now on, beside the
        builds, and their built pages once ``pages_built`` is set (without a cache, each index segments
        its own). Started as soon as the corpus is read: it begins on a core that would idle while
        this process finds the corpus's relations (a second at 3,000 briefings), which it does not
        need."""
        self._stop_helper()
        corpus = self.corpus
        segmenters = {other: words for other in other_languages()
                      if (words := search_index.segmenter(other, corpus.taxonomy)) is not None}
        if not segmenters or cache.directory() is None:
            return
        # jieba's dictionary is loaded by the helper, the one process that uses it, while this one
        # goes on: loaded here, it cost the build its time (a second) and, let go of after the fork,
        # a copy of every page of it that freeing it writes to.
        chinese = list(segmenters)
        self.pages_built = projects.event()
        args = (corpus.briefings, corpus.taxonomy, chinese, site_dir, self.pages_built)
        helper = functools.partial(search_index.prepare_search, hashes=corpus.hashes)  # hashed once, here
        self.helper = projects.beside(helper, args)

    def _stop_helper(self) -> None:
        helper, self.helper, self.pages_built = self.helper, None, None
        if helper is not None:  # ended, unless the build failed
            if helper.is_alive():
                helper.terminate()
            helper.join()

    def _finish_languages(self, config) -> None:
        """Wait for the other languages (their pages read for the sitemaps meanwhile); fail with them."""
        if not self.sitemaps_after_build:
            skip = [other.prefix for other in other_languages()]
            self.page_facts.read(config.site_dir, skip=skip)  # while the other languages may still build
        builds, self.builds = self.builds, []
        errors = projects.finish_builds(builds, log, self)
        if errors:
            self.serve.failed()
            raise PluginError("\n".join(errors))
        self.serve.succeeded([config.site_dir, *(str(b.site_dir) for b in builds)])

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the other languages' builds; drop the half-written folder set aside."""
        builds, self.builds = self.builds, []
        projects.stop_builds(builds)
        if self.language.is_root:
            self._stop_helper()
        self.serve.failed(error)
        if self.swap is not None and self.swap.owned:
            self.swap.abandon()
            self.swap = None

    def on_serve(self, server, *, config, builder):
        """Rebuild when a briefing, the taxonomy, the Chinese pages or the theme overrides change; after a
        failed rebuild, answer every page with the error (serve.py) until the next one succeeds."""
        briefings, taxonomy = self.reader.input_paths()
        for path in (
            briefings,
            briefings.parent / "editions",
            taxonomy,
            ROOT / "docs" / "zh",
            ROOT / "overrides",
            *(ROOT / other.config_file for other in other_languages()),
        ):
            if path.exists():
                server.watch(str(path))
        server.builder = self.serve.rebuilder(server.builder, config, lambda: self._other_inputs(config))
        server.set_app(self.serve.error_app(server.get_app()))
        return server

    def _other_inputs(self, config) -> tuple:
        _, taxonomy = self.reader.input_paths()
        return other_inputs(config.config_file_path, [Path(config.docs_dir).parent], taxonomy)
