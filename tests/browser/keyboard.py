"""Moving through pages by keyboard alone in the browser tests: where focus is, Tab until it reaches
something, press a key and wait for the next page, and axe on the page as it is."""

from typing import Any

from tests.browser.conftest import Session, format_violations

MAX_TABS = 60


def focused(session: Session) -> dict[str, Any]:
    description: dict[str, Any] = session.page.evaluate(
        """() => {
            const e = document.activeElement;
            const label = e.labels && e.labels.length ? e.labels[0].innerText.trim() : "";
            return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute("name"), type: e.getAttribute("type"),
                    value: e.value, text: (e.innerText || "").trim(), label: label, checked: !!e.checked,
                    href: e.getAttribute("href")};
        }"""
    )
    return description


def tab_until(session: Session, matches: Any, what: str, *, most: int = MAX_TABS) -> dict[str, Any]:
    seen = []
    for _ in range(most):
        session.page.keyboard.press("Tab")
        current = focused(session)
        if matches(current):
            return current
        seen.append({k: current[k] for k in ("tag", "id", "name", "text")})
    raise AssertionError(f"Tab never reached {what}; focus went through {seen}")


def press_and_wait(session: Session, key: str) -> None:
    with session.page.expect_navigation(wait_until="load"):
        session.page.keyboard.press(key)


def no_violations(session: Session, label: str) -> None:
    violations = session.axe_violations()
    assert not violations, format_violations(label, violations)


def button(text: str) -> Any:
    return lambda e: e["tag"] == "button" and e["text"] == text


def link(text: str) -> Any:
    return lambda e: e["tag"] == "a" and e["text"] == text
