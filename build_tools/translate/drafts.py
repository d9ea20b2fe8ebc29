"""Machine drafts of a briefing's missing language, through any OpenAI-compatible chat-completions backend.

For a briefing whose other language (not the original) is ``pending``, every part that lacks it is
translated from the original column: title, summary, editor's note, key points, paragraphs. The
taxonomy's names are a glossary: the instructions give the required form of every name found in the
source, and the answer is checked for it. Each answer goes to the translation memory at once; the
briefing file is rewritten, as ``machine``, only when every part is translated, so a failure leaves it
exactly as it was (still valid, still ``pending``) and the next run pays only for what is missing.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from build_tools.briefing.frontmatter import dump_briefing
from build_tools.briefing.schema import briefing_paths, read_briefing
from build_tools.briefing.taxonomy import Taxonomy, load_taxonomy
from build_tools.errors import Problem, display_path
from build_tools.files import write_atomic
from build_tools.model import Briefing
from build_tools.translate.chat_client import BackendError, ChatClient, resolve_backend
from build_tools.translate.memory import TranslationMemory, memory_key

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MEMORY = ROOT / ".cache" / "translation-memory.jsonl"
LANGUAGE_NAMES = {"en": "English", "zh": "Simplified Chinese (简体中文)"}
# What the text is, so that a heading is translated as a heading and a quotation as a quotation.
PART_KINDS = {"title": "the headline of a news briefing", "summary": "the summary of a news briefing",
              "editor_note": "an editor's note", "key_point": "one key point of a news briefing",
              "h": "a section heading", "p": "a paragraph of a news article", "li": "an item of a list",
              "quote": "a quotation"}
# Characters inside names that writers add or leave out ("Sam Altman" / "萨姆·奥尔特曼" / "Open AI").
_NAME_SEPARATORS = r"[\s·・.．\-]*"
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class GlossaryName:
    """A name found in the source text and the form its translation must use."""

    source: str
    target: str


@dataclass
class Part:
    """One text to translate, and where its translation goes."""

    field: str  # title | summary | editor_note | key_points | paragraphs
    index: int  # position in key_points or paragraphs
    label: str  # for messages: "title", "key point 2", "paragraph 3"
    line: int
    kind: str  # a key of PART_KINDS
    source: str
    # dataclasses.field: the name `field` is this class's attribute above
    names: list[GlossaryName] = dataclasses.field(default_factory=list)


@dataclass
class Outcome:
    """What happened to one briefing file."""

    path: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    note: str = ""  # the progress line
    stop: bool = False  # the backend failed in a way every further request would


@cache
def _name_pattern(name: str) -> re.Pattern[str]:
    """A name in any spacing and case; a Latin name only as a whole word ("Meta" not in "metadata")."""
    chars = [c for c in name if not re.fullmatch(_NAME_SEPARATORS, c)]
    body = _NAME_SEPARATORS.join(re.escape(c) for c in chars)
    if chars and _ASCII_WORD.match(chars[0]):
        body = r"(?<![A-Za-z0-9])" + body
    if chars and _ASCII_WORD.match(chars[-1]):
        body += r"(?![A-Za-z0-9])"
    return re.compile(body, re.IGNORECASE)


class Glossary:
    """The taxonomy's entities (organisations, people, products) as a glossary, by every name.

    Topics are left out: they are subjects, not names, and their labels are headings ("Large language
    models", "Open source") whose form in running text rightly varies ("a large language model",
    "open-sourced"); requiring them would warn about correct translations.
    """

    def __init__(self, tax: Taxonomy):
        self._entries = [(entry, [_name_pattern(n) for n in entry.names()])
                         for entry in sorted(tax.entities, key=lambda e: e.id)]

    def required(self, text: str, target: str) -> list[GlossaryName]:
        """The names in ``text`` with the form a translation into ``target`` must use."""
        matches = []
        for entry, patterns in self._entries:
            for pattern in patterns:
                matches += [(m.start(), m.end(), entry) for m in pattern.finditer(text)]
        # The longest name wins where names overlap: "GPT-4o" is not also a mention of "GPT".
        taken: list[tuple[int, int]] = []
        found: dict[str, GlossaryName] = {}
        for start, end, entry in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            label = entry.en if target == "en" else entry.zh
            found.setdefault(label, GlossaryName(text[start:end], label))
        return [found[k] for k in sorted(found)]


def missing_names(translation: str, names: list[GlossaryName]) -> list[GlossaryName]:
    """The required names a translation does not contain."""
    return [n for n in names if not _name_pattern(n.target).search(translation)]


def build_messages(part: Part, source: str, target: str, insist: list[GlossaryName] | None = None,
                   ) -> list[dict[str, str]]:
    """The chat messages asking for one translation; ``insist`` repeats names a first answer got wrong."""
    system = (f"You translate news about artificial intelligence from {LANGUAGE_NAMES[source]} into "
              f"{LANGUAGE_NAMES[target]} for a bilingual briefing. "
              f"The user's message is {PART_KINDS[part.kind]}. "
              "Reply with its translation only, as plain text: no explanations, no notes, no quotation marks "
              "around it, not the original. Translate faithfully and completely; keep every fact, number and "
              "quotation, and add nothing.")
    if part.names:
        system += "\n\nWrite these names exactly in this form:\n" + "\n".join(
            f"- {n.source} → {n.target}" for n in part.names)
    if insist:
        system += ("\n\nImportant: a previous translation did not use the required form of "
                   + ", ".join(f"'{n.source}' ('{n.target}')" for n in insist)
                   + ". The translation must contain each required form exactly as written above.")
    return [{"role": "system", "content": system}, {"role": "user", "content": part.source}]


def _clean(answer: str) -> str:
    # A body line holds one paragraph: line breaks in an answer become spaces.
    return " ".join(answer.split())


def collect_parts(b: Briefing, glossary: Glossary, machine_made: set[str], redraft: bool) -> list[Part]:
    """The parts of ``b`` to translate into its non-original language.

    ``pending``: the parts without text. ``machine``: also the parts whose text is an earlier machine
    answer (it is in the memory), so a changed original gets a fresh draft while a person's edits stay.
    ``redraft`` (--force): every part.
    """
    src = b.original
    tgt = "zh" if src == "en" else "en"
    status = b.translation.get(tgt)

    def wanted(current: str) -> bool:
        return redraft or not current or (status == "machine" and current in machine_made)

    def line(key: str) -> int:
        return b.lines.get(key, b.lines.get(key.partition(".")[0], 2))

    parts: list[Part] = []

    def add(where: tuple[str, int], label: str, line_: int, kind: str, text: str) -> None:
        parts.append(Part(where[0], where[1], label, line_, kind, text, glossary.required(text, tgt)))

    for key in ("title", "summary", "editor_note"):
        value = getattr(b, key)
        if value is not None and value.get(src) and wanted(value.get(tgt)):
            add((key, 0), key.replace("_", " "), line(f"{key}.{src}"), key, value.get(src))
    src_points, tgt_points = b.key_points.get(src, []), b.key_points.get(tgt, [])
    # Key points pair one to one; when the counts differ the translated list is drafted anew.
    paired = len(src_points) == len(tgt_points)
    for i, text in enumerate(src_points):
        if not paired or wanted(tgt_points[i]):
            add(("key_points", i), f"key point {i + 1}", line(f"key_points.{src}[{i}]"), "key_point", text)
    for i, p in enumerate(b.paragraphs):
        if p.text(src) and wanted(p.text(tgt)):
            add(("paragraphs", i), f"paragraph {i + 1}", p.line, p.kind, p.text(src))
    return parts


def apply_translations(b: Briefing, target: str, done: list[tuple[Part, str]]) -> None:
    """Put the translations into ``b`` and mark its target language ``machine``."""
    src = b.original
    points = list(b.key_points.get(target, []))
    if len(points) != len(b.key_points.get(src, [])):
        points = [""] * len(b.key_points.get(src, []))
    for part, text in done:
        if part.field == "paragraphs":
            setattr(b.paragraphs[part.index], target, text)
        elif part.field == "key_points":
            points[part.index] = text
        else:
            setattr(getattr(b, part.field), target, text)
    b.key_points[target] = points
    b.translation[target] = "machine"


class Translator:
    """Translates parts through the memory first, the backend second."""

    def __init__(self, client: ChatClient, memory: TranslationMemory):
        self.client, self.memory = client, memory
        self.requested = 0  # parts sent to the backend
        self.reused = 0  # parts found in the memory

    def translate(self, part: Part, source: str, target: str) -> tuple[str, list[GlossaryName]]:
        """The translation of ``part`` and the required names it lacks; raises BackendError."""
        key = memory_key(source, target, part.source, [n.target for n in part.names])
        stored = self.memory.get(key)
        if stored is not None:
            self.reused += 1
            return stored, missing_names(stored, part.names)
        answer = _clean(self.client.complete(build_messages(part, source, target)))
        missing = missing_names(answer, part.names)
        if missing:
            try:
                second = _clean(self.client.complete(build_messages(part, source, target, insist=missing)))
            except BackendError:
                second = ""  # the first answer is paid for and usable; keep it
            if second and len(missing_names(second, part.names)) <= len(missing):
                answer, missing = second, missing_names(second, part.names)
        self.memory.add(key, {"from": source, "to": target, "source": part.source, "translation": answer,
                              "names": [n.target for n in part.names], "model": self.client.backend.model})
        self.requested += 1
        return answer, missing


def translate_briefing(path: Path, glossary: Glossary, translator: Translator, *, force: bool) -> Outcome:
    """Draft the missing language of one briefing file; write it only when every part is translated."""
    b, problems = read_briefing(path)
    shown = display_path(path)
    outcome = Outcome(shown)
    if problems or b is None:
        outcome.problems = [str(p) for p in problems]
        return outcome
    src = b.original
    tgt = "zh" if src == "en" else "en"
    status = b.translation.get(tgt)
    if status == "reviewed" and not force:
        outcome.problems.append(str(Problem(shown, b.lines.get(f"translation.{tgt}", 2),
                                            f"'translation.{tgt}' is 'reviewed': a person has checked it; "
                                            "pass --force to replace it with a machine draft")))
        return outcome
    parts = collect_parts(b, glossary, translator.memory.translations(), redraft=force)
    if not parts:
        hint = f" (set translation.{tgt} to reviewed once checked)" if status == "pending" else ""
        outcome.note = f"{shown}: nothing to translate; every part has {tgt} text{hint}"
        return outcome
    done: list[tuple[Part, str]] = []
    before = (translator.requested, translator.reused)
    for part in parts:
        try:
            text, missing = translator.translate(part, src, tgt)
        except BackendError as exc:
            outcome.problems.append(str(Problem(shown, part.line, f"{part.label}: {exc}")))
            outcome.stop = exc.fatal
            return outcome  # the file stays as it was; the memory keeps what was translated
        outcome.warnings += [str(Problem(shown, part.line, f"{part.label}: expected '{n.target}' for "
                                                           f"'{n.source}'")) for n in missing]
        done.append((part, text))
    apply_translations(b, tgt, done)
    changed = _write_briefing(path, b, outcome)
    if changed is not None:
        requested, reused = translator.requested - before[0], translator.reused - before[1]
        outcome.note = (f"{shown}: translation.{tgt} = machine ({requested} translated, {reused} from memory"
                        + ("" if changed else "; file unchanged") + ")")
    return outcome


def _write_briefing(path: Path, b: Briefing, outcome: Outcome) -> bool | None:
    """Write the translated briefing atomically; None (and a problem) when it cannot be written."""
    text = dump_briefing(b)
    _, after = read_briefing(path, text=text)
    if after:  # never replace a valid file with one `check` would reject
        outcome.problems += [f"{p} (in the translated draft, not written)" for p in after]
        return None
    try:
        return write_atomic(path, text)
    except OSError as exc:
        outcome.problems.append(f"{outcome.path}: cannot write: {exc.strerror or exc}")
        return None


@dataclass(frozen=True)
class TranslateOptions:
    """What ``run_translate`` drafts, with which backend (unset: the environment's, see chat_client)."""

    briefings: list[str | Path]
    base_url: str | None = None
    model: str | None = None
    timeout: float | None = None
    config: Path | None = None
    memory: Path | None = None  # the translation memory file (default: .cache/translation-memory.jsonl)
    force: bool = False  # redraft every part, even one a person reviewed or edited


class MemoryFileError(Exception):
    """The translation memory could not be read or written: the message says which file and why."""


@dataclass
class TranslateReport:
    """Each briefing's outcome, and why the run ended early if it did."""

    base_url: str
    memory_path: Path
    outcomes: list[Outcome] = field(default_factory=list)
    not_attempted: int = 0  # briefings left after the backend failed for good
    interrupted: bool = False  # the user pressed Ctrl-C; what was drafted is kept in the memory
    memory_added: int = 0  # translations added to the memory

    @property
    def failed(self) -> bool:
        """True when a briefing could not be drafted."""
        return any(o.problems for o in self.outcomes)


def run_translate(options: TranslateOptions, on_outcome: Callable[[Outcome], None] | None = None
                  ) -> TranslateReport:
    """Draft the pending language of each briefing; ``on_outcome`` hears of each as it is done.

    Raise BackendConfigError when no backend is configured and MemoryFileError when the translation
    memory cannot be read or written.
    """
    backend = resolve_backend(base_url=options.base_url, model=options.model, timeout=options.timeout,
                              config_path=options.config, environ=os.environ, cwd=Path.cwd())
    glossary = Glossary(load_taxonomy())
    memory_path = options.memory or DEFAULT_MEMORY
    try:
        memory = TranslationMemory(memory_path)
    except OSError as exc:
        raise MemoryFileError(f"{display_path(memory_path)}: cannot read the translation memory: "
                              f"{exc.strerror or exc}") from None
    paths = briefing_paths(options.briefings)
    report = TranslateReport(backend.base_url, memory.path)
    with memory:
        translator = Translator(ChatClient(backend), memory)
        try:
            for n, path in enumerate(paths):
                outcome = translate_briefing(path, glossary, translator, force=options.force)
                report.outcomes.append(outcome)
                if on_outcome is not None:
                    on_outcome(outcome)
                if outcome.stop and n + 1 < len(paths):
                    report.not_attempted = len(paths) - n - 1
                    break
        except KeyboardInterrupt:
            report.interrupted = True
        except OSError as exc:  # the memory could not be written (disk full, permissions)
            raise MemoryFileError(f"{display_path(memory.path)}: cannot write the translation memory: "
                                  f"{exc.strerror or exc}") from None
        finally:
            report.memory_added = memory.added
    return report
