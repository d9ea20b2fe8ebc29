"""``ingest``: the JSON interface against the gold files, drafts, overwrite safety, encodings, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from build_tools.briefing.schema import check_against, read_briefing
from build_tools.briefing.taxonomy import load_taxonomy
from build_tools.ingest.metadata import host_spelled_out

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted((ROOT / "tests" / "gold").glob("*.yaml"))
PAGES = ROOT / "tests" / "data" / "pages"
JSON_KEYS = ["language", "title", "date", "source", "paragraphs", "dropped", "tags", "entities"]


def _gold(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_json_extraction_matches_the_gold(cli, gold_path: Path):
    gold = _gold(gold_path)
    run = cli("ingest", "--json", gold["seed"], cwd=ROOT)
    assert run.code == 0, run.err
    (got,) = _json_lines(run.out)
    assert list(got) == JSON_KEYS
    assert (got["language"], got["title"], got["date"], got["source"]) == (
        gold["language"], gold["title"], gold["date"], gold["source"])
    if "paragraphs" in gold:
        assert got["paragraphs"] == gold["paragraphs"]
    else:
        lines = (ROOT / gold["seed"]).read_text(encoding="utf-8").splitlines()
        wanted = [lines[n - 1].strip() for n in gold["keep"] if lines[n - 1].strip() != got["title"]]
        assert got["paragraphs"] == wanted
        assert sorted(d["text"] for d in got["dropped"]) == sorted(lines[n - 1].strip() for n in gold["drop"])
    assert all(d["reason"] for d in got["dropped"])
    tax = load_taxonomy()
    assert set(gold["tags_required"]) <= set(got["tags"])
    assert set(gold["entities_required"]) <= set(got["entities"])
    assert all(tax.get(t).is_topic for t in got["tags"])
    assert all(not tax.get(e).is_topic for e in got["entities"])


def test_several_seeds_give_one_json_object_per_line_in_order(cli):
    seeds = ["seeds/003_7a95a9149d926ee5.txt", "seeds/000_9383764b6e2d7e5b.txt"]
    run = cli("ingest", "--json", *seeds, cwd=ROOT)
    assert run.code == 0
    assert [o["title"] for o in _json_lines(run.out)] == [
        "从GPT-4o看人工智能竞争的走向和挑战", "GPT-4 and OpenAI: Balancing Innovation with Safety Concerns"]


def test_batches_in_worker_processes_give_the_same_result(cli, tmp_path: Path):
    seeds = []
    for i in range(16):
        source = sorted(PAGES.glob("*.txt"))[i % 3]
        seeds.append(tmp_path / f"{i:02d}_{source.name}")
        shutil.copy(source, seeds[-1])
    names = [p.name for p in seeds]
    serial = cli("ingest", "--json", "--jobs", "1", *names)
    parallel = cli("ingest", "--json", "--jobs", "2", *names)
    assert serial.code == parallel.code == 0
    assert parallel.out == serial.out
    assert len(serial.out.splitlines()) == 16


def test_draft_is_a_valid_briefing_with_the_other_language_pending(cli, tmp_path: Path):
    shutil.copy(PAGES / "wire_en.txt", tmp_path / "wire_en.txt")
    run = cli("ingest", "--out", "briefings", "wire_en.txt")
    assert run.code == 0, run.err
    draft = (tmp_path / "briefings"
             / "openai-co-founder-sutskever-launches-new-ai-company-focused-on-safety.md")
    assert run.out.splitlines()[0] == (
        "wire_en.txt -> briefings/openai-co-founder-sutskever-launches-new-ai-company-focused-on-safety.md: "
        "written (6 paragraphs, 17 lines dropped; seed is outside seeds/: copy it there and set 'seed')")
    briefing, problems = read_briefing(draft)
    assert problems == []
    assert briefing.translation == {"en": "original", "zh": "pending"}
    assert briefing.date.isoformat() == "2024-06-20"
    assert briefing.source.name == "Reuters"
    assert briefing.paragraphs[0].en.startswith("SAN FRANCISCO, June 19 (Reuters) - Ilya Sutskever")
    assert all(p.zh == "" for p in briefing.paragraphs)
    assert check_against([briefing], load_taxonomy()) == []


def test_chinese_draft_id_names_entities_and_the_seed(cli, tmp_path: Path):
    run = cli("ingest", "--out", str(tmp_path / "out"), str(ROOT / "seeds" / "004_feea037cb4c691fd.txt"))
    assert run.code == 0, run.err
    (draft,) = (tmp_path / "out").glob("*.md")
    assert draft.stem == "openai-sam-altman-corporate-governance-74b37420"
    briefing, problems = read_briefing(draft)
    assert briefing.seed == "seeds/004_feea037cb4c691fd.txt"
    assert briefing.language == "zh-Hans" and briefing.translation == {"en": "pending", "zh": "original"}
    # The seed states no date: the draft says so, and check tells the editor what to do.
    assert [p.message for p in problems] == [
        "'date': expected YYYY-MM-DD, got nothing; the seed states no date: give the date of the event and "
        "set 'date_basis: event'"]


def test_traditional_seed_is_recorded_as_zh_hant_with_a_simplified_body(cli, tmp_path: Path):
    shutil.copy(PAGES / "news_zh_hant.txt", tmp_path / "news.txt")
    run = cli("ingest", "--out", "b", "news.txt")
    assert run.code == 0, run.err
    (draft,) = (tmp_path / "b").glob("*.md")
    briefing, _ = read_briefing(draft)
    assert briefing.language == "zh-Hant"
    # OpenCC converts the Taiwan words too: 輝達 is 英伟达 in Simplified Chinese.
    assert briefing.title.zh == "英伟达市值冲破3兆美元 黄仁勋:AI革命才刚开始"
    assert briefing.paragraphs[0].zh.startswith("英伟达股价5日大涨5%")


def test_ingest_never_overwrites_an_edited_draft(cli, tmp_path: Path):
    shutil.copy(PAGES / "wire_en.txt", tmp_path / "wire_en.txt")
    assert cli("ingest", "--out", "b", "-q", "wire_en.txt").code == 0
    (draft,) = (tmp_path / "b").glob("*.md")
    again = cli("ingest", "--out", "b", "wire_en.txt")
    assert again.code == 0 and ": unchanged (" in again.out
    edited = draft.read_text(encoding="utf-8").replace("zh: pending", "zh: machine", 1)
    draft.write_text(edited, encoding="utf-8")
    refused = cli("ingest", "--out", "b", "wire_en.txt")
    assert refused.code == 1
    assert refused.err == (f"b/{draft.name}: edited since ingest wrote it, so it is not overwritten; "
                           "use --force to replace it\n")
    assert draft.read_text(encoding="utf-8") == edited
    forced = cli("ingest", "--out", "b", "--force", "wire_en.txt")
    assert forced.code == 0 and ": updated (" in forced.out
    assert draft.read_text(encoding="utf-8") != edited


def test_a_draft_nobody_edited_is_regenerated(cli, tmp_path: Path):
    seed = tmp_path / "wire_en.txt"
    shutil.copy(PAGES / "wire_en.txt", seed)
    assert cli("ingest", "--out", "b", "-q", "wire_en.txt").code == 0
    added = ("The company did not say how much money it has raised so far, or who its investors are, "
             "according to the post.")
    text = seed.read_text(encoding="utf-8").replace("Reporting by", added + "\nReporting by")
    seed.write_text(text, encoding="utf-8")
    run = cli("ingest", "--out", "b", "wire_en.txt")
    assert run.code == 0 and ": updated (7 paragraphs" in run.out


def test_existing_file_without_a_record_counts_as_edited(cli, tmp_path: Path):
    shutil.copy(PAGES / "wire_en.txt", tmp_path / "wire_en.txt")
    assert cli("ingest", "--out", "b", "-q", "wire_en.txt").code == 0
    (tmp_path / ".cache" / "ingest-hashes.json").unlink()
    (draft,) = (tmp_path / "b").glob("*.md")
    draft.write_text(draft.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cli("ingest", "--out", "b", "wire_en.txt").code == 1


@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("gb18030", b"", "\n"),
    ("utf-16-le", b"\xff\xfe", "\n"),
    ("utf-16-be", b"\xfe\xff", "\r\n"),
    ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    ("utf-8", b"", "\r"),
])
def test_encodings_and_line_ends(cli, tmp_path: Path, encoding: str, bom: bytes, newline: str):
    text = (PAGES / "wechat_zh_hans.txt").read_text(encoding="utf-8")
    (tmp_path / "seed.txt").write_bytes(bom + text.replace("\n", newline).encode(encoding))
    (tmp_path / "plain.txt").write_text(text, encoding="utf-8")
    run = cli("ingest", "--json", "seed.txt", "plain.txt")
    assert run.code == 0, run.err
    converted, plain = _json_lines(run.out)
    assert converted == plain


def test_big5_traditional_seed(cli, tmp_path: Path):
    text = (PAGES / "news_zh_hant.txt").read_text(encoding="utf-8").replace("\u3000", " ")
    (tmp_path / "big5.txt").write_bytes(text.encode("big5hkscs"))
    (tmp_path / "plain.txt").write_text(text, encoding="utf-8")
    big5, plain = _json_lines(cli("ingest", "--json", "big5.txt", "plain.txt").out)
    assert big5 == plain and big5["language"] == "zh-Hant"


def test_markdown_seed(cli, tmp_path: Path):
    lines = (PAGES / "wire_en.txt").read_text(encoding="utf-8").splitlines()
    md = "\n\n".join(["# " + lines[1], *lines[2:6], "![Sutskever at Tel Aviv University](a.jpg)", *lines[6:]])
    (tmp_path / "wire.md").write_text(md.replace("OpenAI's", "[OpenAI](https://openai.com)'s"),
                                      encoding="utf-8")
    (got,) = _json_lines(cli("ingest", "--json", "wire.md").out)
    assert got["title"] == lines[1]
    assert got["paragraphs"][0].startswith("SAN FRANCISCO, June 19 (Reuters) - "
                                           "Ilya Sutskever, OpenAI's co-founder")
    assert "Sutskever at Tel Aviv University" not in got["paragraphs"]  # an image's alt text is not shown


def test_a_markdown_pages_only_h1_is_its_headline_over_a_deck(cli, tmp_path: Path):
    lines = (PAGES / "wire_en.txt").read_text(encoding="utf-8").splitlines()
    head = "Lab vetoes its own model. Here's what happens to the release plan now"
    deck = "The most anticipated launch of the year is off, but the fight over who decides is not"
    md = "\n\n".join(["[Example Letters](https://letters.example/)", "Subscribe Sign in", "# " + head,
                      "### " + deck, "[Ana Ruiz](https://letters.example/@ana)", "Sep 30, 2024", *lines[6:]])
    (tmp_path / "post.md").write_text(md, encoding="utf-8")
    (got,) = _json_lines(cli("ingest", "--json", "post.md").out)
    assert got["title"] == head
    assert deck not in got["paragraphs"]
    assert [d["text"] for d in got["dropped"] if d["text"] == deck]


def test_a_markdown_pages_h1_under_the_sites_name_set_as_h1_is_its_headline_over_the_tagline(
        cli, tmp_path: Path):
    """A newsletter's page: the letter's name as a # line opening it, its tagline, the post's # headline."""
    lines = (PAGES / "wire_en.txt").read_text(encoding="utf-8").splitlines()
    head = "What GPU rental prices are telling us"
    md = "\n\n".join(["# Example Letters", "Notes on the economics of machine learning",
                      "[Subscribe](https://letters.example/subscribe)", "# " + head,
                      "[Ana Ruiz](https://letters.example/@ana)", "Sep 30, 2024", *lines[6:]])
    (tmp_path / "post.md").write_text(md, encoding="utf-8")
    (got,) = _json_lines(cli("ingest", "--json", "post.md").out)
    assert got["title"] == head


def test_a_markdown_pages_h1_under_a_logo_and_the_sites_name_set_as_h1_is_its_headline_over_the_deck(
        cli, tmp_path: Path):
    """A newsletter's page opening with its logo linked home, its name as a # line, then the post's # headline
    and a ### deck: the logo shows no text, so the name still opens the page."""
    head = "The rental question nobody can answer"
    body = ["Hello from a rainy Tuesday. This week's issue looks at what the rental market for accelerators "
            "says about demand for training and inference.",
            "Put simply: rental prices for the newest chips fell by about a third over the year, while the "
            "number of listed machines more than doubled.",
            "## Where the money goes",
            "Most of the rented hours go to inference rather than training, and a large share of that demand "
            "comes from a handful of start-ups.",
            "That distinction matters. A training run ends; inference demand grows with the number of users, "
            "and it is harder to forecast.",
            "[Subscribe now](https://letters.example/subscribe)"]
    md = "\n".join(["---", f'title: "{head}"', "---",
                     "[![Example Letters](https://cdn.example/logo.png)](https://letters.example/)",
                     "# Example Letters", "Subscribe Sign in", "# " + head,
                     "### Cloud firms will rent out more accelerators this year than ever before."
                     " Who is renting them?",
                     "[Ana Ruiz](https://letters.example/@ana)", "Sep 30, 2024", "∙ Paid",
                     "42 likes · 9 comments · 5 restacks", *body])
    (tmp_path / "post.md").write_text(md, encoding="utf-8")
    (got,) = _json_lines(cli("ingest", "--json", "post.md").out)
    assert got["title"] == head


def test_a_markdown_pages_h1_taken_for_the_first_line_is_its_headline_over_a_line_above(cli, tmp_path: Path):
    """A research note's house name above the byline block and its # headline directly above the body."""
    head = "存储行业点评：AI服务器拉动高带宽存储量价齐升"
    body = ["**事件：** 近期多家存储原厂发布一季度业绩，高带宽存储相关收入均大幅增长，"
            "部分厂商表示产能已售罄。",
            "**需求端持续旺盛。** 训练与推理集群对显存带宽的要求持续提高，"
            "新一代加速卡单卡搭载的容量显著提升。",
            "**供给端扩产谨慎。** 堆叠多层芯片的良率爬坡周期较长，"
            "同时先进封装产能也构成约束，供需仍将偏紧。"]
    md = "\n".join(["星海证券研究所", "证券研究报告 | 行业点评 | 电子", "2025年04月28日",
                    "评级：增持（维持）",
                    "分析师：卢一  执业证书编号：S0570523080001", "联系人：钟二", "# " + head, "", *body])
    (tmp_path / "note.md").write_text(md, encoding="utf-8")
    (got,) = _json_lines(cli("ingest", "--json", "note.md").out)
    assert got["title"] == head
    assert got["paragraphs"][0].startswith("事件：")
    assert got["source"] == "星海证券研究所"  # the line above the # headline is the masthead, not a deck


@pytest.mark.parametrize(("h1", "is_title"), [
    ("The lens question", True),  # a short headline the page names nowhere else
    ("Example Letters", False),  # the site's name, on its footer too
])
def test_a_markdown_pages_short_h1_is_its_headline_unless_the_page_names_it_again(
        cli, tmp_path: Path, h1: str, is_title: bool):
    lines = (PAGES / "wire_en.txt").read_text(encoding="utf-8").splitlines()
    md = "\n\n".join(["Source: https://letters.example/p/the-lens-question", "# " + h1,
                       "## Vetoed: what the release plan looks like now",
                       "### The launch of the year is off. The fight over who decides is not.",
                       "[Ana Ruiz](https://letters.example/@ana)", "Sep 30, 2024", *lines[6:],
                       "© 2024 Ana Ruiz · [Example Letters](https://letters.example)"])
    (tmp_path / "post.md").write_text(md, encoding="utf-8")
    (got,) = _json_lines(cli("ingest", "--json", "post.md").out)
    assert (got["title"] == h1) is is_title


@pytest.mark.parametrize("h1", ["The lens question", "Compute rationing"])
def test_a_markdown_pages_short_h1_that_a_sentence_of_the_article_uses_is_still_its_headline(
        cli, tmp_path: Path, h1: str):
    """A post's short # headline names the idea its article then explains in a sentence ("what I have come to
    call the lens question"): a sentence is no furniture that names the site."""
    lines = (PAGES / "wire_en.txt").read_text(encoding="utf-8").splitlines()
    said = f"This is what I have come to call {h1.lower()}, and it will not go away soon."
    md = "\n\n".join(["[Example Letters](https://letters.example/)", "Subscribe  Sign in", "# " + h1,
                       "Why the cheapest model is rarely the one that costs least once it is in production",
                       "[Ana Ruiz](https://letters.example/@ana)", "Sep 30, 2024", lines[4],
                       lines[5] + " " + said, *lines[6:], "© 2024 Ana Ruiz · [Example Letters](https://letters.example)"])
    (tmp_path / "post.md").write_text(md, encoding="utf-8")
    (got,) = _json_lines(cli("ingest", "--json", "post.md").out)
    assert got["title"] == h1


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.txt", b"", "empty.txt: empty file; a seed is the text of one article"),
    ("blank.txt", b"\n  \r\n\t\n", "blank.txt: empty file; a seed is the text of one article"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
     "binary.txt: binary file, not text; a seed is the text of one article (.txt, .md or .html)"),
    ("junk.txt", "Share\nViews: 0\n相关文章\n阅读原文\n© 2024 Example\n".encode(),
     "junk.txt: no article text left after cleaning: every line is page furniture (menus, banners, links); "
     "save the article's own text"),
    ("seed.pdf", b"%PDF-1.4", "seed.pdf: unsupported seed type '.pdf'; use .txt, .md, .markdown or .html"),
])
def test_bad_seeds_are_reported_and_nothing_is_written(cli, tmp_path: Path, name: str, content: bytes,
                                                       message: str):
    (tmp_path / name).write_bytes(content)
    run = cli("ingest", "--out", "b", name)
    assert (run.code, run.err) == (1, message + "\n")
    assert not (tmp_path / "b").exists() or not list((tmp_path / "b").iterdir())


def test_oversize_and_missing_seeds(cli, tmp_path: Path):
    (tmp_path / "big.txt").write_bytes(b"a" * (2 * 1024 * 1024 + 1))
    run = cli("ingest", "--json", "big.txt", "missing.txt")
    assert run.code == 1
    assert run.err == ("big.txt: 2097153 bytes is too large for one article (the limit is 2 MB); save only "
                       "the article\nmissing.txt: cannot read: No such file or directory\n")
    assert run.out == ""


def test_one_bad_seed_does_not_stop_the_others(cli, tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    shutil.copy(PAGES / "wire_en.txt", tmp_path / "wire.txt")
    run = cli("ingest", "--json", "empty.txt", "wire.txt")
    assert run.code == 1
    assert len(_json_lines(run.out)) == 1


def test_report_lists_every_dropped_line_with_its_reason(cli):
    run = cli("ingest", "--json", "seeds/004_feea037cb4c691fd.txt", cwd=ROOT)
    dropped = _json_lines(run.out)[0]["dropped"]
    assert {"text": "本文来自\xa0企业网D1net公众号", "reason": "author/publication line"} in dropped
    assert {"text": "简介: OpenAI内斗对GPT是福是祸?对人类?对微软?",
            "reason": "summary box repeating the article"} in dropped


def test_report_flag_prints_path_line_and_reason(cli, tmp_path: Path):
    shutil.copy(PAGES / "wire_en.txt", tmp_path / "wire.txt")
    run = cli("ingest", "--out", "b", "--report", "wire.txt")
    assert ("wire.txt:3: dropped (author/publication line): By Krystal Hu and Anna Tong"
            in run.out.splitlines())


def test_the_library_reports_what_it_did_and_prints_nothing(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]):
    from build_tools.ingest.pipeline import IngestOptions, run_ingest

    seed = ROOT / "seeds" / "000_9383764b6e2d7e5b.txt"
    missing = tmp_path / "missing.txt"
    out = tmp_path / "drafts"
    report = run_ingest(IngestOptions(seeds=[seed, missing], out=out, jobs=1))
    assert capsys.readouterr() == ("", "")
    done, failed = report.outcomes
    assert done.extraction is not None and done.status == "written" and done.target is not None
    assert done.target.parent == out and done.target.is_file()
    assert done.seed == "seeds/000_9383764b6e2d7e5b.txt"
    assert failed.extraction is None and [p.path for p in failed.problems] == [str(missing)]
    assert (report.written, report.ok) == (1, False)
    again = run_ingest(IngestOptions(seeds=[seed], out=out, jobs=1))
    assert [o.status for o in again.outcomes] == ["unchanged"] and again.written == 0 and again.ok
    dry = run_ingest(IngestOptions(seeds=[seed], out=tmp_path / "none", extract_only=True))
    assert dry.outcomes[0].extraction is not None and not (tmp_path / "none").exists()


HTML_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>视频生成模型开放内测，影视公司抢先试水 - 星图科技</title>
<meta property="article:modified_time" content="2024-11-23T09:40:00+08:00"></head><body>
<div class="top">打开星图科技APP，阅读体验更佳</div><nav>首页 快讯 人工智能 芯片</nav>
<h1>视频生成模型开放内测，影视公司抢先试水</h1>
<div class="info"><span>星图科技 记者 罗晓岚</span> <span>11月21日 15:06</span></div>
<article>
<p>11月21日，国内一家大模型公司宣布其视频生成模型向企业用户开放内测，该模型可根据文字描述生成高清视频片段。</p>
<p>首批申请内测的企业中，影视制作和广告公司占了大多数，它们已经在用类似工具制作分镜预览和特效草稿。</p>
<p>不过，生成视频在人物动作连贯性和物理细节上仍有明显瑕疵，多位从业者认为这类工具更适合用于前期创意。</p>
</article>
<footer>Copyright © 2024 星图科技 All Rights Reserved.</footer></body></html>
"""


def test_html_title_date_and_outlet_come_from_the_whole_page(cli, tmp_path: Path):
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    run = cli("ingest", "--json", "page.html")
    assert run.code == 0, run.err
    got = json.loads(run.out)
    # Not the <title> with its outlet, not the page's modification time.
    assert (got["title"], got["date"], got["source"]) == (
        "视频生成模型开放内测，影视公司抢先试水", "2024-11-21", "星图科技")


NOTICE_HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>关于组织申报算力券的通知</title></head><body>
<div class="top">滨海市人民政府 | 无障碍浏览 | English</div>
<div class="article"><h1>滨海市科学技术局关于组织申报2025年度算力券的通知</h1>
<div class="info">发布日期：2025-04-25　　来源：科技金融处</div>
<p>为降低我市企业和科研机构使用智能算力的成本，推动人工智能大模型研发与行业应用，现组织开展申报工作。</p>
<h2>一、支持对象</h2>
<p>在我市注册、具有独立法人资格，从事大模型研发、训练或行业应用的企业，以及我市高校和科研院所。</p>
<h2>二、支持方式</h2>
<p>按实际算力服务合同金额的30%给予补贴，单个单位年度补贴最高不超过200万元，逾期不予受理。</p>
</div><div class="related"><h3>相关文件</h3><ul><li>算力券管理办法</li></ul></div></body></html>
"""


def test_a_title_that_runs_on_after_the_bureaus_name_is_not_cut_to_the_name():
    """<title> "滨海市科学技术局关于…的通知" under a banner of the bureau's name, which the page model may
    take for the headline: the title goes on in the same words, so it is the notice's own title, not the name
    before a site's suffix ("Headline - Site", "标题_栏目_站名")."""
    from build_tools.ingest.pipeline import _alnum_key, _runs_on

    assert _runs_on("滨海市科学技术局关于组织申报2025年度算力券的通知", _alnum_key("滨海市科学技术局"))
    assert not _runs_on("算力券申报启动_通知公告_滨海市科学技术局", _alnum_key("算力券申报启动"))
    assert not _runs_on("Chip export rules tighten - Harbour Review", _alnum_key("Chip export rules tighten"))


def test_an_html_pages_subheadings_stand_above_their_paragraphs():
    from build_tools.ingest.pipeline import html_lines

    lines = [line for line in html_lines(NOTICE_HTML)[0] if line.strip()]
    paragraphs = [line for line in lines if line.endswith("。")]
    # trafilatura leaves out these <h2> (adbar/trafilatura#774); a list's label is no subheading of the text
    assert lines == [paragraphs[0], "一、支持对象", paragraphs[1], "二、支持方式", paragraphs[2]]


def test_a_standfirst_taken_for_the_headline_is_dropped_when_the_page_states_its_title():
    from build_tools.ingest.clean import Cleaned, Kept
    from build_tools.ingest.pipeline import _with_title

    deck = "Surging electricity demand from AI pushes tech groups towards reactors"
    paragraph = "The world's biggest technology groups are signing power purchase agreements with reactors."
    cleaned = Cleaned(kept=[Kept(1, deck, "headline"), Kept(2, paragraph, "text")])
    out = _with_title(cleaned, "Data centre operators sign long-term deals for nuclear power")
    assert [k.text for k in out.body] == [paragraph]
    assert [(d.text, d.kind) for d in out.dropped] == [(deck, "header")]


def test_a_sentence_taken_for_the_headline_stays_in_the_article_when_the_page_states_its_title():
    from build_tools.ingest.clean import Cleaned, Kept
    from build_tools.ingest.pipeline import _with_title

    first = "Why did the model fail? Nobody at the lab could say at first."
    paragraph = "The world's biggest technology groups are signing power purchase agreements with reactors."
    cleaned = Cleaned(kept=[Kept(1, first, "headline"), Kept(2, paragraph, "text")])
    out = _with_title(cleaned, "Data centre operators sign long-term deals for nuclear power")
    assert [k.text for k in out.body] == [first, paragraph] and not out.dropped


def test_a_markdown_pages_hidden_address_confirms_the_outlet_its_byline_names(cli, tmp_path: Path):
    """A clipper's front matter url and a link's target are not shown, but name the site the byline names."""
    lines = (PAGES / "wire_en.txt").read_text(encoding="utf-8").splitlines()
    body = [line.replace("(Reuters) - ", "") for line in lines[6:]]
    head = ["---", "title: x", "url: https://quarryreview.example/tech/2025/memory", "---", "",
            "# " + lines[1]]
    md = "\n\n".join([*head, "By Jo Roe · The Quarry Review · February 3, 2025", *body])
    (tmp_path / "post.md").write_text(md, encoding="utf-8")
    (got,) = _json_lines(cli("ingest", "--json", "post.md").out)
    assert got["source"] == "The Quarry Review"
    place = md.replace("The Quarry Review", "San Francisco")
    (tmp_path / "post.md").write_text(place, encoding="utf-8")
    (got,) = _json_lines(cli("ingest", "--json", "post.md").out)
    assert got["source"] is None


def test_a_clipped_markdown_page_takes_its_headline_and_outlet_past_the_clippers_h1(cli, tmp_path: Path):
    body = ("The school district will turn on a chatbot for high school students next month, making it one "
            "of the first districts in the region to do so, officials said on Thursday.")
    page = tmp_path / "clip.md"
    page.write_text("---\nsource: https://lakesideledger.example/news/gemini\n---\n\n"
                    "# Clipped from Lakeside Ledger\n\n"
                    "## District turns on a chatbot for high school laptops\n\n"
                    f"By Corinne Haldane | March 20, 2025\n\n{body}\n\n{body}\n\n{body}\n", encoding="utf-8")
    run = cli("ingest", "--json", str(page), cwd=ROOT)
    assert run.code == 0, run.err
    (got,) = _json_lines(run.out)
    assert (got["title"], got["source"]) == ("District turns on a chatbot for high school laptops",
                                             "Lakeside Ledger")


def test_a_markdown_pages_logo_linked_to_its_home_page_names_the_outlet(cli, tmp_path: Path):
    body = ("阿里巴巴旗下通义团队今天凌晨发布了新一代千问模型，并以开放权重的方式在多个开源社区同步上线，"
            "开发者反响热烈。")
    page = tmp_path / "logo.md"
    page.write_text("[![新智库科技](https://img.xinzhiku.example/logo.png)](https://xinzhiku.example/)\n\n"
                    "# 通义千问新一代模型开源\n\n作者：岑小舟 | 2025-04-29 10:48\n\n"
                    f"{body}\n\n{body}\n\n一位创业者告诉新智库科技，团队会优先测试新模型。\n",
                    encoding="utf-8")
    run = cli("ingest", "--json", str(page), cwd=ROOT)
    assert run.code == 0, run.err
    (got,) = _json_lines(run.out)
    assert got["source"] == "新智库科技"


OUTLET_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>States are writing AI laws faster than Congress | {site}</title>
<meta property="og:site_name" content="{site}"></head><body>
<header><div class="brand">{site}</div><nav><a>Research</a> <a>Commentary</a> <a>Events</a></nav></header>
<article><h1>States are writing AI laws faster than Congress</h1>
<div class="meta"><span>Jordan Abara</span> · <time>April 8, 2025</time></div>
<p>In the first three months of this year, state legislators introduced more than 600 bills dealing with
artificial intelligence, while Congress passed none of substance.</p>
<p>Much of this activity is sensible: bills requiring disclosure when an agency uses an automated system
to decide on benefits address real harms that residents already face.</p>
<p>But the patchwork creates costs for a small company that deploys one hiring tool across ten states with
ten different definitions of a high-risk system.</p></article>
<footer><p>&copy; 2025 {short}. All rights reserved.</p></footer></body></html>"""


@pytest.mark.parametrize(("site", "short", "expected"), [
    # the page shortens the name in its footer: the site's name is the outlet
    ("Meridian Institute for Public Technology", "Meridian Institute",
     "Meridian Institute for Public Technology"),
    # the site's name adds one word, its edition's or section's: the page's own name is the outlet
    ("Kisaragi Denki Global", "Kisaragi Denki", "Kisaragi Denki"),
    # a company's docs or help site: the company, not its docs site
    ("Tessellate Docs", "Tessellate", "Tessellate"),
    ("Orbis Help Center", "Orbis", "Orbis"),
])
def test_an_html_pages_site_name_against_the_shorter_name_its_text_gives(
        cli, tmp_path: Path, site: str, short: str, expected: str):
    (tmp_path / "page.html").write_text(OUTLET_HTML.format(site=site, short=short), encoding="utf-8")
    run = cli("ingest", "--json", "page.html")
    assert run.code == 0, run.err
    assert json.loads(run.out)["source"] == expected


def test_an_html_pages_site_name_of_initials_yields_to_the_name_its_page_spells_out(cli, tmp_path: Path):
    page = OUTLET_HTML.format(site="HTR", short="Harbor Tech Review").replace(
        '<div class="brand">HTR</div>', '<div class="brand">HARBOR TECH REVIEW</div>')
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    run = cli("ingest", "--json", "page.html")
    assert run.code == 0, run.err
    assert json.loads(run.out)["source"] == "Harbor Tech Review"


HAN_OUTLET_HTML = """<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8">
<title>輝達市值首度突破3兆美元 超越蘋果｜{site}</title>
<meta property="og:site_name" content="{site}"></head><body>
<header class="masthead"><a href="/" class="logo">東岸快報</a>
<nav><a>即時</a> <a>財經</a> <a>科技</a> <a>國際</a></nav></header>
<article><h1>輝達市值首度突破3兆美元 超越蘋果</h1>
<div class="meta">記者林書妤／台北報導 2024/06/05 18:20</div>
<p>輝達股價5日大漲5%，市值首度突破3兆美元，超越蘋果成為全球市值第二高的公司，僅次於微軟。</p>
<p>執行長黃仁勳日前在台北國際電腦展發表主題演講時表示，生成式人工智慧將重塑每一個產業。</p>
<p>分析師指出，全球科技巨頭持續擴大資料中心投資，帶動晶片需求居高不下，投資人應留意短期波動風險。</p>
</article><div class="promo">下載東岸快報APP，重大新聞即時推播</div></body></html>"""


@pytest.mark.parametrize(("site", "expected"), [
    # a Han name's own ending, its kind of outlet, is part of the name the logo shortens
    ("東岸快報新聞網", "東岸快報新聞網"),
    # an e-paper's or a channel's label after the name is not
    ("東岸快報電子報", "東岸快報"),
    ("東岸快報財經", "東岸快報"),
])
def test_an_html_pages_han_site_name_against_the_shorter_name_its_logo_gives(
        cli, tmp_path: Path, site: str, expected: str):
    (tmp_path / "page.html").write_text(HAN_OUTLET_HTML.format(site=site), encoding="utf-8")
    run = cli("ingest", "--json", "page.html")
    assert run.code == 0, run.err
    assert json.loads(run.out)["source"] == expected


NAMED_HTML = """<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8">
<title>大學生用AI寫報告成常態 教授改以口試把關 - {site}</title>{og}</head><body>
<header><a class="logo" href="/">{site}</a><nav><a>即時</a> <a>教育</a> <a>科技</a> <a>國際</a></nav></header>
<article><h1>大學生用AI寫報告成常態 教授改以口試把關</h1>
<div class="meta"><span class="author">{byline}</span>
<time datetime="2024-06-20">2024/06/20 09:05</time></div>
{origin}
<p>期末報告季節到來，多所大學教師發現，學生繳交的書面報告中，使用生成式人工智慧工具協助撰寫的比例明顯增加。</p>
<p>一位任教於中部大學的教授表示，他將期末評量改為兩階段：學生先繳交書面報告，再進行十分鐘的口試。</p>
<p>教育部官員指出，各校可依課程性質自訂人工智慧使用規範，但應明確告知學生並納入課程大綱之中。</p>
</article><footer><p>© 2024 {site} 版權所有，禁止轉載</p></footer></body></html>"""


SITE_NAME_META = '<meta property="og:site_name" content="{}">'


@pytest.mark.parametrize(("page", "expected"), [
    # a 來源 line of the page's own names the weekly the story came from, over the site's og:site_name
    ((True, "文／林書亞", '<div class="origin">來源：南方教育週報</div>'), "南方教育週報"),
    # the site itself as the source: its name
    ((True, "文／林書亞", '<div class="origin">來源：港灣科技網</div>'), "港灣科技網"),
    # a reporter's byline before the time is no source line: <title> names the site
    ((False, "記者 林子謙／台北報導", ""), "港灣科技網"),
])
def test_an_html_pages_source_line_and_byline_against_its_site_name(
        cli, tmp_path: Path, page: tuple[bool, str, str], expected: str):
    og, byline, origin = page
    page = NAMED_HTML.format(site="港灣科技網", og=SITE_NAME_META.format("港灣科技網") if og else "",
                             byline=byline, origin=origin)
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    run = cli("ingest", "--json", "page.html")
    assert run.code == 0, run.err
    assert json.loads(run.out)["source"] == expected


def test_an_html_pages_han_site_name_is_written_without_spaces(cli, tmp_path: Path):
    site = "東海大學 研究發展處"
    page = NAMED_HTML.format(site=site, og=SITE_NAME_META.format(site), byline="文／林書亞", origin="")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    run = cli("ingest", "--json", "page.html")
    assert run.code == 0, run.err
    assert json.loads(run.out)["source"] == "東海大學研究發展處"


TITLED_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title></head><body>
<main><h1>New national AI safety testing centre to open next spring</h1>
<p>A new national centre for testing advanced artificial intelligence models will open next spring, the
minister announced today.</p>
<p>The centre will give government scientists dedicated computing capacity to evaluate the most capable
models for risks before and after they are deployed.</p>
<p>Developers of frontier models have agreed to provide access to their systems before release, allowing
tests to take place before products reach the public.</p></main></body></html>"""


@pytest.mark.parametrize(("title", "expected"), [
    # no og:site_name and nothing on the page names the site: the name <title> sets after the headline
    ("New national AI safety testing centre to open next spring - Department for Digital Infrastructure",
     "Department for Digital Infrastructure"),
    ("New national AI safety testing centre to open next spring | Ministry of Digital Affairs",
     "Ministry of Digital Affairs"),
    # a <title> that is not the headline and an outlet names nothing
    ("Home - Department for Digital Infrastructure", None),
    ("New national AI safety testing centre to open next spring", None),
])
def test_an_html_pages_title_names_its_site_after_the_headline(cli, tmp_path: Path, title: str,
                                                                expected: str | None):
    (tmp_path / "page.html").write_text(TITLED_HTML.format(title=title), encoding="utf-8")
    run = cli("ingest", "--json", "page.html")
    assert run.code == 0, run.err
    assert json.loads(run.out)["source"] == expected


HEADLINED_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="content"><h1>{headline}</h1>
<p>为规范我校本科毕业论文工作中生成式人工智能工具的使用，维护学术诚信，现将有关事项通知如下。</p>
<p>学生可在文献检索、语言润色、代码调试等环节使用生成式人工智能工具，但不得直接生成研究结论。</p>
<p>指导教师应在开题、中期检查和定稿环节了解学生使用相关工具的情况，对疑似违规使用的应要求说明。</p>
</div></body></html>"""
NOTICE = "关于规范本科毕业论文中使用生成式人工智能工具的通知"


@pytest.mark.parametrize(("headline", "title", "expected"), [
    # a Han <title> sets the office's name after a bare hyphen
    (NOTICE, NOTICE + "-星海大学教务处", "星海大学教务处"),
    # a <title> that trafilatura cannot split is no site's name: the name after the dash is
    ("Ep. 142: Why nobody trusts AI benchmarks anymore", "Ep. 142: Why nobody trusts AI benchmarks anymore"
     " — Signal &amp; Noise", "Signal & Noise"),
    (NOTICE, NOTICE, None),
])
def test_an_html_pages_title_names_its_site_after_its_only_h1(cli, tmp_path: Path, headline: str, title: str,
                                                               expected: str | None):
    page = HEADLINED_HTML.format(title=title, headline=headline)
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    run = cli("ingest", "--json", "page.html")
    assert run.code == 0, run.err
    assert json.loads(run.out)["source"] == expected


RELEASE_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Acme Robotics Launches a Picking Robot for Warehouses | Newswire Newsroom</title></head><body>
<main><h1>Acme Robotics Launches a Picking Robot for Warehouses</h1>
<div class="meta">Jun 06, 2024, 08:00 ET</div>
<p>BOSTON, June 6, 2024 /Newswire/ -- Acme Robotics, a developer of warehouse systems, today announced \
a robot that picks products it has never seen before.</p>
<p>The robot interprets a product's appearance and packaging text to decide how to grip it, reducing the \
setup time for new items from days to minutes.</p>
<p>In pilot deployments with two logistics providers the robot picked more than sixty thousand distinct \
products, according to the company.</p>
<p class="source">{label}</p></main></body></html>"""


@pytest.mark.parametrize(("label", "expected"), [
    # the release names its issuer in a line of its own: the wire in <title> only carries it
    ("SOURCE Acme Robotics", "Acme Robotics"),
    ("Source: Acme Robotics", "Acme Robotics"),
    # no such line: the name <title> sets after the headline
    ("Media contact: press@acme.example", "Newswire Newsroom"),
])
def test_a_releases_stated_issuer_wins_over_the_wire_its_title_names(cli, tmp_path: Path, label: str,
                                                                     expected: str):
    (tmp_path / "page.html").write_text(RELEASE_HTML.format(label=label), encoding="utf-8")
    run = cli("ingest", "--json", "page.html")
    assert run.code == 0, run.err
    assert json.loads(run.out)["source"] == expected


@pytest.mark.parametrize(("first", "expected"), [
    # a link to the site's home page opening the first line: the community's name, however short
    ("[问知](https://www.wenzhi.example/) 首页 会员 发现 等你来答", "问知"),
    # the menu's "home" item is no name
    ("[首页](https://www.wenzhi.example/) 会员 发现 等你来答", None),
])
def test_a_markdown_pages_first_line_opening_with_a_link_home_names_the_site(
        cli, tmp_path: Path, first: str, expected: str | None):
    answer = ("谢邀。这个问题很好，我从一线做推理服务的角度说几点，推理引擎和批处理这两年进步很快，"
              "单位成本下降了不少。")
    page = tmp_path / "answer.md"
    page.write_text(f"{first}\n\n# 为什么推理模型想得越来越久，价格却没有变贵？\n\n关注问题　写回答\n\n"
                    f"{answer}\n\n{answer}\n\n发布于 2025-02-11 09:13\n", encoding="utf-8")
    run = cli("ingest", "--json", str(page), cwd=ROOT)
    assert run.code == 0, run.err
    (got,) = _json_lines(run.out)
    assert got["source"] == expected


def test_inline_elements_set_side_by_side_are_separate_words_of_the_page():
    from build_tools.ingest.pipeline import page_text_lines

    lines = page_text_lines('<html><body><nav><a href="/">Quillworks</a><a>Product</a><a>Careers</a></nav>'
                            '<div class="meta"><span>Ann Lee, Staff Engineer</span><span>April 9, 2026</span>'
                            '<span>8 min read</span></div><p>Open<b>AI</b> said <i>so</i>.</p></body></html>')
    assert [line for line in lines if line] == ["Quillworks  Product  Careers",
                                                "Ann Lee, Staff Engineer  April 9, 2026  8 min read",
                                                "OpenAI said so."]


@pytest.mark.parametrize(("fields", "expected"), [
    ('<span class="source">来源：港湾日报</span> <span class="cmt">参与评论 218人</span>', "港湾日报"),
    ('<span>來源：海峽晨報</span>\n  <span>閱讀 1.2萬</span><span>分享</span>', "海峽晨報"),
    ('<em>2026-03-02</em> <span>来源：东岭财经</span> <a href="#c">评论(37)</a>', "东岭财经"),
])
def test_a_source_field_ends_where_its_inline_element_does(fields: str, expected: str) -> None:
    from build_tools.ingest.clean import clean_lines
    from build_tools.ingest.metadata import extract_source
    from build_tools.ingest.pipeline import page_text_lines

    body = "<p>" + "某公司今日宣布完成新一轮融资，资金将用于研发新一代推理芯片和扩充工程团队。" * 2 + "</p>"
    page = clean_lines(page_text_lines(f"<html><body><h1>某公司完成新一轮融资 加码推理芯片研发</h1>"
                                       f"<div class='info'>{fields}</div>{body}{body}</body></html>"))
    assert extract_source(page)[0] == expected



HOST_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>School board bans deepfake apps on district devices</title>
<link rel="canonical" href="https://www.valleysentinel.example/school-deepfakes"></head><body>
<div class="header"><a href="https://www.valleysentinel.example/">Home</a></div>
<article><h1>School board bans deepfake apps on district devices</h1>
<p class="byline">By Rosa Delgado · November 12, 2026</p>
<p>The district school board voted on Monday to ban apps that generate fake images of real people from every
device the district issues to its students and teachers.</p>
<p class="caption">The district board met Monday evening. (Rosa Delgado / The Valley Sentinel)</p>
<p>Board members said the rule follows several cases in which students shared fabricated pictures of
classmates, and that the district will review the ban again at the end of the school year.</p>
<p>Parents who spoke at the meeting mostly supported the ban, though some asked how it would be enforced on
phones that families, not the district, pay for.</p>
</article></body></html>"""


def test_an_html_pages_web_address_yields_to_the_name_its_page_spells(cli, tmp_path: Path):
    (tmp_path / "page.html").write_text(HOST_HTML, encoding="utf-8")
    run = cli("ingest", "--json", "page.html")
    assert run.code == 0, run.err
    assert json.loads(run.out)["source"] == "The Valley Sentinel"


@pytest.mark.parametrize(("host", "texts", "expected"), [
    ("www.valleysentinel.example", ["Photo: Rosa Delgado / The Valley Sentinel"], "The Valley Sentinel"),
    ("valleysentinel.example", ["Valley News and the Sentinel Post"], None),  # letters that do not match
    ("The Valley Sentinel", ["The Valley Sentinel"], None),  # a name already, not an address
])
def test_the_name_a_web_address_stands_for(host: str, texts: list[str], expected: str | None):
    assert host_spelled_out(host, texts) == expected


FORUM_HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Running a 70B model on two used GPUs at home - Local Inference - Modelhaus Forum</title></head><body>
<nav>Home  Forums  Latest  Login</nav>
<h1>Running a 70B model on two used GPUs at home</h1>
<div class="post"><span>gpu_tinkerer</span> <span>Posted March 3, 2025</span>
<p>I spent two weekends getting a quantised 70B model to run across two second-hand cards at home.</p>
<p>Loading it took about twenty gigabytes on each card, and it generated seven or eight tokens a second.</p>
<p>Power draw under load was close to seven hundred watts, and the fans were loud enough to hear.</p>
</div></body></html>
"""


def test_an_html_titles_last_part_after_the_headline_and_a_section_names_the_site(cli, tmp_path: Path):
    (tmp_path / "thread.html").write_text(FORUM_HTML, encoding="utf-8")
    run = cli("ingest", "--json", "thread.html")
    assert run.code == 0, run.err
    assert json.loads(run.out)["source"] == "Modelhaus Forum"


VIDEO_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>We tested a warehouse humanoid for a full shift - Vidloft</title></head><body>
<div id="masthead"><span class="logo">Vidloft</span><button>Sign in</button></div>
<h1>We tested a warehouse humanoid for a full shift</h1>
<div class="owner"><span>{channel}</span> <span>{count}</span> <button>Subscribe</button></div>
<div id="description">
<p>A logistics company near Rotterdam let us spend an entire eight-hour shift next to the humanoid robot it is
trialling in one of its warehouses, to see what these machines do when the trade show cameras are off.</p>
<p>The robot's job was simple on paper: take empty plastic totes off a conveyor and stack them on a cart.
Over the shift it moved 1,140 totes, about a third of what a human worker on the same station
typically moves.</p>
<p>It stopped eleven times. Most stops were minor, and an operator fixed them in under a minute;
twice it needed a full restart, and once it had to be walked back to its charging dock with a remote.</p>
</div><footer>About Press Copyright Terms Privacy © 2024 Vidloft LLC</footer></body></html>"""


@pytest.mark.parametrize(("channel", "count", "expected"), [
    # the channel that posted the video, with its subscribers: the outlet, not the site in <title>
    ("Signal Path", "214K subscribers", "Signal Path"),
    # more than one button after the count (a membership's, then the subscription's)
    ("Signal Path", "486K subscribers</span> <button>Join</button><span>", "Signal Path"),
    # no channel the page names so: the site's name after the headline in <title>
    ("Up next", "", "Vidloft"),
])
def test_an_html_video_pages_channel_is_its_outlet_not_the_site_in_its_title(
        cli, tmp_path: Path, channel: str, count: str, expected: str):
    (tmp_path / "page.html").write_text(VIDEO_HTML.format(channel=channel, count=count), encoding="utf-8")
    run = cli("ingest", "--json", "page.html")
    assert run.code == 0, run.err
    assert json.loads(run.out)["source"] == expected


DOCS_MD = """[{site}](https://docs.tessellate.example/)
[Guides](https://docs.tessellate.example/guides) [API reference](https://docs.tessellate.example/api)
Search docs

# Prompt caching and a 50% cheaper batch API

2025-01-22

Today we are shipping two features that make long and high-volume workloads cheaper on our platform.
Requests that repeat the same prefix, such as a long system prompt, can now mark that prefix as cacheable.
Cached input tokens are billed at 10% of the normal input price and are processed faster than before.
The new batch endpoint accepts up to 50,000 requests in a single file and returns results within 24 hours.

Was this page helpful?
© 2025 Tessellate, Inc. · Terms · Privacy
"""


@pytest.mark.parametrize(("site", "expected"), [
    ("Tessellate Docs", "Tessellate"),
    ("Tessellate Developers", "Tessellate"),
    # a docs site's name with no shorter form on the page: the name as it stands
    ("Tessellate", "Tessellate"),
])
def test_a_markdown_copy_of_a_docs_page_names_the_company_not_its_docs_site(cli, tmp_path: Path, site: str,
                                                                            expected: str):
    (tmp_path / "page.md").write_text(DOCS_MD.format(site=site), encoding="utf-8")
    run = cli("ingest", "--json", "page.md")
    assert run.code == 0, run.err
    assert json.loads(run.out)["source"] == expected


def test_the_headlines_subtitle_is_dropped_but_tells_the_tagger_what_the_article_is_about(tmp_path: Path):
    from build_tools.ingest.pipeline import extract

    subtitle = "Humanoid robots will sort parcels at two depots from June as the pilot widens"
    page = ["Wire Desk", "News provided by", "Kestrel Logistics", "04 Mar, 2025, 07:00 ET",
            "Kestrel Logistics Expands Automated Parcel Sorting to Two More Depots", subtitle,
            "HAMBURG, March 4, 2025 -- Kestrel Logistics today announced that it will extend automated "
            "parcel sorting to its depots in Bremen and Kiel after a six-month pilot in Hamburg.",
            "The company said the pilot cut sorting errors by a third and shortened the evening shift by an "
            "hour.",
            "Kestrel plans to decide on a wider rollout after the summer peak."]
    seed = tmp_path / "release.txt"
    seed.write_text("\n".join(page) + "\n", encoding="utf-8")
    ex = extract(seed)
    assert subtitle not in [k.text for k in ex.paragraphs]
    assert "robotics" in ex.tags


def test_a_messages_title_is_its_subject_without_the_label(tmp_path: Path):
    from build_tools.ingest.pipeline import extract

    seed = tmp_path / "message.txt"
    seed.write_text("\n".join([
        "From: Lena Ortiz <lena@evalwg.example>", "Date: Tue, 4 Mar 2025 09:12:44 +0100",
        "Subject: Re: [eval-wg] Keep the old harness for one more release?", "",
        "Hi Jonas,", "",
        "Several labs still run the old harness in their nightly jobs and we never announced a date for its "
        "removal, so a deprecation warning in the next release would give them a full cycle to move.",
        "The warning will name the release that removes the old harness and link to the migration notes.",
        "", "Lena"]) + "\n", encoding="utf-8")
    assert extract(seed).title == "Re: [eval-wg] Keep the old harness for one more release?"
