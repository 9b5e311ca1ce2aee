"""The words extraction knows: units, qualifiers, signs, and what is not a figure.

Everything the extractor decides from a word is listed here, so that a reader can see why a
figure was read the way it was, and extend a list when an article uses a word it does not know.
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """The words of a list written with spaces between them."""
    return tuple(text.split())


# Counters and units, as written after a number. Longer units are tried first, so 人次 wins over
# 人 and 平方公里 over 公里. Money is written with 元 (万元 and 亿元 are 元 times a multiplier).
UNITS: tuple[str, ...] = (
    "平方公里",
    "平方千米",
    "平方米",
    "个百分点",
    "百分点",
    "公里",
    "千米",
    "千克",
    "公斤",
    "公顷",
    "人次",
    "辆次",
    "场次",
    "户次",
    "车次",
    "架次",
    "件次",
    "批次",
    "个月",
    "小时",
    "分钟",
    "元",
    "起",
    "件",
    "人",
    "名",
    "户",
    "个",
    "条",
    "次",
    "场",
    "家",
    "所",
    "项",
    "处",
    "份",
    "村",
    "座",
    "支",
    "辆",
    "台",
    "部门",
    "部",
    "轮",
    "期",
    "只",
    "头",
    "批",
    "宗",
    "笔",
    "套",
    "张",
    "本",
    "间",
    "栋",
    "幢",
    "种",
    "篇",
    "枚",
    "把",
    "艘",
    "架",
    "吨",
    "克",
    "亩",
    "米",
    "年",
    "天",
    "周",
    "分",
    "倍",
    "省市",
    "省份",
    "届",
    "成",
    "%",
    "％",
    "‰",
)

# The unit a figure is filed under when the article writes it another way.
UNIT_ALIASES: dict[str, str] = {"％": "%", "个百分点": "百分点", "平方千米": "平方公里"}

# Units that stand for another unit times a factor: 六成 is 60 %.
UNIT_SCALES: dict[str, tuple[str, int]] = {"成": ("%", 10)}
# Units of time: after 来, 内 or 以来 such a figure is a period (三年来, 50天内), not a count.
DURATION_UNITS: frozenset[str] = frozenset({"年", "天", "个月", "周", "小时"})
# Units that make sense only for Arabic numerals: 三年 and 五天 are names of plans and campaigns
# far more often than figures, while 3年 and 5天 are durations.
ARABIC_ONLY_UNITS: frozenset[str] = frozenset(
    {"年", "天", "周", "个月", "小时", "分钟", "分", "米", "届", "省市", "省份"}
)

# Multipliers after a number: 5.2万 is 52000.
MULTIPLIERS: dict[str, int] = {
    "万亿": 10**12,
    "千万": 10**7,
    "百万": 10**6,
    "亿": 10**8,
    "万": 10**4,
    "千": 10**3,
    "百": 10**2,
}

# Qualifiers: a word before the number, between number and unit, or after the unit.
AT_LEAST_BEFORE: tuple[str, ...] = ("超过", "逾", "超")
APPROX_BEFORE: tuple[str, ...] = ("大约", "约", "近", "将近", "接近", "不足", "不到")
AT_LEAST_INSIDE: tuple[str, ...] = ("余", "多")
AT_LEAST_AFTER: tuple[str, ...] = ("以上", "有余")
APPROX_AFTER: tuple[str, ...] = ("左右", "上下")
# Farther before the number, still in its clause: 约占全市案件的35% is about 35%.
APPROX_IN_CLAUSE: tuple[str, ...] = ("约占",)

# Verbs that make a figure a change, and its sign. 至 or 到 after the verb makes it a level again:
# 下降至5% is where it ended, not by how much.
FALLING: tuple[str, ...] = (
    "缩短",
    "缩小",
    "减幅",
    "降幅达到",
    "降幅达",
    "降幅为",
    "降幅",
    "下降",
    "减少",
    "降低",
    "下滑",
    "回落",
    "缩减",
    "压降",
    "减",
    "降",
)
RISING: tuple[str, ...] = (
    "升幅",
    "增幅达到",
    "增幅达",
    "增幅为",
    "增幅",
    "涨幅达",
    "涨幅为",
    "涨幅",
    "上升",
    "增长",
    "提高",
    "增加",
    "提升",
    "上涨",
    "攀升",
    "拉升",
    "增",
    "升",
)
# Words that may stand between a change verb and its number.
AFTER_VERB: tuple[str, ...] = ("了",)
# Before a change verb, kept in as_written: 同比下降10.6%.
COMPARATORS: tuple[str, ...] = ("同比", "环比")
# 到 and 至 after a verb: the number is the level reached.
TO_WORDS: tuple[str, ...] = ("到", "至", "为")
# Before a change verb: the verb is part of a noun. 新增120起 is a level, 120 new ones.
NOT_CHANGE_BEFORE: tuple[str, ...] = ("新",)

# Before a number: it is not a figure. 第一 is an ordinal; 每10万人 is a rate's base.
NOT_BEFORE: tuple[str, ...] = ("第", "每", "No.", "NO.", "No", "№", "编号", "序号", "代码", "尾号")
# A label before a number: the number is an address, not a figure.
CONTACT_LABELS: tuple[str, ...] = (
    "电话",
    "热线",
    "传真",
    "手机",
    "邮编",
    "邮箱",
    "QQ",
    "微信",
    "备案",
    "标识码",
    "ICP",
    "公网安备",
    "证号",
    "许可证",
    "号码",
    "地址",
)
# After number and unit: the number names a meeting or a congress (六届四次全会), not a count.
MEETING_AFTER: tuple[str, ...] = ("全会", "中全会", "会议", "代表大会", "党代会")
# After a duration: it is a period (三年来, 近5年以来, 50天内), not a figure.
PERIOD_AFTER: tuple[str, ...] = (
    "来",
    "以来",
    "间",
    "内",
    "期间",
    "中",
    "底",
    "初",
    "末",
    "前",
    "共",
    "累计",
    "里",
)
# Before a duration: it is an interval, not a figure (全国公安工作会议时隔5年再次召开).
PERIOD_BEFORE: tuple[str, ...] = ("近", "过去", "这", "前", "未来", "后", "时隔", "相隔", "间隔")
# After a figure: it is part of a name (24小时报料热线) or a deadline (15个工作日内).
NAME_AFTER: tuple[str, ...] = ("热线", "报料", "值班", "服务热线", "工作日", "不间断")
# After 以上: the figure is a threshold that defines a category, not a count.
THRESHOLD_AFTER: tuple[str, ...] = (
    "命案",
    "积案",
    "较大",
    "重大",
    "特大",
    "案",
    "团伙",
    "人员",
    "犯罪",
    "企业",
    "项目",
    "的案",
    "的积案",
    "的团伙",
    "的人员",
    "的犯罪",
)

# After a Chinese numeral and its counter: the words name the parts of a report or a programme
# (四个方面18项举措, 报告用八个部分), not a count of things done.
NAME_PARTS_AFTER: tuple[str, ...] = ("方面", "部分", "大类", "环节", "步")
# Counters that after a Chinese numeral name a set of measures: 四项管理, 五项制度.
NAME_COUNTERS: frozenset[str] = frozenset({"项"})
# After a figure with 周: an anniversary (成立70周年), not weeks.
ANNIVERSARY_AFTER: tuple[str, ...] = ("年",)

# Slogans and names built on numerals: 两个维护 names a principle, it counts nothing.
NAME_NUMERALS: tuple[str, ...] = (
    "两个确立",
    "两个维护",
    "两个结合",
    "三个代表",
    "四个意识",
    "四个自信",
    "四个全面",
    "五位一体",
    "八项规定",
    "两学一做",
    "三会一课",
    "三大攻坚战",
    "两个一百年",
    "三个务必",
    "四个不摘",
    "两不愁三保障",
    "两包一解",
    "三项制度",
    "四条战线",
)

# Words that place a figure nowhere in particular: 全国 is national; the others stand for the
# province, city, prefecture, district or county the article names before them, the nearest
# whose name ends as they say (全市: a 市, county-level cities such as 华阴市 included).
NATIONAL: tuple[str, ...] = ("全国", "我国")
WHOLE_PROVINCE: tuple[str, ...] = ("全省", "我省", "本省", "该省", "全疆")
WHOLE_CITY: tuple[str, ...] = ("全市", "我市", "本市", "该市")
WHOLE_PREFECTURE: tuple[str, ...] = ("全州", "我州", "本州", "该州")
WHOLE_DISTRICT: tuple[str, ...] = ("全区", "我区", "本区", "该区")
WHOLE_COUNTY: tuple[str, ...] = ("全县", "我县", "本县", "该县")
# Bodies that speak for a whole: 公安部's figures are national, 省公安厅's the province's.
NATIONAL_BODIES: tuple[str, ...] = (
    "公安部",
    "最高人民检察院",
    "最高检",
    "最高人民法院",
    "最高法",
    "国家反诈中心",
    "国务院",
    "中央政法委",
    "司法部",
    "国家禁毒委",
    "国家禁毒办",
    "国家移民管理局",
    "应急管理部",
)
PROVINCE_BODIES: tuple[str, ...] = (
    "省公安厅",
    "省委政法委",
    "省人民检察院",
    "省检察院",
    "省高级人民法院",
    "省高院",
    "省扫黑办",
    "省政府",
    "省委",
)
CITY_BODIES: tuple[str, ...] = (
    "市公安局",
    "市委政法委",
    "市人民检察院",
    "市检察院",
    "市中级人民法院",
    "市中院",
    "市反诈中心",
    "市政府",
    "市委",
)
DISTRICT_BODIES: tuple[str, ...] = ("区公安分局", "区人民检察院", "区人民法院", "区委", "区政府")
COUNTY_BODIES: tuple[str, ...] = ("县公安局", "县人民检察院", "县人民法院", "县委", "县政府")
# Words that hold a body's or a place's name but are neither, matched as whole words so that the
# place inside is not: 公安部门 is any police department, 示范县 holds no 范县, 长治久安 no 长治.
NOT_PLACE_WORDS: tuple[str, ...] = (
    "公安部门",
    "省市",
    "市县",
    "县市",
    "市区县",
    "区县",
    "县区",
    "市州",
    "示范县",
    "示范区",
    "示范市",
    "长治久安",
    "沿海城市",
    "东方之珠",
    "江南水乡",
)
# After a place's name: its last character starts another word, and the name is the shorter one
# (渭南市场监管局 is 渭南 and 市场; 东方市场 names no 东方市).
NOT_AFTER_PLACE: tuple[str, ...] = ("市场",)
# A place right after one of these is compared with, or is where something happened; the
# figure is not its own: 低于全国平均水平, 在全省率先.
NOT_SUBJECT_BEFORE: tuple[str, ...] = (
    "在",
    "于",
    "低于",
    "高于",
    "位居",
    "居",
    "列",
    "赴",
    "到",
    "前往",
    "来自",
    "与",
    "和",
    "及",
    "比",
    "较",
    "向",
    "对",
    "受",
    "被",
    "隶属",
    "地处",
    "位于",
    "毗邻",
    "紧邻",
    "邻",
    "接壤",
)
# Gazetteer names that are also ordinary words or too general to mean a place.
NOT_PLACES: frozenset[str] = frozenset(
    {"城区", "郊区", "矿区", "东区", "西区", "南区", "北区", "市辖区", "县", "平安区", "新区"}
)

# A speaker's words end with one of these: “……”某某说.
SAID: tuple[str, ...] = ("说", "表示", "介绍", "告诉记者", "称", "指出")

# County names whose stem is an ordinary word: 公安县 is a county, but 公安 alone is the police.
# Such a stem is never read as the county's short name, even in an article that names the county
# in full. (Stems that jieba's dictionary tags as verbs, adjectives, directions, numerals or
# common nouns, picked by hand.)
COMMON_STEMS: frozenset[str] = frozenset(
    words(
        "公安 东方 东风 光明 前进 前锋 友好 合作 和平 复兴 安定 宏伟 富裕 工农 平安 平定 "
        "平和 振兴 新兴 比如 解放 延长 清新 港口 南部 南岸 城中 城北 城关 城区 大同 大方 "
        "大观 万年 三元 二七 二道 资源 运河 莲花 石门 芙蓉 中方 台前 安居 开化 洞口 清水 "
        "长子 名山 市北 市南 路北 路南 江岸 天元 大名 新华 红旗 向阳 胜利 长安 铁西 铁东 "
        "河东 河西 桥东 桥西 永安 太平 安宁 文明 共和 白云 金山 青山 南山 北山 东山 西山 "
        "中山 海城 新城 老城 团结 建设 和顺 兴业 永和 通化 "
    )
)
