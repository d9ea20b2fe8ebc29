"""The bilingual taxonomy: topics and entities with labels and aliases in every script."""

from __future__ import annotations

import re
from collections.abc import Callable
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


@dataclass
class _EntryChecker:
    """One taxonomy entry being validated: where its keys are, and the problems found."""

    path: str
    lines: dict[str, int]
    index: int  # position in the list
    entry_id: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def line(self) -> int:
        """The line the entry starts on."""
        return self.lines.get(f"[{self.index}]", 1)

    def add(self, key: str, message: str) -> None:
        """Report a problem at the line of ``key`` (of the entry when the key is absent)."""
        self.problems.append(Problem(self.path, self.lines.get(f"[{self.index}].{key}", self.line), message))


def _kind(c: _EntryChecker, key: str, value: object) -> str:
    if isinstance(value, str) and value in KINDS:
        return value
    c.add(key, f"'kind': expected one of {', '.join(KINDS)}, got {value!r}")
    return "topic"


def _label(c: _EntryChecker, key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        c.add(key, f"'{key}': entry '{c.entry_id}' needs a non-empty {key} label")
        return ""
    return value.strip()


def _official_traditional(c: _EntryChecker, key: str, value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value or None  # empty: OpenCC's conversion of the zh label
    c.add(key, f"'{key}': expected the official Traditional label as text, got {value!r}")
    return None


def _aliases(c: _EntryChecker, key: str, value: object) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {"en": [], "zh": []}
    value = value or {}
    if not isinstance(value, dict):
        c.add(key, f"'{key}': expected a mapping with 'en' and 'zh' lists")
        return aliases
    for lang, names in value.items():
        if lang not in aliases or not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            c.add(f"{key}.{lang}", f"'{key}.{lang}': expected a list of names under 'en' or 'zh'")
            continue
        aliases[lang] = [n.strip() for n in names if n.strip()]
    return aliases


def _description(c: _EntryChecker, key: str, value: object) -> Bilingual | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(k in ("en", "zh") and isinstance(v, str | None)
                                              for k, v in value.items()):
        c.add(key, f"'{key}': expected a mapping with 'en' and 'zh' texts")
        return None
    return Bilingual(**value)


def _broad(c: _EntryChecker, key: str, value: object) -> bool:
    if value is None or value in (True, False, "true", "false"):  # the taxonomy is read as plain strings
        return value in (True, "true")
    c.add(key, f"'{key}': expected true or false, got {value!r}")
    return False


def _broader(c: _EntryChecker, key: str, value: object) -> str | None:
    if value is None or (isinstance(value, str) and ID_PATTERN.match(value)):
        return value
    c.add(key, f"'{key}': expected the id of a topic, got {value!r}")
    return None


def _borrows(c: _EntryChecker, key: str, value: object) -> dict[str, list[str]]:
    if value is None:
        return {}
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, list) and v
                                       and all(isinstance(n, str) and n.strip() for n in v)
                                       for k, v in value.items()):
        return {k: [n.strip() for n in v] for k, v in value.items()}
    c.add(key, f"'{key}': expected a mapping of a topic's id to a list of its names, got {value!r}")
    return {}


# An entry's keys after its id, each with its rule: (checker, key, value or None) -> the checked value.
# A new key is a row here and a field of model.Entry.
ENTRY_FIELDS: dict[str, Callable[[_EntryChecker, str, object], object]] = {
    "kind": _kind,
    "en": _label,
    "zh": _label,
    "zh_hant": _official_traditional,
    "aliases": _aliases,
    "description": _description,
    "broad": _broad,
    "broader": _broader,
    "borrows": _borrows,
}
_ENTRY_KEYS = {"id", *ENTRY_FIELDS}


def _entry(item: object, c: _EntryChecker, tax: Taxonomy) -> Entry | None:
    """The entry ``item`` describes, or None when it cannot be one (its problems are in ``c``)."""
    if not isinstance(item, dict):
        c.problems.append(Problem(c.path, c.line, "each taxonomy entry must be a mapping with 'id', 'kind', "
                                                  "'en', 'zh'"))
        return None
    for key in item:
        if key not in _ENTRY_KEYS:
            c.add(str(key), f"unknown key '{key}'; allowed: {', '.join(sorted(_ENTRY_KEYS))}")
    entry_id = item.get("id")
    if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id):
        c.add("id", f"'id': expected lowercase ASCII words joined by '-', got {entry_id!r}")
        return None
    if entry_id in tax.entries:
        c.problems.append(Problem(c.path, c.line, f"duplicate id '{entry_id}' "
                                                  f"(first at line {tax.entries[entry_id].line})"))
        return None
    c.entry_id = entry_id
    v = {key: rule(c, key, item.get(key)) for key, rule in ENTRY_FIELDS.items()}
    return Entry(id=entry_id, line=c.line, **v)  # type: ignore[arg-type]  # each rule returns its field's type


def parse_taxonomy(text: str, path: str) -> Taxonomy:
    """Parse and validate taxonomy YAML; every problem is reported at once."""
    data, lines = load_yaml(text, path)
    if not isinstance(data, list):
        raise InputError(Problem(path, 1, "the taxonomy must be a YAML list of entries"))
    problems: list[Problem] = []
    tax = Taxonomy()
    owners: dict[str, tuple[str, int]] = {}
    broader_lines: dict[str, int] = {}
    borrows_lines: dict[str, int] = {}
    for i, item in enumerate(data):
        c = _EntryChecker(path, lines, i)
        entry = _entry(item, c, tax)
        problems += c.problems
        if entry is None:
            continue
        for name in entry.names():  # one name, one entry: a name of two would tag both
            key = normalise(name)
            owner = owners.get(key)
            if owner and owner[0] != entry.id:
                problems.append(Problem(path, entry.line,
                                        f"name {name!r} of '{entry.id}' is already a name of "
                                        f"'{owner[0]}' (line {owner[1]}); one name, one entry"))
            owners.setdefault(key, (entry.id, entry.line))
        tax.entries[entry.id] = entry
        broader_lines[entry.id] = lines.get(f"[{i}].broader", entry.line)
        borrows_lines[entry.id] = lines.get(f"[{i}].borrows", entry.line)
    problems += _broader_problems(tax, path, broader_lines) + _borrows_problems(tax, path, borrows_lines)
    if problems:
        raise InputError(problems)
    return tax


def _broader_problems(tax: Taxonomy, path: str, lines: dict[str, int]) -> list[Problem]:
    """A topic's wider topic must be another topic of the taxonomy, and no chain of them may loop."""
    problems = []
    for e in tax:
        if e.broader is None:
            continue
        wider = tax.get(e.broader)
        if e.kind != "topic" or wider is None or not wider.is_topic or wider.id == e.id:
            message = f"'broader': '{e.id}' may name only another topic as its wider topic, got '{e.broader}'"
            problems.append(Problem(path, lines[e.id], message))
            continue
        seen = {e.id}
        while wider is not None and wider.broader and wider.id not in seen:
            seen.add(wider.id)
            wider = tax.get(wider.broader)
        if wider is not None and wider.id in seen:
            message = f"'broader': the wider topics of '{e.id}' lead back to '{wider.id}'; they may not loop"
            problems.append(Problem(path, lines[e.id], message))
    return problems


def _borrows_problems(tax: Taxonomy, path: str, lines: dict[str, int]) -> list[Problem]:
    """A topic borrows words from another topic only, and only words that are that topic's names."""
    problems = []
    for e in tax:
        for lender_id, names in e.borrows.items():
            lender = tax.get(lender_id)
            if e.kind != "topic" or lender is None or not lender.is_topic or lender.id == e.id:
                message = f"'borrows': '{e.id}' may borrow only another topic's names, got '{lender_id}'"
                problems.append(Problem(path, lines[e.id], message))
                continue
            own = {normalise(n) for n in lender.names()}
            for name in names:
                if normalise(name) not in own:
                    message = f"'borrows': {name!r} is not a name of '{lender_id}'; list the names it lends"
                    problems.append(Problem(path, lines[e.id], message))
    return problems


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


def jieba_tokenizer(tax: Taxonomy):
    """A jieba tokenizer of its own, loaded now (about a second), with ``tax``'s names as user dictionary."""
    import io
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(io.StringIO(jieba_userdict(tax)))
    return tokenizer
