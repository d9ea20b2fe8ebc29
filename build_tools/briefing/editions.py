"""Read and validate the editions folder: editors' introductions and the ledger of edition numbers.

An edition is an ISO week (Monday to Sunday) with at least one briefing dated in it; its id is
``<year>-w<week>`` (``2024-w22``). Editions are derived from the briefings' dates; two kinds of file
add to them, both in ``editions/`` beside ``briefings/``:

- ``editions/<year>-w<week>.md``: an optional editor's introduction, in the briefing format (YAML front
  matter, then aligned ``en:``/``zh:`` paragraphs) and checked by the same rules;
- ``editions/numbers.yaml``: the ledger of edition numbers, one ``<week>: <number>`` line per edition,
  appended by ``python -m build_tools edition --number`` and never rewritten, so that a number, once
  published, stays with its week whatever briefings are added later (see docs/en/format.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.briefing.frontmatter import load_yaml
from build_tools.briefing.schema import parse_document, read_source
from build_tools.errors import InputError, Problem, display_path
from build_tools.files import write_atomic
from build_tools.model import BODY_LANGUAGES, ORIGINAL_LANGUAGES, TRANSLATION_STATUSES, Bilingual, Paragraph

EDITIONS_DIR = "editions"
LEDGER_FILE = "numbers.yaml"
WEEK_PATTERN = re.compile(r"([0-9]{4})-w([0-9]{2})")
REQUIRED_KEYS = ("edition", "language", "translation")
ALLOWED_KEYS = ("edition", "language", "title", "translation")
LEDGER_HEADER = (
    "# Edition numbers: one '<year>-w<week>: <number>' line per edition, in the order they were given.\n"
    "# Appended by `python -m build_tools edition --number`; never change or remove a line: a number,\n"
    "# once published, belongs to its week for good (docs/en/format.md, \"Editions\").\n"
)


def week_of(day: dt.date) -> str:
    """The id of the ISO week holding ``day``: ``2024-w22``."""
    year, week, _ = day.isocalendar()
    return f"{year}-w{week:02d}"


def week_days(week: str) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of a valid week id."""
    m = WEEK_PATTERN.fullmatch(week)
    if m is None:
        raise ValueError(f"not a week id: {week!r}")
    monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    return monday, monday + dt.timedelta(days=6)


def parse_week(text: str) -> str | None:
    """``text`` as a week id (``2024-w22``; ``2024-W22`` and ``2024-w5`` are accepted), None if it is none."""
    m = re.fullmatch(r"([0-9]{4})-[wW]([0-9]{1,2})", text.strip())
    if m is None:
        return None
    week = f"{m.group(1)}-w{int(m.group(2)):02d}"
    try:
        week_days(week)
    except ValueError:
        return None
    return week


@dataclass(slots=True)
class EditionIntro:
    """An editor's introduction to one edition, as stored in ``editions/<week>.md``."""

    week: str
    language: str  # original language, one of ORIGINAL_LANGUAGES
    title: Bilingual
    translation: dict[str, str]
    paragraphs: list[Paragraph] = field(default_factory=list)
    path: str | None = None

    @property
    def original(self) -> str:
        """The body column ('en' or 'zh') holding the original text."""
        return "en" if self.language == "en" else "zh"


@dataclass
class EditionInput:
    """What the editions folder holds: introductions by week and the ledger (week -> number)."""

    intros: dict[str, EditionIntro] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    ledger_path: str | None = None  # None when there is no ledger: numbers are then provisional
    files: list[Path] = field(default_factory=list)  # every file read, for change detection


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) else None


Report = Callable[[str, str], None]


def _translation(meta: dict[str, Any], language: str | None, add: Report) -> dict[str, str]:
    """The ``translation`` statuses, by the briefing rules: the original language is 'original'."""
    translation = {"en": "pending", "zh": "pending"}
    raw = meta.get("translation")
    if "translation" not in meta:
        return translation
    if not isinstance(raw, dict):
        add("translation", "expected a mapping: en: <status>, zh: <status>")
        return translation
    for lang in BODY_LANGUAGES:
        if raw.get(lang) not in TRANSLATION_STATUSES:
            add(f"translation.{lang}",
                f"expected one of {', '.join(TRANSLATION_STATUSES)}, got {raw.get(lang)!r}")
        else:
            translation[lang] = raw[lang]
    for extra in raw:
        if extra not in BODY_LANGUAGES:
            add(f"translation.{extra}", "unknown language; use 'en' and 'zh'")
    if language:
        original = "en" if language == "en" else "zh"
        other = "zh" if original == "en" else "en"
        if translation[original] != "original" and raw.get(original) in TRANSLATION_STATUSES:
            add(f"translation.{original}",
                f"the introduction was written in {language}, so '{original}' must be 'original'")
        if translation[other] == "original":
            add(f"translation.{other}", f"only the language the introduction was written in "
                                        f"({language}) is 'original'; use reviewed, machine or pending")
    return translation


def _title(meta: dict[str, Any], translation: dict[str, str], add: Report) -> Bilingual:
    """The optional ``title``: every language that is not pending has one."""
    title = Bilingual()
    raw = meta.get("title")
    if raw is None:
        return title
    if not isinstance(raw, dict):
        add("title", "expected a mapping with 'en' and 'zh'")
        return title
    for extra in raw:
        if extra not in BODY_LANGUAGES:
            add(f"title.{extra}", "unknown language; use 'en' and 'zh' (Traditional is generated)")
    for lang in BODY_LANGUAGES:
        value = raw.get(lang)
        if value is not None and not isinstance(value, str):
            add(f"title.{lang}", "expected text")
        elif translation[lang] != "pending" and not (value or "").strip():
            add(f"title.{lang}", f"missing; write it, or set translation.{lang} to pending")
        else:
            setattr(title, lang, (value or "").strip())
    return title


def intro_from_meta(meta: Any, lines: dict[str, int], path: str) -> tuple[EditionIntro | None, list[Problem]]:
    """Validate an introduction's front matter (the briefing rules for the same keys)."""
    if not isinstance(meta, dict):
        return None, [Problem(path, 2, "front matter must be a YAML mapping of 'key: value' lines "
                                       "(edition, language, title, translation)")]
    problems: list[Problem] = []

    def add(key: str, message: str) -> None:
        at = key
        while at and at not in lines:
            at = at.rpartition(".")[0]
        problems.append(Problem(path, lines.get(at, 2), f"'{key}': {message}"))

    for key in meta:
        if key not in ALLOWED_KEYS:
            add(str(key)[:60], f"unknown key; allowed keys: {', '.join(ALLOWED_KEYS)}")
    for key in REQUIRED_KEYS:
        if key not in meta:
            problems.append(Problem(path, 1, f"'{key}': missing; every introduction needs "
                                             f"{', '.join(REQUIRED_KEYS)}"))
    week = _text(meta.get("edition"))
    if "edition" in meta and (week is None or parse_week(week) != week):
        add("edition", "expected a week such as 2024-w22 (ISO year, 'w', two-digit week), "
                       f"got {meta['edition']!r}")
        week = None
    language = meta.get("language")
    if "language" in meta and language not in ORIGINAL_LANGUAGES:
        add("language", f"expected one of {', '.join(ORIGINAL_LANGUAGES)}, got {language!r}")
        language = None
    translation = _translation(meta, language, add)
    title = _title(meta, translation, add)
    return EditionIntro(week or "", language or "en", title, translation, path=path), problems


def read_intro(path: Path) -> tuple[EditionIntro | None, list[Problem]]:
    """Read one introduction file; return it (if readable) and its problems."""
    shown = display_path(path)
    text, problems = read_source(path, what="an introduction")
    if text is None:
        return None, problems
    document = parse_document(text, shown, intro_from_meta)
    intro, problems, paragraphs = document.value, document.problems, document.paragraphs
    body_line, lines = document.body_line, document.lines
    if intro is None:
        return None, problems
    intro.paragraphs = paragraphs
    if not paragraphs:
        problems.append(Problem(shown, body_line, "the body has no paragraphs; write the introduction"))
    for p in paragraphs:
        for lang in BODY_LANGUAGES:
            status = intro.translation[lang]
            if status != "pending" and not p.text(lang):
                problems.append(Problem(shown, p.line, f"paragraph has no '{lang}:' text but "
                                                       f"translation.{lang} is '{status}'; translate it, "
                                                       f"or set translation.{lang} to pending"))
    if intro.week and intro.week != path.stem:
        problems.append(Problem(shown, lines.get("edition", 2),
                                f"'edition': '{intro.week}' does not match the file name "
                                f"'{path.stem}.md'; "
                                f"rename the file to '{intro.week}.md' or change the edition"))
    return intro, problems


def read_ledger(path: Path) -> tuple[dict[str, int], list[Problem]]:
    """The ledger's week -> number; problems: bad weeks or numbers, a number used twice, numbers
    not increasing down the file (lines are only ever appended)."""
    shown = display_path(path)
    text, problems = read_source(path, what="the ledger")
    if text is None:
        return {}, problems
    try:
        data, lines = load_yaml(text, shown)
    except InputError as exc:
        return {}, exc.problems
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Problem(shown, 1, "expected '<year>-w<week>: <number>' lines")]
    numbers: dict[str, int] = {}
    owner: dict[int, str] = {}
    last = 0
    for key, value in data.items():
        line = lines.get(str(key), 1)
        week = parse_week(str(key))
        if week is None or week != key:
            problems.append(Problem(shown, line, f"{str(key)[:60]!r} is not a week; write it as 2024-w22"))
            continue
        if not isinstance(value, str) or not re.fullmatch(r"[1-9][0-9]{0,5}", value):
            problems.append(Problem(shown, line, f"'{week}': expected a whole number from 1, got {value!r}"))
            continue
        number = int(value)
        if number in owner:
            problems.append(Problem(shown, line, f"'{week}': number {number} is already {owner[number]}'s; "
                                                 "each edition keeps its own number"))
            continue
        if number < last:
            problems.append(Problem(shown, line, f"'{week}': number {number} comes after {last}; lines are "
                                                 "appended in the order numbers were given, never reordered"))
        owner[number], numbers[week], last = week, number, max(last, number)
    return numbers, problems


def read_editions(folder: Path) -> tuple[EditionInput, list[Problem]]:
    """Every introduction and the ledger in ``folder`` (nothing when it does not exist)."""
    found = EditionInput()
    problems: list[Problem] = []
    if not folder.is_dir():
        return found, problems
    ledger = folder / LEDGER_FILE
    if ledger.is_file():
        found.numbers, problems = read_ledger(ledger)
        found.ledger_path = display_path(ledger)
        found.files.append(ledger)
    for path in sorted(q for q in folder.glob("*.md") if not q.name.startswith(("_", "."))):
        found.files.append(path)
        intro, found_problems = read_intro(path)
        problems += found_problems
        if intro is not None and intro.week:
            found.intros[intro.week] = intro
    return found, problems


def check_editions(found: EditionInput, weeks: set[str], *, numbers: bool = True) -> list[Problem]:
    """Rules across files: an introduction belongs to a week with briefings; with a ledger (and
    ``numbers``), every edition has its number."""
    problems = [Problem(intro.path or "", 0, f"no briefing is dated in week {week}; an edition needs "
                                             "at least one, so this introduction belongs to no edition")
                for week, intro in sorted(found.intros.items()) if week not in weeks]
    if numbers and found.ledger_path is not None:
        missing = sorted(weeks - set(found.numbers))
        if missing:
            shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            plural = "s" * (len(missing) != 1)
            problems.append(Problem(found.ledger_path, 0, f"{len(missing)} edition{plural} without a number "
                                                          f"({shown}); run `python -m build_tools edition "
                                                          "--number`"))
    return problems


def next_numbers(numbers: dict[str, int], weeks: set[str]) -> dict[str, int]:
    """Numbers for the weeks the ledger lacks: after its highest, in the order of the weeks."""
    last = max(numbers.values(), default=0)
    return {week: last + i for i, week in enumerate(sorted(weeks - set(numbers)), start=1)}


def ledger_lines(numbers: dict[str, int]) -> str:
    """Ledger lines for ``numbers`` (week -> number), in the order given."""
    return "".join(f"{week}: {number}\n" for week, number in numbers.items())


def number_editions(ledger: Path, weeks: set[str]) -> dict[str, int]:
    """Append a number for every week in ``weeks`` the ledger lacks; return what was appended.

    The ledger is read first and must be valid (InputError otherwise); its text is kept as it is and the
    new lines added at its end, written whole to a temporary file and moved into place.
    """
    numbers: dict[str, int] = {}
    text = LEDGER_HEADER
    if ledger.exists():
        numbers, problems = read_ledger(ledger)
        if problems:
            raise InputError(problems)
        text = read_source(ledger, what="the ledger")[0] or ""
    added = next_numbers(numbers, weeks)
    if added:
        ledger.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(ledger, text + ("" if not text or text.endswith("\n") else "\n") + ledger_lines(added))
    return added
