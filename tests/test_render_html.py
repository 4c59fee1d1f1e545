"""The reviewer's HTML report, opened in a real headless Chromium the way a reviewer opens it:
from a file, offline. What is checked is what the reader relies on: the order, the colours, the
sorting, the collapsed failures, that nothing is fetched, and that it prints."""

import importlib.util
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from grader.render.html import html_report
from tests.conftest import require
from tests.test_render import FAILURE_MESSAGE, SPECS, sample_batch

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTH, HEIGHT = 1280, 1000
RANKING = ["ada", "grace", "bob", "linus", "mallory"]
COLOURS = {  # the report's --passed, --failed, --error and --none
    "passed": "rgb(47, 158, 68)",
    "failed": "rgb(224, 49, 49)",
    "error": "rgb(240, 140, 0)",
    "none": "rgb(173, 181, 189)",
}


@pytest.fixture(scope="module")
def browser() -> Iterator["Browser"]:
    require(CHROMIUM.is_file(), f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    require(
        importlib.util.find_spec("playwright") is not None,
        "the playwright package is not installed (pip install -e '.[dev]')",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


class Opened:
    """The report open in a fresh page, with every request, console error and dialog it made."""

    def __init__(self, page: "Page", url: str) -> None:
        self.page, self.url = page, url
        self.requests: list[str] = []
        self.problems: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: self._console(message.type, message.text))
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("dialog", lambda dialog: self.problems.append(f"dialog: {dialog.message}"))
        page.goto(url)

    def _console(self, kind: str, text: str) -> None:
        if kind in ("error", "warning"):
            self.problems.append(f"console {kind}: {text}")

    def ranking(self) -> list[str]:
        rows = self.page.locator("#ranking tbody tr")
        return rows.evaluate_all("rows => rows.map(row => row.dataset.candidate)")

    def grid_cell(self, candidate: str, column: int) -> str:
        """A selector for the grid cell of ``candidate`` (by rank) and spec ``column`` (1-based)."""
        row = RANKING.index(candidate) + 1
        return f"#grid tbody tr:nth-child({row}) td:nth-of-type({column})"


@pytest.fixture
def opened(browser: "Browser", tmp_path: Path) -> Iterator[Opened]:
    reports, pairs, previous = sample_batch()
    path = tmp_path / "report.html"
    path.write_text(html_report(reports, SPECS, pairs, previous), encoding="utf-8")
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    try:
        yield Opened(page, path.as_uri())
    finally:
        context.close()


def test_the_page_loads_offline_without_a_single_request(opened: Opened) -> None:
    opened.page.locator("#ranking th", has_text="Candidate").click()
    opened.page.locator("#candidate-2 details.failure summary").first.click()
    assert opened.requests == [opened.url]
    assert opened.problems == []  # no script error, no policy violation, no alert from a name


def test_the_ranking_is_by_score_and_re_sorts_on_a_click(opened: Opened) -> None:
    assert opened.ranking() == RANKING
    header = opened.page.locator("#ranking th", has_text="Candidate")
    header.click()
    assert opened.ranking() == sorted(RANKING)
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert opened.ranking() == sorted(RANKING, reverse=True)
    opened.page.locator("#ranking th", has_text="Score").click()
    assert opened.ranking() == list(reversed(RANKING))
    opened.page.locator("#ranking th", has_text="Change").click()
    assert opened.ranking()[:2] == ["bob", "grace"]  # -2, +5, then the new ones
    assert opened.problems == []


def test_grid_cells_are_coloured_by_status_and_titled(opened: Opened) -> None:
    expected = {
        ("ada", 1): ("passed", "Login returns a token: passed (2/2)"),
        ("grace", 2): ("failed", "Expired tokens are rejected: failed (0/3)"),
        ("linus", 2): ("error", "Expired tokens are rejected: timeout (0/3)"),
        ("linus", 3): (
            "none",
            "Only admins can delete users: not run (0/5) · hidden from candidates",
        ),
    }
    for (candidate, column), (colour, title) in expected.items():
        cell = opened.page.locator(opened.grid_cell(candidate, column))
        background = cell.evaluate("cell => getComputedStyle(cell).backgroundColor")
        assert background == COLOURS[colour], (candidate, column)
        assert cell.get_attribute("title") == title
    legend = opened.page.locator("#grid .legend").inner_text()
    assert "error or timeout" in legend
    assert "not run or skipped" in legend


def test_failure_details_are_collapsed_until_opened(opened: Opened) -> None:
    grace = opened.page.locator("#candidate-2")
    assert grace.locator("h3").inner_text().startswith("grace")
    message = grace.locator("details.failure pre.message")
    assert not message.is_visible()
    grace.locator("details.failure summary").click()
    assert message.is_visible()
    assert message.inner_text() == FAILURE_MESSAGE
    assert "compare exp with the clock" in grace.locator(".hint").inner_text()
    bob = opened.page.locator("#candidate-3 details.failure").nth(1)
    bob.locator("summary").click()
    assert bob.locator("pre.output").inner_text().startswith("<script>alert('owned')</script>")
    assert "hidden from candidates" in bob.locator("summary").inner_text()
    integrity = opened.page.locator("#candidate-5 .alert.integrity")
    assert integrity.is_visible()
    assert "call_and_report" in integrity.inner_text()


def test_printing_opens_every_failure_and_hides_the_controls(opened: Opened) -> None:
    page = opened.page
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details:not([open])").count() == 0
    assert not page.locator("nav").is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details[open]").count() == 0


def _paeth(left: int, up: int, corner: int) -> int:
    guess = left + up - corner
    distances = (abs(guess - left), abs(guess - up), abs(guess - corner))
    return (left, up, corner)[distances.index(min(distances))]


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height, from the IHDR chunk that every PNG starts with."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _png_pixels(data: bytes) -> Callable[[int, int], tuple[int, int, int]]:
    """A pixel reader (x, y -> red, green, blue) for an 8-bit, non-interlaced RGB(A) PNG, which
    is what Chromium writes; the stdlib is enough, and Pillow is not a dependency."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, header, compressed = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        header = body if kind == b"IHDR" else header
        compressed += body if kind == b"IDAT" else b""
        position += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, interlace) == (8, 0)
    channels = {2: 3, 6: 4}[colour_type]
    stride, raw = width * channels, zlib.decompress(compressed)
    rows: list[bytearray] = []
    above = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        method, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            corner = above[x - channels] if x >= channels else 0
            predicted = (0, left, above[x], (left + above[x]) // 2, _paeth(left, above[x], corner))
            line[x] = (line[x] + predicted[method]) & 0xFF
        rows.append(line)
        above = line

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        red, green, blue = rows[y][x * channels : x * channels + 3]
        return red, green, blue

    return pixel


def test_a_screenshot_shows_the_grid_in_colour(opened: Opened, tmp_path: Path) -> None:
    page, whole = opened.page, tmp_path / "report.png"
    page.screenshot(path=whole, full_page=True)
    assert _png_size(whole.read_bytes()) == (
        WIDTH,
        page.evaluate("document.documentElement.scrollHeight"),
    )
    assert whole.stat().st_size > 20_000  # a real page, not a blank one
    # Decode only the grid: a full page is millions of pixels for a pure-Python decoder.
    grid, shot = page.locator("#grid table.grid"), tmp_path / "grid.png"
    grid.screenshot(path=shot)
    origin = grid.bounding_box()
    assert origin is not None
    pixel = _png_pixels(shot.read_bytes())
    for candidate, column, colour in (("ada", 1, "passed"), ("bob", 1, "failed")):
        box = page.locator(opened.grid_cell(candidate, column)).bounding_box()
        assert box is not None
        # Just inside the cell's corner, clear of its border and of its symbol.
        x, y = int(box["x"] - origin["x"]) + 4, int(box["y"] - origin["y"]) + 4
        red, green, blue = pixel(x, y)
        if colour == "passed":
            assert green > red + 60 and green > blue + 60, (red, green, blue)
        else:
            assert red > green + 60 and red > blue + 60, (red, green, blue)
