"""Test support for `update`: generated registries and a real HTTP server on 127.0.0.1.

The server runs http.server in a thread on an ephemeral port; each path is given a `Route`
saying how to answer (a body, a status, extra headers such as a redirect's Location, a lying
Content-Length, silence, a slow drip). Requests are recorded so a test can see which validators
were sent. `running_server()` starts one for a block; `loopback_only()` keeps proxies out.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from cli_support import registry_csv_text

PROTOCOLS = ("tcp", "udp", "sctp", "dccp")


def generated_rows(count: int, start_port: int = 1000, tag: str = "") -> list[list[str]]:
    """`count` distinct registry rows: gen-svc-NNNN on consecutive ports, rotating protocols.

    Only the fields `registry_xml` writes are filled, so the CSV and XML of the same rows
    parse to the same records.
    """
    rows = []
    for i in range(count):
        rows.append(
            [
                f"gen-svc-{i:04d}",
                str(start_port + i),
                PROTOCOLS[i % len(PROTOCOLS)],
                f"Generated service number {i}{tag}",
                "",
                "",
                "2001-01-01",
                "",
                "",
                "",
                "",
                "",
            ]
        )
    return rows


def registry_csv(rows: list[list[str]]) -> bytes:
    """IANA's CSV for these rows."""
    return registry_csv_text(rows).encode("utf-8")


def registry_xml(rows: list[list[str]], updated: str) -> bytes:
    """IANA's XML for these rows (name, number, protocol, description, dates), dated `updated`."""
    parts = [
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        '<registry xmlns="http://www.iana.org/assignments" id="service-names-port-numbers">\n',
        "  <title>Service Name and Transport Protocol Port Number Registry</title>\n",
        f"  <updated>{updated}</updated>\n",
    ]
    for name, port, protocol, description, *_rest in rows:
        parts.append(
            '  <record date="2001-01-01">\n'
            f"    <name>{escape(name)}</name>\n"
            f"    <protocol>{protocol}</protocol>\n"
            f"    <description>{escape(description)}</description>\n"
            f"    <number>{port}</number>\n"
            "  </record>\n"
        )
    parts.append(
        "  <people>\n"
        '    <person id="Gen_Person">\n'
        "      <name>Gen Person</name>\n"
        "      <uri>mailto:gen&amp;example.org</uri>\n"
        "      <updated>2020-02-02</updated>\n"
        "    </person>\n"
        "  </people>\n"
        "</registry>\n"
    )
    return "".join(parts).encode("utf-8")


@dataclass
class Route:
    """How the server answers one path.

    Attributes:
        body: the bytes sent.
        status: the HTTP status.
        etag: sent as ETag; a request whose If-None-Match equals it gets 304.
        content_length: the announced length (None: the true length).
        silent: never answer at all (until the server stops).
        stall_after: send this many bytes of the body, then go silent.
        drip_every: send the body one byte at a time, this many seconds apart.
        content_type: the Content-Type header.
        headers: more headers to send (e.g. Location for a redirect).
    """

    body: bytes = b""
    status: int = 200
    etag: str = ""
    content_length: int | None = None
    silent: bool = False
    stall_after: int | None = None
    drip_every: float | None = None
    content_type: str = "application/xml"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Server:
    """A running loopback server: its base URL, routes and the requests it received."""

    base: str
    routes: dict[str, Route]
    requests: list[dict[str, str]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return self.base + path


def start_server() -> tuple[Server, ThreadingHTTPServer]:
    """Start a server on 127.0.0.1:0 in a daemon thread; stop it with `stop_server`."""
    routes: dict[str, Route] = {}
    holder: dict[str, Server] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            server = holder["server"]
            server.requests.append({"path": self.path, **dict(self.headers.items())})
            route = routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            if route.silent:
                server.release.wait(30)
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            length = len(route.body) if route.content_length is None else route.content_length
            self.send_header("Content-Length", str(length))
            if route.etag:
                self.send_header("ETag", route.etag)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if route.drip_every is not None:
                for offset in range(len(route.body)):
                    if server.release.wait(route.drip_every):
                        return
                    try:
                        self.wfile.write(route.body[offset : offset + 1])
                        self.wfile.flush()
                    except OSError:
                        return  # the client gave up
                return
            if route.stall_after is not None:
                self.wfile.write(route.body[: route.stall_after])
                self.wfile.flush()
                server.release.wait(30)
                return
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Keep test output quiet."""

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    host, port = httpd.server_address[:2]
    server = Server(base=f"http://{host}:{port}", routes=routes)
    holder["server"] = server
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return server, httpd


def stop_server(server: Server, httpd: ThreadingHTTPServer) -> None:
    """Release any handler left waiting, then shut the server down."""
    server.release.set()
    httpd.shutdown()
    httpd.server_close()


@contextlib.contextmanager
def running_server() -> Iterator[Server]:
    """A loopback server for the block (a test module's `server` fixture wraps this)."""
    running, httpd = start_server()
    try:
        yield running
    finally:
        stop_server(running, httpd)


PROXY_VARIABLES = (
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
)


def loopback_only(monkeypatch) -> None:  # noqa: ANN001 - a pytest MonkeyPatch
    """No proxy may carry a test's request anywhere: 127.0.0.1 is reached directly."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
