"""The report and a chart in a real browser: Chinese drawn, bars to scale, nothing cut, A4 print.

Headless Chromium (Debian's package) is started for each picture with a fresh profile and no
background networking. Screenshots are read with Pillow:

- Chinese is drawn: single characters are compared with a code point no font has (U+0378, drawn
  as a missing-glyph box). 渭 and 南 must differ from the box and from each other. A control run
  with a fontconfig that offers one Latin font proves the comparison sees boxes when they are there.
- Bars: the length of each bar is measured in pixels (partly covered edge pixels count by their
  coverage) and compared with the figures' ratios.
- Nothing is cut: the page is laid out at phone and desktop widths in an iframe, and the browser
  reports any element wider than its box or past the page's edge and any SVG text past its
  picture; the standalone SVG's screenshot has no ink in its last pixels.
- The table picture (--format svg): each cell's text is drawn inside its own cells, in Chromium
  and in rsvg-convert (what most converters use).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops

from pingan_cli.atomic import write_text
from pingan_cli.records.charts import Chart, ChartValue
from pingan_cli.render.htmlreport import render_report
from pingan_cli.render.svgcharts import BAR_COLOUR, FONT_SIZE, PAD, ROW, bar_chart_svg

from .chart_samples import RANKING, REPORT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="chromium is not installed (Debian: apt-get install chromium fonts-wqy-zenhei; "
        ".ci/run installs both)",
    ),
]

BAR_RGB = tuple(int(BAR_COLOUR[i : i + 2], 16) for i in (1, 3, 5))
MISSING_GLYPH = "\u0378"  # unassigned: no font draws it
OTHER_MISSING_GLYPH = "\u0379"


def _chromium(workdir: Path, *args: str, env: dict[str, str] | None = None) -> str:
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=workdir))
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _screenshot(
    workdir: Path, page: Path, width: int, height: int, env: dict[str, str] | None = None
) -> Image.Image:
    handle, name = tempfile.mkstemp(prefix=f"{page.stem}-", suffix=".png", dir=workdir)
    os.close(handle)
    _chromium(
        workdir, f"--screenshot={name}", f"--window-size={width},{height}", page.as_uri(), env=env
    )
    return Image.open(name).convert("RGB")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the module's pages, pictures and browser profiles."""
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="module")
def latin_only(workdir: Path) -> dict[str, str]:
    """An environment whose fontconfig offers one Latin font and no CJK font at all."""
    listed = subprocess.run(
        ["fc-list", ":lang=en", "file"], capture_output=True, text=True, check=True
    ).stdout
    cjk = subprocess.run(
        ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=True
    ).stdout
    latin = sorted(set(listed.splitlines()) - set(cjk.splitlines()))
    if not latin:
        pytest.skip("no font without Chinese is installed, so there is nothing to compare with")
    fonts = workdir / "latin-fonts"
    fonts.mkdir()
    source = Path(latin[0].rstrip(":").strip())
    (fonts / source.name).symlink_to(source)
    config = workdir / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<fontconfig>\n'
        f"<dir>{fonts}</dir>\n<cachedir>{workdir / 'fc-cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


@pytest.fixture(scope="module")
def report_page(workdir: Path) -> Path:
    """The sample report, written as the report command writes it."""
    page = workdir / "report.html"
    write_text(page, render_report(REPORT))
    return page


@pytest.fixture(scope="module")
def report_shot(workdir: Path, report_page: Path) -> Image.Image:
    """The report on a desktop screen, tall enough for the whole page."""
    return _screenshot(workdir, report_page, 1000, 2200)


def _dark(image: Image.Image, below: int = 160) -> Image.Image:
    """A mask of the pixels darker than ``below`` (text, bars, lines)."""
    return image.convert("L").point(lambda v: 255 if v < below else 0)


def _ink(image: Image.Image) -> int:
    return _dark(image).histogram()[255]


def _differing_pixels(a: Image.Image, b: Image.Image) -> int:
    difference = ImageChops.difference(a, b).convert("L")
    return difference.point(lambda v: 255 if v > 20 else 0).histogram()[255]


# --- Chinese is drawn ---------------------------------------------------------------------------


def _glyphs(workdir: Path, env: dict[str, str] | None = None) -> list[Image.Image]:
    """渭, 南 and two missing glyphs, each drawn as the label of a bar chart, cropped."""
    labels = ["渭", "南", MISSING_GLYPH, OTHER_MISSING_GLYPH]
    chart = Chart("", tuple(ChartValue(label, 1) for label in labels))
    page = workdir / "glyphs.svg"
    page.write_text(bar_chart_svg(chart, 200), encoding="utf-8")
    shot = _screenshot(workdir, page, 200, 200, env)
    crops = []
    for row in range(len(labels)):
        baseline = PAD + row * ROW + ROW / 2 + FONT_SIZE / 2 - 2
        box = (PAD - 2, int(baseline - FONT_SIZE - 2), PAD + FONT_SIZE + 4, int(baseline + 5))
        crops.append(shot.crop(box))
    return crops


def test_chinese_is_drawn_not_boxes(workdir: Path) -> None:
    wei, nan, box, other_box = _glyphs(workdir)
    assert _differing_pixels(box, other_box) == 0, "missing glyphs should all be the same box"
    assert _ink(wei) > 30
    assert _differing_pixels(wei, box) > 20, "渭 is drawn as a missing-glyph box"
    assert _differing_pixels(nan, box) > 20, "南 is drawn as a missing-glyph box"
    assert _differing_pixels(wei, nan) > 20, "渭 and 南 look the same: boxes, not glyphs"


def test_the_comparison_sees_boxes_when_no_chinese_font_is_there(
    workdir: Path, latin_only: dict[str, str]
) -> None:
    wei, nan, box, _ = _glyphs(workdir, latin_only)
    assert _differing_pixels(wei, box) == 0
    assert _differing_pixels(nan, box) == 0


def test_the_report_title_is_drawn_in_chinese(
    workdir: Path, report_page: Path, report_shot: Image.Image, latin_only: dict[str, str]
) -> None:
    boxes = _screenshot(workdir, report_page, 1000, 200, latin_only)
    band = (0, 0, 1000, 60)  # the title, 渭南市平安建设 2023
    drawn = report_shot.crop(band)
    assert _ink(drawn) > 1000
    # Drawn with no Chinese font, the title's seven characters are boxes: they must look otherwise.
    assert _differing_pixels(drawn, boxes.crop(band)) > 500


# --- bars to scale ------------------------------------------------------------------------------


def _bars(image: Image.Image) -> list[float]:
    """Lengths in pixels of the bars, top to bottom: runs of bar colour 10 rows tall or more.

    A run is made of pixels of exactly the bar colour; the anti-aliased pixel at each end adds
    its share of bar colour (measured against white), so lengths are good to a tenth of a pixel.
    """
    width, height = image.size
    exact = ImageChops.difference(image, Image.new("RGB", image.size, BAR_RGB)).convert("L")
    mask = exact.point(lambda v: 255 if v < 3 else 0).tobytes()
    pixels = image.load()
    assert pixels is not None

    def share(x: int, y: int) -> float:
        if not 0 <= x < width:
            return 0.0
        p = pixels[x, y]
        assert isinstance(p, tuple)
        shares = [(255 - c) / (255 - b) for c, b in zip(p, BAR_RGB, strict=True)]
        return shares[0] if max(shares) - min(shares) < 0.1 and 0 <= shares[0] <= 1 else 0.0

    rows: list[tuple[int, int, float]] = []
    for y in range(height):
        line = mask[y * width : (y + 1) * width]
        for run in re.finditer(rb"\xff+", line):
            start, end = run.span()
            length = end - start + share(start - 1, y) + share(end, y)
            rows.append((y, start, length))
    bars: list[list[float]] = []
    previous: tuple[int, int, float] | None = None
    for y, start, length in rows:
        same = previous and previous[0] == y - 1 and previous[1] == start
        if same and previous and abs(previous[2] - length) < 0.5:
            bars[-1].append(length)
        else:
            bars.append([length])
        previous = (y, start, length)
    return [sum(b) / len(b) for b in bars if len(b) >= 10]


def test_svg_bars_have_the_right_relative_lengths(workdir: Path) -> None:
    page = workdir / "ranking.svg"
    page.write_text(bar_chart_svg(RANKING, 640), encoding="utf-8")
    bars = _bars(_screenshot(workdir, page, 640, 300))
    values = [f.value for f in RANKING.figures if f.value is not None]
    assert len(bars) == len(values) == 4
    longest = bars[0]
    assert longest > 300
    for bar, value in zip(bars, values, strict=True):
        assert bar == pytest.approx(longest * value / values[0], abs=0.5)


def test_report_bars_have_the_right_relative_lengths(report_shot: Image.Image) -> None:
    bars = _bars(report_shot)
    ranking = [f.value for f in REPORT.rankings[0].figures if f.value is not None]
    trend = [f.value for f in REPORT.trends[0].figures if f.value is not None]
    assert len(bars) == len(ranking) + len(trend)
    for group, values in ((bars[: len(ranking)], ranking), (bars[len(ranking) :], trend)):
        top = max(values)
        longest = max(group)
        for bar, value in zip(group, values, strict=True):
            assert bar == pytest.approx(longest * value / top, abs=0.5)


# --- nothing is cut -----------------------------------------------------------------------------

_PROBE = """
<script>
function cuts(doc, win) {
  const out = [];
  if (doc.documentElement.scrollWidth > win.innerWidth) {
    out.push("page " + doc.documentElement.scrollWidth + " > " + win.innerWidth);
  }
  for (const el of doc.body.querySelectorAll("*")) {
    const style = win.getComputedStyle(el);
    if (style.overflowX !== "visible" && el.scrollWidth > el.clientWidth + 1) {
      out.push("clipped " + el.tagName + ": " + el.textContent.slice(0, 40));
    }
    const box = el.getBoundingClientRect();
    if (box.right > win.innerWidth + 0.5 || box.left < -0.5) {
      out.push("outside " + el.tagName + ": " + el.textContent.slice(0, 40));
    }
  }
  for (const svg of doc.querySelectorAll("svg")) {
    const view = svg.viewBox.baseVal;
    for (const text of svg.querySelectorAll("text")) {
      const b = text.getBBox();
      if (b.x < 0 || b.y < 0 || b.x + b.width > view.width || b.y + b.height > view.height) {
        out.push("svg text " + text.textContent + " " + JSON.stringify([b.x, b.width, view.width]));
      }
    }
  }
  return out;
}
window.addEventListener("load", () => {
  const result = {};
  for (const frame of document.querySelectorAll("iframe")) {
    result[frame.width] = cuts(frame.contentDocument, frame.contentWindow);
  }
  result.svg = cuts(document, window).filter((c) => c.startsWith("svg"));
  document.body.setAttribute("data-cuts", JSON.stringify(result));
});
</script>
"""


def _cuts(workdir: Path, report: str, height: int, charts: str = "") -> Any:
    """What the probe finds cut in the report framed at 360, 390 and 1000 px, and in charts."""
    escaped = html.escape(report, quote=True)
    frames = "".join(
        f'<iframe width="{w}" height="{height}" style="border:0;display:block" '
        f'srcdoc="{escaped}"></iframe>'
        for w in (360, 390, 1000)
    )
    page = workdir / "probe.html"
    page.write_text(
        f"<!DOCTYPE html><html><body style='margin:0'>{frames}{charts}{_PROBE}</body></html>",
        encoding="utf-8",
    )
    dom = _chromium(workdir, "--window-size=1100,900", "--dump-dom", page.as_uri())
    found = re.search(r'data-cuts="([^"]*)"', dom)
    assert found, "the probe did not run"
    return json.loads(html.unescape(found.group(1)))


def test_nothing_is_cut_on_a_phone_or_a_desktop(workdir: Path) -> None:
    charts = "".join(bar_chart_svg(RANKING, w) for w in (240, 320, 640))
    cuts = _cuts(workdir, render_report(REPORT), 4000, charts)
    assert cuts == {"360": [], "390": [], "1000": [], "svg": []}


def test_the_svg_picture_has_a_clear_margin(workdir: Path) -> None:
    svg = bar_chart_svg(RANKING, 320)
    height = int(re.search(r'height="(\d+)"', svg).group(1))  # type: ignore[union-attr]
    page = workdir / "narrow.svg"
    page.write_text(svg, encoding="utf-8")
    shot = _screenshot(workdir, page, 320, height)
    assert _ink(shot.crop((320 - 4, 0, 320, height))) == 0
    assert _ink(shot.crop((0, height - 4, 320, height))) == 0
    assert _ink(shot) > 500


# --- print --------------------------------------------------------------------------------------


def test_the_report_prints_on_a4(workdir: Path, report_page: Path) -> None:
    pdf = workdir / "report.pdf"
    _chromium(workdir, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", report_page.as_uri())
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes
    for width, height in boxes:
        assert float(width) == pytest.approx(595.3, abs=2)  # A4: 210 x 297 mm in points
        assert float(height) == pytest.approx(841.9, abs=2)


# --- the table picture (--format svg) -----------------------------------------------------------


def _cell_boxes(svg: str) -> list[tuple[float, float, float, float]]:
    """Where each cell's text and each rule of a table picture should be: (left, top, right,
    bottom) in pixels, from the cells its x names (svgtables: CELL, LINE)."""
    from xml.etree import ElementTree

    from pingan_cli.render.measure import cell_len
    from pingan_cli.render.svgtables import CELL, LINE

    boxes = []
    for element in ElementTree.fromstring(svg).iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "text":
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            width = cell_len(element.text or "") * CELL
            left = x - width if element.get("text-anchor") == "end" else x
            boxes.append((left, y + 6 - LINE, left + width, y + 6))
        elif tag in ("line", "rect") and element.get("x1", element.get("x")) is not None:
            if tag == "line":
                left, right = float(element.get("x1", 0)), float(element.get("x2", 0))
                top = bottom = float(element.get("y1", 0))
            else:
                left, top = float(element.get("x", 0)), float(element.get("y", 0))
                right = left + float(element.get("width", 0))
                bottom = top + float(element.get("height", 0))
                if element.get("width") == "100%":
                    continue  # the background
            boxes.append((left, top - 2, right, bottom + 2))
    return boxes


def _stray_ink(image: Image.Image, boxes: list[tuple[float, float, float, float]]) -> list[str]:
    """Text drawn outside every cell's box (two pixels' slack), and boxes left empty."""
    light = image.convert("L").point(lambda v: 255 if v > 110 else 0)
    inside = Image.new("L", light.size, 0)
    for left, top, right, bottom in boxes:
        inside.paste(255, (int(left) - 2, int(top), int(right + 0.5) + 2, int(bottom + 0.5) + 1))
    stray = ImageChops.subtract(light, inside)
    found = []
    if stray.getbbox() is not None:
        found.append(f"ink outside the cells, around {stray.getbbox()}")
    for left, top, right, bottom in boxes:
        if (
            right - left >= 8
            and light.crop((int(left), int(top), int(right), int(bottom) + 1)).getbbox() is None
        ):
            found.append(f"nothing drawn in {left, top, right, bottom}")
    return found


def _rsvg(workdir: Path, page: Path) -> Image.Image:
    rsvg = shutil.which("rsvg-convert")
    if rsvg is None:
        pytest.skip("rsvg-convert is not installed (Debian: librsvg2-bin; .ci/run installs it)")
    target = workdir / f"{page.stem}-rsvg.png"
    subprocess.run([rsvg, str(page), "-o", str(target)], check=True, timeout=60)
    return Image.open(target).convert("RGB")


@pytest.mark.parametrize("renderer", ["chromium", "rsvg-convert"])
@pytest.mark.parametrize(
    "command",
    ["compare --year 2023 --width 100", "list -c mediation --width 80", "show baishui --width 60"],
)
def test_table_picture_cells_land_where_they_should(
    workdir: Path, renderer: str, command: str
) -> None:
    """Each cell's text is drawn inside its own cells, in both renderers: rsvg-convert read
    `compare` as n/a2061.54万元 (spaces collapsed) and Chromium's columns drifted after Chinese."""
    from ..helpers import pingan

    result = pingan(f"{command} --format svg")
    assert result.exit_code == 0, result.output
    svg = result.stdout
    page = workdir / f"table-{abs(hash(command))}.svg"
    page.write_text(svg, encoding="utf-8")
    size = re.search(r'width="([0-9.]+)" height="([0-9.]+)"', svg)
    assert size
    width, height = (int(float(v) + 0.5) for v in size.groups())
    if renderer == "chromium":
        shot = _screenshot(workdir, page, width, height)
    else:
        shot = _rsvg(workdir, page)
    assert shot.size == (width, height)
    boxes = _cell_boxes(svg)
    assert len(boxes) > 20
    assert _stray_ink(shot, boxes) == []


def test_the_cell_check_sees_a_row_drawn_as_one_run(workdir: Path) -> None:
    """A picture whose row is one text run (as Rich drew it) fails the check in rsvg-convert."""
    from ..helpers import pingan

    svg = pingan("compare --year 2023 --width 100 --format svg").stdout
    boxes = _cell_boxes(svg)
    row = re.search(r'<text x="16" y="90">渭南市</text>(.*?)<text x="16" y="110">', svg, re.S)
    assert row
    texts = re.findall(r">([^<]+)</text>", row.group(1))
    one_run = f'<text x="91.6" y="90" xml:space="default">{"      ".join(texts)}</text>'
    broken = svg.replace(row.group(1), "\n" + one_run + "\n")
    page = workdir / "one-run.svg"
    page.write_text(broken, encoding="utf-8")
    assert _stray_ink(_rsvg(workdir, page), boxes) != []


# --- the real report of the bundled data (`pingan report`) --------------------------------------


@pytest.fixture(scope="module")
def real_report() -> str:
    """`pingan report` on the bundled data, as a user gets it (the city and its counties)."""
    from ..helpers import pingan

    with tempfile.TemporaryDirectory() as cache:
        result = pingan("report", env={"PINGAN_CACHE_DIR": cache})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def real_report_page(workdir: Path, real_report: str) -> Path:
    """The real report, saved as a page."""
    page = workdir / "real-report.html"
    page.write_text(real_report, encoding="utf-8")
    return page


def test_the_real_report_draws_its_chinese(
    workdir: Path, real_report_page: Path, latin_only: dict[str, str]
) -> None:
    band = (0, 0, 1000, 70)  # the title: 渭南市及所辖县（市、区）平安建设 2023
    drawn = _screenshot(workdir, real_report_page, 1000, 300).crop(band)
    boxes = _screenshot(workdir, real_report_page, 1000, 300, latin_only).crop(band)
    assert _ink(drawn) > 1000
    assert _differing_pixels(drawn, boxes) > 500


def test_the_real_report_bars_have_the_right_relative_lengths(
    workdir: Path, real_report_page: Path
) -> None:
    """The trend of 渭南's satisfaction (96.19%, 98.35%, 98.38%), measured on the screen."""
    import pingan_cli

    with pingan_cli.open(cache=False) as data:
        [trend] = data.trend("weinan", "pingan-satisfaction")
    values = [p.reading.value for p in trend.points]
    shot = _screenshot(workdir, real_report_page, 1000, 9000)
    bars = _bars(shot)
    assert len(bars) == len(values) == 3
    longest = max(bars)
    assert longest > 200
    for bar, value in zip(bars, values, strict=True):
        assert bar == pytest.approx(longest * value / max(values), abs=0.5)


def test_the_real_report_is_not_cut_on_a_phone_or_a_desktop(
    workdir: Path, real_report: str
) -> None:
    cuts = _cuts(workdir, real_report, 12000)
    assert cuts == {"360": [], "390": [], "1000": [], "svg": []}


def test_the_example_svg_bars_are_scaled_to_the_largest(workdir: Path) -> None:
    """docs/examples/compare-2021-satisfaction.svg: one measure, its bars scaled to the largest,
    and a region that does not report it drawn with no bar."""
    import pingan_cli

    svg = (
        Path(__file__).resolve().parents[2] / "docs/examples/compare-2021-satisfaction.svg"
    ).read_text(encoding="utf-8")
    width, height = (int(v) for v in re.search(r'width="(\d+)" height="(\d+)"', svg).groups())  # type: ignore[union-attr]
    page = workdir / "compare-example.svg"
    page.write_text(svg, encoding="utf-8")
    # NOTE: headless Chromium keeps part of a short window for itself: a window of the picture's
    # own 130 px showed only its title, so the window is taller than the picture.
    bars = _bars(_screenshot(workdir, page, width, height + 200))
    with pingan_cli.open(cache=False) as data:
        comparison = data.compare(
            "weinan", "ankang", "baoji", year=2021, indicator=["pingan-satisfaction"]
        )
    [column] = comparison.indicators
    values = [row.indicators[column.id] for row in comparison.rows]
    reported = [v.value for v in values if v is not None]
    assert len(bars) == len(reported) == 2
    longest = max(bars)
    for bar, value in zip(bars, reported, strict=True):
        assert bar == pytest.approx(longest * value / max(reported), abs=0.5)


def test_the_real_report_prints_on_a4(workdir: Path, real_report_page: Path) -> None:
    pdf = workdir / "real-report.pdf"
    _chromium(workdir, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", real_report_page.as_uri())
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert len(boxes) >= 2  # the city's figures alone take more than a page
    for width, height in boxes:
        assert float(width) == pytest.approx(595.3, abs=2)
        assert float(height) == pytest.approx(841.9, abs=2)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_real_report_in_print_cites_each_source_once(workdir: Path, lang: str) -> None:
    """Printed, each source page is linked once (in the numbered list), not in every row: the
    PDF's link annotations name each address once, and the list spells them out."""
    from ..helpers import pingan

    with tempfile.TemporaryDirectory() as cache:
        result = pingan(f"--lang {lang} report", env={"PINGAN_CACHE_DIR": cache})
    assert result.exit_code == 0, result.output
    page = workdir / f"real-report-{lang}.html"
    page.write_text(result.stdout, encoding="utf-8")
    listed = re.findall(r'<li id="source-\d+"><a href="([^"]+)">', result.stdout)
    assert len(listed) >= 5
    pdf = workdir / f"real-report-{lang}.pdf"
    _chromium(workdir, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    linked = [u.decode("latin-1") for u in re.findall(rb"/URI\s*\(([^)]*)\)", pdf.read_bytes())]
    assert sorted(linked) == sorted(listed)


_PRINT_PROBE = """
<script>
window.addEventListener("load", () => {
  const doc = document.querySelector("iframe").contentDocument;
  const out = {marks: 0, broken: [], labels: [], sources: []};
  for (const a of doc.querySelectorAll("a.src")) {
    out.marks += 1;
    if (a.getClientRects().length !== 1) out.broken.push(a.textContent);
  }
  for (const table of doc.querySelectorAll("#profiles table")) {
    const heads = table.querySelectorAll("thead th");
    out.labels.push(heads[0].getBoundingClientRect().width);
    out.sources.push(heads[heads.length - 1].getBoundingClientRect().width);
  }
  document.body.setAttribute("data-print", JSON.stringify(out));
});
</script>
"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_real_report_columns_in_print(workdir: Path, lang: str) -> None:
    """With the print styles, at A4's text width (182 mm, 688 px), the source column holds a
    number a row and leaves the indicators room (the titles and URLs squeezed them to a few
    characters)."""
    from ..helpers import pingan

    with tempfile.TemporaryDirectory() as cache:
        report = pingan(f"--lang {lang} report", env={"PINGAN_CACHE_DIR": cache}).stdout
    printed = report.replace("@media print {", "@media all {")
    frame = html.escape(printed, quote=True)
    page = workdir / f"print-probe-{lang}.html"
    page.write_text(
        "<!DOCTYPE html><html><body style='margin:0'>"
        f'<iframe width="688" height="3000" style="border:0" srcdoc="{frame}"></iframe>'
        f"{_PRINT_PROBE}</body></html>",
        encoding="utf-8",
    )
    dom = _chromium(workdir, "--window-size=800,900", "--dump-dom", page.as_uri())
    found = re.search(r'data-print="([^"]*)"', dom)
    assert found, "the probe did not run"
    measured = json.loads(html.unescape(found.group(1)))
    assert measured["marks"] > 20
    assert measured["broken"] == []
    for source, label in zip(measured["sources"], measured["labels"], strict=True):
        assert source < label / 2  # a number, and the indicator the room
    assert min(measured["labels"]) > 300
