"""Chinese text as Pagefind reads words: a space at every word boundary, found by jieba.

Pagefind splits text into words at whitespace. For Chinese it would then segment each piece with its
own dictionary, which is Simplified: Traditional text falls apart into single characters, and every
occurrence of every character becomes a posting of the index. The search index is therefore made in a
language Pagefind does not segment (``SiteLanguage.pagefind_language``), from text segmented here:
each Traditional character is read as its Simplified form (one character for one, so the positions
stay), jieba segments that with the taxonomy's names as its user dictionary, and the boundaries are
put back into the text as written.

A reader must never see the spaces put in. Where both sides of a boundary are Chinese (a Han
character or wide punctuation) a plain space is put in: Chinese text has none there, and the search
box removes every space between two such characters. Where one side is Latin (a letter, a digit,
ASCII punctuation), the space is marked ``^ ``: a space there may be the writer's (``AI 简报``), and
the search box removes only the marked ones. Pagefind drops the ``^`` from the word it indexes
(``使用^`` is the word 使用), so the mark costs no posting.

The most frequent words of each language (data/search_stop_words.yaml: the, of, 的, 了 ...) are left
out of every site's index, as search engines leave out stop words: each is on every page and alone
fills whole index chunks, which a search for any word beside it in the chunk's range downloads. The
word stays in the indexed text, its characters moved to the Private Use Area, which Pagefind does not
index (neither letters nor digits) but counts as a word: excerpts keep every word in its place, and
the search box moves the characters back (``shown``) and takes the words out of a query.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import sys
import unicodedata
from collections.abc import Iterator
from typing import Any

import yaml

from build_tools.briefing.taxonomy import DATA_DIR, Taxonomy, jieba_tokenizer
from build_tools.convert import to_simplified, to_traditional

# Put before the space of a boundary with Latin on one side; overrides/assets/javascripts/search.js
# removes the pair when Chinese is next to it. ASCII punctuation: Pagefind keeps it out of the word.
MARK = "^"
# Between the parts of a long word (人工^智能): Pagefind indexes the word and each part, so a reader
# finds 大模型 by 模型. Removed by the search box between Chinese characters.
PART = "^"
_HAN_WORD = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
STOP_WORDS_PATH = DATA_DIR / "search_stop_words.yaml"
# Where a left-out word's characters go: an ASCII character to U+E000 + its code, any other character
# of the Basic Multilingual Plane to U+F0000 + its code (Private Use Areas: no text uses them).
_ASCII_HIDDEN = 0xE000
_OTHER_HIDDEN = 0xF0000
# What may not stand before and after a Latin word that is not part of a longer one (it's, e-mail, 的the).
_NOT_BEFORE, _NOT_AFTER = r"(?<![\w'’-])", r"(?![\w'’-])"


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    """The words of ``language`` ("en" or "zh", Simplified) that no index holds, in lower case."""
    data = yaml.safe_load(STOP_WORDS_PATH.read_text(encoding="utf-8")) or {}
    return frozenset(str(w).lower() for w in data.get(language) or ())


@functools.cache
def chinese_stop_words() -> frozenset[str]:
    """The Chinese stop words in both scripts: a word is looked up as written."""
    chinese = sorted(stop_words("zh"))
    return frozenset([*chinese, *to_traditional("\n".join(chinese)).split("\n")])


def query_stop_words() -> str:
    """Every stop word as a reader may type it, in both scripts, space-separated: what the search box
    takes out of a query (overrides/partials/search.html)."""
    return " ".join(sorted({*stop_words("en"), *chinese_stop_words()}))


def hidden(word: str) -> str:
    """``word`` with its characters moved to the Private Use Area: in the text, not in the index."""
    return "".join(chr((_ASCII_HIDDEN if ord(c) < 0x80 else _OTHER_HIDDEN) + ord(c)) if ord(c) < 0x10000
                   else c for c in word)


def shown(text: str) -> str:
    """``text`` with every ``hidden`` word as written again."""
    return "".join(chr(ord(c) - _ASCII_HIDDEN) if _ASCII_HIDDEN <= ord(c) < _ASCII_HIDDEN + 0x80
                   else chr(ord(c) - _OTHER_HIDDEN) if _OTHER_HIDDEN <= ord(c) < _OTHER_HIDDEN + 0x10000
                   else c for c in text)


def without_stop_words(text: str) -> str:
    """``text`` with its Latin stop words ``hidden`` (the Chinese ones are found by ``Segmenter``)."""
    pattern, hidden_forms = _latin_stop_words()
    return pattern.sub(hidden_forms, text)


class _Hidden(dict[str, str]):
    """Each stop word as written (The, the, THE), ``hidden``: made once, the first time it is met."""

    def __missing__(self, word: str) -> str:
        self[word] = moved = hidden(word)
        return moved

    def __call__(self, match: re.Match[str]) -> str:
        return self[match[0]]


@functools.cache
def _latin_stop_words() -> tuple[re.Pattern[str], _Hidden]:
    """A pattern of the Latin stop words, each a whole word (not part of a longer one) in any case, and
    their hidden forms: the pattern finds only what is to be hidden (a third of an English text's
    words), not every word to look each up."""
    letters = sorted((w for w in stop_words("en") if w.isascii() and w.isalpha()), key=len, reverse=True)
    # Case by case in ASCII: (?i) alone would also take the Kelvin sign for k and the long s for s.
    either = "|".join("".join(f"[{c}{c.upper()}]" for c in w) for w in letters) or "(?!)"
    return re.compile(rf"{_NOT_BEFORE}(?:{either}){_NOT_AFTER}"), _Hidden()


def is_chinese(c: str) -> bool:
    """A Han character or wide punctuation (，。“” ·): text that needs no space beside Chinese."""
    if _HAN.match(c):
        return True
    return not c.isascii() and not c.isalnum() and not c.isspace() and unicodedata.category(c)[0] in "PSZ"


class _Kinds(dict[str, str]):
    """Each character's kind, found the first time it is met: "s" whitespace, "c" Chinese (``is_chinese``),
    "l" anything else."""

    def __missing__(self, c: str) -> str:
        self[c] = kind = "s" if c.isspace() else "c" if is_chinese(c) else "l"
        return kind


# What goes between two words, by the kinds of the characters on either side of the boundary: a space
# between two Chinese characters, a marked one beside Latin, nothing beside whitespace or between Latin.
_BETWEEN = {a + b: " " if a + b == "cc" else MARK + " " if "c" in a + b and "s" not in a + b else ""
            for a in "scl" for b in "scl"}


# jieba's dictionary of the latest taxonomy: a hundred megabytes, held once however many Segmenters
# (one per script) use it, and loaded before the processes that use it fork (see ``Segmenter.load``).
_tokenizer: dict[str, tuple[Taxonomy, Any]] = {}  # Any: jieba has no type hints


def release_tokenizer() -> None:
    """Let go of jieba's dictionary: a process that forked the ones that segment needs none of its own."""
    _tokenizer.clear()


class Segmenter:
    """jieba over the taxonomy's names, reading Traditional characters as their Simplified forms.

    With ``spacing`` False, ``spaced`` only hides the stop words, for a site whose Chinese Pagefind
    segments itself: without segmenting, which would cost as much again as Pagefind's indexing
    (``_without_stop_words``). jieba's dictionary is loaded at the first text with Chinese in it: a
    build whose records all come from the build cache does not load it.
    """

    def __init__(self, tax: Taxonomy, *, spacing: bool = True) -> None:
        self._tax = tax
        self._simplified: dict[int, str] = {}  # str.translate's table: a character's Simplified form
        self._seen: set[str] = set()  # the characters looked up for it so far
        self._kinds = _Kinds()
        self._spacing = spacing
        self._stop = chinese_stop_words()
        self._stop_pattern = re.compile("|".join(map(re.escape, sorted(self._stop, key=len, reverse=True))))
        # Each word as indexed, its parts joined by PART: a word recurs across an archive, and finding
        # its parts costs a jieba route of its own.
        self._indexed: dict[str, str] = {}

    @functools.cached_property
    def _tokenizer(self):  # jieba.Tokenizer, which has no type hints
        """jieba with the taxonomy's names as user dictionary, loaded on first use (about a second);
        one per taxonomy in a process, shared by the Segmenters of both scripts."""
        held = _tokenizer.get("held")
        if held is None or held[0] is not self._tax:
            _tokenizer.clear()  # another taxonomy (mkdocs serve): the old dictionary goes
            held = _tokenizer["held"] = (self._tax, jieba_tokenizer(self._tax))
        return held[1]

    def load(self) -> None:
        """Load jieba's dictionary now (before forking processes that share it)."""
        self._tokenizer.check_initialized()

    def release(self) -> None:
        """Let go of jieba's dictionary; loaded again should this segmenter be used after."""
        self.__dict__.pop("_tokenizer", None)

    def _as_simplified(self, text: str) -> str:
        """``text`` with each character that has a one-character Simplified form replaced by it."""
        new = set(text).difference(self._seen)
        if new:
            self._seen.update(new)
            han = sorted(c for c in new if _HAN.match(c))
            converted = to_simplified("\n".join(han)).split("\n") if han else []
            if len(converted) == len(han):
                self._simplified.update((ord(t), s) for t, s in zip(han, converted, strict=True)
                                        if len(s) == 1 and s != t)
            # else a conversion that merged lines: those characters are read as they are
        return text.translate(self._simplified)

    def words(self, text: str) -> list[str]:
        """The words of ``text`` as jieba finds them (in ``text``'s own characters)."""
        lengths = word_lengths(self._tokenizer, self._as_simplified(text))
        ends = list(itertools.accumulate(n for n in lengths if n))
        return [text[at:end] for at, end in zip([0, *ends], ends, strict=False)]

    def parts(self, word: str) -> list[str]:
        """The shorter words a long word is made of (人工智能 -> 人工, 智能), down to words that are
        not made of others (大模型 -> 大, 模型); [word] if it is made of single characters only."""
        if len(word) < 3 or not _HAN_WORD.match(word):
            return [word]
        simplified = self._as_simplified(word)
        dag = self._tokenizer.get_DAG(simplified)
        dag[0] = [end for end in dag[0] if end < len(word) - 1] or [0]
        route: dict[int, tuple[float, int]] = {}
        self._tokenizer.calc(simplified, dag, route)
        cuts, at = [], 0
        while at < len(word):
            end = route[at][1] + 1
            cuts.append(word[at:end])
            at = end
        if all(len(c) == 1 for c in cuts):  # 周|鴻|禕: a name, not a word made of words
            return [word]
        return [leaf for c in cuts for leaf in self.parts(c)]

    def spaced(self, text: str) -> str:
        """``text`` with a space (or ``MARK`` and a space) at each word boundary beside Chinese, and
        its Chinese stop words ``hidden``."""
        if not _HAN.search(text):
            return text
        if not self._spacing:
            return self._without_stop_words(text)
        words = self.words(text)
        kinds = self._kinds
        indexed = self._indexed
        pieces = [""] * (2 * len(words) - 1)
        # Between two words: what the kinds of the last character of one and the first of the next put.
        pieces[1::2] = [_BETWEEN[kinds[left[-1]] + kinds[right[0]]]
                        for left, right in itertools.pairwise(words)]
        pieces[::2] = [indexed.get(word) or self._indexed_word(word) for word in words]
        return "".join(pieces)

    def _indexed_word(self, word: str) -> str:
        """``word`` as indexed: hidden if it is a stop word, else its parts joined by ``PART``."""
        self._indexed[word] = indexed = hidden(word) if word in self._stop else PART.join(self.parts(word))
        return indexed

    def _without_stop_words(self, text: str) -> str:
        """``text`` with each stop word ``hidden`` where no word of the dictionary (2 to 4 characters)
        joins it to a neighbour: 的 in 模型的发布 goes, in 目的 or 的确 it stays, whatever a segmenter
        would make of it. Checked against jieba's segmentation of the bench corpus: 24,409 of 28,536
        stop words hidden (jieba's words: 24,866), at a tenth of the time."""
        self._tokenizer.check_initialized()
        known = self._tokenizer.FREQ
        out, at = [], 0
        for m in self._stop_pattern.finditer(text):
            i, k = m.span()
            joined = any(known.get(text[a:b]) for a in range(max(0, i - 3), k)
                         for b in range(max(a + 2, i + 1), min(len(text), a + 4) + 1) if a < i or b > k)
            if not joined:
                out += [text[at:i], hidden(m[0])]
                at = k
        out.append(text[at:])
        return "".join(out)


def word_lengths(tokenizer: Any, text: str) -> Iterator[int]:
    """The length of each word of ``text`` as ``tokenizer.cut(text, HMM=False)`` finds it (jieba's
    most probable route through its dictionary, single Latin characters run together), in half its
    time: the route of each block is found in one pass, without jieba's graph of every word's ends."""
    import jieba

    freq = tokenizer.FREQ
    log_total = math.log(tokenizer.total)
    # jieba's own blocks: runs of Han characters and the Latin words among them, which its dictionary
    # segments; whitespace, which stays whole; anything else, a word of one character each.
    blocks, skip, latin = jieba.re_han_default, jieba.re_skip_default, jieba.re_eng
    for block in blocks.split(text):
        if not block:
            continue
        if blocks.match(block):
            yield from _route_lengths(block, freq, log_total, latin)
            continue
        for piece in skip.split(block):
            if skip.match(piece):
                yield len(piece)
            else:
                yield from (1 for _ in piece)


def _route_lengths(block: str, freq: dict[str, int], log_total: float, latin_character: Any) -> Iterator[int]:
    """jieba's route through ``block`` (its ``get_DAG``, ``calc`` and ``__cut_DAG_NO_HMM``): from the
    end, each position's best word is the one of highest log-probability plus the best route after
    it, the longer one on a tie; a position that starts no word of the dictionary is a word of one
    character. The same sums in the same order as jieba's, so the same route."""
    n = len(block)
    score: list[float] = [0] * (n + 1)  # jieba's route[n] is (0, 0): an int 0, as here
    end = [0] * (n + 1)
    log = math.log
    for at in range(n - 1, -1, -1):
        best: float | None = None
        best_end = at
        i = at
        fragment = block[at]
        while i < n and (count := freq.get(fragment)) is not None:
            if count:
                candidate = log(count) - log_total + score[i + 1]
                if best is None or candidate >= best:
                    best, best_end = candidate, i
            i += 1
            fragment = block[at:i + 1]
        if best is None:
            best = log(freq.get(block[at]) or 1) - log_total + score[at + 1]
        score[at], end[at] = best, best_end
    at = latin = 0
    while at < n:
        after = end[at] + 1
        if after - at == 1 and latin_character.match(block[at]):
            latin += 1
        else:
            if latin:
                yield latin
                latin = 0
            yield after - at
        at = after
    if latin:
        yield latin


def as_written(indexed: str) -> str:
    """Indexed text as a reader sees it: the spaces and marks put in by ``spaced`` taken out, as the
    search box takes them out of what it shows (overrides/assets/javascripts/search.js)."""
    indexed = shown(indexed)
    out: list[str] = []
    i = 0
    while i < len(indexed):
        c = indexed[i]
        before = out[-1] if out else ""
        if c == MARK and i + 1 == len(indexed):  # text that ends inside a "^ " (an excerpt)
            break
        if c == MARK and indexed[i + 1] == " ":
            after = indexed[i + 2:i + 3]
            if (before and is_chinese(before)) or (after and is_chinese(after)):
                i += 2
                continue
        elif c in (" ", MARK, PART) and before and is_chinese(before) and i + 1 < len(indexed) \
                and is_chinese(indexed[i + 1]):
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def derive_stop_words(zipf_at_least: float) -> dict[str, list[str]]:
    """The stop words by the rule of data/search_stop_words.yaml: the words of each language that make
    up at least 10 ** (zipf_at_least - 9) of its running text, by wordfreq's frequencies."""
    import wordfreq

    return {lang: [w for w in wordfreq.top_n_list(lang, 1000)
                   if wordfreq.zipf_frequency(w, lang) >= zipf_at_least] for lang in ("en", "zh")}


if __name__ == "__main__":
    rule = yaml.safe_load(STOP_WORDS_PATH.read_text(encoding="utf-8"))["zipf_at_least"]
    for code, found in derive_stop_words(rule).items():
        sys.stdout.write(f"{code}: [{', '.join(found)}]\n")
