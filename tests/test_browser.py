"""The HTML pages as a reader sees them: rendered by headless Chromium (Debian's `chromium` package).

Checks the DOM after the browser has parsed the page (marks there, hostile text shown as text and
never run), and Chromium's network log (the page asks for nothing over the network). Skipped when
Chromium is absent on a developer's machine; under CI (CI=true) that is a failure: `.ci/run`
installs it.
"""
from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from claimcoder.scoring.html import anchor, write_report, write_show
from tests.test_show import ARTICLES, HOSTILE, Page, write_run

#: No name resolves and nothing runs in the background: nothing this test starts can leave the machine.
QUIET = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND"]


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is not installed, and CI must run the browser test: .ci/run installs Debian's "
                    "`chromium` package when it is missing")
    pytest.skip("headless Chromium not installed (apt-get install chromium); CI installs it and runs this test")


def run_chromium(chromium: str, page: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{page.stem}-{len(list(tmp_path.iterdir()))}"
    proc = subprocess.run([chromium, *QUIET, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def rendered(chromium: str, page: Path, tmp_path: Path) -> Page:
    """The DOM Chromium built from the page, serialised back (``--dump-dom``) and parsed."""
    return Page(run_chromium(chromium, page, tmp_path, "--dump-dom").stdout)


def page_requests(chromium: str, page: Path, tmp_path: Path) -> list[str]:
    """URLs the page itself asked for over the network (from Chromium's net log; the browser's own
    background requests, which have no file:// page behind them, are not the page's)."""
    log = tmp_path / f"net-{page.stem}.json"
    run_chromium(chromium, page, tmp_path, f"--log-net-log={log}", "--dump-dom")
    data = json.loads(log.read_text(encoding="utf-8"))
    start = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in data["events"]
            if e["type"] == start and "url" in e.get("params", {})
            and str(e["params"].get("network_isolation_key", "")).startswith("file://")
            and not e["params"]["url"].startswith(("file:", "data:"))]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("pages")
    run = write_run(root / "run")
    write_show(run, root / "show.html", articles=[run / "articles.jsonl"])
    write_report(run, root / "report", articles=[run / "articles.jsonl"], date_field="published")
    return {"show": root / "show.html", "report": root / "report" / "report.html",
            "articles": root / "report" / "articles.html"}


def test_show_page_renders_marks_and_shows_hostile_text_as_text(chromium, pages, tmp_path):
    dom = rendered(chromium, pages["show"], tmp_path)
    assert ("source", "Prosecutors") in dom.marks and ("target", "the mayor") in dom.marks
    assert ("claimed source", "Prosecutors") in dom.marks  # marked in the article text too
    assert ("target", HOSTILE) in dom.marks and ("source", "<b>Rivals</b>") in dom.marks
    tags = [t for t, _ in dom.tags]
    assert "script" not in tags and "img" not in tags and "b" not in tags
    text = "".join(dom.text)
    assert HOSTILE in text and ARTICLES[1]["id"] in text
    ids = dom.ids()
    assert {"doc-d1-c1", f"{anchor(ARTICLES[1]['id'])}-c1"} <= ids
    assert {h[1:] for h in dom.links() if h.startswith("#")} <= ids


def test_report_renders_inline_pictures_and_links_into_the_articles_page(chromium, pages, tmp_path):
    dom = rendered(chromium, pages["report"], tmp_path)
    images = [a["src"] for t, a in dom.tags if t == "img"]
    assert len(images) == 2 and all(s.startswith("data:image/png;base64,") for s in images)
    targets = {h.split("#", 1)[1] for h in dom.links() if h.startswith("articles.html#")}
    assert targets and targets <= rendered(chromium, pages["articles"], tmp_path).ids()
    assert "script" not in [t for t, _ in dom.tags]


def test_pages_request_nothing_over_the_network(chromium, pages, tmp_path):
    for name in ("show", "report", "articles"):
        assert page_requests(chromium, pages[name], tmp_path) == [], name
    # the check can fail: a page with an outside image is caught (its request goes nowhere)
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<!DOCTYPE html><p>x<img src="https://example.invalid/pixel.png" alt=""></p>')
    assert page_requests(chromium, leaky, tmp_path) == ["https://example.invalid/pixel.png"]


def test_screenshot_of_the_show_page(chromium, pages, tmp_path):
    shot = tmp_path / "show.png"
    run_chromium(chromium, pages["show"], tmp_path, f"--screenshot={shot}", "--window-size=1200,900",
                 "--hide-scrollbars")
    head = shot.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", head[16:24]) == (1200, 900)
