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


class _Loader(yaml.SafeLoader):
    """Safe loading that keeps dates as text, so a date that does not exist is our message, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
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


def _mark_line(mark: Any, line_offset: int) -> int:
    return (mark.line + 1 + line_offset) if mark is not None else line_offset + 1


def load_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Any, dict[str, int]]:
    """Load YAML safely; return the data and the line of every mapping key (dotted path).

    Raises InputError with ``path:line`` taken from PyYAML's problem mark, and for duplicate keys,
    which PyYAML would otherwise resolve silently by keeping the last one.
    """
    try:
        try:
            node = yaml.compose(text, Loader=_FastLoader)
        except yaml.YAMLError:
            node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
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
                key = str(key_node.value)
                dotted = f"{prefix}.{key}" if prefix else key
                line = _mark_line(key_node.start_mark, line_offset)
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

    def close() -> None:
        if not block:
            return
        start = block[0][0]
        para = Paragraph(line=start)
        markers = {m.group("marker") or "" for _, m in block}
        if len(markers) > 1:
            problems.append(Problem(path, start, "the lines of one paragraph use different markers "
                                    f"({', '.join(repr(m) for m in sorted(markers))}); use the same for both"))
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
            problems.append(Problem(path, lineno, "expected a line starting with 'en:' or 'zh:' "
                                    "(after '## ' for a heading, '- ' for a list item, '> ' for a quote)"))
            continue
        block.append((lineno, m))
    close()
    return paragraphs, problems


def _bilingual(value: Any) -> dict[str, Any]:
    return {lang: getattr(value, lang) for lang in BODY_LANGUAGES}


def briefing_to_meta(b: Briefing) -> dict[str, Any]:
    """The front matter mapping of a briefing, keys in the documented order."""
    meta: dict[str, Any] = {
        "id": b.id,
        "date": b.date,
        "date_basis": b.date_basis,
        "language": b.language,
        "source": {"name": b.source.name, "url": b.source.url},
        "seed": b.seed,
        "title": _bilingual(b.title),
        "summary": _bilingual(b.summary),
        "key_points": {lang: list(b.key_points.get(lang, [])) for lang in BODY_LANGUAGES},
        "tags": list(b.tags),
        "entities": list(b.entities),
        "translation": {lang: b.translation.get(lang, "pending") for lang in BODY_LANGUAGES},
    }
    if b.editor_note is not None:
        meta["editor_note"] = _bilingual(b.editor_note)
    return meta


def dump_yaml(data: Any) -> str:
    """Deterministic, human-readable YAML: insertion order, real Unicode, no line folding."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9,
                     default_flow_style=False)


def dump_body(paragraphs: list[Paragraph]) -> str:
    """The aligned body: one block per paragraph, English line first."""
    blocks = []
    for p in paragraphs:
        marker = PARAGRAPH_MARKERS[p.kind]
        lines = []
        for lang in BODY_LANGUAGES:
            text = " ".join(p.text(lang).split())
            lines.append(f"{marker}{lang}: {text}" if text else f"{marker}{lang}:")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def dump_briefing(b: Briefing) -> str:
    """The whole briefing file."""
    meta = briefing_to_meta(b)
    if isinstance(meta["date"], str):
        meta["date"] = dt.date.fromisoformat(meta["date"])
    return f"{FENCE}\n{dump_yaml(meta)}{FENCE}\n\n{dump_body(b.paragraphs)}"
