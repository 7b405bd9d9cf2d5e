"""A PNG sets each run of a line in a face that has it: Latin letters and digits in the chart's DejaVu Sans
beside a Chinese or Japanese name, where resvg had set the whole line in the CJK face (a serif) once one
character needed it. Held to an independent truth: the Latin run is drawn pixel for pixel as DejaVu Sans
draws it alone, and a mixed line stays inside the width the chart measured for it."""

from __future__ import annotations

import re
import warnings

import pytest

from test_chart_png_text import grey_rows
from whipcount.charts import hemicycle, render_timeline
from whipcount.charts.svg import FONT
from whipcount.charts.textwidth import text_width
from whipcount.io.scenario import load_scenario

pytest.importorskip("resvg_py")
from whipcount.charts.fontruns import per_run  # noqa: E402
from whipcount.charts.raster import MissingGlyphsWarning, to_png  # noqa: E402


def _line(body: str, *, family: str = FONT, size: float = 30, x: float = 10, anchor: str = "start",
          weight: str = "400") -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 60" font-family="{family}">'
            f'<text x="{x}" y="42" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}">{body}</text></svg>')


def _drawn(svg: str) -> list[list[int]]:
    with warnings.catch_warnings(record=True) as told:
        warnings.simplefilter("always")
        rows = grey_rows(to_png(svg, scale=1))
    if any(issubclass(w.category, MissingGlyphsWarning) for w in told):
        pytest.skip("no CJK face on this machine")
    return rows


def _ink_columns(rows: list[list[int]]) -> list[int]:
    return [x for x in range(len(rows[0])) if any(row[x] < 200 for row in rows)]


@pytest.mark.parametrize(("latin", "rest", "weight"), [
    ("Komeito ", "公明党", "400"), ("PM ", "李伟 (LDP)", "400"), ("2024 ", "自民党", "700"), ("Minjoo ", "더불어민주당", "400"),
])
def test_the_latin_run_of_a_mixed_line_is_drawn_as_dejavu_sans_draws_it_alone(latin: str, rest: str,
                                                                                weight: str) -> None:
    mixed = _drawn(_line(latin + rest, weight=weight))
    alone = _drawn(_line(latin.strip(), family="DejaVu Sans", weight=weight))
    # the columns the Latin run covers when drawn alone, with the one after it (its last letter's edge)
    cols = _ink_columns(alone)
    assert cols
    assert all(mixed[y][x] == alone[y][x] for y in range(len(alone)) for x in range(cols[-1] + 2))


@pytest.mark.parametrize("anchor", ["start", "middle", "end"])
def test_a_mixed_line_stays_within_the_width_the_chart_measured(anchor: str) -> None:
    body, size, x = "公明党 Komeito 123 李伟", 24, 300
    width = text_width(body, size)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    cols = _ink_columns(_drawn(_line(body, size=size, x=x, anchor=anchor)))
    assert left - 1 <= cols[0] and cols[-1] <= left + width + 1
    assert cols[-1] - cols[0] > 0.8 * width  # all of it drawn, none of it lost


def test_the_digits_after_a_cjk_run_are_drawn_as_dejavu_sans_draws_them() -> None:
    size = 30
    mixed = _drawn(_line("公明党 123", size=size))
    start = 10 + text_width("公明党", size)  # where the chart measured the run after the name to begin
    alone = _drawn(_line("\u00a0123", family="DejaVu Sans", size=size, x=start))  # a space kept at its start
    cols = _ink_columns(alone)
    assert all(mixed[y][x] == alone[y][x] for y in range(len(alone)) for x in range(cols[0] - 1, len(alone[0])))


@pytest.mark.parametrize("kind", ["hemicycle", "timeline"])
def test_every_text_of_a_chart_is_cut_into_runs(kind: str) -> None:
    scenario = load_scenario("jp-hr-2024")
    svg = hemicycle(scenario).svg if kind == "hemicycle" else render_timeline(scenario)
    marked = re.sub(r"(<text\b[^>]*>)", r"\g<1>公明 ", svg)  # every heading, label, legend, note and number
    cut = per_run(marked)
    texts = re.findall(r"<text\b[^>]*>(.*?)</text>", cut, re.S)
    assert len(texts) == marked.count("<text") > 5
    for body in texts:
        for attrs, run in re.findall(r"<tspan\b([^>]*)>([^<]*)</tspan>", body):
            if re.search(r"[A-Za-z0-9]", run):
                assert "font-family" not in attrs, body
            if "公" in run:
                assert "Noto Sans CJK" in attrs, body
        assert re.search(r'<tspan[^>]*font-family="\'Noto Sans CJK[^>]*>公明</tspan>', body), body


def test_a_line_with_right_to_left_letters_outside_an_isolate_is_left_whole() -> None:
    svg = _line("ליכוד 李")
    assert per_run(svg) == svg
    isolated = per_run(_line("Likud \u2068ליכוד\u2069 李"))
    assert re.search(r'<tspan x="10">Likud \u2068ליכוד\u2069 </tspan><tspan x="[0-9.]+" font-family', isolated)


def test_a_line_the_chart_face_has_is_left_as_it_is() -> None:
    svg = _line("Слуга народу &amp; Likud 123")
    assert per_run(svg) == svg


# Hindi, Marathi and Nepali party names: set in the bundled Noto Sans Devanagari
DEVANAGARI_NAMES = ["भारतीय जनता पार्टी", "शिवसेना", "नेपाली कांग्रेस", "राष्ट्रवादी काँग्रेस पक्ष", "क्षत्रिय"]


@pytest.mark.parametrize("name", DEVANAGARI_NAMES)
def test_a_devanagari_name_is_drawn_with_no_empty_box_and_within_its_measured_width(name: str) -> None:
    size, body = 24, f"BJP {name} 303"
    with warnings.catch_warnings():
        warnings.simplefilter("error", MissingGlyphsWarning)  # resvg's own report: no character left without a face
        rows = grey_rows(to_png(_line(body, size=size), scale=1))
    cols = _ink_columns(rows)
    assert cols[0] >= 9 and cols[-1] <= 10 + text_width(body, size) + 1


def test_devanagari_is_shaped_a_conjunct_drawn_as_one_glyph() -> None:
    """क्ष (ka, virama, ssa) is the conjunct kssa, one glyph narrower than ka with a visible virama beside ssa;
    the zero-width non-joiner keeps them apart (Unicode 15, section 12.2), as a renderer without shaping
    would draw them."""
    joined = _ink_columns(_drawn(_line("क्ष", size=40)))
    apart = _ink_columns(_drawn(_line("क्\u200cष", size=40)))
    assert joined[-1] - joined[0] < 0.8 * (apart[-1] - apart[0])


def test_the_devanagari_faces_are_bundled_with_their_licence() -> None:
    from importlib import resources

    fonts = resources.files("whipcount") / "data" / "fonts"
    assert "SIL OPEN FONT LICENSE Version 1.1" in (fonts / "LICENSE-OFL").read_text(encoding="utf-8")
    readme = (fonts / "README.md").read_text(encoding="utf-8")
    assert "NotoSansDevanagari-Regular.ttf" in readme and "LICENSE-OFL" in readme
