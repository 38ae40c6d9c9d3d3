"""The link checker: does each resource's web address still answer, and where does it go now?

Standard library only (http.client, urllib.robotparser, a thread pool), no Django: the service
(`learning.services.link_checks`) records what it finds. For each address:

- the host is asked only as fast as `per_host_delay` allows (one request at a time per host, the
  robots.txt fetch included), and at most `concurrency` hosts at once;
- its robots.txt is read once per host per run and obeyed for our user agent (`not_allowed`);
- HEAD first; where HEAD is refused or fails (some servers answer HEAD wrongly), GET, reading
  no body;
- redirects are followed (at most `max_redirects`); a permanent one (301, 308) on the way makes
  the link `moved`, with where it ends as `final_url`; 4xx and 5xx at the end are `broken`; no
  answer within `timeout`, or no such host, is `unreachable`.

Where requests go is a `Router`: `direct` for the real web, or `routed_to` a local server for the
demo and the tests, which contacts nothing else: a host it does not know is never asked.
"""

import http.client
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lksworkforce.learning.vocabulary import LinkOutcome

PERMANENT = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
LONGEST_MESSAGE = 300


@dataclass(frozen=True)
class CheckSettings:
    """How politely to check (settings.LEARNING_LINK_CHECK gives the service's values)."""

    concurrency: int = 8
    timeout: float = 10.0  # seconds, for connecting and for each answer
    per_host_delay: float = 1.0  # seconds between two requests to one host
    user_agent: str = "LKSWorkforceLinkChecker/1.0"
    max_redirects: int = 5

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> "CheckSettings":
        known = {name: values[name] for name in cls.__dataclass_fields__ if name in values}
        return cls(**known)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Endpoint:
    """Where to connect for a host: the address, the port and whether to speak TLS."""

    host: str
    port: int
    tls: bool


type Router = Callable[[str, str, int | None], Endpoint | None]  # (scheme, host, port) -> where, or None: never ask


def direct(scheme: str, host: str, port: int | None) -> Endpoint | None:
    """The real web: connect to the host itself."""
    tls = scheme == "https"
    return Endpoint(host, port or (443 if tls else 80), tls)


def routed_to(hosts: Mapping[str, tuple[str, int]]) -> Router:
    """Only these hosts, each answered by a local plain-HTTP server; every other host is never asked."""

    def route(scheme: str, host: str, port: int | None) -> Endpoint | None:  # noqa: ARG001 - a Router
        local = hosts.get(host.lower())
        return Endpoint(local[0], local[1], tls=False) if local else None

    return route


@dataclass(frozen=True)
class Target:
    key: int  # the resource's id
    url: str


@dataclass(frozen=True)
class Result:
    key: int
    url: str
    outcome: LinkOutcome
    status_code: int | None = None
    final_url: str = ""
    message: str = ""


class _Unreachable(Exception):  # noqa: N818 - an outcome, not a fault
    pass


@dataclass
class _Pacer:
    """One request at a time per host, `delay` seconds apart."""

    delay: float
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def lock_for(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def wait_turn(self, host: str) -> None:
        """Called holding the host's lock: sleep until the host may be asked again."""
        last = self._last.get(host)
        if last is not None:
            pause = last + self.delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()


class LinkChecker:
    """One run: robots.txt cached per host, requests paced per host."""

    def __init__(self, check: CheckSettings, route: Router = direct) -> None:
        self.settings = check
        self.route = route
        self._pacer = _Pacer(check.per_host_delay)
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._robots_guard = threading.Lock()
        self._robots_reading: dict[str, threading.Lock] = {}

    def check_all(self, targets: Sequence[Target]) -> list[Result]:
        """Every target, `concurrency` at a time; the results in the targets' order."""
        if not targets:
            return []
        workers = max(1, min(self.settings.concurrency, len(targets)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="linkcheck") as pool:
            return list(pool.map(self.check, targets))

    def check(self, target: Target) -> Result:
        try:
            return self._follow(target)
        except _Unreachable as why:
            return Result(target.key, target.url, LinkOutcome.UNREACHABLE, message=_cut(str(why)))

    def _follow(self, target: Target) -> Result:
        url, moved = target.url.strip(), False
        for _hop in range(self.settings.max_redirects + 1):
            parts = _split(url)
            if not self._allowed(url):
                return Result(target.key, target.url, LinkOutcome.NOT_ALLOWED, message="robots.txt asks us not to")
            status, location = self._ask(url, parts, "HEAD")
            if status >= 400:  # HEAD refused or answered wrongly: ask again with GET
                status, location = self._ask(url, parts, "GET")
            if status in REDIRECTS and location:
                moved = moved or status in PERMANENT
                url = urljoin(url, location)
                continue
            if status >= 400:
                return Result(
                    target.key, target.url, LinkOutcome.BROKEN, status, url if moved else "", f"HTTP {status}"
                )
            if moved:
                return Result(target.key, target.url, LinkOutcome.MOVED, status, url, f"Moved to {_cut(url, 200)}")
            return Result(target.key, target.url, LinkOutcome.OK, status)
        return Result(target.key, target.url, LinkOutcome.BROKEN, None, url, "Too many redirects")

    def _ask(self, url: str, parts: tuple[str, str, int | None, str], method: str) -> tuple[int, str]:
        """The status and Location of one request (the body is not read)."""
        scheme, host, port, path = parts
        endpoint = self.route(scheme, host, port)
        if endpoint is None:
            raise _Unreachable(f"{host} is not contacted here")
        with self._pacer.lock_for(host):
            self._pacer.wait_turn(host)
            connection = _connection(endpoint, self.settings.timeout)
            try:
                connection.request(method, path, headers=self._headers(host, port))
                response = connection.getresponse()
                return response.status, response.getheader("Location") or ""
            except (OSError, http.client.HTTPException, ValueError) as error:
                raise _Unreachable(_describe(error, host)) from None
            finally:
                connection.close()

    def _headers(self, host: str, port: int | None) -> dict[str, str]:
        return {
            "Host": host if port is None else f"{host}:{port}",
            "User-Agent": self.settings.user_agent,
            "Accept": "*/*",
            "Connection": "close",
        }

    def _allowed(self, url: str) -> bool:
        scheme, host, port, _path = _split(url)
        key = f"{scheme}://{host}:{port}"
        with self._robots_guard:
            reading = self._robots_reading.setdefault(key, threading.Lock())
        with reading:  # one thread reads a host's robots.txt; the others wait for it
            robots = self._robots.get(key)
            if robots is None:
                robots = self._robots[key] = self._read_robots(scheme, host, port)
        return robots.can_fetch(self.settings.user_agent, url)

    def _read_robots(self, scheme: str, host: str, port: int | None) -> urllib.robotparser.RobotFileParser:
        """The host's robots.txt: 401/403 forbid everything; missing or unreadable allows everything."""
        robots = urllib.robotparser.RobotFileParser()
        endpoint = self.route(scheme, host, port)
        if endpoint is None:
            robots.parse([])
            return robots
        with self._pacer.lock_for(host):
            self._pacer.wait_turn(host)
            connection = _connection(endpoint, self.settings.timeout)
            try:
                connection.request("GET", "/robots.txt", headers=self._headers(host, port))
                response = connection.getresponse()
                body = response.read(512_000) if response.status == 200 else b""
                status = response.status
            except (OSError, http.client.HTTPException, ValueError):
                status, body = 0, b""
            finally:
                connection.close()
        if status in {401, 403}:
            robots.parse(["User-agent: *", "Disallow: /"])
        else:
            robots.parse(body.decode("utf-8", errors="replace").splitlines())
        return robots


def _connection(endpoint: Endpoint, timeout: float) -> http.client.HTTPConnection:
    if endpoint.tls:
        return http.client.HTTPSConnection(endpoint.host, endpoint.port, timeout=timeout)
    return http.client.HTTPConnection(endpoint.host, endpoint.port, timeout=timeout)


def _split(url: str) -> tuple[str, str, int | None, str]:
    """(scheme, host, port, path with query) of an http(s) address; anything else is unreachable."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise _Unreachable("Not a web address") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise _Unreachable("Not a web address")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    if any(ord(c) < 33 or ord(c) > 126 for c in path):
        raise _Unreachable("The address has characters a web address cannot")
    return parts.scheme, parts.hostname.lower(), port, path


def _describe(error: Exception, host: str) -> str:
    if isinstance(error, (TimeoutError, socket.timeout)):
        return f"No answer from {host} in time"
    if isinstance(error, socket.gaierror):
        return f"No such host: {host}"
    if isinstance(error, ConnectionRefusedError):
        return f"{host} refused the connection"
    return _cut(f"{host}: {error.__class__.__name__}: {error}")


def _cut(text: str, longest: int = LONGEST_MESSAGE) -> str:
    return text if len(text) <= longest else text[: longest - 1] + "…"


def check_links(targets: Sequence[Target], check: CheckSettings, route: Router = direct) -> list[Result]:
    return LinkChecker(check, route).check_all(targets)
