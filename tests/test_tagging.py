"""Tagging: every name of an entity in every script resolves to one id; topics need evidence."""

from __future__ import annotations

import re
import string

import pytest

from build_tools.briefing.taxonomy import load_taxonomy
from build_tools.convert import to_simplified
from build_tools.ingest.tagging import TOPIC_MIN_SCORE, case_variants, get_tagger


def _ids(text: str) -> list[str]:
    return sorted({entry_id for entry_id, _, _ in get_tagger().mentions(text)})


@pytest.mark.parametrize("text", [
    "奥尔特曼在对话中表示", "奥特曼回应了质疑", "山姆·奥尔特曼(Sam Altman)表示", "山姆.奥特曼讨论是否回归",
    "Sam Altman said on Wednesday", "Altman said", "萨姆•奥尔特曼说",
])
def test_every_name_of_sam_altman_is_one_entity(text: str):
    assert _ids(text) == ["sam-altman"]


@pytest.mark.parametrize("text", [
    "月之暗面发布了新模型", "Moonshot AI raised money",
    'breakthroughs like "Moon\'s Dark Side" expanding context',
    "Kimi's maker said",
])
def test_every_name_of_moonshot_ai_is_one_entity(text: str):
    assert _ids(text) == ["moonshot-ai"]


def test_traditional_text_is_matched_after_conversion():
    text = to_simplified("奧特曼表示,輝達與微軟、字節跳動的合作將持續。")
    assert {"sam-altman", "nvidia", "microsoft", "bytedance"} <= set(_ids(text))


def test_short_chinese_names_count_only_as_whole_words():
    assert _ids("阿里巴巴发布了新模型") == ["alibaba"]
    assert "alibaba" not in _ids("他们去阿里山旅游了一周")


def test_english_names_respect_case_and_word_boundaries():
    assert _ids("Meta released Llama-3-70B") == ["llama", "meta"]
    assert _ids("a meta-analysis of prior work") == []
    assert _ids("GPT-4o在更多语言上表现出色") == ["gpt-4o"]
    assert _ids("GPT-4和其他大语言模型") == ["gpt-4", "large-language-models"]


def test_case_variants_are_what_the_regex_engine_matches_ignoring_case():
    every_character = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    firsts = {form[0] for form in get_tagger().forms} | set(string.ascii_letters) | {"\u00e9", "\u03c9"}
    for ch in sorted(c for c in firsts if c.lower() != c.upper()):
        expected = sorted(set(re.findall(re.escape(ch), every_character, re.IGNORECASE)))
        assert case_variants(ch) == expected, ch


def test_every_name_matches_in_every_case_the_regex_engine_ignores():
    tagger = get_tagger()
    odd = str.maketrans({"k": "\u212a", "s": "\u017f", "i": "\u0130"})
    for form in tagger.forms:
        for text in {form, form.upper(), form.title(), form.swapcase(), form.translate(odd)}:
            if re.fullmatch(re.escape(form), text, re.IGNORECASE):
                assert tagger.pattern.fullmatch(text), text


def test_names_segment_as_words_with_the_taxonomy_dictionary():
    words = list(get_tagger().tokenizer.cut("首席科学家伊尔亚·苏茨克维和杨·莱克离开了月之暗面"))
    assert "苏茨克维" in words or "伊尔亚·苏茨克维" in words
    assert "月之暗面" in words


def test_topics_need_evidence_and_entities_do_not():
    tagger = get_tagger()
    once = tagger.tag("OpenAI 的新产品",
                      [("text", "OpenAI 提到了开源,但这并不是这篇文章的主题,文章讲的是产品发布会的安排。")])
    assert "openai" in once.entities
    assert "open-source" not in once.tags  # one passing mention is below TOPIC_MIN_SCORE
    heading = tagger.tag("OpenAI 的新产品", [("heading", "开源与闭源"), ("text", "文章讲的是产品发布会。")])
    assert heading.counts["open-source"] >= TOPIC_MIN_SCORE
    assert "open-source" in heading.tags


def test_tags_are_taxonomy_topics_and_entities_are_not():
    tax = load_taxonomy()
    result = get_tagger().tag("从GPT-4o看人工智能竞争的走向和挑战", [
        ("text", "本月,OpenAI发布了最新多模态大模型GPT-4o,可能在技术上有了质的飞跃;谷歌发布了多模态AI助手。"),
        ("text", "能源成为人工智能发展中的重要问题,微软、谷歌等企业纷纷通过购买核电等方式加强能源供应。"),
    ])
    assert result.tags and all(tax.get(t).is_topic for t in result.tags)
    assert result.entities and all(not tax.get(e).is_topic for e in result.entities)
    assert {"multimodal-ai", "energy"} <= set(result.tags)
    assert "可能" not in result.tags and "技术" not in result.tags


def test_a_name_glossed_in_another_language_is_one_mention():
    result = get_tagger().tag("标题", [("text", "确保通用人工智能(AGI)造福全人类。")])
    assert result.counts["agi"] == 1


def test_unknown_salient_names_are_suggested():
    result = get_tagger().tag("The Verge reports on Palo Alto Labs", [
        ("text", "Palo Alto Labs was founded by Daniel Gross, according to The Verge."),
        ("text", "Daniel Gross previously led AI efforts at Apple. Palo Alto Labs has two offices."),
    ])
    names = [name for name, _ in result.suggestions]
    assert {"Palo Alto Labs", "Daniel Gross", "Verge"} <= set(names)
    assert not any(name in ("The", "According", "AI") for name in names)


def test_unknown_chinese_names_are_suggested():
    body = [("text", "研究院院长张亚勤表示,新的工业革命已经开始。"),
            ("text", "张亚勤还说,每个国家都需要自己的算力。")]
    names = [name for name, _ in get_tagger().tag("标题", body).suggestions]
    assert "张亚勤" in names


@pytest.mark.parametrize("text", [
    "The start-up has 18 months of cash runway and plans to hire.",
    "He put an arm around her shoulder and walked to the court.",
    "A toner cartridge, a cursor on the screen and an oracle in a myth.",
    "The bard sang of gemini twins while the grok of it escaped him.",
    "Students and researchers discussed jobs, inference and parameters.",
])
def test_common_words_are_not_names(text: str):
    assert _ids(text) == []


def test_a_broad_topic_needs_more_than_one_word_repeated():
    tagger = get_tagger()
    assert load_taxonomy().get("large-language-models").broad
    first = ("text", "这款芯片面向大模型推理，功耗更低。")
    repeated = [first, ("text", "厂商称，大模型客户已开始测试样片。")]
    assert "large-language-models" not in tagger.tag("新芯片发布", repeated).tags
    varied = [first, ("text", "厂商称，大语言模型客户已开始测试样片。")]
    assert "large-language-models" in tagger.tag("新芯片发布", varied).tags
    # a topic that is not broad is tagged on one word twice
    specific = [("text", "团队用合成数据训练模型。"), ("text", "合成数据的质量决定了结果。")]
    assert "synthetic-data" in tagger.tag("新方法", specific).tags


def _story(paragraphs: int, extra: dict[int, str]) -> list[tuple[str, str]]:
    """A story of plain paragraphs about a model release, with ``extra`` sentences added to some of them."""
    filler = "The lab said the new release answers questions faster than the one it replaces."
    return [("text", filler + (" " + extra[n] if n in extra else "")) for n in range(1, paragraphs + 1)]


def test_a_topic_first_named_late_in_a_long_story_is_an_aside():
    tagger = get_tagger()
    aside = {6: "Customers can fine-tune it on their own data.", 7: "A fine-tuned version follows."}
    assert "fine-tuning" not in tagger.tag("Lab ships a mid-sized model", _story(8, aside)).tags
    early = {2: aside[6], 3: aside[7]}
    assert "fine-tuning" in tagger.tag("Lab ships a mid-sized model", _story(8, early)).tags
    # the lead always counts, and a short story has no asides
    lead = {1: aside[6], 7: aside[7]}
    assert "fine-tuning" in tagger.tag("Lab ships a mid-sized model", _story(8, lead)).tags
    short = {3: aside[6], 4: aside[7]}
    assert "fine-tuning" in tagger.tag("Lab ships a mid-sized model", _story(4, short)).tags


def test_a_topic_in_one_middle_paragraph_of_a_long_story_is_a_passing_mention():
    tagger = get_tagger()
    both = "Customers can fine-tune it, and a fine-tuned version follows."
    for n in (3, 4, 7):
        assert "fine-tuning" not in tagger.tag("Lab ships a mid-sized model", _story(9, {n: both})).tags
    assert "fine-tuning" in tagger.tag("Lab ships a mid-sized model", _story(9, {1: both})).tags
    # two paragraphs in the first half are evidence, and so is one paragraph of a short story
    apart = {3: "Customers can fine-tune it.", 4: "A fine-tuned version follows."}
    assert "fine-tuning" in tagger.tag("Lab ships a mid-sized model", _story(9, apart)).tags
    assert "fine-tuning" in tagger.tag("Lab ships a mid-sized model", _story(5, {3: both})).tags


def test_one_paragraph_of_a_story_in_sections_is_an_aside_only_in_its_last_third():
    tagger = get_tagger()
    both = "Customers can fine-tune it, and a fine-tuned version follows."
    assert "fine-tuning" in tagger.tag("Lab ships a mid-sized model", _roundup({6: both})).tags
    assert "fine-tuning" not in tagger.tag("Lab ships a mid-sized model", _roundup({9: both})).tags


def test_a_section_heading_alone_is_a_passing_mention():
    tagger = get_tagger()
    blocks = _roundup({})
    blocks[3] = ("heading", "Fine-tuning is cheaper now")
    assert "fine-tuning" not in tagger.tag("Lab ships a mid-sized model", blocks).tags
    assert "fine-tuning" in tagger.tag("Lab ships a mid-sized model", blocks[:5]).tags


def test_a_broad_topic_at_the_minimum_needs_its_words_together():
    tagger = get_tagger()
    assert load_taxonomy().get("large-language-models").broad
    filler = "新品的功耗更低，交付时间也更短。"
    scattered = [("text", filler)] * 6
    scattered[1] = ("text", "这款芯片面向大模型推理。" + filler)
    scattered[5] = ("text", "厂商称，大语言模型客户已开始测试样片。")
    assert "large-language-models" not in tagger.tag("新芯片发布", scattered).tags
    together = list(scattered)
    together[5], together[2] = together[2], together[5]
    assert "large-language-models" in tagger.tag("新芯片发布", together).tags


def test_an_entity_named_only_in_the_title_line_is_not_what_the_story_is_about():
    tagger = get_tagger()
    share_row = "SHARE Share Article via Facebook Share Article via Twitter"
    body = [("text", "Microsoft said its spending on data centers will keep rising next year."),
            ("text", "Microsoft expects the new capacity to come online over two years."),
            ("text", "Analysts said Microsoft could afford it.")]
    got = tagger.tag(share_row, body)
    assert "meta" not in got.about
    assert "microsoft" in got.about
    named = tagger.tag("Meta and Microsoft raise spending", [*body, ("text", "Meta did the same.")])
    assert "meta" in named.about


def test_a_topic_named_twice_in_the_closing_paragraph_is_the_conclusion_not_an_aside():
    tagger = get_tagger()
    both = "Customers can fine-tune it, and a fine-tuned version follows."
    assert "fine-tuning" in tagger.tag("Lab ships a mid-sized model", _story(9, {9: both})).tags
    # the paragraph before the close is still an aside
    assert "fine-tuning" not in tagger.tag("Lab ships a mid-sized model", _story(9, {8: both})).tags


def _roundup(extra: dict[int, str]) -> list[tuple[str, str]]:
    """A story in three sections under headings, ``extra`` sentences added to some of its blocks."""
    blocks = _story(11, extra)
    for n in (4, 8):
        blocks[n - 1] = ("heading", f"Part {n}")
    return blocks


def test_a_topic_two_sections_name_is_no_aside():
    tagger = get_tagger()
    late = {7: "Customers can fine-tune it on their own data.", 10: "A fine-tuned version follows."}
    assert "fine-tuning" in tagger.tag("Lab ships a mid-sized model", _roundup(late)).tags
    # the same paragraphs without headings are one story's late aside
    assert "fine-tuning" not in tagger.tag("Lab ships a mid-sized model", _story(11, late)).tags
    # and two late paragraphs of one section are too
    one_section = {9: late[7], 10: late[10]}
    assert "fine-tuning" not in tagger.tag("Lab ships a mid-sized model", _roundup(one_section)).tags


def test_a_broad_topic_at_the_minimum_counts_in_two_sections():
    tagger = get_tagger()
    assert load_taxonomy().get("large-language-models").broad
    words = {2: "Its makers tested it on large language models.", 6: "Buyers of LLMs liked the price."}
    assert "large-language-models" in tagger.tag("A new chip", _roundup(words)).tags
    assert "large-language-models" not in tagger.tag("A new chip", _story(11, words)).tags


@pytest.mark.parametrize(("text", "topic"), [
    ("The county will vote on the data center next month.", "compute"),
    ("The campus needs a new electrical substation.", "energy"),
    ("States passed dozens of AI laws this year.", "ai-governance"),
    ("Startups moved workloads to open models.", "open-source"),
    ("The startup closed a Series B last week.", "funding"),
    ("Carriers cannot detect synthetic voices in real time.", "deepfakes"),
    ("Critics say the ranking encodes bias.", "ai-ethics"),
    ("国产模型的价格继续下降。", "china-ai"),
    ("这家公司拿到了天使轮。", "funding"),
])
def test_the_fields_common_words_name_their_topic(text: str, topic: str):
    assert topic in _ids(text)


def test_a_law_is_tagged_with_the_wider_topic_it_is_part_of():
    law = get_tagger().tag("Brussels names the first models to face audits under the AI Act", [
        ("text", "The European Commission said the AI Act's duties for general-purpose models start soon."),
        ("text", "Providers will have to publish summaries of the data they trained on."),
    ])
    assert load_taxonomy().get("eu-ai-act").broader == "ai-governance"
    assert law.tags == ["eu-ai-act", "ai-governance"]
    plain = get_tagger().tag("A chip start-up ships its first inference card", [
        ("text", "The card runs open-weight models; the AI Act is named once, in passing."),
    ])
    assert "ai-governance" not in plain.tags


def test_chips_count_for_semiconductors_in_a_story_on_the_chip_industry():
    assert "chips" in load_taxonomy().get("semiconductors").borrows["compute"]
    industry = get_tagger().tag("Chip export bill advances in the Senate", [
        ("text", "The bill would require licences for shipments of advanced chips to a list of countries."),
        ("text", "Chipmakers said the rules on chips would cost them sales abroad."),
        ("text", "Supporters said the chips could otherwise reach rival militaries."),
    ])
    assert "semiconductors" in industry.tags
    assert "compute" not in industry.tags
    capacity = get_tagger().tag("Cloud firm doubles its data centres", [
        ("text", "The company will add two data centres with 50,000 chips and more computing power."),
        ("text", "Its data centres run GPUs rented to model makers; one chipmaker supplies them."),
    ])
    assert "compute" in capacity.tags


def test_a_product_is_about_its_maker_only_where_the_story_names_the_maker():
    tagger = get_tagger()
    chip_only = tagger.tag("H100 rental prices have collapsed", [
        ("text", "A year ago an H100 cost $4 an hour on the smaller clouds; this week it was under $2."),
        ("text", "Brokers say the H100 glut will last until next year."),
    ])
    assert "nvidia-h100" in chip_only.about
    assert "nvidia" not in chip_only.about
    full_name = tagger.tag("Nvidia H100 rental prices have collapsed", [
        ("text", "A year ago an Nvidia H100 cost $4 an hour; this week the H100 was under $2."),
    ])
    assert "nvidia" in full_name.about


def test_overlapping_names_are_both_found():
    found = get_tagger().tag("What cheap open models from China mean for our portfolio", [
        ("text", "Several companies tested models from DeepSeek within a week."),
    ])
    assert {"open-source", "china-ai"} <= set(found.counts)


def test_a_broad_topic_in_one_paragraph_past_the_lead_is_that_paragraphs_vocabulary():
    tagger = get_tagger()
    assert load_taxonomy().get("compute").broad
    processor = {4: "Its chips add computing power and more computing power for GPUs in data centres."}
    assert "compute" not in tagger.tag("A laptop for the AI era, reviewed", _story(8, processor)).tags
    spread = {4: processor[4], 5: "The chips also bring data centres closer."}
    assert "compute" in tagger.tag("A laptop for the AI era, reviewed", _story(8, spread)).tags
