"""The options of the ``ai-briefing`` plugin in mkdocs.yml (as Material's blog plugin has its config.py)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from build_tools.site.language import LANGUAGES


class LanguageCode(c.Type[str]):
    """A code of the language table, checked when the config is read (the table may have grown)."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        code = super().run_validation(value)
        if code not in LANGUAGES:
            raise ValidationError(f"expected one of {', '.join(LANGUAGES)}, got {code!r}")
        return code


class BriefingConfig(Config):
    """``plugins: ai-briefing: {language: ...}``: which language's site this MkDocs project builds.

    mkdocs.yml (English, the default) builds the whole site: the project of every other language
    (mkdocs.<code>.yml, which inherits mkdocs.yml and sets ``language``) is built into its folder.
    """

    language = LanguageCode(default="en")
    # The weekly editions (pages, index, home link, feeds); off only to measure what they cost (bench/).
    editions = c.Type(bool, default=True)
