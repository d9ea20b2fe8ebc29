from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from build_tools.briefing.taxonomy import load_taxonomy
from build_tools.convert import read_overrides, to_simplified, to_traditional


def test_taiwan_vocabulary_is_used():
    assert to_traditional("开源软件的信息") == "開源軟體的資訊"
    assert to_traditional("人工智能") == "人工智慧"


def test_taxonomy_names_keep_their_official_traditional_form():
    tax = load_taxonomy()
    google = tax.get("google")
    assert google is not None and google.zh_hant
    assert to_traditional(f"{google.zh}发布了新模型").startswith(google.zh_hant)


def test_overrides_win_over_opencc_vocabulary():
    overrides = read_overrides()
    assert overrides["中联数据集团"] == "中聯數據集團"
    # s2twp alone would say 中聯資料集團: vocabulary must not reach into a company's name.
    assert "中聯數據集團" in to_traditional("中联数据集团副总裁马超")
    assert to_traditional("数据质量") == "資料品質"


@given(st.text(alphabet=st.characters(max_codepoint=0x2FFF)))
def test_text_without_han_is_unchanged(text):
    assert to_traditional(text) == text


@given(st.text(alphabet="开源软件人工智能模型数据质量发布了奥尔特曼月之暗面，。、 abc", max_size=40))
def test_conversion_round_trips_to_the_same_characters_count_of_non_han(text):
    converted = to_traditional(text)
    strip = lambda s: [c for c in s if not "\u3400" <= c <= "\u9fff"]  # noqa: E731
    assert strip(converted) == strip(text)
    # and back to Simplified gives Chinese text again, never an empty string for Chinese input
    if any("\u3400" <= c <= "\u9fff" for c in text):
        assert to_simplified(converted)


def test_topic_labels_are_vocabulary_and_get_taiwan_words():
    assert to_traditional("人工智能安全") == "人工智慧安全"


def test_a_name_converted_to_latin_keeps_a_space_before_and_after_latin_words():
    assert to_traditional("GPT-4o和谷歌Project Astra") == "GPT-4o和Google Project Astra"
    assert to_traditional("OpenAI谷歌") == "OpenAI Google"
    # Han on the other side, or a space already there: nothing added.
    assert to_traditional("谷歌的模型") == "Google的模型"
    assert to_traditional("谷歌 Project") == "Google Project"


def test_every_protected_name_and_override_joins_latin_neighbours_with_a_space():
    from build_tools.convert import _protected

    _, table = _protected()
    for simplified, traditional in table.items():
        converted = to_traditional(f"和{simplified}Astra发布了")
        if traditional[-1].isascii() and traditional[-1].isalnum() and not simplified[-1].isascii():
            assert f"{traditional} Astra" in converted, simplified
        converted = to_traditional(f"由Astra{simplified}发布")
        if traditional[0].isascii() and traditional[0].isalnum() and not simplified[0].isascii():
            assert f"Astra {traditional}" in converted, simplified
        # Latin already touching in the original stays as written.
        if simplified[0].isascii() and simplified[0].isalnum():
            assert f"x{traditional}" in to_traditional(f"x{simplified}"), simplified
