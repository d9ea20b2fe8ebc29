"""Read and validate briefing files: the ``check`` command's rules, each problem a ``path:line: message``."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

from build_tools.briefing.frontmatter import load_yaml, parse_body, split_document
from build_tools.briefing.taxonomy import ID_PATTERN, Taxonomy
from build_tools.characters import ALLOWED_NOTE, forbidden_character
from build_tools.errors import InputError, Problem, display_path
from build_tools.model import (
    BODY_LANGUAGES,
    DATE_BASES,
    ORIGINAL_LANGUAGES,
    TRANSLATION_STATUSES,
    Bilingual,
    Briefing,
    Paragraph,
    Source,
    body_language,
)

MAX_ID_LENGTH = 80
# A briefing file is text a person edits; anything this large is a mistake, not an article.
MAX_BRIEFING_BYTES = 1_000_000
# fullmatch, not match with '$' (which also matches before a final newline); ASCII digits only.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_URL = re.compile(r"https?://[^\s<>\"']+")
# Values are quoted in messages; a huge one (a pasted article, a runaway line) is cut to stay readable.
SHOWN_MAX_CHARS = 60


def _shown(value: Any) -> str:
    """A value as a message quotes it: its repr, cut to SHOWN_MAX_CHARS; an empty YAML value is 'nothing'."""
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= SHOWN_MAX_CHARS else f"{text[: SHOWN_MAX_CHARS - 1]}…"


class Checker:
    """The front matter of one file being validated: its values, their lines, the problems found.

    A field's rule reports through ``add`` and may ask for another field's value (``value``), which is
    then read first: the translation statuses decide which title languages are required.
    """

    def __init__(self, path: str, meta: dict[str, Any], lines: dict[str, int]):
        self.path, self.meta, self.lines = path, meta, lines
        self.problems: list[Problem] = []
        self._values: dict[str, Any] = {}

    def line(self, key: str) -> int:
        """The line of ``key`` (``a.b``, ``a[0]``), or of the nearest key above it."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return 2

    def add(self, key: str, message: str) -> None:
        """Report a problem with ``key``: ``'key': message`` at its line."""
        shown = key if len(key) <= SHOWN_MAX_CHARS else f"{key[: SHOWN_MAX_CHARS - 1]}…"
        self.problems.append(Problem(self.path, self.line(key), f"'{shown}': {message}"))

    def value(self, key: str) -> Any:
        """The checked value of field ``key`` (its default when absent), reading it on first use."""
        if key not in self._values:
            field = FIELDS_BY_KEY[key]
            self._values[key] = field.rule(self, key, self.meta[key]) if key in self.meta else field.default()
        return self._values[key]

    def text(self, key: str, value: Any, *, required: bool) -> str:
        """A text value, stripped; ``""`` when absent or wrong."""
        if value is not None and not isinstance(value, str):
            self.add(key, f"expected text, got {'a list' if isinstance(value, list) else 'a mapping'}")
            return ""
        if value is None or not value.strip():
            if required:
                self.add(key, "missing; write it")
            return ""
        return value.strip()


# A field's rule: (checker, key, value as written) -> the checked value. It runs only when the key is
# present (the value may be None: an empty YAML value) and reports what is wrong through the checker.
Rule = Callable[[Checker, str, Any], Any]


@dataclass(frozen=True)
class Field:
    """One front matter key: whether every briefing needs it, its rule, its value when absent."""

    key: str
    rule: Rule
    required: bool = False
    default: Callable[[], Any] = lambda: None


def _id(c: Checker, key: str, value: Any) -> str | None:
    if isinstance(value, str) and ID_PATTERN.match(value) and len(value) <= MAX_ID_LENGTH:
        return value
    length = f" ({len(value)} characters)" if isinstance(value, str) and len(value) > MAX_ID_LENGTH else ""
    c.add(key, f"expected lowercase ASCII words joined by '-' (at most {MAX_ID_LENGTH} characters), "
               f"got {_shown(value)}{length}")
    return None


def _date(c: Checker, key: str, value: Any) -> dt.date | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        c.add(key, f"expected YYYY-MM-DD, got {_shown(value)}" + (
            "; the seed states no date: give the date of the event and set 'date_basis: event'"
            if value is None else ""))
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        c.add(key, f"{value} is not a real date")
        return None


def _one_of(choices: tuple[str, ...], fallback: str | None = None) -> Rule:
    """A rule: the value is one of ``choices``; else ``fallback``."""
    def rule(c: Checker, key: str, value: Any) -> str | None:
        if value in choices:
            return value
        c.add(key, f"expected one of {', '.join(choices)}, got {_shown(value)}")
        return fallback
    return rule


def _pending() -> dict[str, str]:
    return dict.fromkeys(BODY_LANGUAGES, "pending")


def _translation(c: Checker, key: str, value: Any) -> dict[str, str]:
    translation = _pending()
    if not isinstance(value, dict):
        c.add(key, "expected a mapping: en: <status>, zh: <status>")
        return translation
    for lang in BODY_LANGUAGES:
        status = value.get(lang)
        if status not in TRANSLATION_STATUSES:
            c.add(f"{key}.{lang}", f"expected one of {', '.join(TRANSLATION_STATUSES)}, got {_shown(status)}")
            continue
        translation[lang] = status
    for extra in value:
        if extra not in BODY_LANGUAGES:
            c.add(f"{key}.{extra}", "unknown language; use 'en' and 'zh'")
    language = c.value("language")
    if language:
        original = body_language(language)
        other = "zh" if original == "en" else "en"
        if translation[original] != "original" and value.get(original) in TRANSLATION_STATUSES:
            c.add(f"{key}.{original}",
                  f"the article was written in {language}, so '{original}' must be 'original'")
        if translation[other] == "original":
            c.add(f"{key}.{other}", f"only the language the article was written in ({language}) "
                                    "is 'original'; use reviewed, machine or pending")
    return translation


def _bilingual(*, required_when_translated: bool) -> Rule:
    """A rule: a mapping of 'en' and 'zh' texts; each required once its language is not pending."""
    def rule(c: Checker, key: str, value: Any) -> Bilingual:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            c.add(key, "expected a mapping with 'en' and 'zh'")
            return Bilingual()
        for extra in value:
            if extra not in BODY_LANGUAGES:
                c.add(f"{key}.{extra}", "unknown language; use 'en' and 'zh' (Traditional is generated)")
        translation = c.value("translation") if required_when_translated else {}
        return Bilingual(**{lang: c.text(f"{key}.{lang}", value.get(lang),
                                         required=translation.get(lang, "pending") != "pending")
                            for lang in BODY_LANGUAGES})
    return rule


def _no_key_points() -> dict[str, list[str]]:
    return {lang: [] for lang in BODY_LANGUAGES}


def _key_points(c: Checker, key: str, value: Any) -> dict[str, list[str]]:
    key_points = _no_key_points()
    if value is None:
        return key_points
    if not isinstance(value, dict):
        c.add(key, "expected a mapping with 'en' and 'zh' lists")
        return key_points
    for extra in value:
        if extra not in BODY_LANGUAGES:
            c.add(f"{key}.{extra}", "unknown language; use 'en' and 'zh' (Traditional is generated)")
    for lang in BODY_LANGUAGES:
        items = value.get(lang) or []
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            c.add(f"{key}.{lang}", "expected a list of non-empty texts")
            continue
        key_points[lang] = [i.strip() for i in items]
    translated = all(status != "pending" for status in c.value("translation").values())
    if translated and len(key_points["en"]) != len(key_points["zh"]):
        c.add(key, f"{len(key_points['en'])} English and "
                   f"{len(key_points['zh'])} Chinese key points; they must pair one to one")
    return key_points


def _netloc(url: str) -> str:
    try:
        return urlsplit(url).netloc
    except ValueError:  # a malformed IPv6 host such as "http://[x/"
        return ""


def _source(c: Checker, key: str, value: Any) -> Source:
    source = Source()
    if value is None:
        return source
    if not isinstance(value, dict):
        c.add(key, "expected a mapping with 'name' and 'url'")
        return source
    for extra in value:
        if extra not in ("name", "url"):
            c.add(f"{key}.{extra}", "unknown key; allowed keys: name, url")
    source.name = c.text(f"{key}.name", value.get("name"), required=False) or None
    url = value.get("url")
    if url is not None:
        if not isinstance(url, str) or not _URL.fullmatch(url):
            c.add(f"{key}.url", f"expected an http:// or https:// URL, got {_shown(url)}")
        elif "@" in (netloc := _netloc(url)):
            user, _, host = netloc.rpartition("@")
            c.add(f"{key}.url", f"'{user}@' is a user name, not the host: this address leads to "
                                f"{_shown(host)[1:-1]}; give the article's own address")
        else:
            source.url = url
    return source


def _seed(c: Checker, key: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        c.add(key, f"expected a path such as seeds/name.txt, got {_shown(value)}")
        return None
    parts = Path(value).parts
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value) or ".." in parts \
            or not value.startswith("seeds/") or "\\" in value:
        c.add(key, f"expected a relative path inside seeds/ (no '..', not absolute), got {_shown(value)}")
        return None
    return value


def _ids(c: Checker, key: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        c.add(key, "expected a list of taxonomy ids")
        return []
    for i, v in enumerate(value):
        if v in value[:i]:
            c.problems.append(Problem(c.path, c.lines.get(f"{key}[{i}]", c.line(key)),
                                      f"'{key}': '{v}' is listed twice"))
    return list(dict.fromkeys(value))


# The front matter, key by key, in the order docs/en/format.md lists them (and messages name them).
# A new key is a row here and a field of model.Briefing, filled in briefing_from_meta.
FIELDS: tuple[Field, ...] = (
    Field("id", _id, required=True),
    Field("date", _date, required=True),
    Field("date_basis", _one_of(DATE_BASES, fallback="published"), default=lambda: "published"),
    Field("language", _one_of(ORIGINAL_LANGUAGES), required=True),
    Field("source", _source, default=Source),
    Field("seed", _seed),
    Field("title", _bilingual(required_when_translated=True), required=True, default=Bilingual),
    Field("summary", _bilingual(required_when_translated=False), default=Bilingual),
    Field("key_points", _key_points, default=_no_key_points),
    Field("tags", _ids, default=list),
    Field("entities", _ids, default=list),
    Field("translation", _translation, required=True, default=_pending),
    Field("editor_note", _bilingual(required_when_translated=False)),
    Field("notes_ack", _ids, default=list),
)
FIELDS_BY_KEY = {f.key: f for f in FIELDS}
REQUIRED_KEYS = tuple(f.key for f in FIELDS if f.required)
ALLOWED_KEYS = tuple(FIELDS_BY_KEY)


def _strings(value: Any, prefix: str = ""):
    """Every text in a front matter value with its dotted path (as load_yaml names lines).

    Keys are not texts: each must be one of a fixed set, and an unknown one is reported as such.
    """
    if isinstance(value, str):
        yield prefix, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{prefix}[{i}]")


def check_characters(c: Checker) -> None:
    """Every text of the front matter, whatever its field, is free of characters that cannot be published."""
    for key, text in _strings(c.meta):
        wrong = forbidden_character(text)
        if wrong:
            c.add(key, f"holds a {wrong}; remove it ({ALLOWED_NOTE})")


def briefing_from_meta(meta: Any, lines: dict[str, int], path: str) -> tuple[Briefing | None, list[Problem]]:
    """Validate a front matter mapping and build the Briefing it describes."""
    if not isinstance(meta, dict):
        kind = "nothing" if meta is None else "a list" if isinstance(meta, list) else _shown(meta)
        return None, [Problem(path, 2, f"front matter must be a YAML mapping of 'key: value' lines "
                                       f"(id, date, title ...), got {kind}")]
    c = Checker(path, meta, lines)
    check_characters(c)
    for key in meta:
        if key not in FIELDS_BY_KEY:
            c.add(str(key), f"unknown key; allowed keys: {', '.join(ALLOWED_KEYS)}")
    for key in REQUIRED_KEYS:
        if key not in meta:
            c.problems.append(Problem(path, 1, f"'{key}': missing; every briefing needs "
                                               f"{', '.join(REQUIRED_KEYS)}"))
    v = {f.key: c.value(f.key) for f in FIELDS}
    briefing = Briefing(
        id=v["id"] or "", date=v["date"], language=v["language"] or "en", title=v["title"],
        summary=v["summary"], key_points=v["key_points"], source=v["source"], seed=v["seed"], tags=v["tags"],
        entities=v["entities"], notes_ack=v["notes_ack"], translation=v["translation"],
        date_basis=v["date_basis"], editor_note=v["editor_note"], path=path, lines=dict(lines),
    )
    return briefing, c.problems


_REGULAR_NOTE = "must be a regular file in the pull request: replace the link or device with the file"


class _NotRegular(Exception):
    """The path is a link, a device or a pipe: what it is, for the message."""


class _TooLarge(Exception):
    """The file holds more than the cap; ``size`` is what it holds (at least cap + 1)."""

    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def read_regular_file(path: Path, cap: int) -> bytes:
    """The bytes of a regular file of at most ``cap`` bytes (else _TooLarge); never through a link.

    O_NOFOLLOW refuses a link (``-> /dev/zero``, ``-> /etc/passwd``) at the open itself, O_NONBLOCK keeps a
    named pipe from waiting for a writer, and at most ``cap`` + 1 bytes are read whatever the size says.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP or path.is_symlink():
            raise _NotRegular("is a symbolic link") from None
        raise
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular("is not a regular file (a device or a pipe)")
        raw = fh.read(cap + 1)
    if len(raw) > cap:
        raise _TooLarge(max(info.st_size, len(raw)))
    return raw


def read_source(  # noqa: PLR0911 -- each unreadable-file case returns its own problem at once
    path: str | Path, *, what: str = "a briefing",
) -> tuple[str | None, list[Problem]]:
    """The text of a file in the briefing format (UTF-8, at most MAX_BRIEFING_BYTES), newlines made
    ``\\n``; None and the problem when it cannot be read as such."""
    shown = display_path(path)
    try:
        raw = read_regular_file(Path(path), MAX_BRIEFING_BYTES)
    except _NotRegular as exc:
        return None, [Problem(shown, 0, f"{exc}; {what} {_REGULAR_NOTE}")]
    except _TooLarge as exc:
        return None, [Problem(shown, 0, f"file is {exc.size} bytes; {what} is at most "
                                        f"{MAX_BRIEFING_BYTES}: keep only the article")]
    except OSError as exc:
        return None, [Problem(shown, 0, f"cannot read: {exc.strerror or exc}")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return None, [Problem(shown, 0, "saved as UTF-16 or UTF-32 "
                                        "(it starts with that byte-order mark); save the file as UTF-8")]
    if b"\0" in raw:
        return None, [Problem(shown, 0, f"binary file; {what} is UTF-8 text")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, line, "not valid UTF-8; save the file as UTF-8")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


T = TypeVar("T")


@dataclass
class Document(Generic[T]):
    """A file of the briefing format, parsed: what its front matter made, its body, and every problem."""

    value: T | None
    paragraphs: list[Paragraph]
    body_line: int
    lines: dict[str, int]
    problems: list[Problem]


def parse_document(text: str, shown: str,
                   from_meta: Callable[[dict, dict[str, int], str], tuple[T | None, list[Problem]]],
                   ) -> Document[T]:
    """Split front matter from body, load the YAML, validate it with ``from_meta``, parse the body.

    The one reader of the format: briefings and edition introductions differ only in ``from_meta``.
    """
    try:
        fm, body, body_line = split_document(text, shown)
        meta, lines = load_yaml(fm, shown, line_offset=1)
    except InputError as exc:
        return Document(None, [], 0, {}, exc.problems)
    value, problems = from_meta(meta, lines, shown)
    paragraphs, body_problems = parse_body(body, shown, body_line)
    return Document(value, paragraphs, body_line, lines, problems + body_problems)


def read_briefing(
    path: str | Path, *, text: str | None = None,
) -> tuple[Briefing | None, list[Problem]]:
    """Read one briefing file; return it (if readable) and the problems found in the file itself."""
    shown = display_path(path)
    if text is None:
        text, unreadable = read_source(path)
        if text is None:
            return None, unreadable
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    document = parse_document(text, shown, briefing_from_meta)
    briefing, problems = document.value, document.problems
    if briefing is None:
        return None, problems
    briefing.paragraphs = document.paragraphs
    body_line = document.body_line
    problems += check_body(briefing, body_line)
    stem = Path(path).stem
    if briefing.id and stem != briefing.id:
        problems.append(Problem(shown, briefing.lines.get("id", 2),
                                f"'id': '{briefing.id}' does not match the file name '{stem}.md'; "
                                f"rename the file to '{briefing.id}.md' or change the id"))
    return briefing, problems


def check_body(b: Briefing, body_line: int) -> list[Problem]:
    """Both languages present and aligned, paragraph by paragraph, unless a language is pending."""
    problems: list[Problem] = []
    if not b.paragraphs:
        problems.append(Problem(b.path or "", body_line, "the body has no paragraphs; add the article text"))
    for p in b.paragraphs:
        for lang in BODY_LANGUAGES:
            wrong = forbidden_character(p.text(lang))
            if wrong:
                problems.append(Problem(b.path or "", p.line, f"paragraph ('{lang}:' text) holds a {wrong}; "
                                                              f"remove it ({ALLOWED_NOTE})"))
            if b.translation.get(lang) != "pending" and not p.text(lang):
                status = b.translation.get(lang)
                problems.append(Problem(b.path or "", p.line,
                                        f"paragraph has no '{lang}:' text but translation.{lang} "
                                        f"is '{status}'; translate it, or set translation.{lang} to pending"))
    return problems


def check_against(briefings: list[Briefing], tax: Taxonomy, root: Path | None = None) -> list[Problem]:
    """Rules across files: ids unique, tags and entities known to the taxonomy, seeds present."""
    problems: list[Problem] = []
    seen: dict[str, Briefing] = {}
    for b in briefings:
        path = b.path or ""
        if b.id in seen:
            problems.append(Problem(path, b.lines.get("id", 2),
                                    f"'id': '{b.id}' is already used by {seen[b.id].path}; "
                                    "ids must be unique"))
        elif b.id:
            seen[b.id] = b
        for key, want_topic in (("tags", True), ("entities", False)):
            for i, entry_id in enumerate(getattr(b, key)):
                line = b.lines.get(f"{key}[{i}]", b.lines.get(key, 2))
                entry = tax.get(entry_id)
                if entry is None:
                    problems.append(Problem(path, line,
                                            f"'{key}': '{entry_id}' is not in the taxonomy; add it to "
                                            "build_tools/data/taxonomy.yaml or use a known id"))
                elif entry.is_topic != want_topic:
                    other = "entities" if want_topic else "tags"
                    article = "an" if entry.kind[0] in "aeiou" else "a"
                    problems.append(Problem(path, line, f"'{key}': '{entry_id}' is {article} {entry.kind}, "
                                                        f"not {'a topic' if want_topic else 'an entity'}; "
                                                        f"list it under '{other}'"))
        if b.seed and root is not None:
            seeds_dir = (root / "seeds").resolve()
            seed_path = root / b.seed
            if seed_path.is_dir():
                problems.append(Problem(path, b.lines.get("seed", 2),
                                        f"'seed': {b.seed} is a folder; name the seed file itself"))
            elif not seed_path.is_file():
                problems.append(Problem(path, b.lines.get("seed", 2), f"'seed': {b.seed} does not exist"))
            elif not seed_path.resolve().is_relative_to(seeds_dir):
                problems.append(Problem(path, b.lines.get("seed", 2),
                                        f"'seed': {b.seed} leads outside seeds/"))
    return problems


def briefing_paths(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of briefing files."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(q for q in p.glob("*.md") if not q.name.startswith(("_", "."))))
        else:
            found.append(p)
    return found


def load_briefings(paths: list[str | Path], tax: Taxonomy, root: Path | None = None,
                   ) -> tuple[list[Briefing], list[Problem]]:
    """Read and validate every briefing; all problems, sorted by file and line."""
    briefings: list[Briefing] = []
    problems: list[Problem] = []
    for path in briefing_paths(paths):
        b, found = read_briefing(path)
        problems += found
        if b is not None:
            briefings.append(b)
    problems += check_against(briefings, tax, root)
    return briefings, sorted(set(problems), key=lambda p: (p.path, p.line, p.message))


def work_left(b: Briefing) -> list[Problem]:
    """What an editor still has to do before a valid briefing is finished (``check --strict`` fails on it)."""
    path = b.path or ""

    def at(key: str) -> int:
        return b.lines.get(key, b.lines.get(key.partition(".")[0], 2))

    todo: list[Problem] = []
    for lang in BODY_LANGUAGES:
        status = b.translation.get(lang)
        if status in ("pending", "machine"):
            todo.append(Problem(path, at("translation"), f"'translation.{lang}': still '{status}'; "
                                "--strict requires every language reviewed"))
        if status == "pending":
            continue
        if not b.summary.get(lang):
            todo.append(Problem(path, at(f"summary.{lang}"),
                                f"'summary.{lang}': empty; write two or three sentences "
                                "from the article's facts"))
        if not b.key_points.get(lang):
            todo.append(Problem(path, at(f"key_points.{lang}"),
                                f"'key_points.{lang}': empty; list three to five key points"))
    if not b.tags:
        todo.append(Problem(path, at("tags"), "'tags': none; add the topics the article discusses "
                                              "(ids of kind topic in build_tools/data/taxonomy.yaml)"))
    return sorted(todo, key=lambda p: p.line)
