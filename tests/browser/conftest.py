"""Browser test support: the page session, axe and CSP checks. The fixtures (one headless Chromium
per test session, a live server, axe-core) are in tests/browser_fixtures.py, registered for the whole suite.

Run with the rest of the suite, or alone: pytest -m browser tests/browser
"""

import os
import re

# Playwright's sync API runs an event loop in the main thread; Django's ORM refuses to run
# there unless told it is safe (it is: the loop only drives the browser). Set before Playwright starts.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response

from tests.factories import TEST_PASSWORD

CHROMIUM = "/usr/bin/chromium-headless-shell"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Collects CSP violations the page itself reports; added through the DevTools protocol, so the CSP allows it.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile || ""}:${e.lineNumber || ""})`);
});
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents and item.get_closest_marker("browser") is None:
            raise pytest.UsageError(f"{item.nodeid}: browser tests must be marked @pytest.mark.browser")


@dataclass
class Watcher:
    """What went wrong in a browser context beyond the page content: CSP, script errors, missing static files."""

    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_static: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        self.console.append(f"[{message.type}] {message.text} ({message.location.get('url', '')})")

    def on_response(self, response: Response) -> None:
        if "/static/" in response.url and response.status >= 400:
            self.failed_static.append(f"{response.status} {response.url}")

    def on_request_failed(self, request: Request) -> None:
        if "/static/" in request.url:
            self.failed_static.append(f"failed {request.url}: {request.failure}")

    def csp_messages(self) -> list[str]:
        return [m for m in self.console if "content security policy" in m.lower()]


@dataclass
class Session:
    """A browser context (one per role) with one page, and what it has seen."""

    context: BrowserContext
    page: Page
    base_url: str
    axe_source: str
    watcher: Watcher
    rechecked: list[str] = field(default_factory=list)

    def goto(self, path: str, status: int = 200) -> Page:
        response = self.page.goto(self.base_url + path, wait_until="load")
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path}: expected HTTP {status}, got {response.status} at {response.url}"
        return self.page

    def axe_violations(self) -> list[dict[str, Any]]:
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.evaluate(self.axe_source)
        result: list[dict[str, Any]] = self.page.evaluate(
            """async (tags) => {
                const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
                return results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
                }));
            }""",
            AXE_TAGS,
        )
        return [v for v in (self._recheck_name_mismatch(v) for v in result) if v["nodes"]]

    def _recheck_name_mismatch(self, violation: dict[str, Any]) -> dict[str, Any]:
        """Second opinion on axe's experimental label-content-name-mismatch rule (WCAG 2.5.3).

        axe computes names from content without following an element's aria-labelledby reference to
        itself, which the design system's file upload uses on purpose (label, then the button's own
        text). Keep a node only if Chromium's own accessible name does not contain the visible text.
        """
        if violation["id"] != "label-content-name-mismatch":
            return violation
        kept = []
        for node in violation["nodes"]:
            name = self.browser_accessible_name(node["target"])
            visible = self.page.locator(node["target"]).evaluate(
                """(e) => {
                    const parts = [], walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
                    while (walker.nextNode()) {
                        const text = walker.currentNode;
                        if (!text.parentElement.closest(".nhsuk-u-visually-hidden, [hidden], [aria-hidden=true]")) parts.push(text.textContent);
                    }
                    return parts.join(" ");
                }"""
            )
            if name is None or not _words_in_order(visible, name):
                kept.append(node)
            else:
                self.rechecked.append(
                    f"{self.page.url} {node['target']}: accessible name {name!r} contains {visible.strip()!r}"
                )
        return {**violation, "nodes": kept}

    def browser_accessible_name(self, selector: str) -> str | None:
        cdp = self.context.new_cdp_session(self.page)
        try:
            root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
            if not node:
                return None
            tree = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})
        finally:
            cdp.detach()
        name = next((n.get("name", {}).get("value") for n in tree["nodes"] if not n.get("ignored")), None)
        return name if isinstance(name, str) else None

    def page_csp_violations(self) -> list[str]:
        found: list[str] = self.page.evaluate("() => window.__cspViolations || []")
        return found

    def sign_in(self, email: str, password: str = TEST_PASSWORD) -> None:
        page = self.goto("/sign-in/")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password", exact=True).fill(password)
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("button", name="Sign in").click()
        assert "/sign-in/" not in page.url, f"sign-in as {email} failed: {page.locator('main').inner_text()[:300]}"


def _words_in_order(needle: str, haystack: str) -> bool:
    """Whether needle's words appear, consecutively and in order, among haystack's (ignoring case and punctuation)."""
    words = re.findall(r"\w+", needle.lower())
    among = re.findall(r"\w+", haystack.lower())
    return bool(words) and any(among[i : i + len(words)] == words for i in range(len(among) - len(words) + 1))


def format_violations(label: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{label}: {len(violations)} axe violation(s)"]
    for v in violations:
        lines.append(f"  - {v['id']} [{v['impact']}] {v['help']} ({v['helpUrl']})")
        lines.extend(f"      {n['target']}: {n['summary']}".replace("\n", " ") for n in v["nodes"][:10])
    return "\n".join(lines)
