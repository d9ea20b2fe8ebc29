"""Near-duplicate detection: real articles re-submitted, in another script, and unrelated ones."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from build_tools.briefing.duplicates import (
    HASH_SEED,
    NEAR_DUPLICATE_JACCARD,
    DuplicateIndex,
    estimate,
    find_near_duplicates,
    jaccard,
    minhash,
    shingle_hashes,
    shingles,
)
from build_tools.briefing.frontmatter import dump_briefing
from build_tools.briefing.schema import read_briefing
from build_tools.convert import to_traditional
from build_tools.model import Bilingual, Briefing, Paragraph

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ENGLISH_SEEDS = ["000_9383764b6e2d7e5b.txt", "001_d16a261e42c915f8.txt"]
CHINESE_SEEDS = ["002_f95e91212e92d585.txt", "003_7a95a9149d926ee5.txt", "004_feea037cb4c691fd.txt"]


def seed_paragraphs(name: str) -> list[str]:
    """The non-empty lines of a real seed article (junk included: shingles must cope with it)."""
    return [line.strip() for line in (SEEDS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def make(briefing_id: str, paragraphs: list[str], lang: str = "en", date: str = "2024-06-01") -> Briefing:
    """A briefing whose original column holds ``paragraphs`` and whose translation is pending."""
    col = "en" if lang == "en" else "zh"
    return Briefing(
        id=briefing_id, date=dt.date.fromisoformat(date), language=lang,
        title=Bilingual(**{col: briefing_id}),
        translation={"en": "pending", "zh": "pending", col: "original"},
        paragraphs=[Paragraph(kind="p", line=20 + 3 * i, **{col: text}) for i, text in enumerate(paragraphs)],
        path=f"briefings/{briefing_id}.md",
    )


def lightly_edited(paragraphs: list[str], rng: random.Random) -> list[str]:
    """A re-submission: a few sentences reworded, one paragraph dropped, the junk lines trimmed."""
    edited = list(paragraphs[2:])  # another copy, without the first two lines of page furniture
    del edited[len(edited) // 2]
    for i in rng.sample(range(len(edited)), k=max(1, len(edited) // 6)):
        words = edited[i].split(" ")
        edited[i] = " ".join(words[: len(words) * 2 // 3]) + " (updated)"
    return edited


def test_real_english_article_resubmitted_with_edits_is_flagged():
    original = seed_paragraphs(ENGLISH_SEEDS[1])
    old = make("old-story", original, date="2024-06-01")
    new = make("new-story", lightly_edited(original, random.Random(1)), date="2024-06-03")
    problems = find_near_duplicates([new, old])
    assert len(problems) == 1
    assert problems[0].path == "briefings/new-story.md"
    assert problems[0].line == 1
    assert problems[0].message.startswith("near-duplicate of briefings/old-story.md (Jaccard 0.")
    assert problems[0].message.endswith("); if it is the same story, extend that briefing instead")


def test_real_chinese_article_resubmitted_in_traditional_script_is_flagged():
    original = seed_paragraphs(CHINESE_SEEDS[2])
    old = make("old-story", original, lang="zh-Hans", date="2023-11-17")
    # A reader in Taiwan submits the same article as published there: Traditional script and vocabulary.
    variant = [to_traditional(p) for p in lightly_edited(original, random.Random(2))]
    assert variant != original
    new = make("new-story", variant, lang="zh-Hant", date="2023-11-18")
    problems = find_near_duplicates([old, new])
    assert [p.path for p in problems] == ["briefings/new-story.md"]
    assert "near-duplicate of briefings/old-story.md" in problems[0].message
    # the raw Traditional text alone would not be recognised: the script folding does the work
    raw = {p[i : i + 5] for p in variant for i in range(len(p) - 4)}
    assert jaccard(raw, shingles("\n".join(original), "zh")) < NEAR_DUPLICATE_JACCARD


def test_same_story_compared_in_the_column_both_share():
    english = seed_paragraphs(ENGLISH_SEEDS[0])
    chinese = seed_paragraphs(CHINESE_SEEDS[0])
    old = make("old-story", english, date="2024-05-30")
    old.paragraphs = [Paragraph(kind="p", en=e, zh=z, line=20 + 3 * i)
                      for i, (e, z) in enumerate(itertools.zip_longest(english, chinese, fillvalue=""))]
    old.translation = {"en": "original", "zh": "reviewed"}
    # The same story submitted again from a Chinese outlet: only its zh column exists.
    new = make("new-story", lightly_edited(chinese, random.Random(3)), lang="zh-Hans", date="2024-06-02")
    problems = find_near_duplicates([old, new])
    assert [(p.path, p.message.split(" (")[0]) for p in problems] == [
        ("briefings/new-story.md", "near-duplicate of briefings/old-story.md")]


def test_unrelated_real_articles_are_not_flagged():
    # Four of the five are about OpenAI and Sam Altman: shared names must not make them duplicates.
    briefings = [make(f"story-{i}", seed_paragraphs(name), lang="en" if name in ENGLISH_SEEDS else "zh-Hans",
                      date=f"2024-06-0{i + 1}")
                 for i, name in enumerate(ENGLISH_SEEDS + CHINESE_SEEDS)]
    assert find_near_duplicates(briefings) == []
    for a, b in itertools.combinations(briefings, 2):
        for lang in ("en", "zh"):
            sa = shingles("\n".join(p.text(lang) for p in a.paragraphs), lang)
            sb = shingles("\n".join(p.text(lang) for p in b.paragraphs), lang)
            if sa and sb:
                assert jaccard(sa, sb) < 0.1


def test_pending_columns_and_stubs_are_not_compared():
    text = seed_paragraphs(ENGLISH_SEEDS[1])
    a = make("a-story", text)
    b = make("b-story", text, date="2024-06-02")
    b.translation = {"en": "pending", "zh": "pending"}  # not a finished column: nothing to compare
    assert find_near_duplicates([a, b]) == []
    stubs = [make(f"{name}-story", ["OpenAI released a model."]) for name in ("c", "d")]
    assert find_near_duplicates(stubs) == []


def test_index_for_ingest_reports_best_match_first_and_catches_a_batch():
    english = seed_paragraphs(ENGLISH_SEEDS[1])
    old = make("old-story", english)
    index = DuplicateIndex([old, make("other", seed_paragraphs(ENGLISH_SEEDS[0]))])
    draft = make("draft", lightly_edited(english, random.Random(4)))
    found = index.matches(draft)
    assert [d.original.id for d in found] == ["old-story"]
    assert found[0].lang == "en"
    assert found[0].similarity >= NEAR_DUPLICATE_JACCARD
    index.add(draft)
    second = make("second", lightly_edited(english, random.Random(5)))
    assert {d.original.id for d in index.matches(second)} == {"old-story", "draft"}


def test_minhash_is_stable_and_estimates_jaccard():
    a = set(shingle_hashes("\n".join(seed_paragraphs(ENGLISH_SEEDS[1])), "en"))
    b = set(random.Random(6).sample(sorted(a), len(a) * 3 // 4))
    sig_a, sig_b = minhash(a), minhash(b)
    assert sig_a == minhash(sorted(a, reverse=True))  # order does not matter
    assert abs(estimate(sig_a, sig_b) - jaccard(a, b)) < 0.15
    assert minhash([]) == ()
    # a fixed seed, not Python's salted hash(): the same signature in another process
    text = "the quick brown fox jumps over the lazy dog again and again"
    code = ("from build_tools.briefing.duplicates import minhash, shingle_hashes\n"
            f"print(minhash(shingle_hashes({text!r}, 'en'))[:5])")
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                         cwd=ROOT).stdout.strip()
    assert out == str(minhash(shingle_hashes(text, "en"))[:5])


@pytest.mark.parametrize(("name", "lang"), [(ENGLISH_SEEDS[1], "en"), (CHINESE_SEEDS[2], "zh")])
def test_shingle_hashes_hash_exactly_the_shingles(name: str, lang: str):
    text = "\n".join(seed_paragraphs(name))
    expected = {zlib.crc32(s.encode("utf-32-le" if lang == "zh" else "utf-8"), HASH_SEED)
                for s in shingles(text, lang)}
    assert set(shingle_hashes(text, lang)) == expected
    assert len(expected) > 400


def test_shingles_fold_case_width_punctuation_and_script():
    assert shingles("Ｏｐｅｎ AI, said: the MODEL!", "en") == shingles("open ai said the model", "en")
    assert shingles("人工智慧的軟體,正在改變世界。", "zh") == shingles("人工智能的软件正在改变世界", "zh")


ARTICLE = [
    "The city council of Lakeside voted on Tuesday to adopt a new framework for the use of automated "
    "decision systems in its housing and benefits offices, after a year of public hearings.",
    "Under the framework, every system that ranks or screens applications must be registered, audited "
    "once a year by an independent reviewer, and explained in plain language to the people it affects.",
    "Council members said the rules were prompted by complaints that a screening tool had delayed "
    "hundreds of applications without giving applicants any reason they could understand or contest.",
    "The vendor of the tool said it welcomed the audits and would publish a summary of how its model "
    "weighs income, household size and previous applications when it produces a priority score.",
    "Advocacy groups called the vote a first step but asked the council to fund the reviewer's office "
    "properly, warning that audits without staff would turn into a box-ticking exercise within months.",
]

# A different story on a similar subject, for the negative case.
OTHER_ARTICLE = [
    "A regional hospital group said on Monday that it would stop using an automated triage assistant in "
    "its emergency departments while doctors review a series of cases in which patients waited too long.",
    "The assistant, introduced last spring, suggests an order in which waiting patients should be seen "
    "based on their symptoms, age and the notes a nurse types in at the reception desk.",
    "Doctors said the pause was a precaution and that no patient had come to lasting harm, but that "
    "they wanted to understand why the tool had ranked several chest-pain cases below minor injuries.",
    "The company that makes the assistant said it would cooperate with the review and share the data "
    "needed to reproduce the rankings, which it said had been affected by a change in the note format.",
]

def write_briefing(folder: Path, briefing_id: str, paragraphs: list[str], date: str) -> Path:
    b = make(briefing_id, paragraphs, date=date)
    b.source.name = "Lakeside Gazette"
    path = folder / f"{briefing_id}.md"
    path.write_text(dump_briefing(b), encoding="utf-8")
    assert read_briefing(path)[1] == []  # a valid briefing: the only problem check can find is the copy
    return path


def test_check_reports_the_resubmitted_file_with_the_one_it_duplicates(tmp_path: Path):
    folder = tmp_path / "briefings"
    folder.mkdir()
    write_briefing(folder, "lakeside-adopts-ai-rules", ARTICLE, "2024-05-07")
    edited = [*ARTICLE[:3], ARTICLE[3].replace("welcomed", "said it welcomed"), ARTICLE[4]]
    write_briefing(folder, "lakeside-council-ai-framework", edited, "2024-05-08")
    result = subprocess.run([sys.executable, "-m", "build_tools", "check", "briefings"], cwd=tmp_path,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            check=False)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("briefings/lakeside-council-ai-framework.md:1: near-duplicate of "
                               "briefings/lakeside-adopts-ai-rules.md (Jaccard 0.")
    assert lines[0].endswith("); if it is the same story, extend that briefing instead")
    assert lines[1:] == ["1 problem in 1 file"]


@pytest.mark.parametrize("keep", [3, 5])
def test_check_passes_for_different_stories(tmp_path: Path, keep: int):
    folder = tmp_path / "briefings"
    folder.mkdir()
    write_briefing(folder, "lakeside-adopts-ai-rules", ARTICLE[:keep], "2024-05-07")
    write_briefing(folder, "hospital-pauses-triage-tool", OTHER_ARTICLE, "2024-05-08")
    result = subprocess.run([sys.executable, "-m", "build_tools", "check", "briefings"], cwd=tmp_path,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            check=False)
    # No near-duplicate problem; the drafts' unfinished parts are only listed as "to do" lines.
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith("\n2 briefings OK; 2 still have work to do\n")
    assert "near-duplicate" not in result.stdout
