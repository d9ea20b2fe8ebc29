"""Tagging: every name of an entity in every script resolves to one id; topics need evidence."""

from __future__ import annotations

import pytest

from build_tools.briefing.taxonomy import load_taxonomy
from build_tools.convert import to_simplified
from build_tools.ingest.tagging import TOPIC_MIN_SCORE, get_tagger


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
