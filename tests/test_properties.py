"""Properties over arbitrary input: the reader, the cleaner and ``check`` never crash, the cleaner never
invents text, and any valid briefing survives dump -> read unchanged.

Bounded (examples and sizes) so the whole file runs in well under 20 seconds.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.briefing.frontmatter import dump_briefing, load_yaml, one_line, parse_body
from build_tools.briefing.schema import read_briefing
from build_tools.characters import FORBIDDEN
from build_tools.cli import main
from build_tools.errors import InputError, Problem
from build_tools.ingest.clean import clean_lines
from build_tools.ingest.pipeline import decode_seed, extract
from build_tools.model import (
    BODY_LANGUAGES,
    DATE_BASES,
    ORIGINAL_LANGUAGES,
    PARAGRAPH_MARKERS,
    Bilingual,
    Briefing,
    Paragraph,
    Source,
)

ROOT = Path(__file__).resolve().parent.parent
VALID = (ROOT / "tests" / "bad_inputs" / "briefings" / "valid.md").read_text(encoding="utf-8")
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any Unicode a file can hold (no lone surrogates), with the characters that break naive formats weighted in:
# YAML indicators, fences, markers of the body format, quotes, line breaks of every kind, zero-width and
# bidirectional marks, emoji, right-to-left text, full-width and ideographic spaces.
_TRICKY = ["---", "...", ": ", "#", "- ", "## ", "> ", "en:", "zh:", "{{", "}}", "{%", "'", '"', "`", "\\",
           "&a", "*a", "!!python/object/apply:os.system", "\n", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x85",
           "\u2028", "\u2029", "\u200b", "\u200d", "\u202e", "\ufeff", "\u3000", "\xa0", "😀", "👩‍💻",
           "שלום", "مرحبا", "null", "~", "yes", "2024-06-03", "1e3", "0x1F", "<script>", "&amp;",
           "简体", "繁體", " "]
_chars = st.characters(blacklist_categories=("Cs",))
_text = st.lists(st.one_of(st.text(_chars, max_size=8), st.sampled_from(_TRICKY)), max_size=8).map("".join)


def _problems_only(result: tuple[object, list[Problem]]) -> None:
    briefing, problems = result
    assert briefing is None or isinstance(briefing, Briefing)
    assert all(isinstance(p, Problem) and "\n" not in str(p) for p in problems)


# ---------------------------------------------------------------- never an unexpected exception


@FAST
@given(st.lists(_text, max_size=30))
def test_cleaning_never_invents_text(lines: list[str]):
    cleaned = clean_lines(lines)
    seen = [(k.line, k.text) for k in cleaned.kept] + [(d.line, d.text) for d in cleaned.dropped]
    # Every line it returns is an input line, stripped, at its own line number; no line is lost or doubled.
    assert all(text == lines[n - 1].strip() for n, text in seen)
    assert sorted(n for n, _ in seen) == [i for i, line in enumerate(lines, 1) if line.strip()]
    assert all(d.reason for d in cleaned.dropped)


@FAST
@given(st.binary(max_size=400) | _text.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_decoding_a_seed_gives_text_or_a_problem(raw: bytes):
    try:
        text = decode_seed(raw, "seed.txt")
    except InputError as exc:
        assert exc.problems and all(p.path == "seed.txt" for p in exc.problems)
    else:
        assert isinstance(text, str)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_text, min_size=0, max_size=12), st.sampled_from([".txt", ".md", ".html"]))
def test_extraction_gives_an_article_or_a_problem(lines: list[str], suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        seed = Path(folder) / f"seed{suffix}"
        seed.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        try:
            ex = extract(seed)
        except InputError as exc:
            assert exc.problems
        else:
            assert ex.paragraphs and ex.language in ORIGINAL_LANGUAGES


@FAST
@given(_text)
def test_reading_any_text_gives_problems_not_exceptions(text: str):
    _problems_only(read_briefing("any.md", text=text))
    _problems_only(read_briefing("any.md", text="---\n" + text))
    _problems_only(read_briefing("any.md", text=f"---\n{text}\n---\n\n{text}\n"))


@FAST
@given(st.integers(0, len(VALID)), _text, st.integers(0, 40))
def test_reading_a_damaged_briefing_gives_problems_not_exceptions(at: int, inserted: str, cut: int):
    # Damage near the structure a reader relies on: an insertion and a cut at the same place.
    _problems_only(read_briefing("valid.md", text=VALID[:at] + inserted + VALID[at + cut:]))


@FAST
@given(_text)
def test_yaml_and_body_readers_raise_only_input_errors(text: str):
    try:
        load_yaml(text, "x.yaml")
    except InputError as exc:
        assert exc.problems
    paragraphs, problems = parse_body(text, "x.md", 1)
    assert all(isinstance(p, Paragraph) for p in paragraphs) and all(isinstance(p, Problem) for p in problems)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300) | _text.map(lambda s: ("---\n" + s).encode("utf-8", "surrogatepass")))
def test_check_answers_any_file_with_an_exit_status(raw: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.md"
        path.write_bytes(raw)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["check", "--quiet", str(path)])
    assert code in (0, 1)
    assert "Traceback" not in err.getvalue()
    assert code == 0 or err.getvalue().endswith(("file\n", "files\n"))


# ---------------------------------------------------------------- dump -> read round trip


def _meta_text(s: str) -> str:
    """What a front matter text reads back as: the reader strips surrounding whitespace."""
    return s.strip()


def _body_text(s: str) -> str:
    """What a paragraph reads back as: one line, without control characters (see dump_body)."""
    return one_line(s)


# A valid briefing holds no control characters, lone surrogates or bidirectional controls (check refuses
# them).
_publishable = _text.map(lambda s: FORBIDDEN.sub("", s))
_filled = _publishable.filter(lambda s: _body_text(s) != "" and _meta_text(s) != "")
_id = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)


@st.composite
def briefings(draw) -> Briefing:
    """A valid briefing whose texts are arbitrary Unicode (the reader's own rules decide what is valid)."""
    language = draw(st.sampled_from(ORIGINAL_LANGUAGES))
    original = "en" if language == "en" else "zh"
    other = "zh" if original == "en" else "en"
    translation = {original: "original", other: draw(st.sampled_from(["reviewed", "machine", "pending"]))}
    done = {lang: translation[lang] != "pending" for lang in BODY_LANGUAGES}

    def text(lang: str) -> str:
        return draw(_filled) if done[lang] else draw(_publishable)

    n_points = draw(st.integers(0, 3))
    return Briefing(
        id=draw(_id),
        date=draw(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
        date_basis=draw(st.sampled_from(DATE_BASES)),
        language=language,
        title=Bilingual(en=text("en"), zh=text("zh")),
        summary=Bilingual(en=draw(_publishable), zh=draw(_publishable)),
        key_points={lang: draw(st.lists(_filled, min_size=n_points, max_size=n_points))
                    for lang in BODY_LANGUAGES},
        source=Source(name=draw(st.none() | _filled),
                      url=draw(st.none() | st.from_regex(r"https://[a-z]{1,10}\.com/[a-z0-9/_%?=&#-]{0,20}",
                                                         fullmatch=True))),
        seed=draw(st.none() | st.from_regex(r"seeds/[a-z0-9_]{1,12}\.(txt|md|html)", fullmatch=True)),
        tags=draw(st.lists(_id, unique=True, max_size=3)),
        entities=draw(st.lists(_id, unique=True, max_size=3)),
        translation=translation,
        editor_note=draw(st.none() | st.builds(Bilingual, en=_publishable, zh=_publishable)),
        paragraphs=draw(st.lists(st.builds(Paragraph, kind=st.sampled_from(list(PARAGRAPH_MARKERS)),
                                           en=st.deferred(lambda: _filled if done["en"] else _publishable),
                                           zh=st.deferred(lambda: _filled if done["zh"] else _publishable)),
                                 min_size=1, max_size=4)),
    )


def _canonical(b: Briefing) -> dict:
    """The briefing as the reader gives it back: texts in their read form, no file positions."""
    data = dataclasses.asdict(b)
    for key in ("path", "lines"):
        data.pop(key)
    for key in ("title", "summary"):
        data[key] = {lang: _meta_text(v) for lang, v in data[key].items()}
    if data["editor_note"] is not None:
        data["editor_note"] = {lang: _meta_text(v) for lang, v in data["editor_note"].items()}
    data["key_points"] = {lang: [_meta_text(v) for v in vs] for lang, vs in data["key_points"].items()}
    data["source"]["name"] = _meta_text(data["source"]["name"] or "") or None
    for p in data["paragraphs"]:
        p.pop("line")
        p["en"], p["zh"] = _body_text(p["en"]), _body_text(p["zh"])
    return data


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(briefings())
def test_dump_then_read_gives_the_same_briefing(briefing: Briefing):
    text = dump_briefing(briefing)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{briefing.id}.md"
        path.write_text(text, encoding="utf-8")
        back, problems = read_briefing(path)
    assert problems == []
    assert _canonical(back) == _canonical(briefing)
    # The file is stable: what was read dumps to the same bytes.
    assert dump_briefing(back) == text
