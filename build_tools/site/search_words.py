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
"""

from __future__ import annotations

import re
import unicodedata

from build_tools.briefing.taxonomy import Taxonomy, jieba_tokenizer
from build_tools.convert import to_simplified

# Put before the space of a boundary with Latin on one side; overrides/assets/javascripts/search.js
# removes the pair when Chinese is next to it. ASCII punctuation: Pagefind keeps it out of the word.
MARK = "^"
# Between the parts of a long word (人工^智能): Pagefind indexes the word and each part, so a reader
# finds 大模型 by 模型. Removed by the search box between Chinese characters.
PART = "^"
_HAN_WORD = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def is_chinese(c: str) -> bool:
    """A Han character or wide punctuation (，。“” ·): text that needs no space beside Chinese."""
    if _HAN.match(c):
        return True
    return not c.isascii() and not c.isalnum() and not c.isspace() and unicodedata.category(c)[0] in "PSZ"


class Segmenter:
    """jieba over the taxonomy's names, reading Traditional characters as their Simplified forms."""

    def __init__(self, tax: Taxonomy) -> None:
        self._tokenizer = jieba_tokenizer(tax)
        self._simplified: dict[str, str] = {}

    def _as_simplified(self, text: str) -> str:
        """``text`` with each character that has a one-character Simplified form replaced by it."""
        new = sorted({c for c in text if c not in self._simplified and _HAN.match(c)})
        if new:
            converted = to_simplified("\n".join(new)).split("\n")
            if len(converted) == len(new):
                for t, s in zip(new, converted, strict=True):
                    self._simplified[t] = s if len(s) == 1 else t
            else:  # a conversion that merged lines: read those characters as they are
                self._simplified.update((c, c) for c in new)
        return "".join(self._simplified.get(c, c) for c in text)

    def words(self, text: str) -> list[str]:
        """The words of ``text`` as jieba finds them (in ``text``'s own characters)."""
        out = []
        at = 0
        for word in self._tokenizer.cut(self._as_simplified(text), HMM=False):
            out.append(text[at:at + len(word)])
            at += len(word)
        return out

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
        """``text`` with a space (or ``MARK`` and a space) at each word boundary beside Chinese."""
        if not _HAN.search(text):
            return text
        pieces: list[str] = []
        for word in self.words(text):
            if pieces and pieces[-1] and word:
                left, right = pieces[-1][-1], word[0]
                if not left.isspace() and not right.isspace():
                    wide_left, wide_right = is_chinese(left), is_chinese(right)
                    if wide_left and wide_right:
                        pieces.append(" ")
                    elif wide_left or wide_right:
                        pieces.append(MARK + " ")
            pieces.append(PART.join(self.parts(word)))
        return "".join(pieces)


def as_written(indexed: str) -> str:
    """Indexed text as a reader sees it: the spaces and marks put in by ``spaced`` taken out, as the
    search box takes them out of what it shows (overrides/assets/javascripts/search.js)."""
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
