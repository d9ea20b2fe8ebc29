"""Read and validate everything the site is built from, once per change.

A ``CorpusReader`` (owned by the plugin, so it lives as long as ``mkdocs serve``) keeps the corpus by
the size and modification time of every input file: ``mkdocs serve`` rebuilds after each edit, and the
worker processes of the other languages are forked from a parent that has already read everything, so
they find it there instead of parsing every briefing again.
"""

from __future__ import annotations

import hashlib
import os
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import overload

from build_tools.briefing.editions import EDITIONS_DIR, EditionInput, check_editions, read_editions, week_of
from build_tools.briefing.schema import briefing_paths, check_against, read_briefing
from build_tools.briefing.taxonomy import TAXONOMY_PATH, Taxonomy, parse_taxonomy
from build_tools.errors import InputError, Problem, display_path
from build_tools.model import Briefing, Paragraph
from build_tools.site import projects
from build_tools.site.cache import briefing_hash
from build_tools.site.editions import Editions, build_editions
from build_tools.site.relations import Relations, build_relations, update_relations

ROOT = Path(__file__).resolve().parents[2]
# Briefing files to read from which half are read in a process beside the build's: at 3,000, reading
# them took 2.3 s of one core while the other had nothing to do (bench/results/2026-12-07-index-order.txt).
READ_BESIDE = 400
# Where a build reads its input; the variables let tests and benchmarks build another corpus.
BRIEFINGS_ENV = "AI_BRIEFING_BRIEFINGS"
TAXONOMY_ENV = "AI_BRIEFING_TAXONOMY"


@dataclass
class Corpus:
    """Every briefing (sorted by id) and the taxonomy they are tagged with."""

    briefings: list[Briefing]
    taxonomy: Taxonomy
    briefings_dir: Path
    taxonomy_path: Path
    by_id: dict[str, Briefing] = field(default_factory=dict)
    taxonomy_hash: str = ""
    edition_input: EditionInput = field(default_factory=EditionInput)
    _relations: Relations | None = None
    _editions: Editions | None = None
    _hashes: dict[str, str] | None = None
    # id(briefing) -> (briefing, hash), shared by the corpora one reader makes (see CorpusReader).
    _hash_cache: dict[int, tuple[Briefing, str]] = field(default_factory=dict, repr=False)
    # The corpus this one replaces, if read with the same taxonomy: its relations are reused where
    # they still hold (an edit under `mkdocs serve`); dropped once the relations are made.
    _before: Corpus | None = None

    def __post_init__(self) -> None:
        self.by_id = {b.id: b for b in self.briefings}

    @property
    def hashes(self) -> dict[str, str]:
        """Briefing id -> hash of its content: the cache keys of everything made from it."""
        if self._hashes is None:
            self._hashes = {b.id: _hash_of(b, self._hash_cache) for b in self.briefings}
        return self._hashes

    @property
    def relations(self) -> Relations:
        """The language-independent indexes, computed on first use."""
        if self._relations is None:
            before, self._before = self._before, None
            if before is not None and before._relations is not None:
                self._relations = update_relations(self.briefings, self.taxonomy, before.briefings,
                                                   before._relations)
            else:
                self._relations = build_relations(self.briefings, self.taxonomy)
        return self._relations

    @property
    def editions(self) -> Editions:
        """The weekly editions, computed on first use from the relations."""
        if self._editions is None:
            self._editions = build_editions(self.relations, self.by_id, self.edition_input)
        return self._editions


def input_paths() -> tuple[Path, Path]:
    """The briefings folder and taxonomy file of this build (the environment may name others)."""
    briefings = Path(os.environ.get(BRIEFINGS_ENV) or ROOT / "briefings")
    taxonomy = Path(os.environ.get(TAXONOMY_ENV) or TAXONOMY_PATH)
    return briefings.resolve(), taxonomy.resolve()


def _signature(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    sig = []
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            continue
        sig.append((str(p), st.st_size, st.st_mtime_ns))
    return tuple(sig)


def load_corpus(briefings_dir: Path | None = None, taxonomy_path: Path | None = None) -> Corpus:
    """The validated corpus read afresh; raise InputError listing every problem."""
    return CorpusReader().load(briefings_dir, taxonomy_path, refresh=True)


class PackedParagraphs(Sequence[Paragraph]):
    """A briefing's paragraphs as one block of UTF-8, made into ``Paragraph`` objects when read.

    The builds of the other languages are forked from the process that read the corpus and share its
    memory until they write to it, and reading a Python object writes its reference count. Rendering a
    page reads every paragraph: with a string per paragraph, each language's build came to hold a copy
    of almost all the corpus's text (64 MiB of 3,000 briefings). Packed, a briefing's text is one
    object, so a build copies the page that holds its header and shares the rest. The paragraphs
    compare, and ``repr`` (which the cache keys hash), as the list they were made from.
    """

    __slots__ = ("_ends", "_kinds", "_lines", "_text")

    def __init__(self, paragraphs: Iterable[Paragraph]) -> None:
        parts, ends, kinds, lines, end = [], array("L"), [], array("L"), 0
        for p in paragraphs:
            for text in (p.en, p.zh):
                raw = text.encode("utf-8")
                parts.append(raw)
                end += len(raw)
                ends.append(end)
            kinds.append(p.kind)
            lines.append(p.line)
        self._text = b"".join(parts)
        self._ends = ends  # where each paragraph's English, then its Chinese, ends
        self._kinds = tuple(kinds)
        self._lines = lines

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> Paragraph: ...

    @overload
    def __getitem__(self, index: slice) -> list[Paragraph]: ...

    def __getitem__(self, index: int | slice) -> Paragraph | list[Paragraph]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("paragraph index out of range")
        start = self._ends[2 * index - 1] if index else 0
        middle, end = self._ends[2 * index], self._ends[2 * index + 1]
        text = self._text
        return Paragraph(self._kinds[index], text[start:middle].decode("utf-8"),
                         text[middle:end].decode("utf-8"), self._lines[index])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (PackedParagraphs, list)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # unhashable, like the list it stands for

    def __repr__(self) -> str:
        return repr(list(self))


class CorpusReader:
    """Reads the corpus, and keeps what it read for the next build."""

    def __init__(self) -> None:
        # The one corpus in memory (paths, corpus, signature): an edited briefing makes the previous one
        # garbage.
        self._current: tuple[tuple[Path, Path], Corpus, tuple] | None = None
        # Each briefing file as last read: (size, mtime) -> what read_briefing returned. Under
        # `mkdocs serve` an edit then costs the reading of one file, not of all of them.
        self._read: dict[Path, tuple[tuple[int, int], Briefing | None, list[Problem]]] = {}
        # id(briefing) -> (briefing, hash): a briefing read again is a new object, an unchanged one
        # keeps its hash.
        self._hashes: dict[int, tuple[Briefing, str]] = {}
        # Environment settings -> resolved input paths: resolving costs system calls.
        self._resolved: dict[tuple[str | None, str | None, str], tuple[Path, Path]] = {}

    def input_paths(self) -> tuple[Path, Path]:
        """``input_paths()``, remembered for the environment it was resolved in."""
        settings = (os.environ.get(BRIEFINGS_ENV), os.environ.get(TAXONOMY_ENV), str(Path.cwd()))
        paths = self._resolved.get(settings)
        if paths is None:
            paths = self._resolved[settings] = input_paths()
        return paths

    def load(
        self, briefings_dir: Path | None = None, taxonomy_path: Path | None = None, *, refresh: bool = False
    ) -> Corpus:
        """The validated corpus; raise InputError listing every problem.

        Without ``refresh`` the corpus already read from the same paths is returned as it is; with it,
        every input file is checked for changes first, as each build does once at its start.
        """
        default_briefings, default_taxonomy = self.input_paths()
        briefings_dir = briefings_dir.resolve() if briefings_dir else default_briefings
        taxonomy_path = taxonomy_path.resolve() if taxonomy_path else default_taxonomy
        paths = (briefings_dir, taxonomy_path)
        current = self._current
        if not refresh and current is not None and current[0] == paths:
            return current[1]
        files = briefing_paths([briefings_dir]) if briefings_dir.is_dir() else []
        editions_dir = briefings_dir.parent / EDITIONS_DIR
        edition_files = sorted(editions_dir.glob("*.*")) if editions_dir.is_dir() else []
        key = (paths, _signature([taxonomy_path, *files, *edition_files]))
        if current is not None and current[2] == key:
            return current[1]
        try:
            text = taxonomy_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise _missing(taxonomy_path, exc) from None
        taxonomy = parse_taxonomy(text, display_path(taxonomy_path))
        briefings, problems = self._load_briefings(files, taxonomy, root=briefings_dir.parent)
        edition_input, edition_problems = read_editions(editions_dir)
        weeks = {week_of(b.date) for b in briefings if b.date}
        problems += edition_problems + check_editions(edition_input, weeks, numbers=False)
        if problems:
            raise InputError(problems)
        corpus = Corpus(
            sorted(briefings, key=lambda b: b.id),
            taxonomy,
            briefings_dir,
            taxonomy_path,
            taxonomy_hash=hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest(),
            edition_input=edition_input,
            _hash_cache=self._hashes,
        )
        if current is not None and current[0] == paths and current[1].taxonomy_hash == corpus.taxonomy_hash:
            corpus._before = current[1]
        self._current = (paths, corpus, key)
        return corpus

    def _load_briefings(
        self, files: list[Path], tax: Taxonomy, root: Path
    ) -> tuple[list[Briefing], list[Problem]]:
        """``schema.load_briefings``, reading again only the files that changed since the last call."""
        briefings: list[Briefing] = []
        problems: list[Problem] = []
        stamps = {path: _stamp(path) for path in files}
        changed = [path for path in files if self._read.get(path, (None,))[0] != stamps[path]]
        read = dict(zip(changed, _read_briefings(changed), strict=True))
        seen = {path: (stamps[path], *read[path]) if path in read else self._read[path] for path in files}
        for path in files:
            _, b, found = seen[path]
            problems += found
            if b is not None:
                briefings.append(b)
        self._read = seen
        alive = {id(b) for b in briefings}
        for key in [k for k in self._hashes if k not in alive]:  # briefings read again or removed
            del self._hashes[key]
        problems += check_against(briefings, tax, root)
        return briefings, sorted(set(problems), key=lambda p: (p.path, p.line, p.message))


def _stamp(path: Path) -> tuple[int, int]:
    """A file's size and modification time: changed when the file has (or (-1, -1): unreadable)."""
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


def _read_briefings(paths: list[Path]) -> list[tuple[Briefing | None, list[Problem]]]:
    """``read_briefing`` of each path, its paragraphs packed; from ``READ_BESIDE`` files on, the second
    half read in a process forked for it (read here if it fails), while this one reads the first."""
    if len(paths) < READ_BESIDE or not projects.forks():
        return [_read_packed(path) for path in paths]
    half = len(paths) // 2
    receive, send = projects.pipe()
    process = projects.beside(_read_and_send, (paths[half:], send))
    send.close()
    mine: list[tuple[Briefing | None, list[Problem]]] = []
    theirs: list[tuple[Briefing | None, list[Problem]]] = []

    def take(wait: bool) -> bool:
        """What it has sent (``wait``: all of it); False once it has ended without the rest."""
        try:
            while len(theirs) < len(paths) - half and (wait or receive.poll()):
                theirs.append(receive.recv())
        except (EOFError, OSError):
            return False
        return True

    try:
        sending = True
        for path in paths[:half]:
            mine.append(_read_packed(path))
            sending = sending and take(wait=False)  # taken as it comes: it never waits for this one
        if sending:
            take(wait=True)
    finally:
        receive.close()
        process.join()
    return mine + theirs + [_read_packed(path) for path in paths[half + len(theirs):]]


def _read_packed(path: Path) -> tuple[Briefing | None, list[Problem]]:
    b, problems = read_briefing(path)
    if b is not None:
        b.paragraphs = PackedParagraphs(b.paragraphs)  # type: ignore[assignment]
    return b, problems


def _read_and_send(paths: list[Path], answers: Connection) -> None:
    """In the process beside: read ``paths`` and send what was read, a briefing at a time (packed: one
    string a briefing). Sent as one answer of a few megabytes, the helper forked after it held 12 MiB
    more through the build (bench/results/2026-12-07-index-order.txt; most likely the C library's
    threshold for giving large blocks back, raised once such a block is freed, and inherited)."""
    for path in paths:
        answers.send(_read_packed(path))
    answers.close()


def _hash_of(b: Briefing, known_hashes: dict[int, tuple[Briefing, str]]) -> str:
    known = known_hashes.get(id(b))
    if known is None or known[0] is not b:
        known = known_hashes[id(b)] = (b, briefing_hash(b))
    return known[1]


def _missing(path: Path, exc: OSError) -> InputError:
    return InputError(Problem(display_path(path), 0, f"cannot read the taxonomy: {exc.strerror or exc}"))
