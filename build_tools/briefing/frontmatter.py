"""The only module that reads or writes the briefing file format (YAML front matter + aligned body).

A briefing file::

    ---
    id: altman-open-source
    date: 2024-06-03
    ...
    ---

    ## en: A heading
    ## zh: 一个标题

    en: A paragraph.
    zh: 一个段落。

Blocks are separated by blank lines; each block is one paragraph in both languages. A block's lines
start with ``en:`` or ``zh:``, optionally after a kind marker: ``## `` heading, ``- `` list item,
``> `` quotation. Text is plain: it is escaped wherever it is shown, never interpreted as Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from build_tools.errors import InputError, Problem
from build_tools.model import BODY_LANGUAGES, PARAGRAPH_MARKERS, Briefing, Paragraph

FENCE = "---"
_BODY_LINE = re.compile(r"^(?P<marker>## |- |> )?(?P<lang>en|zh):(?: (?P<text>.*))?$")
_MARKER_KIND = {marker: kind for kind, marker in PARAGRAPH_MARKERS.items()}


# Front matter holds a few short texts; anything longer is a mistake, and the pure-Python parser (used for
# messages) takes seconds over megabytes. The whole file has its own limit (schema.MAX_BRIEFING_BYTES).
MAX_YAML_CHARS = 100_000
# Briefings nest two levels (key_points.en[0]), the taxonomy three; composing recurses once per level.
MAX_YAML_DEPTH = 16
# The one implicit type kept: null (``url: null``, an empty ``date:``). Every other unquoted value is text,
# as a person means it: a title "2024" or "No" stays text, 0123 is not the octal number 83, 12:30 is not
# 750, a date that does not exist is our message rather than a crash; ``<<`` and ``=`` are plain keys
# (reported as unknown) rather than YAML's merge and value keys. No briefing field holds a number.
_KEPT_RESOLVERS = ("tag:yaml.org,2002:null",)


class _Loader(yaml.SafeLoader):
    """Safe loading of plain data only: text, null, lists and mappings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag in _KEPT_RESOLVERS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]
    """The same rules on libyaml's parser, several times faster, for files that parse.

    Errors are always re-raised by the pure-Python ``_Loader`` so that messages are the same
    on every machine, with or without libyaml.
    """


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


class _Dumper(yaml.SafeDumper):
    """Safe dumping with block lists indented under their key, as people write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def represent_str(self, data: str) -> yaml.ScalarNode:
        # PyYAML writes NEL (U+0085) as a bare line break in a single-quoted scalar, which reads back
        # as a space; double quotes escape it (\N) and read back exactly.
        if "\x85" in data:
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
        return super().represent_str(data)


_Dumper.add_representer(str, _Dumper.represent_str)


def _mark_line(mark: Any, line_offset: int) -> int:
    return (mark.line + 1 + line_offset) if mark is not None else line_offset + 1


def _explain(problem: str) -> str:
    """PyYAML's wording, plus what to do where that is not obvious."""
    if "'\\t'" in problem:
        return f"{problem}; indent with spaces, not tabs"
    return problem


def _screen(events: Any, path: str, line_offset: int) -> None:
    """Refuse the YAML features a briefing never needs, before any node is built.

    Aliases let a few lines stand for gigabytes ("billion laughs"); tags such as
    ``!!python/object/apply:os.system`` ask for objects to be built (the safe loader refuses those,
    but plain data has no use for any tag); deep nesting exhausts the recursive composer. The parser
    yields events without recursing, so this walk is safe on any input.
    """
    depth = 0
    for event in events:
        line = _mark_line(event.start_mark, line_offset)
        if isinstance(event, yaml.AliasEvent):
            raise InputError(Problem(path, line, f"YAML alias '*{event.anchor}' is not allowed; "
                                                 "write the value out in full"))
        if getattr(event, "anchor", None) is not None:
            raise InputError(Problem(path, line, f"YAML anchor '&{event.anchor}' is not allowed; "
                                                 "write the value out in full"))
        tag = getattr(event, "tag", None)
        # '!' alone is the non-specific tag of every quoted scalar in libyaml's events: plain text.
        if tag is not None and tag != "!":
            raise InputError(Problem(path, line, f"YAML tag '{tag.replace('tag:yaml.org,2002:', '!!')}' is "
                                                 "not allowed; write plain text, lists and mappings"))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise InputError(Problem(path, line, f"YAML nested more than {MAX_YAML_DEPTH} levels deep; "
                                                     "a briefing needs three at most"))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _compose(text: str, path: str, line_offset: int) -> yaml.Node | None:
    """Screen and compose with libyaml when it is there; errors always come from the pure-Python parser."""
    for loader in (_FastLoader, _Loader):
        try:
            _screen(yaml.parse(text, Loader=loader), path, line_offset)
            return yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            if loader is _Loader:
                raise
    return None


def load_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Any, dict[str, int]]:
    """Load YAML safely; return the data and the line of every mapping key (dotted path).

    Raises InputError with ``path:line`` taken from PyYAML's problem mark, and for duplicate keys,
    which PyYAML would otherwise resolve silently by keeping the last one. Anchors, aliases, tags and
    deep nesting are refused before anything is built (see ``_screen``).
    """
    if len(text) > MAX_YAML_CHARS:
        raise InputError(Problem(path, line_offset + 1, f"the YAML is {len(text)} characters long, over "
                                                        f"the limit of {MAX_YAML_CHARS}; keep long text out"))
    try:
        node = _compose(text, path, line_offset)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _explain((exc.problem or exc.context or "invalid YAML").strip())
        if exc.problem and exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            # e.g. a quote opened on line 11 and never closed: the end of the text is not the mistake.
            problem += f" ({exc.context.strip()} from line {_mark_line(exc.context_mark, line_offset)})"
        raise InputError(Problem(path, _mark_line(mark, line_offset), f"invalid YAML: {problem}")) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(path, line_offset + 1, f"invalid YAML: {exc}")) from None
    if node is None:
        return None, {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []

    def walk(n: yaml.Node, prefix: str) -> None:
        if isinstance(n, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in n.value:
                line = _mark_line(key_node.start_mark, line_offset)
                if not isinstance(key_node, yaml.ScalarNode):
                    problems.append(Problem(path, line, "a key must be a plain word, not a list or mapping"))
                    continue
                key = str(key_node.value)
                dotted = f"{prefix}.{key}" if prefix else key
                if key in seen:
                    problems.append(Problem(path, line, f"'{dotted}': duplicate key"))
                seen.add(key)
                lines.setdefault(dotted, line)
                walk(value_node, dotted)
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                lines.setdefault(f"{prefix}[{i}]", _mark_line(item.start_mark, line_offset))
                walk(item, f"{prefix}[{i}]")

    walk(node, "")
    if problems:
        raise InputError(problems)
    try:
        # Construct from the nodes already composed: the text is parsed once.
        data = _Loader("").construct_document(node)
    except yaml.YAMLError as exc:  # e.g. an unknown tag such as !!python/object
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(Problem(path, _mark_line(mark, line_offset), f"invalid YAML: {problem}")) from None
    return data, lines


def split_document(text: str, path: str) -> tuple[str, str, int]:
    """Split a briefing file into front matter text, body text, and the body's first line number."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise InputError(Problem(path, 1, "expected '---' to open the YAML front matter"))
    for i in range(1, len(lines)):
        if lines[i].rstrip() == FENCE:
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    raise InputError(Problem(path, 1, "front matter opened with '---' is never closed by a '---' line"))


def parse_body(body: str, path: str, first_line: int) -> tuple[list[Paragraph], list[Problem]]:
    """Parse the aligned body into paragraphs; report every malformed line and block."""
    paragraphs: list[Paragraph] = []
    problems: list[Problem] = []
    block: list[tuple[int, re.Match[str]]] = []
    unmarked: list[int] = []  # lines without a language prefix since the last good line

    def report_unmarked() -> None:
        # A pasted article has hundreds of such lines: one message per run, not one per line.
        if unmarked:
            more = f", and {len(unmarked) - 1} more lines up to line {unmarked[-1]}" if unmarked[1:] else ""
            problems.append(Problem(path, unmarked[0], "expected a line starting with 'en:' or 'zh:' (after "
                                    f"'## ' for a heading, '- ' for a list item, '> ' for a quote){more}"))
            unmarked.clear()

    def close() -> None:
        if not block:
            return
        start = block[0][0]
        para = Paragraph(line=start)
        markers = {m.group("marker") or "" for _, m in block}
        if len(markers) > 1:
            problems.append(Problem(path, start, "the lines of one paragraph use different markers "
                                    f"({', '.join(repr(m) for m in sorted(markers))}); "
                                    "use the same for both"))
        para.kind = _MARKER_KIND[(block[0][1].group("marker") or "")]
        seen: set[str] = set()
        for lineno, m in block:
            lang = m.group("lang")
            if lang in seen:
                problems.append(Problem(path, lineno, f"second '{lang}:' line in one paragraph; "
                                        "separate paragraphs with a blank line"))
                continue
            seen.add(lang)
            setattr(para, lang, (m.group("text") or "").strip())
        paragraphs.append(para)
        block.clear()

    for offset, raw in enumerate(body.split("\n")):
        lineno = first_line + offset
        line = raw.rstrip("\r").rstrip()
        if not line.strip():
            close()
            continue
        m = _BODY_LINE.match(line)
        if not m:
            unmarked.append(lineno)
            continue
        report_unmarked()
        block.append((lineno, m))
    close()
    report_unmarked()
    return paragraphs, sorted(problems)


def _bilingual(value: Any) -> dict[str, Any]:
    return {lang: getattr(value, lang).strip() for lang in BODY_LANGUAGES}


def briefing_to_meta(b: Briefing) -> dict[str, Any]:
    """The front matter mapping of a briefing, keys in the documented order, texts as the reader gives
    them back (surrounding whitespace removed), so that writing what was read changes nothing."""
    meta: dict[str, Any] = {
        "id": b.id,
        "date": b.date,
        "date_basis": b.date_basis,
        "language": b.language,
        "source": {"name": (b.source.name or "").strip() or None, "url": b.source.url},
        "seed": b.seed,
        "title": _bilingual(b.title),
        "summary": _bilingual(b.summary),
        "key_points": {lang: [p.strip() for p in b.key_points.get(lang, [])] for lang in BODY_LANGUAGES},
        "tags": list(b.tags),
        "entities": list(b.entities),
        "translation": {lang: b.translation.get(lang, "pending") for lang in BODY_LANGUAGES},
    }
    if b.editor_note is not None:
        meta["editor_note"] = _bilingual(b.editor_note)
    if b.notes_ack:
        meta["notes_ack"] = list(b.notes_ack)
    return meta


def dump_yaml(data: Any) -> str:
    """Deterministic, human-readable YAML: insertion order, real Unicode, no line folding."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9,
                     default_flow_style=False)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def one_line(text: str) -> str:
    """A paragraph as the body holds it: one line, whitespace runs made one space, control characters
    (which are not text, and a NUL would make the file binary) removed."""
    return " ".join(_CONTROL.sub("", text).split())


def dump_body(paragraphs: list[Paragraph]) -> str:
    """The aligned body: one block per paragraph (see ``one_line``), English line first."""
    blocks = []
    for p in paragraphs:
        marker = PARAGRAPH_MARKERS[p.kind]
        lines = []
        for lang in BODY_LANGUAGES:
            text = one_line(p.text(lang))
            lines.append(f"{marker}{lang}: {text}" if text else f"{marker}{lang}:")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def dump_briefing(b: Briefing) -> str:
    """The whole briefing file."""
    meta = briefing_to_meta(b)
    if isinstance(meta["date"], str):
        meta["date"] = dt.date.fromisoformat(meta["date"])
    return f"{FENCE}\n{dump_yaml(meta)}{FENCE}\n\n{dump_body(b.paragraphs)}"
