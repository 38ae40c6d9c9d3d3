"""The demo's web, on this machine: a local server answering for the demo catalogue's host, so the
link checker finds the planted broken and moved links without leaving the machine.

The convention the demo catalogue follows: resource addresses are
`https://learning.demo.lksworkforce.invalid/<path>`; paths starting `/gone/` answer 404, paths
starting `/moved/` answer 301 to the same path without `/moved`, and everything else answers 200.
Standard library only.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from lksworkforce.learning.linkcheck import Router, routed_to

DEMO_HOST = "learning.demo.lksworkforce.invalid"
DEMO_ORIGIN = f"https://{DEMO_HOST}"
GONE_PREFIX = "/gone/"
MOVED_PREFIX = "/moved/"


class DemoHandler(BaseHTTPRequestHandler):
    """Answers by the demo convention; robots.txt allows everything."""

    server_version = "LKSWorkforceDemo/1.0"

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def _answer(self, *, with_body: bool) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nAllow: /\n", with_body=with_body, kind="text/plain")
        elif path.startswith(GONE_PREFIX):
            self._send(404, b"Gone", with_body=with_body)
        elif path.startswith(MOVED_PREFIX):
            self.send_response(301)
            self.send_header("Location", DEMO_ORIGIN + self.path.removeprefix("/moved"))
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(
                200, b"<!doctype html><title>Demo resource</title><p>A synthetic demo page.", with_body=with_body
            )

    def _send(self, status: int, body: bytes, *, with_body: bool, kind: str = "text/html") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return  # quiet: the command prints its own summary


@contextmanager
def demo_web() -> Iterator[Router]:
    """A local server for the demo host, for as long as the block runs; the router sends only the
    demo host's requests to it, and no other host is ever asked."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), DemoHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="linkcheck-demo", daemon=True)
    thread.start()
    try:
        yield routed_to({DEMO_HOST: ("127.0.0.1", server.server_address[1])})
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
