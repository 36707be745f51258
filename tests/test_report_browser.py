"""The report as a person opens it: headless Chromium, from file://, with the network off.

Chromium (Debian's ``chromium`` package; .ci/run installs it) loads a copy
of the report to which the test appends a probe script of its own. The probe
measures what the browser laid out (each chart's drawn size, the findings
visible in the editor's view, the example rows built on demand), works the
controls (the severity filter, "show more") and writes what it saw into the
page, which ``--dump-dom`` hands back. Every request that is not for a file
goes to a proxy on the loopback interface that the test runs and that records
it; host names resolve to nothing. Chromium's own calls to its update and
sign-in services (made for an empty page too, whatever the flags) are set
aside by domain, and the test checks that the report names none of those
domains and links to nothing outside itself. Console messages (errors included) are read
from Chromium's log on stderr. Expected counts come from ``normtk check
--format json``, not from the report code.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import DATA, run_cli

FIXTURE = DATA / "report"
SYSTEMS = ["Online-B", "Online-G", "PROMT"]
EDITOR = "Online-G"

PROBE = """
<script>
(function () {
  var out = {};
  out.charts = Array.prototype.map.call(document.querySelectorAll("svg"), function (svg) {
    var box = svg.getBoundingClientRect();
    var marks = svg.querySelectorAll("rect, circle");
    var drawn = 0;
    marks.forEach(function (m) {
      var b = m.getBBox();
      if (b.width > 0 || b.height > 0) drawn += 1;
    });
    return {label: svg.getAttribute("aria-label"), width: box.width, height: box.height,
            marks: marks.length, drawn: drawn};
  });
  function visible(selector) {
    return Array.prototype.filter.call(document.querySelectorAll(selector), function (node) {
      return node.getClientRects().length > 0;
    }).length;
  }
  out.findings = visible("#editor li.finding");
  out.marks = visible("#editor mark");
  out.examples = visible("#examples .ex");
  var more = document.getElementById("examples-more");
  if (more && !more.hidden) more.click();
  out.examples_after_more = visible("#examples .ex");
  var error = document.querySelector(
    '#editor-filters input[data-filter="severity"][value="error"]');
  if (error) {
    error.checked = false;
    error.dispatchEvent(new Event("change", {bubbles: true}));
  }
  out.findings_without_errors = visible("#editor li.finding");
  out.text = document.body.innerText;
  var pre = document.createElement("pre");
  pre.id = "probe-result";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


#: Domains of the services Chromium calls by itself for any page, even an empty one and
#: whatever the flags below (update, sign-in, network time); set aside by host.
BROWSER_DOMAINS = ("google.com", "googleapis.com", "gvt1.com", "gstatic.com")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--disable-extensions",
    "--disable-client-side-phishing-detection",
    "--disable-domain-reliability",
    "--no-pings",
    "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate",
    "--enable-logging=stderr",
    "--v=0",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--window-size=1280,900",
)


def _host(request: str) -> str:
    """Return the host a proxy request line asks for (CONNECT host:port, GET http://host/...)."""
    parts = request.split()
    if len(parts) < 2:
        return ""
    target = parts[1]
    if "://" in target:
        target = target.split("://", 1)[1]
    return target.split("/", 1)[0].rsplit(":", 1)[0]


def _browser_own(host: str) -> bool:
    return any(host == d or host.endswith("." + d) for d in BROWSER_DOMAINS)


def _page_requests(requests: list[str]) -> list[str]:
    return [r for r in requests if not _browser_own(_host(r))]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


class _Recorder:
    """A proxy that answers nothing and records every request sent to it."""

    def __init__(self) -> None:
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.requests: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(1.0)
                try:
                    head = conn.recv(2048).decode("latin-1").split("\r\n", 1)[0]
                except OSError:
                    head = "(nothing read)"
                self.requests.append(head or "(empty request)")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.server.close()


def _open(page: Path, tmp: Path) -> tuple[str, list[str], list[str]]:
    """Load ``page`` in headless Chromium; return the DOM, console lines and requests seen."""
    chromium = _chromium()
    if chromium is None:
        pytest.skip("chromium not found (Debian: apt-get install chromium)")
    recorder = _Recorder()
    try:
        command = [
            chromium,
            *FLAGS,
            f"--user-data-dir={tmp / 'profile'}",
            f"--proxy-server=http://127.0.0.1:{recorder.port}",
            "--proxy-bypass-list=<-loopback>",
            "--dump-dom",
            page.as_uri(),
        ]
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        result = subprocess.run(command, capture_output=True, timeout=120, env=env, check=False)
    finally:
        recorder.close()
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    console = [
        line for line in result.stderr.decode(errors="replace").splitlines() if ":CONSOLE" in line
    ]
    return result.stdout.decode("utf-8"), console, recorder.requests


def _links_stay_inside(dom: str) -> None:
    """Every link and source of the rendered page is an anchor in it or inline data."""
    from lxml import html

    tree = html.fromstring(dom)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.split("}")[-1] in {"src", "href", "action", "srcset", "poster", "data"}:
                assert value.startswith(("#", "data:")), (element.tag, name, value)


def _probe(dom: str) -> dict[str, object]:
    from lxml import html

    found = html.fromstring(dom).xpath('//pre[@id="probe-result"]')
    assert found, "the probe script did not run"
    result: dict[str, object] = json.loads(found[0].text_content())
    return result


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = run_cli(
        "report",
        "--ref",
        str(FIXTURE / "uk-en.ref.en"),
        *(str(FIXTURE / f"uk-en.hyp.{s}.en") for s in SYSTEMS),
        "--src",
        str(FIXTURE / "uk-en.src.uk"),
        "--src-lang",
        "uk",
        "--doc-ids",
        str(FIXTURE / "uk-en.docids"),
        "--editor",
        EDITOR,
        "--examples",
        "25",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr.decode()
    return out


def _checker_findings(system: str) -> list[dict[str, object]]:
    result = run_cli(
        "check",
        "--hyp",
        str(FIXTURE / f"uk-en.hyp.{system}.en"),
        "--ref",
        str(FIXTURE / "uk-en.ref.en"),
        "--src",
        str(FIXTURE / "uk-en.src.uk"),
        "--src-lang",
        "uk",
        "--doc-ids",
        str(FIXTURE / "uk-en.docids"),
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr.decode()
    (only,) = json.loads(result.stdout)["systems"]
    findings: list[dict[str, object]] = only["findings"]
    return findings


def test_the_harness_sees_console_errors_and_requests(tmp_path: Path) -> None:
    # A control: a page that logs an error and loads an image from the web is caught.
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="http://example.invalid/a.png">'
        "<script>undefinedFunction();</script></body></html>",
        encoding="utf-8",
    )
    _, console, requests = _open(page, tmp_path)
    assert any("undefinedFunction" in line for line in console), console
    assert [_host(r) for r in _page_requests(requests)] == ["example.invalid"], requests


def test_report_in_chromium_offline(report_page: Path, tmp_path: Path) -> None:
    instrumented = tmp_path / "report-probe.html"
    page = report_page.read_text("utf-8")
    instrumented.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom, console, requests = _open(instrumented, tmp_path)
    assert console == [], console
    assert _page_requests(requests) == [], requests
    assert not any(domain in page for domain in BROWSER_DOMAINS)
    _links_stay_inside(dom)
    probe = _probe(dom)

    # Every chart is drawn: laid out with a size, and most of its shapes have geometry.
    charts = probe["charts"]
    assert isinstance(charts, list)
    assert len(charts) >= 9  # 2 metrics, entities, findings, 2 lengths, scores, words, heat map
    for chart in charts:
        assert chart["width"] > 100, chart
        assert chart["height"] > 50, chart
        assert chart["drawn"] >= 3, chart

    # The editor's view shows exactly the checker's findings for the chosen system.
    expected = _checker_findings(EDITOR)
    assert len(expected) > 0
    assert probe["findings"] == len(expected)
    errors = sum(1 for f in expected if f["severity"] == "error")
    assert 0 < errors < len(expected)
    assert probe["findings_without_errors"] == len(expected) - errors
    # Each finding with a span inside the segment is marked in the text.
    assert probe["marks"] >= 1

    # Examples are built on demand: a first page, then more on a click.
    assert probe["examples"] == 20
    assert probe["examples_after_more"] == 25

    text = probe["text"]
    assert isinstance(text, str)
    for system in SYSTEMS:
        assert system in text
    assert f"Editor’s view: {EDITOR}" in text
