"""The options of the ``ai-briefing`` plugin in mkdocs.yml (as Material's blog plugin has its config.py)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from build_tools.site.language import LANGUAGES


class BriefingConfig(Config):
    """``plugins: ai-briefing: {language: ...}``: which language's site this MkDocs project builds.

    mkdocs.yml (English, the default) builds the whole site: the project of every other language
    (mkdocs.<code>.yml, which inherits mkdocs.yml and sets ``language``) is built into its folder.
    """

    language = c.Choice(tuple(LANGUAGES), default="en")
