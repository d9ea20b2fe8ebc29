"""The bilingual taxonomy: topics and entities with labels and aliases in every script."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from build_tools.briefing.frontmatter import load_yaml
from build_tools.errors import InputError, Problem, display_path
from build_tools.model import Bilingual, Entry

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
TAXONOMY_PATH = DATA_DIR / "taxonomy.yaml"
KINDS = ("topic", "organisation", "person", "product")
# \Z, not $: "$" would also accept an id followed by a newline.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_ENTRY_KEYS = {"id", "kind", "en", "zh", "zh_hant", "aliases", "description"}


def normalise(name: str) -> str:
    """The form names are compared in: case-folded, with the middle dots and spaces of names removed."""
    return re.sub(r"[\s·・.．\-]+", "", name).casefold()


@dataclass
class Taxonomy:
    entries: dict[str, Entry] = field(default_factory=dict)

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def __iter__(self):
        return iter(self.entries.values())

    @property
    def topics(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.is_topic]

    @property
    def entities(self) -> list[Entry]:
        return [e for e in self.entries.values() if not e.is_topic]

    def alias_index(self) -> dict[str, str]:
        """Normalised name -> entry id, for every label and alias."""
        index: dict[str, str] = {}
        for e in self.entries.values():
            for name in e.names():
                index.setdefault(normalise(name), e.id)
        return index


def _problem(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, message)


def parse_taxonomy(text: str, path: str) -> Taxonomy:  # noqa: PLR0912 -- checks each entry field by field, top to bottom
    """Parse and validate taxonomy YAML; every problem is reported at once."""
    data, lines = load_yaml(text, path)
    if not isinstance(data, list):
        raise InputError(Problem(path, 1, "the taxonomy must be a YAML list of entries"))
    problems: list[Problem] = []
    tax = Taxonomy()
    owners: dict[str, tuple[str, int]] = {}
    for i, item in enumerate(data):
        line = lines.get(f"[{i}]", 1)
        if not isinstance(item, dict):
            problems.append(_problem(path, line,
                                     "each taxonomy entry must be a mapping with 'id', 'kind', 'en', 'zh'"))
            continue
        for key in item:
            if key not in _ENTRY_KEYS:
                problems.append(_problem(path, lines.get(f"[{i}].{key}", line),
                                         f"unknown key '{key}'; allowed: {', '.join(sorted(_ENTRY_KEYS))}"))
        entry_id = item.get("id")
        if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id):
            problems.append(_problem(path, lines.get(f"[{i}].id", line),
                                     f"'id': expected lowercase ASCII words joined by '-', got {entry_id!r}"))
            continue
        if entry_id in tax.entries:
            problems.append(_problem(path, line, f"duplicate id '{entry_id}' "
                                                 f"(first at line {tax.entries[entry_id].line})"))
            continue
        kind = item.get("kind")
        if kind not in KINDS:
            problems.append(_problem(path, lines.get(f"[{i}].kind", line),
                                     f"'kind': expected one of {', '.join(KINDS)}, got {kind!r}"))
        labels = {}
        for lang in ("en", "zh"):
            value = item.get(lang)
            if not isinstance(value, str) or not value.strip():
                problems.append(_problem(path, lines.get(f"[{i}].{lang}", line),
                                         f"'{lang}': entry '{entry_id}' needs a non-empty {lang} label"))
                value = ""
            labels[lang] = value.strip()
        aliases_raw = item.get("aliases") or {}
        aliases: dict[str, list[str]] = {"en": [], "zh": []}
        if not isinstance(aliases_raw, dict):
            problems.append(_problem(path, lines.get(f"[{i}].aliases", line),
                                     "'aliases': expected a mapping with 'en' and 'zh' lists"))
        else:
            for lang, names in aliases_raw.items():
                if (lang not in aliases or not isinstance(names, list)
                        or not all(isinstance(n, str) for n in names)):
                    problems.append(_problem(path, lines.get(f"[{i}].aliases.{lang}", line),
                                             f"'aliases.{lang}': expected a list of names "
                                             "under 'en' or 'zh'"))
                    continue
                aliases[lang] = [n.strip() for n in names if n.strip()]
        description = item.get("description")
        entry = Entry(
            id=entry_id, kind=kind if kind in KINDS else "topic", en=labels["en"], zh=labels["zh"],
            aliases=aliases, zh_hant=item.get("zh_hant"), line=line,
            description=Bilingual(**description) if isinstance(description, dict) else None,
        )
        for name in entry.names():
            key = normalise(name)
            owner = owners.get(key)
            if owner and owner[0] != entry_id:
                problems.append(_problem(path, line, f"name {name!r} of '{entry_id}' is already a name of "
                                         f"'{owner[0]}' (line {owner[1]}); one name, one entry"))
            owners.setdefault(key, (entry_id, line))
        tax.entries[entry_id] = entry
    if problems:
        raise InputError(problems)
    return tax


@cache
def load_taxonomy(path: Path = TAXONOMY_PATH) -> Taxonomy:
    """The project's taxonomy (cached: it is read once per process)."""
    return parse_taxonomy(path.read_text(encoding="utf-8"), display_path(path))


def jieba_userdict(tax: Taxonomy, convert=None) -> str:
    """A jieba user dictionary so that every Chinese name and alias segments as one word.

    ``convert`` (e.g. Simplified -> Traditional) adds the converted form of each name as well.
    The high frequency makes jieba prefer the whole name over its parts.
    """
    words: list[str] = []
    for e in tax:
        for name in e.names():
            if re.search(r"[\u3400-\u9fff]", name):
                forms = [name] if convert is None else [name, convert(name)]
                for form in forms:
                    for w in {form, re.sub(r"[\s·・.．]", "", form)}:
                        if w and " " not in w and w not in words:
                            words.append(w)
    return "".join(f"{w} 100000 nz\n" for w in sorted(words))
