"""Article text + the bilingual taxonomy -> topic tags, entity ids, and suggestions for the taxonomy.

Matching is one regular expression over every label and alias of the taxonomy, compiled from a trie of the
names so that a seed is scanned once, quickly, whatever the size of the taxonomy (a plain alternation of
hundreds of names is tried name by name at every position). jieba, with a user dictionary made from the
same taxonomy, settles what a regex cannot: a short Chinese name counts only where jieba segments it as a
word (阿里 in 阿里巴巴 is one word, in 阿里山 it is not), and the words jieba's model discovers but no
dictionary knows are the candidates for new taxonomy entries. jieba only reads the clauses it must
(about 30 ms per 10 kB of text would otherwise be most of the cost of a seed).

Entities are every organisation, person and product mentioned. Topics need evidence: their keywords must
occur often enough (``TOPIC_MIN_SCORE``), a mention in the title or a heading counting double, and not only
as a late aside. A story is about an entity its body names: a name only in the title line (a share row
taken for the title) is not enough.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from build_tools.briefing.taxonomy import Taxonomy, jieba_tokenizer, load_taxonomy

# A topic is tagged when its keywords score at least this much: two mentions in the text, or one in the
# title or a heading (which count double). One passing mention of "regulation" is not what a story is about.
TOPIC_MIN_SCORE = 2
HEADING_WEIGHT = 2
# A broad topic (``broad: true`` in the taxonomy: large language models, compute) is touched by nearly every
# story: it needs this score, or two different words for it. "大模型" twice in a story about a chip, or
# "chips" twice in one about export rules, is the vocabulary of the field, not what the story is about.
# Four, not three: a title mention and one more in passing (a funding story's "compute" spend) is still
# the field's vocabulary, unless the mentions run through BROAD_MIN_BLOCKS blocks (title, headings,
# paragraphs) of the story.
BROAD_MIN_SCORE = 4
BROAD_MIN_BLOCKS = 3
# At the minimum score, a broad topic's two words count only together, in one paragraph or neighbouring
# ones: "AI applications" in the lead and "use cases" five paragraphs on are the field's vocabulary.
# Where a topic's evidence sits: a topic with only the minimum score that the story first names past its
# middle (fine-tuning in the closing paragraphs of a model launch, a distillation aside at the end of a
# pricing explainer) is an aside. All in one heading (a section heading's one word), or in one paragraph
# between the lead and the close of a long story without sections (two mentions of "compute" in the fifth
# of ten paragraphs), it is a passing mention wherever it sits; one paragraph of a story in sections may be
# a section's subject, and is an aside only in the story's last third. The title (block 0) and the lead
# (block 1) always count, and a short story has no asides.
LEAD_BLOCK = 1
LONG_STORY_BLOCKS = 6
# The closing paragraph is where a piece states its conclusion: a topic named twice in it is no aside.
# A story with headings after its lead is several stories in sections (a roundup, an essay's parts): a topic
# that two sections name is evidence from each of them, neither an aside nor one story's scattered
# vocabulary, wherever in the story the sections sit.
# A broad topic named in one paragraph past the lead of a long story and nowhere else ("算力" and "芯片" in
# the paragraph of an AI PC review on its processor) is that paragraph's vocabulary, however often it says it.
# At most this many topics: beyond it the tags describe the vocabulary, not the story.
MAX_TOPICS = 8
# An entity the story is about: named in the title, or mentioned at least this often (a title mention
# counts double, like a heading).
ABOUT_MIN_SCORE = 3
MAX_ABOUT = 6
# Chinese names this short are checked against jieba's segmentation before they count.
SHORT_HAN_NAME = 3
# A name not in the taxonomy is suggested when it occurs this often (or in the title).
SUGGEST_MIN_COUNT = 2
MAX_SUGGESTIONS = 10

# Suggestions are looked for in the title and the opening of the article (where an article introduces
# what it is about) and then counted everywhere.
SUGGEST_WINDOW_CHARS = 1000
# jieba reads this much context on each side of a short Chinese name it has to confirm.
CONTEXT_CHARS = 12

_HAN = re.compile(r"[\u3400-\u9fff]")
_SEPARATORS = "[\\s·・.．•‧\\-]"
# Middle dots of names in their many forms, and unusual spaces, made one character for matching (1:1, so
# offsets in the matching text are offsets in the text).
_FOLD = str.maketrans({"・": "·", "．": "·", "•": "·", "‧": "·", "\u00a0": " ", "\u3000": " ", "\t": " "})
_ALNUM = re.compile(r"[A-Za-z0-9]")
# Where a sentence starts, searched for just before a capitalised word: line start, or after . ! ? and quotes.
_SENTENCE_START = re.compile(r"(?:^|\n|[.!?。！？][\"'”’)]{0,3}\s{1,8}|[\"“])[\"“‘']?$")
# How far back from a word _SENTENCE_START looks: searching from the start of the text for every word made
# tagging quadratic (100 KB of "x Ab " took 43 s).
_SENTENCE_START_WINDOW = 16
_CLAUSE_END = re.compile(r"[。！？!?；;,，、\n]")
# Capitalised words and acronyms in running text: candidates for names.
_CAPITALISED = r"[A-Z][A-Za-z0-9]*(?:[.\-+][A-Za-z0-9]+)*"
_LATIN_NAME = re.compile(
    rf"(?<![A-Za-z0-9]){_CAPITALISED}(?:[ \t]+(?:of[ \t]+|for[ \t]+|the[ \t]+)?{_CAPITALISED})*")
# Capitalised words that are not names: sentence openers, common acronyms, titles.
_NOT_NAMES = frozenset([
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "he", "her", "his", "how", "i", "if", "in",
    "it", "its", "many", "more", "most", "new", "no", "not", "of", "on", "one", "or", "our", "she", "so",
    "some", "such", "that", "the", "their", "there", "these", "they", "this", "those", "to", "we", "what",
    "when", "where", "which", "while", "who", "why", "with", "you", "your", "also", "although", "both",
    "currently", "even", "historically", "however", "only", "over", "ultimately", "yet", "ai", "ceo", "cto",
    "cfo", "coo", "api", "apis", "app", "apps", "us", "uk", "eu", "un", "pc", "gpu", "gpus", "cpu", "ip",
    "ui", "ux", "vr", "ar", "id", "ok", "tv", "pdf", "png", "q", "ama", "faq", "news", "llm", "llms",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
])
# Chinese words jieba does not know that are still not names.
_NOT_HAN_NAMES = frozenset(["日前", "近日", "业内人士", "笔者", "据报道", "知情人士"])
# Characters of grammar words (这一, 将会, 更大): a word jieba guessed that contains one is not a name.
_FUNCTION_CHARS = frozenset(
    "万亿千百这那一会将更大因的了是在有和与也就都而及其之等为被把对从向到"
    "于个些么们着过很最还又再才已并但能可要让给使由以所如若不没此该每各另"
)


def _key(name: str) -> str:
    return re.sub(_SEPARATORS, "", name).casefold()


# Characters that match a letter of another case under re.IGNORECASE but are none of its str case forms
# (the Kelvin sign matches k, the long s matches s, dotless i matches i); with the str forms, the candidates
# for what a character matches ignoring case (written as escapes: an editor may normalise the signs).
_OTHER_CASES = (
    "IKi\u00b5\u00c5\u0130\u0131\u017f\u0345\u0390\u0398\u03a9\u03b0\u03c2\u03d0\u03d1\u03d5\u03d6"
    "\u03f0\u03f1\u03f4\u03f5\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e9b\u1e9e"
    "\u1fbe\u1fd3\u1fe3\u2126\u212a\u212b\ufb05\ufb06")


def case_variants(ch: str) -> list[str]:
    """The characters that ``ch`` matches under re.IGNORECASE (k: k, K and the Kelvin sign)."""
    one = re.compile(re.escape(ch), re.IGNORECASE)
    maybe = {ch, ch.lower(), ch.upper(), ch.title(), ch.swapcase(), ch.casefold(), *_OTHER_CASES}
    return sorted(c for c in maybe if len(c) == 1 and one.fullmatch(c))


def _trie_regex(words: list[str]) -> str:
    """A regex matching any of ``words`` ignoring case, longest first, shared prefixes factored out.

    The first character of each branch is spelled out in every case it matches ("[kK]" as ``k|K``), the
    rest matched under ``(?i:...)``: the pattern then starts with plain characters, and the regex engine
    skips every position whose character starts no name without trying the branches there (a third of
    the time of tagging a seed, otherwise). It matches exactly what the trie under re.IGNORECASE matches.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if ends else body

    top = []
    for ch, child in sorted(trie.items()):
        rest = build(child)
        top += [re.escape(v) + (f"(?i:{rest})" if rest else "") for v in case_variants(ch)]
    return "|".join(top)


def _forms(name: str) -> set[str]:
    """The forms a name is matched in: its own, and for Chinese names with a middle dot, without it."""
    folded = name.translate(_FOLD)
    forms = {folded}
    if _HAN.search(name):
        forms.add(re.sub(r"[·.\s]", "", folded))
    return forms


@dataclass
class Tagging:
    """What the tagger found in one article."""

    tags: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    counts: dict[str, float] = field(default_factory=dict)
    suggestions: list[tuple[str, int]] = field(default_factory=list)


class Tagger:
    """Finds taxonomy entries in text. Build one per process: see ``get_tagger``."""

    def __init__(self, tax: Taxonomy):
        self.tax = tax
        self.by_key: dict[str, str] = {}
        self.parts: set[str] = set()  # single words of known multi-word names ("Sam" of "Sam Altman")
        # lower-cased form -> (entry id, the exact form when the match must respect case)
        self.forms: dict[str, list[tuple[str, str | None]]] = {}
        for entry in tax:
            for name in entry.names():
                key = _key(name)
                if not key or self.by_key.setdefault(key, entry.id) != entry.id:
                    continue
                self.parts.update(w.casefold() for w in name.split())
                # Entity names with capitals are case-sensitive ("Meta", not "meta"); topic keywords are not,
                # except acronyms ("AGI", "LLM").
                exact = (name.isupper() and len(name) <= 6) if entry.is_topic else name != name.lower()
                for form in _forms(name):
                    self.forms.setdefault(form.lower(), []).append((entry.id, form if exact else None))
        self.pattern = re.compile(_trie_regex(sorted(self.forms)))
        self.longest = max(map(len, self.forms), default=0)
        # (borrower, lender, keys of the lent names): compute's "chips" that semiconductors may take
        self.borrowed = [(e.id, lender, {_key(n) for n in names})
                         for e in tax if e.is_topic for lender, names in e.borrows.items()]
        self.maker = _makers(tax)
        self._tokenizer = None

    @property
    def tokenizer(self):
        """jieba with the taxonomy as user dictionary; loaded on first use (about a second)."""
        if self._tokenizer is None:
            self._tokenizer = jieba_tokenizer(self.tax)
        return self._tokenizer

    def mentions(self, text: str) -> list[tuple[str, int, int]]:
        """Every taxonomy name in ``text`` (Simplified Chinese or English): (entry id, start, end)."""
        folded = text.translate(_FOLD)
        found = []
        for m in self.pattern.finditer(folded):
            s, e = m.span()
            name = m.group()
            if _ALNUM.match(name) and s and _ALNUM.match(folded[s - 1]):
                continue  # "xOpenAI": inside a longer word
            if e < len(folded) and _ALNUM.match(name[-1]) and (
                    (folded[e].isascii() and folded[e].isalpha())
                    or (name[-1].isdigit() and folded[e].isdigit())):
                continue  # "Metaverse", "GPT-45"
            forms = self.forms.get(name.lower(), [])
            entry_id = next((i for i, exact in forms if exact in (None, name)), None)
            if entry_id is None:
                continue
            if _HAN.search(name) and len(name) <= SHORT_HAN_NAME and not self._is_word(folded, s, e):
                continue
            found.append((entry_id, s, e))
        return found

    def _with_overlaps(self, found: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
        """``found`` and the English names that start inside one of its names and run past its end: in
        "open models from China", "models from China" as well as "open models" (one scan takes only the
        first)."""
        folded = text.translate(_FOLD)
        extra = []
        for _, s, e in found:
            for space in (n for n in range(s + 1, e - 1) if folded[n] == " "):
                # one character past the longest name, so that a name's end is checked against the next one
                for entry_id, s2, e2 in self.mentions(folded[space + 1:space + 2 + self.longest]):
                    if s2 == 0 and space + 1 + e2 > e:
                        extra.append((entry_id, space + 1, space + 1 + e2))
        return sorted(found + extra, key=lambda m: (m[1], m[2])) if extra else found

    def _is_word(self, text: str, start: int, end: int) -> bool:
        """Whether jieba, reading the clause around it, segments text[start:end] as one word."""
        lo = max(0, start - CONTEXT_CHARS)
        hi = min(len(text), end + CONTEXT_CHARS)
        head = _CLAUSE_END.split(text[lo:start])[-1]
        tail = _CLAUSE_END.split(text[end:hi])[0]
        offset = start - len(head)
        bounds: set[int] = set()
        for _, s, e in self.tokenizer.tokenize(head + text[start:end] + tail):
            bounds.update((s + offset, e + offset))
        return start in bounds and end in bounds

    def tag(self, title: str, blocks: list[tuple[str, str]]) -> Tagging:
        """Tags, entities and suggestions: ``blocks`` are (role, text), in Simplified Chinese or English."""
        weights = [HEADING_WEIGHT] + [HEADING_WEIGHT if role == "heading" else 1 for role, _ in blocks]
        texts = [title] + [text for _, text in blocks]
        joined = "\n".join(texts)
        starts = []
        pos = 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 1
        score: Counter[str] = Counter()
        blocks_of: dict[str, set[int]] = {}
        forms_of: dict[str, set[str]] = {}
        first: dict[str, int] = {}
        spans: list[tuple[int, int]] = []
        last_end: dict[str, int] = {}
        for entry_id, s, e in self._lend(self._with_overlaps(self.mentions(joined), joined), joined):
            # 通用人工智能(AGI), 山姆·奥尔特曼(Sam Altman): a name glossed in another language is one mention.
            near = s - last_end.get(entry_id, -10) <= 2
            last_end[entry_id] = e
            spans.append((s, e))
            if near:
                continue
            block = _block_of(starts, s)
            score[entry_id] += weights[block]
            blocks_of.setdefault(entry_id, set()).add(block)
            forms_of.setdefault(entry_id, set()).add(joined[s:e].casefold().rstrip("s"))  # chip = chips
            first.setdefault(entry_id, s)
        roles = ["title"] + [role for role, _ in blocks]
        section = _sections(roles[1:])
        order = sorted(score, key=lambda i: (-score[i], first[i], i))
        tags = [i for i in order if self.tax.entries[i].is_topic and score[i] >= TOPIC_MIN_SCORE
                and (not self.tax.entries[i].broad or score[i] >= BROAD_MIN_SCORE or len(forms_of[i]) >= 2
                     or len(blocks_of[i]) >= BROAD_MIN_BLOCKS)
                and (not self.tax.entries[i].broad or score[i] > TOPIC_MIN_SCORE
                     or max(blocks_of[i]) - min(blocks_of[i]) <= 1
                     or len({section[b] for b in blocks_of[i]}) >= 2)
                and (not self.tax.entries[i].broad or min(blocks_of[i]) <= LEAD_BLOCK
                     or len(blocks_of[i]) > 1 or len(blocks) < LONG_STORY_BLOCKS)
                and _spread(blocks_of[i], score[i], roles, section)]
        tags = self._with_broader(tags[:MAX_TOPICS])
        entities = [i for i in order if not self.tax.entries[i].is_topic]
        in_body = {i for i, b in blocks_of.items() if max(b) > 0}
        about = self._about(entities, score, first, starts[1], in_body=in_body, forms_of=forms_of)
        return Tagging(tags=tags, entities=entities, about=about, counts=dict(score),
                       suggestions=self._suggest(joined, spans, texts[0]))

    def _lend(self, found: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
        """Mentions with lent words given to their borrower: "chips" count for semiconductors, not compute,
        in a story that names the chip industry at least once and says "chips" more often than any other
        word for compute (a story on a chip company's listing or a chip export bill, not on capacity)."""
        for borrower, lender, keys in self.borrowed:
            own = sum(1 for i, _, _ in found if i == borrower)
            lent = {n for n, (i, s, e) in enumerate(found) if i == lender and _key(text[s:e]) in keys}
            rest = sum(1 for i, _, _ in found if i == lender) - len(lent)
            if own and len(lent) > rest:
                found = [(borrower, s, e) if n in lent else (i, s, e) for n, (i, s, e) in enumerate(found)]
        return found

    def _with_broader(self, tags: list[str]) -> list[str]:
        """The tags and the wider topic of each (a story on the EU AI Act is one on AI governance), within
        ``MAX_TOPICS``: evidence for a law is evidence for governance, though the story may never say so."""
        out = list(tags)
        for i in tags:
            wider = self.tax.entries[i].broader
            while wider and wider not in out and len(out) < MAX_TOPICS:
                out.append(wider)
                wider = self.tax.entries[wider].broader
        return out

    def _about(self, entities: list[str], score: Counter[str], first: dict[str, int], body: int, *,
               in_body: set[str], forms_of: dict[str, set[str]]) -> list[str]:
        """The entities a story is about: named in the title, or often, and named in the body; a product's
        mentions count for its maker too (a story about DeepSeek-V2 is about DeepSeek), where the story
        names the maker: on its own or in the product's full name ("Nvidia H100"; "H100" alone is a story
        about the chip, not about Nvidia)."""
        weight = Counter({i: score[i] for i in entities})
        named = set(in_body)
        for i in entities:
            if i in self.maker:
                maker = self.maker[i]
                weight[maker] += score[i]
                first.setdefault(maker, first[i])
                if i in in_body and (maker in score or self._names_maker(forms_of[i], maker)):
                    named.add(maker)
        ranked = sorted(weight, key=lambda i: (-weight[i], first[i], i))
        about = [i for i in ranked if weight[i] >= ABOUT_MIN_SCORE or first[i] < body]
        return [i for i in about if i in named][:MAX_ABOUT]

    def _names_maker(self, forms: set[str], maker: str) -> bool:
        """Whether a product's name as written contains its maker's name ("英伟达H20", "Nvidia H100")."""
        names = {_key(n) for n in self.tax.entries[maker].names()}
        return any(name in _key(form) for form in forms for name in names)

    def _suggest(self, text: str, known: list[tuple[int, int]], title: str) -> list[tuple[str, int]]:
        """Salient names the taxonomy does not know: words jieba discovered, and capitalised names."""
        covered = bytearray(len(text) + 1)
        for ks, ke in known:
            covered[ks:ke] = b"\1" * (ke - ks)

        def is_known(s: int, e: int) -> bool:
            return any(covered[s:e])

        counts: Counter[str] = Counter()
        shown: dict[str, str] = {}
        window = text[:SUGGEST_WINDOW_CHARS]
        if _HAN.search(window):
            freq = self.tokenizer.FREQ
            for word, s, e in self.tokenizer.tokenize(window):
                if (2 <= len(word) <= 4 and all(_HAN.match(ch) for ch in word) and not freq.get(word)
                        and not _FUNCTION_CHARS.intersection(word) and word not in _NOT_HAN_NAMES
                        and not is_known(s, e) and word not in shown):
                    shown[word] = word
                    counts[word] = text.count(word)
        mid_sentence: set[str] = set()
        for m in _LATIN_NAME.finditer(text):
            name = m.group().strip()
            words = name.split()
            while words and words[0].casefold() in _NOT_NAMES:
                words.pop(0)
            name = " ".join(words)
            if not name or name.casefold() in _NOT_NAMES or len(name) < 2 or is_known(m.start(), m.end()):
                continue
            if _key(name) in self.by_key or name.casefold() in self.parts or (
                    " " not in m.group() and len(name) < 3):
                continue
            counts[_key(name)] += 1
            shown.setdefault(_key(name), name)
            before = max(0, m.start() - _SENTENCE_START_WINDOW)
            if " " not in name and not _SENTENCE_START.search(text, before, m.start()):
                mid_sentence.add(_key(name))
        # A single capitalised word seen only at the start of sentences ("Seed", "Startups") is no name.
        for key in [k for k in counts if " " not in shown[k] and not _HAN.search(shown[k])]:
            if key not in mid_sentence:
                del counts[key]
        picked = [(shown[k], c) for k, c in counts.items()
                  if c >= SUGGEST_MIN_COUNT or (_HAN.search(shown[k]) and shown[k] in title)]
        picked.sort(key=lambda kc: (-kc[1], kc[0]))
        return picked[:MAX_SUGGESTIONS]


def _makers(tax: Taxonomy) -> dict[str, str]:
    """Product id -> the organisation whose name its English name starts with (Nvidia H100 -> nvidia)."""
    orgs = {e.en.casefold(): e.id for e in tax if e.kind == "organisation"}
    makers = {}
    for e in tax:
        if e.kind != "product":
            continue
        words = e.en.casefold().split()
        for n in range(len(words) - 1, 0, -1):
            org = orgs.get(" ".join(words[:n]))
            if org:
                makers[e.id] = org
                break
        else:
            head = re.split(r"[-\s]", e.en.casefold())[0]
            if head in orgs and head != e.en.casefold():
                makers[e.id] = orgs[head]  # DeepSeek-V3 -> deepseek
    return makers


def _sections(roles: list[str]) -> list[int]:
    """The section of the title and of each block: a new section starts at every heading after the lead."""
    section = [0]
    for n, role in enumerate(roles, 1):
        section.append(section[-1] + (role == "heading" and n > LEAD_BLOCK))
    return section


def _spread(blocks: set[int], score: int, roles: list[str], section: list[int]) -> bool:
    """Whether a topic at the minimum score is more than an aside: named in the title or lead, all in the
    closing paragraph, in one paragraph of a story in sections short of its last third, or in more than one
    paragraph of a long story, first in its first half or in two sections."""
    first = min(blocks)
    body_blocks = len(section) - 1
    if score > TOPIC_MIN_SCORE or first <= LEAD_BLOCK or body_blocks < LONG_STORY_BLOCKS:
        return True
    if len(blocks) == 1:
        if first == body_blocks:
            return True
        if roles[first] == "heading" or section[-1] == 0:
            return False
        return 3 * first <= 2 * body_blocks
    return len({section[b] for b in blocks}) >= 2 or 2 * first <= body_blocks


def _block_of(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


@cache
def get_tagger() -> Tagger:
    """The process's tagger over the project taxonomy (built once; jieba loads on first Chinese text)."""
    return Tagger(load_taxonomy())
