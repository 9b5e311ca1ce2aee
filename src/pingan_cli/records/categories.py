"""What each indicator category is called, in Chinese and English: the one place names are kept.

The ids are models.Category's (a test keeps the two in step); this module imports nothing, so
the command line can list the categories in --help and completion without loading the models.
"""

from __future__ import annotations

# id -> (Chinese name, English name)
CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "cases": ("案件", "Cases"),
    "fraud": ("电信网络诈骗", "Telecom and online fraud"),
    "organised_crime": ("扫黑除恶", "Organised crime"),
    "patrol_prevention": ("治安防控", "Patrols and crime prevention"),
    "mediation": ("矛盾纠纷调解", "Dispute mediation"),
    "grassroots_governance": ("基层治理", "Grassroots governance"),
    "community_policing": ("社区警务", "Community policing"),
    "business_environment": ("营商环境", "Business environment"),
    "publicity": ("宣传", "Publicity"),
    "reform": ("改革", "Reform"),
    "courts_procuratorate": ("法院检察院", "Courts and procuratorate"),
    "infrastructure": ("基础设施", "Infrastructure"),
    "satisfaction": ("群众满意度", "Public satisfaction"),
    "assessment": ("考核评价", "Assessment"),
    "traffic": ("交通安全", "Traffic safety"),
}


def category_name(category: str, lang: str) -> str:
    """A category's display name in a language (its id if it has none)."""
    zh, en = CATEGORY_NAMES.get(category, (category, category))
    return en if lang == "en" else zh


def _folded(text: str) -> str:
    return "".join(text.split()).replace("_", "").replace("-", "").casefold()


def category_matches(text: str) -> list[str]:
    """The ids of the categories text names: by id or name, exactly, else as part of a name."""
    wanted = _folded(text)
    if not wanted:
        return []
    names = {
        cid: (_folded(cid), _folded(zh), _folded(en)) for cid, (zh, en) in CATEGORY_NAMES.items()
    }
    exact = [cid for cid, forms in names.items() if wanted in forms]
    if exact:
        return exact
    return [cid for cid, forms in names.items() if any(wanted in form for form in forms)]
