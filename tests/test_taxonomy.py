"""The bilingual taxonomy: well-formed, complete for the seeds, one name one entry, feeding jieba."""

from __future__ import annotations

import re

import pytest

from build_tools.briefing.taxonomy import (
    ID_PATTERN,
    KINDS,
    jieba_userdict,
    load_taxonomy,
    normalise,
    parse_taxonomy,
)
from build_tools.errors import InputError

HAN = re.compile(r"[\u3400-\u9fff]")

# Everything the five seeds are about; curated briefings and tests rely on these ids.
SEED_ENTITIES = [
    "openai", "sam-altman", "microsoft", "satya-nadella", "elon-musk", "greg-brockman", "mira-murati",
    "ilya-sutskever", "jan-leike", "anthropic", "google", "meta", "alibaba", "bytedance", "baidu",
    "tencent", "01-ai", "kai-fu-lee", "moonshot-ai", "minimax", "qwen", "doubao", "ernie", "hunyuan",
    "yi-large", "llama", "gpt-4", "gpt-4o", "gpt-5", "chatgpt", "project-astra", "character-ai", "talkie",
    "reddit", "stanford-university", "xinhua", "ai-for-good-global-summit", "nicholas-thompson",
    "tristan-harris", "scarlett-johansson", "mark-zuckerberg"
]
SEED_TOPICS = [
    "open-source", "ai-safety", "multimodal-ai", "large-language-models", "ai-governance", "ai-ethics",
    "commercialisation", "compute", "energy", "synthetic-data", "interpretability", "china-ai",
    "corporate-governance", "funding", "benchmarks", "deepfakes", "ai-agents"
]


def test_the_project_taxonomy_is_well_formed():
    tax = load_taxonomy()
    assert len(tax.entries) >= 200
    for entry in tax:
        assert ID_PATTERN.match(entry.id)
        assert entry.kind in KINDS
        assert entry.en and entry.zh


def test_it_knows_everything_the_seeds_are_about():
    tax = load_taxonomy()
    assert [i for i in SEED_ENTITIES if i not in tax] == []
    assert [i for i in SEED_TOPICS if i not in tax] == []
    assert all(not tax.get(i).is_topic for i in SEED_ENTITIES)
    assert all(tax.get(i).is_topic for i in SEED_TOPICS)


def test_topics_have_keywords_in_both_languages():
    for topic in load_taxonomy().topics:
        names = topic.names()
        assert any(HAN.search(n) for n in names), topic.id
        assert any(not HAN.search(n) for n in names), topic.id


@pytest.mark.parametrize(("names", "entry_id"), [
    (["奥尔特曼", "奥特曼", "山姆·奥尔特曼", "Sam Altman", "Altman", "山姆.奥特曼"], "sam-altman"),
    (["月之暗面", "Moonshot AI", "Kimi's maker", "Moon's Dark Side"], "moonshot-ai"),
    (["通义千问", "Qwen", "Tongyi Qianwen"], "qwen"),
    (["文心", "文心一言", "Wenxin", "ERNIE Bot"], "ernie"),
    (["零一万物", "01.AI"], "01-ai"),
    (["人工智能向善全球峰会", "AI for Good Global Summit"], "ai-for-good-global-summit"),
])
def test_every_name_of_an_entity_leads_to_it(names: list[str], entry_id: str):
    index = load_taxonomy().alias_index()
    assert {index[normalise(n)] for n in names} == {entry_id}


def test_jieba_dictionary_holds_every_chinese_name():
    tax = load_taxonomy()
    lines = jieba_userdict(tax).splitlines()
    words = {line.split(" ")[0] for line in lines}
    assert all(re.fullmatch(r"\S+ 100000 nz", line) for line in lines)
    assert {"奥尔特曼", "山姆·奥尔特曼", "山姆奥尔特曼", "月之暗面", "零一万物", "通义千问"} <= words


def test_one_name_belongs_to_one_entry():
    text = """\
- id: sam-altman
  kind: person
  en: Sam Altman
  zh: 萨姆·奥尔特曼
  aliases:
    en: [Altman]
- id: other
  kind: person
  en: Someone Else
  zh: 别人
  aliases:
    en: [ALTMAN]
"""
    with pytest.raises(InputError) as err:
        parse_taxonomy(text, "taxonomy.yaml")
    assert [str(p) for p in err.value.problems] == [
        "taxonomy.yaml:7: name 'ALTMAN' of 'other' is already a name of 'sam-altman' (line 1); "
        "one name, one entry"]


def test_bad_entries_are_reported_with_their_lines():
    text = ("- id: Bad Id\n  kind: topic\n  en: X\n  zh: 十\n"
            "- id: ok\n  kind: thing\n  en: Y\n  zh: 乙\n  colour: red\n")
    with pytest.raises(InputError) as err:
        parse_taxonomy(text, "t.yaml")
    assert [str(p) for p in err.value.problems] == [
        "t.yaml:1: 'id': expected lowercase ASCII words joined by '-', got 'Bad Id'",
        "t.yaml:9: unknown key 'colour'; allowed: aliases, borrows, broad, broader, description, en, id, "
        "kind, zh, zh_hant",
        "t.yaml:6: 'kind': expected one of topic, organisation, person, product, got 'thing'",
    ]


@pytest.mark.parametrize(("kind", "least"),
                         [("organisation", 60), ("person", 40), ("product", 40), ("topic", 40)])
def test_the_taxonomy_covers_the_field(kind: str, least: int):
    assert len([e for e in load_taxonomy() if e.kind == kind]) >= least


@pytest.mark.parametrize(("names", "entry_id"), [
    (["英伟达", "辉达", "Nvidia", "NVIDIA"], "nvidia"),
    (["黄仁勋", "Jensen Huang"], "jensen-huang"),
    (["深度求索", "DeepSeek"], "deepseek"),
    (["o1", "o1-preview", "OpenAI o1"], "openai-o1"),
    (["推理模型", "reasoning model", "chain of thought"], "reasoning-models"),
    (["AI Act", "人工智能法案"], "eu-ai-act"),
    (["昇腾", "Ascend 910B"], "huawei-ascend"),
    (["NPU", "AI PC", "端侧"], "on-device-ai"),
    (["仿声", "voice cloning"], "deepfakes"),
])
def test_names_of_the_field_lead_to_their_entry(names: list[str], entry_id: str):
    index = load_taxonomy().alias_index()
    assert {index[normalise(n)] for n in names} == {entry_id}


def test_a_description_or_traditional_label_of_the_wrong_shape_is_a_problem_not_a_crash():
    text = ("- id: a\n  kind: topic\n  en: A\n  zh: 甲\n  description: {en: x, fr: y}\n"
            "- id: b\n  kind: topic\n  en: B\n  zh: 乙\n  zh_hant: [乙]\n  broad: sometimes\n")
    with pytest.raises(InputError) as exc:
        parse_taxonomy(text, "tax.yaml")
    assert [str(p) for p in exc.value.problems] == [
        "tax.yaml:5: 'description': expected a mapping with 'en' and 'zh' texts",
        "tax.yaml:10: 'zh_hant': expected the official Traditional label as text, got ['乙']",
        "tax.yaml:11: 'broad': expected true or false, got 'sometimes'",
    ]


def test_a_wider_topic_must_be_another_topic_and_may_not_loop():
    text = ("- id: a\n  kind: topic\n  en: A\n  zh: 甲\n  broader: b\n"
            "- id: b\n  kind: topic\n  en: B\n  zh: 乙\n  broader: a\n"
            "- id: c\n  kind: topic\n  en: C\n  zh: 丙\n  broader: nowhere\n"
            "- id: d\n  kind: person\n  en: D\n  zh: 丁\n  broader: a\n"
            "- id: e\n  kind: topic\n  en: E\n  zh: 戊\n  broader: [a]\n")
    with pytest.raises(InputError) as exc:
        parse_taxonomy(text, "tax.yaml")
    assert [str(p) for p in exc.value.problems] == [
        "tax.yaml:25: 'broader': expected the id of a topic, got ['a']",
        "tax.yaml:5: 'broader': the wider topics of 'a' lead back to 'a'; they may not loop",
        "tax.yaml:10: 'broader': the wider topics of 'b' lead back to 'b'; they may not loop",
        "tax.yaml:15: 'broader': 'c' may name only another topic as its wider topic, got 'nowhere'",
        "tax.yaml:20: 'broader': 'd' may name only another topic as its wider topic, got 'a'",
    ]


def test_a_wider_topic_is_read():
    tax = parse_taxonomy("- id: a\n  kind: topic\n  en: A\n  zh: 甲\n  broader: b\n"
                         "- id: b\n  kind: topic\n  en: B\n  zh: 乙\n", "tax.yaml")
    assert tax.get("a").broader == "b"
    assert tax.get("b").broader is None


def test_a_topic_borrows_only_another_topics_own_names():
    text = ("- id: a\n  kind: topic\n  en: A\n  zh: 甲\n  aliases: {en: [chips]}\n"
            "- id: b\n  kind: topic\n  en: B\n  zh: 乙\n  borrows: {a: [chips, wafers]}\n"
            "- id: c\n  kind: topic\n  en: C\n  zh: 丙\n  borrows: {nowhere: [x]}\n"
            "- id: d\n  kind: topic\n  en: D\n  zh: 丁\n  borrows: [chips]\n")
    with pytest.raises(InputError) as exc:
        parse_taxonomy(text, "tax.yaml")
    assert [str(p) for p in exc.value.problems] == [
        "tax.yaml:20: 'borrows': expected a mapping of a topic's id to a list of its names, got ['chips']",
        "tax.yaml:10: 'borrows': 'wafers' is not a name of 'a'; list the names it lends",
        "tax.yaml:15: 'borrows': 'c' may borrow only another topic's names, got 'nowhere'",
    ]
