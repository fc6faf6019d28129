"""The website in a real browser: headless Chromium opens pages from ``file://``.

Chromium is driven through the DevTools protocol over ``--remote-debugging-pipe`` (file
descriptors 3 and 4, messages separated by NUL bytes), so no driver package is needed. The
test checks that math and the graph render, that no request leaves ``file://`` and that every
file a page asks for loads, that the phone layout has no sideways overflow, and it saves
screenshots (and a printed PDF) under ``docs/_build/screenshots`` (or
``$COLLAPSE_CHECK_SCREENSHOTS``) for a person to look at.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from theorems import registry
from theorems.evaluate import Report
from theorems.site import DOCS_DIR, build_site, page_name

pytestmark = pytest.mark.browser

_CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


class DevTools:
    """A minimal DevTools-protocol client over Chromium's debugging pipe."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire_fds() -> None:  # runs in the child: Chromium reads fd 3 and writes fd 4
            r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        # preexec_fn runs before the reader thread starts, so the fork is safe
        self.proc = subprocess.Popen(
            [binary, *_CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=wire_fds,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._next_id = 0
        self._replies: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_chrome, 1 << 16)
            except OSError:
                return
            if not chunk:
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                if "id" in msg:
                    with self._lock:
                        box = self._replies.get(msg["id"])
                    if box is not None:
                        box.put(msg)
                else:
                    self.events.put(msg)

    def send(
        self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None,
        timeout: float = 60.0,
    ) -> dict[str, Any]:
        """Send one command and wait for its result (raises on a protocol error)."""
        with self._lock:
            self._next_id += 1
            cid = self._next_id
            box: queue.Queue[dict[str, Any]] = queue.Queue()
            self._replies[cid] = box
        msg: dict[str, Any] = {"id": cid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        try:
            reply = box.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"Chromium did not answer {method}") from None
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return dict(reply.get("result", {}))

    def wait_event(self, method: str, session: str, timeout: float = 60.0) -> list[dict]:
        """Wait for ``method`` on ``session``; returns every event seen meanwhile (inclusive)."""
        seen = []
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {method} within {timeout} s")
            try:
                ev = self.events.get(timeout=left)
            except queue.Empty:
                continue
            seen.append(ev)
            if ev.get("method") == method and ev.get("sessionId") == session:
                return seen

    def drain(self) -> list[dict]:
        out = []
        while True:
            try:
                out.append(self.events.get_nowait())
            except queue.Empty:
                return out

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except Exception:  # the browser may already be gone; it is killed below anyway
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        os.close(self._to_chrome)
        os.close(self._from_chrome)


class Tab:
    """One page of the browser with network tracking."""

    def __init__(self, browser: DevTools) -> None:
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send(
            "Target.attachToTarget", {"targetId": target, "flatten": True}
        )["sessionId"]
        for domain in ("Page", "Network", "Runtime"):
            self.send(f"{domain}.enable")
        self.requests: list[str] = []
        self.failures: list[str] = []

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, session=self.session)

    def _track(self, events: list[dict]) -> None:
        for ev in events:
            if ev.get("sessionId") != self.session:
                continue
            params = ev.get("params", {})
            if ev.get("method") == "Network.requestWillBeSent":
                self.requests.append(params["request"]["url"])
            elif ev.get("method") == "Network.loadingFailed":
                self.failures.append(f"{params.get('errorText')} ({params.get('requestId')})")

    def viewport(self, width: int, height: int, *, mobile: bool) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
        )

    def open(self, url: str) -> None:
        self.browser.drain()
        self.send("Page.navigate", {"url": url})
        self._track(self.browser.wait_event("Page.loadEventFired", self.session))
        self.eval("document.fonts.ready.then(() => true)")
        time.sleep(0.2)
        self._track(self.browser.drain())

    def eval(self, expression: str) -> Any:
        res = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in res:
            raise RuntimeError(f"{expression}: {res['exceptionDetails']}")
        return res["result"].get("value")

    def screenshot(self, path: Path) -> None:
        metrics = self.send("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 12000),
                "scale": 1}
        shot = self.send(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "clip": clip},
        )
        path.write_bytes(base64.b64decode(shot["data"]))

    def pdf(self, path: Path) -> None:
        out = self.send("Page.printToPDF", {"printBackground": True})
        path.write_bytes(base64.b64decode(out["data"]))


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = _chromium()
    if binary is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    return binary


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, full_report: Report) -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("building the docs needs Node.js and npm (KaTeX renders the math)")
    return build_site(tmp_path_factory.mktemp("browser-site") / "html", report=full_report)


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(
        os.environ.get("COLLAPSE_CHECK_SCREENSHOTS", DOCS_DIR / "_build" / "screenshots")
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    client = DevTools(chromium, tmp_path_factory.mktemp("chromium-profile"))
    try:
        client.send("Browser.getVersion", timeout=60)
        yield client
    finally:
        client.close()


def _assert_offline(tab: Tab) -> None:
    assert tab.requests, "no request was recorded at all"
    remote = [u for u in tab.requests if not u.startswith(("file://", "data:", "about:"))]
    assert not remote, f"requests outside file://: {remote}"
    assert not tab.failures, f"files that failed to load: {tab.failures}"


def test_index_renders_offline(browser: DevTools, built: Path, shots: Path) -> None:
    tab = Tab(browser)
    tab.viewport(1280, 900, mobile=False)
    tab.open((built / "index.html").as_uri())
    _assert_offline(tab)
    assert tab.eval("document.querySelectorAll('.katex').length") > 0
    assert tab.eval("document.fonts.check('16px KaTeX_Main')") is True
    nodes = tab.eval("document.querySelectorAll('svg.graph a.node').length")
    assert nodes == len([c for c in registry.all_claims() if c.parent is None])
    box = tab.eval(
        "(() => { const r = document.querySelector('svg.graph').getBoundingClientRect();"
        " return [r.width, r.height]; })()"
    )
    assert box[0] > 200 and box[1] > 50
    assert tab.eval("getComputedStyle(document.body).fontFamily") != ""
    tab.screenshot(shots / "index.png")

    tab.viewport(390, 844, mobile=True)
    tab.open((built / "index.html").as_uri())
    overflow = tab.eval("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the phone layout is {overflow}px too wide"
    tab.screenshot(shots / "index-phone.png")


def test_derivation_page_renders_offline(browser: DevTools, built: Path, shots: Path) -> None:
    page = built / "claims" / page_name("prop-1")
    tab = Tab(browser)
    tab.viewport(1280, 900, mobile=False)
    tab.open(page.as_uri())
    _assert_offline(tab)
    assert tab.eval("document.querySelectorAll('.derivation .katex').length") > 0
    assert tab.eval("document.querySelectorAll('li.step .mark').length") > 0
    # KaTeX laid the formulas out (its HTML has height), the fonts came from the site
    assert tab.eval(
        "document.querySelector('.step-math .katex-html').getBoundingClientRect().height"
    ) > 5
    assert any("KaTeX_" in u for u in tab.requests), "no KaTeX font was loaded"
    tab.screenshot(shots / "prop-1.png")
    tab.pdf(shots / "prop-1.pdf")

    tab.viewport(390, 844, mobile=True)
    tab.open(page.as_uri())
    overflow = tab.eval("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the phone layout is {overflow}px too wide"
    tab.screenshot(shots / "prop-1-phone.png")


def test_graphs_fit_and_claim_pages_show_their_neighbourhood(
    browser: DevTools, built: Path, shots: Path
) -> None:
    tab = Tab(browser)
    tab.viewport(1280, 900, mobile=False)
    tab.open((built / "index.html").as_uri())
    # the index graph (top-level claims) fits its box: nothing to scroll sideways
    fit = tab.eval(
        "(() => { const s = document.querySelector('#graph svg.graph');"
        " const w = s.parentElement.getBoundingClientRect().width;"
        " return [s.getBoundingClientRect().width, w]; })()"
    )
    assert fit[0] <= fit[1] + 1, fit
    # its labels stay readable: the drawing is not shrunk below 80 % of its natural size
    scale = tab.eval(
        "(() => { const s = document.querySelector('#graph svg.graph');"
        " return s.getBoundingClientRect().width / s.viewBox.baseVal.width; })()"
    )
    assert scale >= 0.8, scale

    page = built / "claims" / page_name("thm-4/accumulation")
    tab.open(page.as_uri())
    _assert_offline(tab)
    assert tab.eval("document.querySelectorAll('#neighbourhood svg.graph a.node').length") >= 2
    assert tab.eval("document.querySelectorAll('#neighbourhood a.node.focus').length") == 1
    # the laboratory plot loaded (a decoded image with a real size)
    width = tab.eval(
        "(async () => { const i = document.querySelector('#laboratory img');"
        " if (!i) return 0; i.loading = 'eager'; i.scrollIntoView();"
        " await i.decode(); window.scrollTo(0, 0); return i.naturalWidth; })()"
    )
    assert width > 300
    tab.screenshot(shots / "thm-4-accumulation.png")

    tab.open((built / "graph.html").as_uri())
    _assert_offline(tab)
    nodes = tab.eval("document.querySelectorAll('svg.graph a.node').length")
    assert nodes == len(registry.all_claims())
    tab.screenshot(shots / "graph.png")
