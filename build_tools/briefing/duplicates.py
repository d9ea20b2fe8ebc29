"""Near-duplicate briefings: the same story re-submitted, or copied from another outlet.

Each briefing's body is cut into shingles per body language (word 3-grams for English, character
5-grams for Chinese, after folding case, width, punctuation and whitespace, and Traditional script
to Simplified). A MinHash signature of each shingle set, split into bands (locality-sensitive
hashing), finds candidate pairs without comparing every pair; each candidate is then confirmed with
the exact Jaccard similarity of the two sets of shingle hashes (32-bit: at a few thousand shingles a
collision is rare and moves the score by a ten-thousandth), so what is reported never depends on luck.

Two briefings are compared column by column, in the same language: English with English, Chinese
with Chinese, wherever both have that column (a pending translation is not compared). An English
article and a Chinese article of the same story therefore meet in whichever column they share.

MinHash here is one-permutation hashing with densification (Li, Owen & Zhang 2012; Shrivastava &
Li 2014): every shingle is hashed once with CRC-32 (stable across runs and machines, fast, in the
standard library) instead of once per permutation, which keeps ``check`` quick on thousands of
briefings without a numerical library.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from array import array
from collections.abc import Hashable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import accumulate

from build_tools.errors import Problem
from build_tools.model import BODY_LANGUAGES, Briefing

# Two briefings whose shingle sets have at least this Jaccard similarity are reported. Measured on
# the five real seeds (tests/test_duplicates.py): a seed re-submitted with its page furniture
# trimmed, one paragraph dropped and a sixth of them cut short scores 0.73-0.92, in Traditional
# script too; the five different articles, four of them about OpenAI and Sam Altman, score at most
# 0.014 against each other. Halfway leaves room for heavier edits without flagging shared quotes.
NEAR_DUPLICATE_JACCARD = 0.5
# Shingle sizes: three words carry an English phrase; five characters about two or three Chinese
# words, long enough that common phrases (人工智能, 首席执行官) alone do not make texts similar.
WORD_SHINGLE = 3
CHAR_SHINGLE = 5
# Texts shorter than this many shingles (a stub, a draft with only a heading) are not compared:
# with so little text any overlap looks large.
MIN_SHINGLES = 30
# LSH: BANDS bands of ROWS signature values each. A pair becomes a candidate with probability
# 1 - (1 - J**ROWS)**BANDS: 99.5% at J = 0.5, 4% at J = 0.1; the S-curve's midpoint,
# (1/BANDS)**(1/ROWS) = 0.29, sits well below the threshold so the exact check sees every real pair.
BANDS = 40
ROWS = 3
SIGNATURE_SIZE = BANDS * ROWS
# Candidates whose signatures agree on fewer bins than (threshold - this margin) are dropped without
# the exact comparison: with 120 bins the estimate's standard error is at most 0.046, so 0.2 is over
# four of them, and the costly exact Jaccard runs only for pairs that may really be duplicates.
ESTIMATE_MARGIN = 0.2
# Fixed CRC seed: signatures, and so candidates, are the same on every run and machine.
HASH_SEED = 0x5EED
_HASH_BITS = 32
# Offset added per step when an empty bin borrows a neighbour's value (densification): larger than
# any hash, so borrowed values never equal real ones by accident.
_EMPTY_OFFSET = 1 << _HASH_BITS
_NOT_TEXT = re.compile(r"[\W_]+")


def normalise_text(text: str, lang: str) -> str:
    """Text as shingles see it: NFKC width folding, lower case, and for Chinese Simplified script."""
    text = unicodedata.normalize("NFKC", text)
    if lang == "zh":
        from build_tools.convert import to_simplified

        text = to_simplified(text)
    return text.casefold()


def shingles(text: str, lang: str) -> set[str]:
    """The shingle set of ``text``: word 3-grams in English, character 5-grams in Chinese."""
    text = normalise_text(text, lang)
    if lang == "en":
        words = _NOT_TEXT.sub(" ", text).split()
        size = WORD_SHINGLE
        return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    chars = _NOT_TEXT.sub("", text)
    return {chars[i : i + CHAR_SHINGLE] for i in range(len(chars) - CHAR_SHINGLE + 1)}


def shingle_hashes(text: str, lang: str) -> list[int]:
    """CRC-32 of every shingle of ``text`` (the same shingles as ``shingles``), without building them.

    Hashing byte slices of the encoded text is several times faster than building each shingle as a
    string and encoding it: this is most of the time ``check`` spends on near-duplicates.
    """
    crc32, seed = zlib.crc32, HASH_SEED
    text = normalise_text(text, lang)
    if lang == "en":
        words = [w.encode("utf-8") for w in _NOT_TEXT.sub(" ", text).split()]
        data = b" ".join(words)
        starts = list(accumulate([len(w) + 1 for w in words], initial=0))  # where each word begins
        n = WORD_SHINGLE
        return [crc32(data[starts[i] : starts[i + n] - 1], seed) for i in range(len(words) - n + 1)]
    data = _NOT_TEXT.sub("", text).encode("utf-32-le")  # four bytes a character: slices are shingles
    width = 4 * CHAR_SHINGLE
    return [crc32(data[i : i + width], seed) for i in range(0, len(data) - width + 4, 4)]


def body_text(briefing: Briefing, lang: str) -> str:
    """The article text of one body column ('' for a pending translation)."""
    if briefing.translation.get(lang) == "pending":
        return ""
    return "\n".join(p.text(lang) for p in briefing.paragraphs if p.text(lang))


def jaccard(a: AbstractSet[Hashable], b: AbstractSet[Hashable]) -> float:
    """|a ∩ b| / |a ∪ b|; 0 for two empty sets."""
    if not a and not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def minhash(hashes: Iterable[int], size: int = SIGNATURE_SIZE) -> tuple[int, ...]:
    """One-permutation MinHash signature of shingle hashes: the smallest value in each of ``size`` bins."""
    empty = _EMPTY_OFFSET
    bins = [empty] * size
    for h in hashes:
        value, b = divmod(h, size)
        if value < bins[b]:  # noqa: PLR1730 -- hot loop: a comparison is cheaper than min()
            bins[b] = value
    if all(v == empty for v in bins):
        return ()
    # Densification: an empty bin takes the value of the next non-empty bin to its right
    # (circularly), offset by the distance, so two similar sets still agree bin by bin.
    signature: list[int] = []
    for i in range(size):
        step = 0
        while bins[(i + step) % size] == empty:
            step += 1
        signature.append(bins[(i + step) % size] + step * _EMPTY_OFFSET)
    return tuple(signature)


def estimate(a: Iterable[int], b: Iterable[int]) -> float:
    """Jaccard similarity estimated from two signatures: the share of bins that agree."""
    pairs = list(zip(a, b, strict=True))
    return sum(x == y for x, y in pairs) / len(pairs) if pairs else 0.0


@dataclass(frozen=True)
class NearDuplicate:
    """``briefing`` repeats ``original`` (an earlier briefing): same text in column ``lang``."""

    briefing: Briefing
    original: Briefing
    similarity: float
    lang: str

    def problem(self) -> Problem:
        """The ``check`` message: path:1: near-duplicate of <other> (Jaccard 0.83); ..."""
        return Problem(_path(self.briefing), 1,
                       f"near-duplicate of {_path(self.original)} (Jaccard {self.similarity:.2f}); "
                       "if it is the same story, extend that briefing instead")


def _path(b: Briefing) -> str:
    return b.path or f"briefings/{b.id}.md"


class DuplicateIndex:
    """Briefings indexed by MinHash bands; ``matches(draft)`` finds those it nearly duplicates.

    Ingest builds one index of the existing briefings and asks it about every new draft (adding each
    draft afterwards, so two seeds of one batch are caught too); ``check`` uses find_near_duplicates.
    """

    def __init__(self, briefings: Iterable[Briefing] = (), threshold: float = NEAR_DUPLICATE_JACCARD):
        self.threshold = threshold
        self._briefings: list[Briefing] = []
        self._signatures: list[dict[str, array]] = []  # compact: 8 bytes a value
        self._buckets: dict[tuple[str, int, tuple[int, ...]], list[int]] = {}
        for b in briefings:
            self.add(b)

    def add(self, briefing: Briefing, signatures: dict[str, tuple[int, ...]] | None = None) -> None:
        """Index ``briefing`` so later drafts are compared with it (``signatures`` if already known)."""
        index = len(self._briefings)
        self._briefings.append(briefing)
        if signatures is None:
            signatures = _signatures(briefing)
        self._signatures.append({lang: array("Q", sig) for lang, sig in signatures.items()})
        for lang, signature in signatures.items():
            for key in _band_keys(lang, signature):
                self._buckets.setdefault(key, []).append(index)

    def matches(self, briefing: Briefing, signatures: dict[str, tuple[int, ...]] | None = None,
                ) -> list[NearDuplicate]:
        """Indexed briefings ``briefing`` nearly duplicates, most similar first (exact Jaccard)."""
        if signatures is None:
            signatures = _signatures(briefing)
        candidates: set[int] = set()
        for lang, signature in signatures.items():
            for key in _band_keys(lang, signature):
                candidates.update(self._buckets.get(key, ()))
        found: list[NearDuplicate] = []
        if not candidates:
            return found
        # Shingle sets are rebuilt for candidates only: kept for every briefing they would take
        # hundreds of megabytes at a few thousand briefings.
        own: dict[str, set[int]] = {}
        for index in sorted(candidates):
            other = self._briefings[index]
            if other is briefing or (other.id and other.id == briefing.id and other.path == briefing.path):
                continue
            if max((estimate(sig, self._signatures[index][lang]) for lang, sig in signatures.items()
                    if lang in self._signatures[index]), default=0.0) < self.threshold - ESTIMATE_MARGIN:
                continue
            if not own:
                own = {lang: set(shingle_hashes(body_text(briefing, lang), lang)) for lang in signatures}
            best: tuple[float, str] | None = None
            for lang, mine in own.items():
                theirs = set(shingle_hashes(body_text(other, lang), lang))
                if len(theirs) < MIN_SHINGLES:
                    continue
                score = jaccard(mine, theirs)
                if best is None or score > best[0]:
                    best = (score, lang)
            if best is not None and best[0] >= self.threshold:
                found.append(NearDuplicate(briefing, other, best[0], best[1]))
        found.sort(key=lambda d: (-d.similarity, _path(d.original)))
        return found


def _signatures(briefing: Briefing) -> dict[str, tuple[int, ...]]:
    result: dict[str, tuple[int, ...]] = {}
    for lang in BODY_LANGUAGES:
        found = shingle_hashes(body_text(briefing, lang), lang)
        if len(set(found)) >= MIN_SHINGLES:
            result[lang] = minhash(found)
    return result


def _band_keys(lang: str, signature: tuple[int, ...]) -> list[tuple[str, int, tuple[int, ...]]]:
    return [(lang, band, signature[band * ROWS : (band + 1) * ROWS]) for band in range(BANDS)]


def _age(b: Briefing) -> tuple:
    # Which of two duplicates is "the new one": the later date, then the later path.
    return (b.date.isoformat() if b.date else "9999", _path(b))


def find_near_duplicates(briefings: list[Briefing], others: Iterable[Briefing] = (),
                         threshold: float = NEAR_DUPLICATE_JACCARD) -> list[Problem]:
    """One problem per briefing that nearly duplicates another, reported on the newer of the two.

    ``others`` are compared with but never reported on: the rest of the collection when only some
    files are checked, so the file a contributor is adding is the one the message points at.
    """
    seen = {id(b) for b in briefings}
    index = DuplicateIndex((o for o in others if id(o) not in seen), threshold=threshold)
    problems: list[Problem] = []
    for b in sorted(briefings, key=_age):
        signatures = _signatures(b)
        found = index.matches(b, signatures)
        if found:
            problems.append(found[0].problem())
        index.add(b, signatures)
    return sorted(problems, key=lambda p: (p.path, p.line, p.message))
