"""The phrase bank of the synthetic corpus: paired English / Simplified Chinese templates and fillers.

Templates are translations of each other and share their slots, so a generated paragraph is an aligned
pair like a reviewed briefing. Slots named after taxonomy kinds (``{org}``, ``{person}``, ``{product}``,
``{topic}``) are filled from the taxonomy; the rest from the filler lists below. The combinations give
hundreds of thousands of distinct sentences, so pages and search indexes grow like real text, not like
one paragraph repeated.
"""

from __future__ import annotations

# Each filler is (English, Chinese).
Pair = tuple[str, str]

PLACES: list[Pair] = [
    ("San Francisco", "旧金山"), ("Beijing", "北京"), ("Shanghai", "上海"), ("Shenzhen", "深圳"),
    ("London", "伦敦"), ("Paris", "巴黎"), ("Seoul", "首尔"), ("Tokyo", "东京"), ("Singapore", "新加坡"),
    ("Hangzhou", "杭州"), ("Geneva", "日内瓦"), ("Brussels", "布鲁塞尔"), ("Washington", "华盛顿"),
    ("Toronto", "多伦多"), ("Bangalore", "班加罗尔"), ("Dubai", "迪拜"), ("Berlin", "柏林"),
    ("Hong Kong", "香港"), ("Taipei", "台北"), ("Seattle", "西雅图"), ("Abu Dhabi", "阿布扎比"),
    ("Chengdu", "成都"), ("Guangzhou", "广州"), ("Tel Aviv", "特拉维夫"),
]
FIELDS: list[Pair] = [
    ("healthcare", "医疗"), ("education", "教育"), ("finance", "金融"), ("customer service", "客户服务"),
    ("software engineering", "软件工程"), ("drug discovery", "药物研发"), ("legal research", "法律检索"),
    ("manufacturing", "制造业"), ("logistics", "物流"), ("advertising", "广告"), ("gaming", "游戏"),
    ("translation", "翻译"), ("e-commerce", "电子商务"), ("scientific research", "科学研究"),
    ("weather forecasting", "天气预报"), ("autonomous driving", "自动驾驶"), ("cybersecurity", "网络安全"),
    ("agriculture", "农业"), ("journalism", "新闻业"), ("public administration", "政务服务"),
    ("insurance", "保险"), ("chip design", "芯片设计"), ("materials science", "材料科学"),
]
ROLES: list[Pair] = [
    ("analysts", "分析师"), ("researchers", "研究人员"), ("investors", "投资者"), ("regulators", "监管机构"),
    ("developers", "开发者"), ("engineers", "工程师"), ("critics", "批评者"),
    ("industry insiders", "业内人士"),
    ("policy makers", "政策制定者"), ("academics", "学者"), ("early users", "早期用户"),
    ("executives", "高管"), ("privacy advocates", "隐私倡导者"), ("trade unions", "工会"),
]
METRICS: list[Pair] = [
    ("inference cost", "推理成本"), ("context length", "上下文长度"), ("training compute", "训练算力"),
    ("benchmark scores", "基准测试成绩"), ("latency", "延迟"), ("energy use", "能耗"),
    ("parameter count", "参数规模"), ("daily token volume", "日均调用量"), ("accuracy", "准确率"),
    ("market share", "市场份额"), ("revenue", "营收"), ("user numbers", "用户数量"),
    ("memory bandwidth", "内存带宽"), ("water consumption", "用水量"),
]
CAPABILITIES: list[Pair] = [
    ("reasoning", "推理"), ("coding", "编程"), ("image understanding", "图像理解"),
    ("speech recognition", "语音识别"), ("long-document analysis", "长文档分析"), ("mathematics", "数学"),
    ("multilingual dialogue", "多语言对话"), ("video generation", "视频生成"), ("tool use", "工具调用"),
    ("planning", "规划"), ("summarisation", "摘要"), ("search", "搜索"), ("translation", "翻译"),
    ("spreadsheet analysis", "表格分析"), ("voice interaction", "语音交互"),
]
RISKS: list[Pair] = [
    ("misinformation", "虚假信息"), ("job displacement", "就业替代"), ("privacy leaks", "隐私泄露"),
    ("copyright disputes", "版权纠纷"), ("biased outputs", "输出偏见"), ("deepfake fraud", "深度伪造诈骗"),
    ("concentration of power", "权力集中"), ("model theft", "模型窃取"),
    ("runaway energy demand", "能源需求失控"), ("loss of human oversight", "人类监督缺失"),
    ("election interference", "干预选举"), ("prompt injection", "提示词注入"),
]
TIMEFRAMES: list[Pair] = [
    ("last week", "上周"), ("on Monday", "周一"), ("earlier this month", "本月早些时候"),
    ("in the past quarter", "上个季度"), ("this spring", "今年春天"), ("over the summer", "今年夏天"),
    ("late last year", "去年年底"), ("in recent days", "近日"), ("on Thursday", "周四"),
    ("at the start of the year", "年初"), ("two weeks ago", "两周前"), ("on Friday evening", "周五晚间"),
]
FUTURES: list[Pair] = [
    ("next week", "下周"), ("in March", "三月"), ("this autumn", "今年秋季"),
    ("by the end of the year", "年底前"),
    ("early next year", "明年初"), ("within weeks", "数周内"), ("in the second half", "下半年"),
]
EVENTS: list[Pair] = [
    ("a developer conference", "开发者大会"), ("an earnings call", "财报电话会议"),
    ("a press briefing", "新闻发布会"), ("a podcast interview", "播客访谈"),
    ("a congressional hearing", "国会听证会"), ("an industry summit", "行业峰会"),
    ("a company all-hands meeting", "公司全员大会"), ("a university lecture", "大学讲座"),
    ("a televised interview", "电视采访"), ("a closed-door forum", "闭门论坛"),
]
SUMMITS: list[Pair] = [
    ("the World Artificial Intelligence Conference", "世界人工智能大会"), ("NeurIPS", "NeurIPS"),
    ("the AI Safety Summit", "人工智能安全峰会"), ("Google I/O", "Google I/O 大会"),
    ("the Zhongguancun Forum", "中关村论坛"), ("CES", "CES 展会"), ("Web Summit", "Web Summit 峰会"),
    ("the World Internet Conference", "世界互联网大会"),
]
OUTLETS: list[Pair] = [
    ("The Atlantic", "《大西洋月刊》"), ("Xinhua", "新华社"), ("Reuters", "路透社"), ("Bloomberg", "彭博社"),
    ("the Financial Times", "《金融时报》"), ("Caixin", "财新"), ("The Verge", "The Verge"), ("36Kr", "36氪"),
    ("Nikkei", "日经新闻"), ("the South China Morning Post", "《南华早报》"),
]
DATA: list[Pair] = [
    ("user conversations", "用户对话"), ("public web pages", "公开网页"),
    ("licensed news archives", "授权新闻档案"), ("synthetic examples", "合成样本"),
    ("code repositories", "代码仓库"), ("medical records", "医疗记录"), ("video transcripts", "视频字幕"),
    ("textbooks", "教科书"), ("scanned books", "扫描图书"), ("forum posts", "论坛帖子"),
]
BENCHMARKS: list[Pair] = [
    ("MMLU", "MMLU"), ("HumanEval", "HumanEval"), ("GSM8K", "GSM8K"), ("C-Eval", "C-Eval"),
    ("the LMSYS arena", "LMSYS 竞技场"), ("SWE-bench", "SWE-bench"), ("GPQA", "GPQA"), ("MATH", "MATH"),
]
MONEY: list[Pair] = [
    ("$300 million", "3亿美元"), ("$1.2 billion", "12亿美元"), ("$4 billion", "40亿美元"),
    ("$10 billion", "100亿美元"), ("$650 million", "6.5亿美元"), ("$80 billion", "800亿美元"),
    ("$2.5 billion", "25亿美元"), ("$157 billion", "1570亿美元"), ("$90 million", "9000万美元"),
]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]

# (English, Chinese) sentence templates. Slots: org org2 person product product2 topic topic2 cnorg place
# field role metric cap risk tf future event summit outlet data bench money pct pct2 k k2 n score year ord.
SENTENCES: list[Pair] = [
    ("{org} {tf} released a new version of {product} with stronger {cap} and a longer context window.",
     "{org}{tf}发布了新版{product},{cap}能力更强,上下文窗口也更长。"),
    ("According to {org}, {product} now handles {n} billion tokens a day, up {pct} percent in a quarter.",
     "据{org}介绍,{product}目前每天处理{n}0亿个token,一个季度内增长了{pct}%。"),
    ("{person} said at {event} that {topic} would define the next decade of the industry.",
     "{person}在{event}上表示,{topic}将决定行业未来十年的走向。"),
    ("{role} warn that {risk} could undermine public trust in {topic}.",
     "{role}警告称,{risk}可能削弱公众对{topic}的信任。"),
    ("The company plans to spend {money} on data centres in {place} over the next {k} years.",
     "该公司计划在未来{k}年内投入{money},在{place}建设数据中心。"),
    ("In {field}, early pilots show that {product} cuts routine work by roughly {pct} percent.",
     "在{field}领域,早期试点显示{product}可将重复性工作减少约{pct}%。"),
    ("Critics argue that the benchmark results say little about how the model behaves in real deployments.",
     "批评者认为,这些基准测试结果很难说明模型在实际部署中的表现。"),
    ("{org} did not disclose how much {metric} the system required, citing competitive pressure.",
     "{org}以竞争压力为由,没有披露该系统所需的{metric}。"),
    ("The move puts {org} in direct competition with {org2}, which launched a similar service {tf}.",
     "此举让{org}与{org2}形成直接竞争,后者{tf}推出了类似服务。"),
    ("{person}, who has long argued for more attention to {topic}, called the decision “a necessary step”.",
     "长期呼吁重视{topic}的{person}称这一决定是“必要的一步”。"),
    ("Regulators in {place} have opened a review of how {org} collects {data} for training.",
     "{place}的监管机构已就{org}如何收集{data}用于训练展开审查。"),
    ("The model scored {score} on {bench}, ahead of {product2} but behind the best closed systems.",
     "该模型在{bench}上得分{score},超过{product2},但仍落后于最好的闭源系统。"),
    ("{role} note that the price of inference has fallen about {pct} percent in a year.",
     "{role}指出,推理价格在一年内下降了约{pct}%。"),
    ("Several startups in {place} are building {field} assistants on top of open models such as {product}.",
     "{place}的多家初创公司正基于{product}等开源模型开发{field}助手。"),
    ("The announcement came days after {person} left {org}, reportedly over disagreements about {topic}.",
     "这一消息发布前几天,{person}离开了{org},据报道原因是在{topic}问题上存在分歧。"),
    ("For now, the feature is available only to paying subscribers in {place} and a few other markets.",
     "目前,该功能仅向{place}及少数其他市场的付费订阅用户开放。"),
    ("{org} says its safety team ran more than {k}0 red-teaming exercises before launch.",
     "{org}表示,其安全团队在发布前进行了{k}0多轮红队测试。"),
    ("The question is no longer whether {topic} matters, but who will pay for it.",
     "问题已不再是{topic}是否重要,而是谁来为它买单。"),
    ("Shares of {org} rose {pct2} percent after the news, while {org2} slipped.",
     "消息公布后,{org}股价上涨{pct2}%,{org2}则小幅下跌。"),
    ("{person} compared the current moment to the early days of the mobile internet.",
     "{person}将当下比作移动互联网的早期阶段。"),
    ("Engineers said the hardest part was not {cap} itself but keeping {metric} under control.",
     "工程师表示,最难的不是{cap}本身,而是控制{metric}。"),
    ("A survey of {k}00 companies found that most are still experimenting rather than deploying at scale.",
     "一项针对{k}00家企业的调查发现,大多数仍处于试验阶段,尚未规模化部署。"),
    ("The paper describes a method that uses {data} to improve {cap} without extra human labels.",
     "这篇论文介绍了一种利用{data}提升{cap}能力、无需额外人工标注的方法。"),
    ("{org} has also signed a licensing deal with a group of publishers in {place}.",
     "{org}还与{place}的一批出版商签署了授权协议。"),
    ("Observers expect {topic} to feature prominently at {summit} next month.",
     "观察人士预计,{topic}将成为下月{summit}的焦点议题。"),
    ("Unlike earlier releases, the weights of {product} are published under a permissive licence.",
     "与此前版本不同,{product}这次以宽松许可证公开了模型权重。"),
    ("The service has {k}0 million weekly users, according to people familiar with the matter.",
     "据知情人士透露,该服务每周活跃用户达{k}000万。"),
    ("{person} told {outlet} that the company would not trade safety for speed.",
     "{person}对{outlet}表示,公司不会为了速度而牺牲安全。"),
    ("Chinese developers such as {cnorg} are pricing their models aggressively to win enterprise customers.",
     "{cnorg}等中国开发商正以激进的定价争夺企业客户。"),
    ("The system can now read charts, transcribe meetings and draft replies in {k}0 languages.",
     "该系统现在可以读取图表、转写会议,并用{k}0种语言起草回复。"),
    ("Some of {org}'s own employees have raised concerns about {risk}.",
     "{org}的部分员工也对{risk}表达了担忧。"),
    ("{role} in {place} say demand for GPUs still far exceeds supply.",
     "{place}的{role}表示,GPU需求仍远超供给。"),
    ("It is the {ord} major update to {product} this year.",
     "这是{product}今年的第{k}次重大更新。"),
    ("The lab published a {k}0-page technical report but left out details of the training data.",
     "该实验室发布了一份{k}0页的技术报告,但没有公开训练数据的细节。"),
    ("{org} is betting that {topic} will turn into a steady source of revenue.",
     "{org}押注{topic}将成为稳定的收入来源。"),
    ("Energy demand from AI data centres in {place} has roughly doubled since {year}.",
     "自{year}年以来,{place}人工智能数据中心的能源需求大约翻了一番。"),
    ("Lawmakers are debating whether open models should face the same rules as closed ones.",
     "立法者正在讨论开源模型是否应与闭源模型适用相同的规则。"),
    ("{person} argued that smaller, specialised models often beat general ones in {field}.",
     "{person}认为,在{field}领域,小型专用模型往往胜过通用模型。"),
    ("The rollout begins {future} and will reach all users within {k} weeks.",
     "该功能将于{future}开始推出,并在{k}周内覆盖所有用户。"),
    ("{org} declined to comment on the report.", "{org}拒绝就该报道置评。"),
    ("Independent tests by {role} found the model still invents citations in {pct2} percent of answers.",
     "{role}的独立测试发现,该模型仍有约{pct2}%的回答会编造引用。"),
    ("The deal values {org} at about {money}.", "这笔交易对{org}的估值约为{money}。"),
    ("Training the model took roughly {k} thousand GPUs running for {k2} weeks.",
     "训练该模型大约动用了{k}千块GPU,耗时{k2}周。"),
    ("{person} said {product} had been trained with a mix of human feedback and {data}.",
     "{person}表示,{product}结合人类反馈和{data}进行了训练。"),
    ("In {place}, schools have started to use AI tutors for {cap} homework.",
     "在{place},学校已开始使用人工智能辅导{cap}作业。"),
    ("The debate over {topic} has moved from research labs into boardrooms.",
     "关于{topic}的讨论已从研究实验室走进了董事会。"),
    ("Whether the approach works beyond {field} remains an open question.",
     "这一方法能否推广到{field}之外,仍是一个悬而未决的问题。"),
    ("{org2} responded by cutting the price of its flagship model by half.",
     "{org2}随即将其旗舰模型的价格下调一半。"),
    ("Both companies say they will publish the results of external audits {future}.",
     "两家公司均表示将于{future}公布外部审计结果。"),
    ("The episode shows how quickly {topic} has become a question of {topic2}.",
     "这一事件表明,{topic}已迅速演变为{topic2}问题。"),
    ("{outlet} reported that {org} is in talks to raise {money} from sovereign funds.",
     "据{outlet}报道,{org}正与主权基金洽谈融资{money}。"),
    ("The update also lowers {metric} by {pct} percent, which matters most for {field}.",
     "此次更新还将{metric}降低了{pct}%,这对{field}尤为重要。"),
    ("{person} has repeatedly said that {topic} cannot be left to companies alone.",
     "{person}多次表示,{topic}不能只交给企业自己决定。"),
    ("{cnorg} answered within days with a cheaper model aimed at {field}.",
     "{cnorg}在几天内作出回应,推出了一款面向{field}的更便宜的模型。"),
]
HEADINGS: list[Pair] = [
    ("What {org} announced", "{org}发布了什么"), ("Why {topic} matters", "{topic}为何重要"),
    ("The reaction from {role}", "{role}的反应"), ("What comes next", "下一步"),
    ("Costs and compute", "成本与算力"), ("The view from {place}", "来自{place}的观点"),
    ("Risks and open questions", "风险与悬而未决的问题"), ("Numbers that matter", "关键数字"),
    ("Background", "背景"), ("The competition", "竞争格局"), ("{product} in practice", "{product}的实际应用"),
    ("{topic} and {field}", "{topic}与{field}"), ("Who pays for {topic}", "谁为{topic}买单"),
]
QUOTES: list[Pair] = [
    ("“We are still at the very beginning of {topic},” {person} said.",
     "{person}说:“在{topic}方面,我们仍处在非常早期的阶段。”"),
    ("“No single company should decide how {cap} is used,” said one of the {role}.",
     "一位{role}表示:“任何一家公司都不应单独决定{cap}如何使用。”"),
    ("“The cost curve is bending faster than anyone expected,” {person} told {outlet}.",
     "{person}对{outlet}说:“成本曲线下降的速度超出所有人的预期。”"),
    ("“If we get {topic} wrong, the rest will not matter,” {person} wrote.",
     "{person}写道:“如果我们在{topic}上犯错,其他一切都将无关紧要。”"),
]
LIST_ITEMS: list[Pair] = [
    ("{product}: stronger {cap}", "{product}:{cap}能力更强"),
    ("Price cut of {pct} percent", "价格下调{pct}%"),
    ("Available in {place} first", "率先在{place}上线"),
    ("Weights published for researchers", "向研究人员公开权重"),
    ("New limits on {data}", "对{data}设定新限制"), ("{metric} down by a third", "{metric}下降三分之一"),
    ("Audit by an outside lab {future}", "{future}接受外部实验室审计"),
    ("Support for {k}0 languages", "支持{k}0种语言"), ("Partnership with {org2}", "与{org2}合作"),
]
TITLES: list[Pair] = [
    ("{org} launches {product} update focused on {cap}", "{org}发布侧重{cap}的{product}更新"),
    ("Inside {org}'s push into {field}", "{org}进军{field}领域内幕"),
    ("{topic}: what {role} are watching", "{topic}:{role}在关注什么"),
    ("{org} and {org2} race to cut inference prices", "{org}与{org2}竞相下调推理价格"),
    ("{place} moves to regulate {topic}", "{place}着手监管{topic}"),
    ("Why {product} matters for {field}", "{product}为何对{field}至关重要"),
    ("{person} leaves {org} amid dispute over {topic}", "{person}在{topic}争议中离开{org}"),
    ("{org} raises {money} to expand {topic}", "{org}融资{money}扩展{topic}"),
    ("{person} on {topic} and the limits of {cap}", "{person}谈{topic}与{cap}的局限"),
    ("{product} tops {bench}, but questions remain", "{product}登顶{bench},但疑问犹存"),
    ("{cnorg} bets on {field} as competition heats up", "竞争升温,{cnorg}押注{field}"),
    ("The hidden cost of {topic}: {metric}", "{topic}的隐性成本:{metric}"),
]
SOURCES: list[tuple[str, str]] = [
    ("Xinhua", "https://www.news.cn/tech/"), ("36Kr", "https://36kr.com/p/"), ("Caixin", "https://www.caixin.com/"),
    ("The Atlantic", "https://www.theatlantic.com/technology/"), ("Reuters", "https://www.reuters.com/technology/"),
    ("D1net", "https://www.d1net.com/ai/"), ("IT Home", "https://www.ithome.com/0/"),
    ("The Verge", "https://www.theverge.com/ai/"), ("Sina Tech", "https://tech.sina.com.cn/"),
]

# Junk lines of the kinds the cleaner drops, as they appear in text copied from news pages.
COOKIE_BANNERS: list[list[str]] = [
    ["Customize Consent Preferences",
     "We use cookies to help you navigate efficiently and perform certain functions.",
     "Always Active", "No cookies to display.", "Accept All", "Reject All"],
    ["This website uses cookies to improve your experience. By continuing you agree to our Cookie Policy.",
     "Accept cookies", "Manage preferences"],
    ["本网站使用Cookie以提升您的浏览体验。继续浏览即表示您同意我们的Cookie政策。", "接受", "拒绝"],
]
BREADCRUMBS = ["首页 > 科技 > 人工智能 > 正文", "当前位置/ 首页/ 综合动态/ 正文",
               "Home / News / Technology / AI", "首页 > 资源分享 > 资源分享",
               "Home > Business > Artificial Intelligence", "您的位置:首页 > 科技频道"]
COUNTERS = ["阅读量:{n}", "浏览 {n} 次", "{n} views", "{k}.{k2}k views", "点击:{n}",
            "评论 {k} | 点赞 {n}"]
SHARE_LINES = ["Share", "分享到:微信 微博 QQ空间", "Share on Twitter Share on Facebook", "分享", "Copy link",
               "扫一扫,分享到朋友圈"]
RELATED_HEADERS = ["相关阅读", "Related articles", "推荐阅读", "You may also like", "热门文章", "Read more"]
FOOTERS = ["责任编辑:{editor}", "Copyright © {year} All rights reserved.",
           "版权所有 © {year} 未经授权禁止转载", "Subscribe to our newsletter",
           "免责声明:本文仅代表作者观点,不代表本站立场。", "Back to top"]
EDITORS = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆"]
