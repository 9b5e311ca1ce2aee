"""Generate a synthetic national-scale dataset in pingan's own format, deterministically.

The dataset has a YAML file (sources, 31 provinces, about 333 cities and 2,850 county-level
divisions with 6-digit codes, 50 indicators, a few designations) and names a CSV file of bulk
observations under ``observation_files``. The same seed and sizes always give the same bytes.

    python benchmarks/generate.py --observations 1000000 --out benchmarks/out/1m

The figures are invented: they only have the shape of real ones.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

YEARS = tuple(range(2017, 2024))
DEFAULT_SOURCE = "synthetic-national-survey"

# Provincial-level codes of GB/T 2260, with pinyin and Chinese names.
PROVINCES = (
    ("11", "beijing", "北京市"),
    ("12", "tianjin", "天津市"),
    ("13", "hebei", "河北省"),
    ("14", "shanxi", "山西省"),
    ("15", "neimenggu", "内蒙古自治区"),
    ("21", "liaoning", "辽宁省"),
    ("22", "jilin", "吉林省"),
    ("23", "heilongjiang", "黑龙江省"),
    ("31", "shanghai", "上海市"),
    ("32", "jiangsu", "江苏省"),
    ("33", "zhejiang", "浙江省"),
    ("34", "anhui", "安徽省"),
    ("35", "fujian", "福建省"),
    ("36", "jiangxi", "江西省"),
    ("37", "shandong", "山东省"),
    ("41", "henan", "河南省"),
    ("42", "hubei", "湖北省"),
    ("43", "hunan", "湖南省"),
    ("44", "guangdong", "广东省"),
    ("45", "guangxi", "广西壮族自治区"),
    ("46", "hainan", "海南省"),
    ("50", "chongqing", "重庆市"),
    ("51", "sichuan", "四川省"),
    ("52", "guizhou", "贵州省"),
    ("53", "yunnan", "云南省"),
    ("54", "xizang", "西藏自治区"),
    ("61", "shaanxi", "陕西省"),
    ("62", "gansu", "甘肃省"),
    ("63", "qinghai", "青海省"),
    ("64", "ningxia", "宁夏回族自治区"),
    ("65", "xinjiang", "新疆维吾尔自治区"),
)

# Characters common in Chinese place names, with their pinyin (tones dropped).
SYLLABLES = (
    "安an 平ping 富fu 华hua 阳yang 山shan 河he 江jiang 城cheng 宁ning 长chang 兴xing 德de "
    "丰feng 泉quan 林lin 水shui 清qing 临lin 南nan 北bei 东dong 西xi 新xin 永yong 定ding "
    "和he 嘉jia 吉ji 庆qing 乐le 龙long 凤feng 金jin 玉yu 宝bao 石shi 云yun 海hai 湖hu "
    "溪xi 峰feng 岭ling 川chuan 州zhou 昌chang 顺shun 太tai 康kang 泰tai 武wu 文wen 明ming "
    "信xin 义yi 仁ren 广guang 源yuan 通tong 汉han 沙sha 黄huang 白bai 青qing 红hong 桃tao "
    "梅mei 松song 柏bai 杨yang 柳liu 荣rong 盛sheng 隆long 恒heng 远yuan 高gao 洛luo 渭wei "
    "泾jing 潼tong 蒲pu 澄cheng 合he 韩han 汝ru 沁qin 沂yi 淮huai 济ji 滨bin 浦pu 湘xiang "
    "鄂e 桂gui 岳yue 衡heng 蓝lan 商shang 宜yi 延yan 榆yu 靖jing 怀huai 化hua 会hui 开kai"
)

# Indicators: id stem, Chinese name, English name, unit, category, typical size.
LEVELS = (
    ("criminal-cases", "刑事案件立案数", "Criminal cases filed", "件", "cases", 3000),
    ("public-order-cases", "治安案件查处数", "Public-order cases handled", "件", "cases", 5000),
    ("fraud-cases", "电信网络诈骗案件数", "Telecom and online fraud cases", "件", "fraud", 800),
    ("fraud-losses-recovered", "挽回诈骗损失", "Fraud losses recovered", "元", "fraud", 5e6),
    ("gangs-broken", "打掉涉黑涉恶团伙数", "Criminal gangs broken up", "个", "organised_crime", 12),
    ("patrol-hours", "巡逻防控时长", "Patrol hours", "小时", "patrol_prevention", 40000),
    (
        "cameras",
        "公共视频监控点位数",
        "Public video surveillance points",
        "个",
        "infrastructure",
        9000,
    ),
    ("disputes-resolved", "化解矛盾纠纷件数", "Disputes resolved", "件", "mediation", 4000),
    ("mediators", "人民调解员人数", "People's mediators", "人", "mediation", 1500),
    ("grid-workers", "网格员人数", "Grid workers", "人", "grassroots_governance", 2500),
    ("grids", "网格数", "Grids", "个", "grassroots_governance", 1200),
    (
        "police-home-visits",
        "民警入户走访户数",
        "Households visited by police",
        "户",
        "community_policing",
        50000,
    ),
    (
        "police-village-stays",
        "民警驻村人次",
        "Police village stays",
        "人次",
        "community_policing",
        3000,
    ),
    ("firms-served", "服务企业数", "Businesses served", "家", "business_environment", 600),
    ("leaflets", "发放宣传资料份数", "Publicity leaflets distributed", "份", "publicity", 60000),
    ("publicity-events", "集中宣传活动场次", "Publicity events held", "场次", "publicity", 300),
    ("reform-pilots", "改革试点项目数", "Reform pilot projects", "个", "reform", 8),
    (
        "civil-cases",
        "一审民商事案件数",
        "First-instance civil cases",
        "件",
        "courts_procuratorate",
        7000,
    ),
    ("prosecutions", "提起公诉人数", "People prosecuted", "人", "courts_procuratorate", 900),
    (
        "police-offices",
        "村(社区)警务室数",
        "Village (community) police offices",
        "个",
        "infrastructure",
        250,
    ),
    ("fire-stations", "小型消防站数", "Small fire stations", "个", "infrastructure", 40),
    ("drug-cases", "毒品案件数", "Drug cases", "件", "cases", 120),
    ("traffic-deaths", "道路交通事故死亡人数", "Road traffic deaths", "人", "cases", 60),
    ("letters-visits", "信访事项办结数", "Petitions settled", "件", "mediation", 1800),
    ("volunteers", "平安志愿者人数", "Ping'an volunteers", "人", "grassroots_governance", 20000),
)


@dataclass(frozen=True)
class Region:
    """A generated region: what the YAML says about it."""

    id: str
    name_zh: str
    name_en: str
    base_zh: str
    base_en: str
    level: str
    parent: str | None
    code: str


def _syllables() -> list[tuple[str, str]]:
    return [(item[0], item[1:]) for item in SYLLABLES.split()]


def _names(rng: random.Random, count: int) -> Iterator[tuple[str, str]]:
    """Distinct two-character names with their pinyin, in a seeded order."""
    table = _syllables()
    taken = {py for _code, py, _zh in PROVINCES}
    pairs = []
    # NOTE: one pair per spelling, so that ids and English names never collide (汝义/如意).
    for a in table:
        for b in table:
            if a[0] != b[0] and a[1] + b[1] not in taken:
                taken.add(a[1] + b[1])
                pairs.append((a, b))
    rng.shuffle(pairs)
    if count > len(pairs):
        raise SystemExit(f"cannot name {count} regions: at most {len(pairs)}")
    for (zh1, py1), (zh2, py2) in pairs[:count]:
        yield zh1 + zh2, py1 + py2


def _split(rng: random.Random, total: int, parts: int, most: int) -> list[int]:
    """total as `parts` positive counts of at most `most`, unevenly, deterministically."""
    if parts * most < total or total < parts:
        raise SystemExit(f"cannot split {total} into {parts} parts of 1..{most}")
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [max(1, min(most, int(w * scale))) for w in weights]
    index = 0
    while sum(counts) != total:
        step = 1 if sum(counts) < total else -1
        if 1 <= counts[index] + step <= most:
            counts[index] += step
        index = (index + 1) % parts
    return counts


def make_regions(rng: random.Random, cities: int, counties: int) -> list[Region]:
    """Provinces, then each city followed by its county-level divisions, with GB/T 2260 codes."""
    names = _names(rng, cities + counties)
    out: list[Region] = []
    provinces = [
        Region(py, zh, py.title(), zh, py.title(), "province", None, code)
        # Small test datasets keep as many provinces as they have cities (Shaanxi, 61, first).
        for code, py, zh in sorted(PROVINCES, key=lambda p: p[0] != "61")[:cities]
    ]
    provinces.sort(key=lambda p: p.code)
    cities_per = _split(rng, cities, len(provinces), 40)
    counties_per = _split(rng, counties, cities, 60)
    city_index = 0
    for province, city_count in zip(provinces, cities_per, strict=True):
        prefix = province.code
        out.append(
            Region(
                province.id,
                province.name_zh,
                province.name_en,
                "",
                "",
                "province",
                None,
                f"{prefix}0000",
            )
        )
        for c in range(city_count):
            zh, py = next(names)
            city_code = f"{prefix}{c + 1:02d}00"
            city = Region(
                py,
                zh + "市",
                f"{py.title()} City",
                zh,
                py.title(),
                "city",
                province.id,
                city_code,
            )
            out.append(city)
            county_count = counties_per[city_index]
            city_index += 1
            districts = rng.randint(1, max(1, min(18, county_count // 3)))
            county_cities = rng.randint(0, max(0, (county_count - districts) // 4))
            for k in range(county_count):
                zh, py = next(names)
                if k < districts:
                    suffix, english, number = "区", "District", 2 + k
                elif k >= county_count - county_cities:
                    suffix, english, number = "市", "City", 81 + k - (county_count - county_cities)
                else:
                    suffix, english, number = "县", "County", 21 + k - districts
                code = f"{city_code[:4]}{number:02d}"
                out.append(
                    Region(
                        py,
                        zh + suffix,
                        f"{py.title()} {english}",
                        zh,
                        py.title(),
                        "county",
                        city.id,
                        code,
                    )
                )
    if len({r.id for r in out}) != len(out):
        raise SystemExit("generated region ids collide")
    return out


def make_indicators(count: int) -> list[dict[str, Any]]:
    """`count` indicators: levels first, then year-on-year changes of the same measures."""
    out: list[dict[str, Any]] = []
    for stem, zh, en, unit, category, _size in LEVELS:
        out.append(
            {
                "id": stem,
                "name_zh": zh,
                "name_en": en,
                "unit": unit,
                "category": category,
                "kind": "level",
                "definition": f"{en} in the year (synthetic benchmark figure).",
            }
        )
    for stem, zh, en, _unit, category, _size in LEVELS:
        out.append(
            {
                "id": f"{stem}-change",
                "name_zh": f"{zh}同比变化",
                "name_en": f"{en}, change on the year before",
                "unit": "%",
                "category": category,
                "kind": "change",
                "definition": f"Year-on-year change of: {en} (synthetic benchmark figure).",
            }
        )
    if count > len(out):
        raise SystemExit(f"at most {len(out)} indicators")
    return out[:count]


def _wan(value: int) -> str:
    return f"{value / 10000:.1f}".rstrip("0").rstrip(".") + "万"


def observation_rows(
    rng: random.Random,
    regions: list[Region],
    indicators: list[dict[str, Any]],
    years: tuple[int, ...],
    count: int,
) -> Iterator[list[str]]:
    """`count` distinct (region, indicator, year) figures of cities and counties, sorted.

    The figures the benchmark asks for are there at every size: every figure of the first city
    and its counties, and the first indicator for every region and year. So a warm query returns
    the same answer from 100k as from 1M rows, and its time shows only the cost of the size.
    The rest are drawn at random from the other region-indicator-years.
    """
    reporting = [r for r in regions if r.level in ("city", "county")]
    per_region = len(indicators) * len(years)
    grid = len(reporting) * per_region
    if count > grid:
        raise SystemExit(f"{count} observations do not fit {grid} region-indicator-years")
    city = next(r.id for r in reporting if r.level == "city")
    probes = {
        n * per_region + k
        for n, r in enumerate(reporting)
        if city in (r.id, r.parent)
        for k in range(per_region)
    }
    probes.update(n * per_region + y for n in range(len(reporting)) for y in range(len(years)))
    if len(probes) * 2 > count:
        probes = set()  # too few figures to spare: all at random
    rest = [cell for cell in range(grid) if cell not in probes]
    cells = sorted(probes.union(rng.sample(rest, count - len(probes))))
    sizes = {stem: size for stem, _zh, _en, _unit, _cat, size in LEVELS}
    for cell in cells:
        region = reporting[cell // per_region]
        indicator = indicators[(cell % per_region) // len(years)]
        year = years[cell % len(years)]
        unit = indicator["unit"]
        qualifier = ""
        as_written = ""
        if indicator["kind"] == "change":
            value: int | float = round(rng.uniform(-40.0, 40.0), 1)
            as_written = (
                f"{'增长' if value >= 0 else '下降'}{abs(value)}%" if rng.random() < 0.3 else ""
            )
        else:
            size = sizes[indicator["id"]] * (3 if region.level == "city" else 1)
            value = max(0, int(rng.lognormvariate(0, 0.6) * size))
            roll = rng.random()
            if roll < 0.10 and value >= 10000:
                value = round(value, -3)
                qualifier, as_written = "at_least", f"{_wan(value)}余{unit}"
            elif roll < 0.15:
                qualifier, as_written = "approx", f"{value}{unit}左右"
            elif roll < 0.45:
                qualifier = "exact"
        source = f"yearbook-{year}" if rng.random() < 0.7 else ""
        quote = ""
        if rng.random() < 0.2:
            shown = as_written or f"{value}{unit}"
            quote = f"{region.name_zh}{year}年{indicator['name_zh']}“{shown}”，较上年有所变化"
        note = "Synthetic figure, for benchmarks only." if rng.random() < 0.02 else ""
        yield [
            region.id,
            indicator["id"],
            str(year),
            str(value),
            unit,
            qualifier,
            as_written,
            source,
            quote,
            note,
        ]


def make_designations(rng: random.Random, regions: list[Region]) -> list[dict[str, Any]]:
    """A national partial list per recent year, and one complete provincial list."""
    counties = [r for r in regions if r.level == "county"]
    out: list[dict[str, Any]] = []
    for year in YEARS[-3:]:
        chosen = rng.sample(counties, min(len(counties), max(1, len(counties) // 15)))
        chosen.sort(key=counties.index)
        out.append(
            {
                "id": f"national-safe-county-{year}",
                "title_zh": f"{year}年度全国平安县(市、区)",
                "title_en": f"National Safe County of the Year {year}",
                "year": year,
                "level": "national",
                "recipients": [r.id for r in chosen],
                "total": len(chosen) + 25,
                "complete": False,
                "source": f"yearbook-{year}",
                "quote": f"{'、'.join(r.name_zh for r in chosen[:3])}等{len(chosen) + 25}个县"
                f"(市、区)被命名为“{year}年度全国平安县(市、区)”",
            }
        )
    shaanxi = {r.id for r in regions if r.code.startswith("61") and r.level == "city"}
    within = [r for r in counties if r.parent in shaanxi]
    if within:
        chosen = rng.sample(within, max(1, len(within) // 3))
        chosen.sort(key=within.index)
        year = YEARS[-1]
        out.append(
            {
                "id": f"shaanxi-safe-county-{year}",
                "title_zh": f"{year}年度平安县(市、区)",
                "title_en": f"Safe County of the Year {year} (Shaanxi)",
                "year": year,
                "level": "provincial",
                "scope": "shaanxi",
                "recipients": [r.id for r in chosen],
                "total": len(chosen),
                "complete": True,
                "source": f"yearbook-{year}",
                "quote": f"{len(chosen)}个县(市、区)被命名为“{year}年度平安县(市、区)”",
            }
        )
    return out


def generate(
    out: Path,
    observations: int,
    seed: int = 20240321,
    cities: int = 333,
    counties: int = 2850,
    indicators: int = 50,
) -> Path:
    """Write dataset.yaml and observations.csv into `out`; return the YAML file's path."""
    rng = random.Random(seed)
    regions = make_regions(rng, cities, counties)
    catalogue = make_indicators(indicators)
    sources: list[dict[str, Any]] = [
        {
            "id": DEFAULT_SOURCE,
            "title": "全国平安建设统计(合成数据)",
            "publisher": "pingan benchmarks",
            "url": "https://example.org/pingan/synthetic",
            "language": "zh",
            "note": "Invented figures with the shape of real ones, for benchmarks only.",
        }
    ]
    for year in YEARS:
        sources.append(
            {
                "id": f"yearbook-{year}",
                "title": f"{year}年平安建设统计年鉴(合成数据)",
                "publisher": "pingan benchmarks",
                "url": f"https://example.org/pingan/yearbook/{year}",
                "published": f"{year + 1}-03",
                "authors": ["合成数据"],
            }
        )
    region_items: list[dict[str, Any]] = []
    for r in regions:
        item: dict[str, Any] = {
            "id": r.id,
            "name_zh": r.name_zh,
            "name_en": r.name_en,
            "aliases": [r.base_zh, r.base_en] if r.level != "province" else [],
            "level": r.level,
            "parent": r.parent,
            "code": r.code,
        }
        region_items.append(item)
    dataset = {
        "format": 1,
        "sources": sources,
        "regions": region_items,
        "indicators": catalogue,
        "observation_files": [{"path": "observations.csv", "source": DEFAULT_SOURCE}],
        "designations": make_designations(rng, regions),
    }
    out.mkdir(parents=True, exist_ok=True)
    yaml_path = out / "dataset.yaml"
    header = (
        f"# Synthetic pingan dataset: {len(regions)} regions, {len(catalogue)} indicators, "
        f"{observations} observations (seed {seed}).\n# Generated by benchmarks/generate.py; "
        "the figures are invented.\n"
    )
    body = yaml.safe_dump(dataset, allow_unicode=True, sort_keys=False, width=100)
    yaml_path.write_text(header + body, encoding="utf-8")
    with open(out / "observations.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            [
                "region",
                "indicator",
                "period",
                "value",
                "unit",
                "qualifier",
                "as_written",
                "source",
                "quote",
                "note",
            ]
        )
        writer.writerows(observation_rows(rng, regions, catalogue, YEARS, observations))
    return yaml_path


def main(argv: list[str] | None = None) -> None:
    """Command line: sizes, seed and output folder."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--observations", type=int, default=100_000, help="bulk CSV rows")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=20240321)
    parser.add_argument("--cities", type=int, default=333)
    parser.add_argument("--counties", type=int, default=2850)
    parser.add_argument("--indicators", type=int, default=50)
    args = parser.parse_args(argv)
    path = generate(
        args.out, args.observations, args.seed, args.cities, args.counties, args.indicators
    )
    print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
