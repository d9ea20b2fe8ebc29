"""Read and validate briefing files: the ``check`` command's rules, each problem a ``path:line: message``."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from build_tools.briefing.frontmatter import load_yaml, parse_body, split_document
from build_tools.briefing.taxonomy import ID_PATTERN, Taxonomy
from build_tools.errors import InputError, Problem, display_path
from build_tools.model import (
    BODY_LANGUAGES,
    DATE_BASES,
    ORIGINAL_LANGUAGES,
    TRANSLATION_STATUSES,
    Bilingual,
    Briefing,
    Source,
    body_language,
)

MAX_ID_LENGTH = 80
# A briefing file is text a person edits; anything this large is a mistake, not an article.
MAX_BRIEFING_BYTES = 1_000_000
REQUIRED_KEYS = ("id", "date", "language", "title", "translation")
ALLOWED_KEYS = ("id", "date", "date_basis", "language", "source", "seed", "title", "summary",
                "key_points", "tags", "entities", "translation", "editor_note", "notes_ack")
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


class _Checker:
    def __init__(self, path: str, meta: dict[str, Any], lines: dict[str, int]):
        self.path, self.meta, self.lines = path, meta, lines
        self.problems: list[Problem] = []

    def line(self, key: str) -> int:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return 2

    def add(self, key: str, message: str) -> None:
        shown = key if len(key) <= SHOWN_MAX_CHARS else f"{key[: SHOWN_MAX_CHARS - 1]}…"
        self.problems.append(Problem(self.path, self.line(key), f"'{shown}': {message}"))

    def text(self, key: str, value: Any, *, required: bool) -> str:
        if value is not None and not isinstance(value, str):
            self.add(key, f"expected text, got {'a list' if isinstance(value, list) else 'a mapping'}")
            return ""
        if value is None or not value.strip():
            if required:
                self.add(key, "missing; write it")
            return ""
        return value.strip()

    def bilingual(self, key: str, required: dict[str, bool]) -> Bilingual:
        if key in REQUIRED_KEYS and key not in self.meta:
            return Bilingual()  # reported once, as a missing key
        value = self.meta.get(key)
        if value is None:
            value = {}
        if not isinstance(value, dict):
            self.add(key, "expected a mapping with 'en' and 'zh'")
            return Bilingual()
        for extra in value:
            if extra not in BODY_LANGUAGES:
                self.add(f"{key}.{extra}", "unknown language; use 'en' and 'zh' (Traditional is generated)")
        return Bilingual(**{lang: self.text(f"{key}.{lang}", value.get(lang), required=required[lang])
                            for lang in BODY_LANGUAGES})

    def id_list(self, key: str) -> list[str]:
        value = self.meta.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(key, "expected a list of taxonomy ids")
            return []
        for i, v in enumerate(value):
            if v in value[:i]:
                self.problems.append(Problem(self.path, self.lines.get(f"{key}[{i}]", self.line(key)),
                                             f"'{key}': '{v}' is listed twice"))
        return list(dict.fromkeys(value))


def briefing_from_meta(  # noqa: PLR0912, PLR0915 -- validation reads field by field, top to bottom
    meta: Any, lines: dict[str, int], path: str,
) -> tuple[Briefing | None, list[Problem]]:
    """Validate a front matter mapping and build the Briefing it describes."""
    if not isinstance(meta, dict):
        kind = "nothing" if meta is None else "a list" if isinstance(meta, list) else _shown(meta)
        return None, [Problem(path, 2, f"front matter must be a YAML mapping of 'key: value' lines "
                                       f"(id, date, title ...), got {kind}")]
    c = _Checker(path, meta, lines)
    for key in meta:
        if key not in ALLOWED_KEYS:
            c.add(str(key), f"unknown key; allowed keys: {', '.join(ALLOWED_KEYS)}")
    for key in REQUIRED_KEYS:
        if key not in meta:
            c.problems.append(Problem(path, 1, f"'{key}': missing; every briefing needs "
                                               f"{', '.join(REQUIRED_KEYS)}"))

    briefing_id = meta.get("id")
    if "id" in meta and (not isinstance(briefing_id, str) or not ID_PATTERN.match(briefing_id)
                         or len(briefing_id) > MAX_ID_LENGTH):
        length = f" ({len(briefing_id)} characters)" if isinstance(briefing_id, str) and \
            len(briefing_id) > MAX_ID_LENGTH else ""
        c.add("id", f"expected lowercase ASCII words joined by '-' (at most {MAX_ID_LENGTH} characters), "
                    f"got {_shown(briefing_id)}{length}")
        briefing_id = None

    date = None
    raw_date = meta.get("date")
    if "date" in meta:
        if not isinstance(raw_date, str) or not _DATE.fullmatch(raw_date):
            c.add("date", f"expected YYYY-MM-DD, got {_shown(raw_date)}" + (
                "; the seed states no date: give the date of the event and set 'date_basis: event'"
                if raw_date is None else ""))
        else:
            try:
                date = dt.date.fromisoformat(raw_date)
            except ValueError:
                c.add("date", f"{raw_date} is not a real date")
    date_basis = meta.get("date_basis", "published")
    if date_basis not in DATE_BASES:
        c.add("date_basis", f"expected one of {', '.join(DATE_BASES)}, got {_shown(date_basis)}")
        date_basis = "published"

    language = meta.get("language")
    if "language" in meta and language not in ORIGINAL_LANGUAGES:
        c.add("language", f"expected one of {', '.join(ORIGINAL_LANGUAGES)}, got {_shown(language)}")
        language = None
    original = body_language(language) if language else None

    translation_raw = meta.get("translation")
    translation = {"en": "pending", "zh": "pending"}
    if "translation" in meta:
        if not isinstance(translation_raw, dict):
            c.add("translation", "expected a mapping: en: <status>, zh: <status>")
        else:
            for lang in BODY_LANGUAGES:
                status = translation_raw.get(lang)
                if status not in TRANSLATION_STATUSES:
                    c.add(f"translation.{lang}",
                          f"expected one of {', '.join(TRANSLATION_STATUSES)}, got {_shown(status)}")
                    continue
                translation[lang] = status
            for extra in translation_raw:
                if extra not in BODY_LANGUAGES:
                    c.add(f"translation.{extra}", "unknown language; use 'en' and 'zh'")
            if original:
                other = "zh" if original == "en" else "en"
                if (translation[original] != "original"
                        and translation_raw.get(original) in TRANSLATION_STATUSES):
                    c.add(f"translation.{original}",
                          f"the article was written in {language}, so '{original}' must be 'original'")
                if translation[other] == "original":
                    c.add(f"translation.{other}",
                          f"only the language the article was written in ({language}) "
                          "is 'original'; use reviewed, machine or pending")
    required: dict[str, bool] = {lang: translation[lang] != "pending" for lang in BODY_LANGUAGES}

    title = c.bilingual("title", required)
    summary = c.bilingual("summary", dict.fromkeys(BODY_LANGUAGES, False))
    note = c.bilingual("editor_note", dict.fromkeys(BODY_LANGUAGES, False)) if "editor_note" in meta else None

    key_points: dict[str, list[str]] = {"en": [], "zh": []}
    kp = meta.get("key_points")
    if kp is not None:
        if not isinstance(kp, dict):
            c.add("key_points", "expected a mapping with 'en' and 'zh' lists")
        else:
            for extra in kp:
                if extra not in BODY_LANGUAGES:
                    c.add(f"key_points.{extra}",
                          "unknown language; use 'en' and 'zh' (Traditional is generated)")
            for lang in BODY_LANGUAGES:
                items = kp.get(lang) or []
                if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
                    c.add(f"key_points.{lang}", "expected a list of non-empty texts")
                    continue
                key_points[lang] = [i.strip() for i in items]
            if required["en"] and required["zh"] and len(key_points["en"]) != len(key_points["zh"]):
                c.add("key_points", f"{len(key_points['en'])} English and "
                                    f"{len(key_points['zh'])} Chinese key points; they must pair one to one")

    source = Source()
    src = meta.get("source")
    if src is not None:
        if not isinstance(src, dict):
            c.add("source", "expected a mapping with 'name' and 'url'")
        else:
            for extra in src:
                if extra not in ("name", "url"):
                    c.add(f"source.{extra}", "unknown key; allowed keys: name, url")
            source.name = c.text("source.name", src.get("name"), required=False) or None
            url = src.get("url")
            if url is not None:
                if not isinstance(url, str) or not _URL.fullmatch(url):
                    c.add("source.url", f"expected an http:// or https:// URL, got {_shown(url)}")
                else:
                    source.url = url

    seed = meta.get("seed")
    if seed is not None:
        if not isinstance(seed, str):
            c.add("seed", f"expected a path such as seeds/name.txt, got {_shown(seed)}")
            seed = None
        else:
            parts = Path(seed).parts
            if seed.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", seed) or ".." in parts \
                    or not seed.startswith("seeds/") or "\\" in seed:
                c.add("seed", "expected a relative path inside seeds/ (no '..', not absolute), "
                              f"got {_shown(seed)}")
                seed = None

    briefing = Briefing(
        id=briefing_id or "", date=date, language=language or "en", title=title, summary=summary,
        key_points=key_points, source=source, seed=seed, tags=c.id_list("tags"),
        entities=c.id_list("entities"), notes_ack=c.id_list("notes_ack"),
        translation=translation, date_basis=date_basis, editor_note=note, path=path, lines=dict(lines),
    )
    return briefing, c.problems


def read_briefing(  # noqa: PLR0911 -- each unreadable-file case returns its own problem at once
    path: str | Path, *, text: str | None = None,
) -> tuple[Briefing | None, list[Problem]]:
    """Read one briefing file; return it (if readable) and the problems found in the file itself."""
    shown = display_path(path)
    if text is None:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            return None, [Problem(shown, 0, f"cannot read: {exc.strerror or exc}")]
        if len(raw) > MAX_BRIEFING_BYTES:
            return None, [Problem(shown, 0, f"file is {len(raw)} bytes; a briefing is at most "
                                            f"{MAX_BRIEFING_BYTES}: keep only the article")]
        if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
            return None, [Problem(shown, 0, "saved as UTF-16 or UTF-32 "
                                            "(it starts with that byte-order mark); save the file as UTF-8")]
        if b"\0" in raw:
            return None, [Problem(shown, 0, "binary file; a briefing is UTF-8 text")]
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            return None, [Problem(shown, line, "not valid UTF-8; save the file as UTF-8")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        fm, body, body_line = split_document(text, shown)
        meta, lines = load_yaml(fm, shown, line_offset=1)
    except InputError as exc:
        return None, exc.problems
    briefing, problems = briefing_from_meta(meta, lines, shown)
    paragraphs, body_problems = parse_body(body, shown, body_line)
    problems += body_problems
    if briefing is None:
        return None, problems
    briefing.paragraphs = paragraphs
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
