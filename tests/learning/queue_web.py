"""A web for the link checker's tests, on 127.0.0.1 in a thread: nothing leaves the machine.

Paths: /ok 200; /missing 404; /error 500; /old 301 -> /new (200); /gone-for-good 308 -> /missing;
/temporary 302 -> /ok; /loop 301 -> /loop; /slow answers after SLOW seconds; /head-refused answers
HEAD with 405 and GET with 200; robots.txt disallows /private/. Every request is logged."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW = 1.5
REDIRECTS = {
    "/old": (301, "/new"),
    "/gone-for-good": (308, "/missing"),
    "/temporary": (302, "/ok"),
    "/loop": (301, "/loop"),
}


@dataclass
class Log:
    requests: list[tuple[float, str, str, str]] = field(default_factory=list)  # (when, method, path, user agent)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        return [path for _when, _method, path, _agent in self.requests]


@dataclass
class Web:
    port: int
    log: Log

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _handler(log: Log, robots: tuple[int, bytes]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self._answer("HEAD")

        def do_GET(self) -> None:
            self._answer("GET")

        def _answer(self, method: str) -> None:
            with log.lock:
                log.requests.append((time.monotonic(), method, self.path, self.headers.get("User-Agent", "")))
                log.in_flight += 1
                log.most_in_flight = max(log.most_in_flight, log.in_flight)
            try:
                self._respond(method)
            finally:
                with log.lock:
                    log.in_flight -= 1

        def _respond(self, method: str) -> None:
            if self.path == "/robots.txt":
                return self._send(robots[0], robots[1], method)
            if self.path in REDIRECTS:
                status, where = REDIRECTS[self.path]
                self.send_response(status)
                self.send_header("Location", where)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            if self.path == "/slow":
                time.sleep(SLOW)
            if self.path == "/head-refused" and method == "HEAD":
                return self._send(405, b"", method)
            status = {"/missing": 404, "/error": 500}.get(self.path, 200)
            return self._send(status, b"<p>page</p>", method)

        def _send(self, status: int, body: bytes, method: str) -> None:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if method == "GET":
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@contextmanager
def local_web(robots: tuple[int, bytes] = (200, b"User-agent: *\nDisallow: /private/\n")) -> Iterator[Web]:
    log = Log()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(log, robots))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Web(server.server_address[1], log)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
