"""The link checker against a local web (tests/learning/queue_web.py): every outcome, HEAD then GET,
robots.txt, timeouts, per-host pacing and bounded concurrency. Nothing leaves the machine."""

from itertools import pairwise

from lksworkforce.learning.linkcheck import CheckSettings, LinkChecker, Target, check_links, routed_to
from lksworkforce.learning.linkcheck_demo import DEMO_HOST, demo_web
from lksworkforce.learning.vocabulary import LinkOutcome
from tests.learning.queue_web import local_web

FAST = CheckSettings(concurrency=4, timeout=1.0, per_host_delay=0.0, user_agent="TestChecker/1.0")


def outcomes(paths: list[str], check: CheckSettings = FAST) -> dict[str, tuple[LinkOutcome, int | None, str]]:
    with local_web() as web:
        results = check_links([Target(i, web.url(p)) for i, p in enumerate(paths)], check)
        return {
            p: (r.outcome, r.status_code, r.final_url.removeprefix(web.url("")))
            for p, r in zip(paths, results, strict=True)
        }


def test_every_outcome_from_one_run() -> None:
    found = outcomes(["/ok", "/missing", "/error", "/old", "/gone-for-good", "/temporary", "/loop", "/private/page"])
    assert found == {
        "/ok": (LinkOutcome.OK, 200, ""),
        "/missing": (LinkOutcome.BROKEN, 404, ""),
        "/error": (LinkOutcome.BROKEN, 500, ""),
        "/old": (LinkOutcome.MOVED, 200, "/new"),  # permanent: where it now goes
        "/gone-for-good": (LinkOutcome.BROKEN, 404, "/missing"),  # moved to a missing page is broken
        "/temporary": (LinkOutcome.OK, 200, ""),  # a temporary redirect is not a move
        "/loop": (LinkOutcome.BROKEN, None, "/loop"),
        "/private/page": (LinkOutcome.NOT_ALLOWED, None, ""),
    }


def test_a_slow_answer_is_unreachable_within_the_timeout() -> None:
    # The page answers after SLOW seconds, beyond the timeout: the checker gives up on it rather than
    # wait (it would be "ok" had it waited).
    found = outcomes(["/slow"])
    assert found["/slow"][0] == LinkOutcome.UNREACHABLE


def test_head_refused_falls_back_to_get() -> None:
    with local_web() as web:
        [result] = check_links([Target(1, web.url("/head-refused"))], FAST)
        asked = [(method, path) for _when, method, path, _agent in web.log.requests if path != "/robots.txt"]
    assert result.outcome == LinkOutcome.OK
    assert asked == [("HEAD", "/head-refused"), ("GET", "/head-refused")]


def test_robots_is_read_once_per_host_and_we_say_who_we_are() -> None:
    with local_web() as web:
        check_links([Target(i, web.url(f"/ok?page={i}")) for i in range(6)], FAST)
        paths = web.log.paths()
        agents = {agent for *_rest, agent in web.log.requests}
    assert paths.count("/robots.txt") == 1
    assert agents == {"TestChecker/1.0"}


def test_a_robots_file_refused_to_us_means_nothing_is_asked() -> None:
    with local_web(robots=(403, b"")) as web:
        results = check_links([Target(1, web.url("/ok")), Target(2, web.url("/missing"))], FAST)
        paths = web.log.paths()
    assert [r.outcome for r in results] == [LinkOutcome.NOT_ALLOWED, LinkOutcome.NOT_ALLOWED]
    assert paths == ["/robots.txt"]


def test_one_host_is_asked_one_request_at_a_time_and_paced() -> None:
    paced = CheckSettings(concurrency=8, timeout=1.0, per_host_delay=0.1, user_agent="TestChecker/1.0")
    with local_web() as web:
        check_links([Target(i, web.url(f"/ok?n={i}")) for i in range(5)], paced)
        times = [when for when, *_rest in web.log.requests]
        most = web.log.most_in_flight
    gaps = [later - earlier for earlier, later in pairwise(times)]
    assert most == 1
    assert len(times) == 6  # robots.txt and five pages
    # Paced when sent; as received, a busy machine may bunch two a little, never the run as a whole.
    assert min(gaps) >= 0.05
    assert times[-1] - times[0] >= 0.5 * 0.95


def test_concurrency_is_bounded_across_hosts() -> None:
    """Several hosts (all routed to the local web) at once, never more than `concurrency`."""
    with local_web() as web:
        hosts = {f"host{i}.invalid": ("127.0.0.1", web.port) for i in range(6)}
        # A timeout well beyond the slow page's answer: a request the checker gave up on would still be
        # in flight at the server beside the next one, and that is not the checker's concurrency.
        check = CheckSettings(concurrency=2, timeout=30.0, per_host_delay=0.0, user_agent="TestChecker/1.0")
        LinkChecker(check, routed_to(hosts)).check_all(
            [Target(i, f"https://{h}/slow") for i, h in enumerate(hosts)][:4]
        )
        most = web.log.most_in_flight
    assert most == 2


def test_hosts_the_router_does_not_know_are_never_asked() -> None:
    with local_web() as web:
        route = routed_to({"known.invalid": ("127.0.0.1", web.port)})
        results = LinkChecker(FAST, route).check_all(
            [
                Target(1, "https://known.invalid/ok"),
                Target(2, "https://www.nhs.uk/"),
                Target(3, "https://known.invalid/old"),
            ]
        )
        paths = web.log.paths()
    assert [r.outcome for r in results] == [LinkOutcome.OK, LinkOutcome.UNREACHABLE, LinkOutcome.MOVED]
    assert results[1].message == "www.nhs.uk is not contacted here"
    assert results[2].final_url == "https://known.invalid/new"
    assert "/robots.txt" in paths


def test_addresses_that_are_not_web_addresses_are_unreachable_not_errors() -> None:
    hostile = [
        "javascript:alert(1)",
        "ftp://example.org/",
        "http://",
        "https://exa mple.org/",
        "http://[::1",
        "\x00",
        "",
    ]
    results = check_links([Target(i, url) for i, url in enumerate(hostile)], FAST, routed_to({}))
    assert {r.outcome for r in results} == {LinkOutcome.UNREACHABLE}


def test_the_demo_web_answers_by_the_demo_convention() -> None:
    urls = [f"https://{DEMO_HOST}/{path}" for path in ("courses/appraisal", "gone/old-course", "moved/toolkits/lean")]
    with demo_web() as route:
        results = LinkChecker(FAST, route).check_all([Target(i, u) for i, u in enumerate(urls)])
    assert [r.outcome for r in results] == [LinkOutcome.OK, LinkOutcome.BROKEN, LinkOutcome.MOVED]
    assert results[1].status_code == 404
    assert results[2].final_url == f"https://{DEMO_HOST}/toolkits/lean"
