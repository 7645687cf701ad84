#!/usr/bin/env python3
"""feedcard serve against malformed and hostile requests sent on raw
sockets, and its connection limits: each case asserts the status (or the
closed connection) it must get, and that the server still serves afterwards.
The server listens on a free 127.0.0.1 port with --timeout 1 and
--max-connections 8 (so 2 per client) and is stopped at the end; every
socket has a timeout, so nothing here can hang."""
import os
import re
import socket
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_helper import SRC, Server, check, finish  # noqa: E402

def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.settimeout(5)
    return s


def raw(port, data):
    """Send data, read until the server closes or 5 s pass; return the status
    code (int) or None when the connection closed without a status line.
    A connection closed before a single byte came back is tried again a few
    times: the per-client limit (2 here) can still count a connection this
    test closed a moment ago, more so on a slow (sanitizer) build."""
    for attempt in range(5):
        got = raw_once(port, data)
        if got:
            break
        time.sleep(0.3)
    m = re.match(rb"HTTP/1\.[01] (\d{3}) ", got)
    return int(m.group(1)) if m else None


def raw_once(port, data):
    s = connect(port)
    try:
        s.sendall(data)
        got = b""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                chunk = s.recv(65536)
            except (socket.timeout, ConnectionResetError):
                break
            if not chunk:
                break
            got += chunk
            if b"\r\n\r\n" in got and b"Connection: close" not in got:
                break
    finally:
        s.close()
    return got


def closed_within(sock, seconds):
    """True when the server closes sock within seconds."""
    sock.settimeout(seconds)
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


with tempfile.TemporaryDirectory() as work:
    out = os.path.join(work, "out")
    srv = Server(work, ["-c", os.path.join(SRC, "examples", "feedcard.yaml"), "-o", out,
                        "--timeout", "1", "--max-connections", "8"])
    p = srv.port
    ok = b"GET /blog/rss.xml HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
    try:
        check(raw(p, ok) == 200, "a plain GET")
        cases = [
            # (name, request, acceptable statuses; None = closed without an answer)
            ("raw NUL in the path", b"GET /blog/rss.xml\x00/../../etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n",
             {400}),
            ("absolute-form target", b"GET http://127.0.0.1/blog/rss.xml HTTP/1.1\r\nHost: t\r\n\r\n", {400}),
            ("asterisk target", b"GET * HTTP/1.1\r\nHost: t\r\n\r\n", {400}),
            ("relative target", b"GET blog/rss.xml HTTP/1.1\r\nHost: t\r\n\r\n", {400}),
            ("raw dot-dot", b"GET /../../etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n", {400}),
            ("encoded dot-dot", b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n", {400}),
            ("backslash", b"GET /..\\..\\etc\\passwd HTTP/1.1\r\nHost: t\r\n\r\n", {400}),
            ("no Host in HTTP/1.1", b"GET /blog/rss.xml HTTP/1.1\r\n\r\n", {400}),
            ("header without a colon", b"GET /blog/rss.xml HTTP/1.1\r\nHost: t\r\nBogus\r\n\r\n", {400}),
            ("garbage request line", b"HELLO\r\n\r\n", {400, None}),
            ("unknown HTTP version", b"GET /blog/rss.xml HTTP/9.9\r\nHost: t\r\n\r\n", {400, 505}),
            ("TRACE", b"TRACE /blog/rss.xml HTTP/1.1\r\nHost: t\r\n\r\n", {405}),
            ("CONNECT", b"CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: t\r\n\r\n", {400, 405}),
            ("too many headers", b"GET /blog/rss.xml HTTP/1.1\r\nHost: t\r\n" +
             b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 40) for i in range(2000)) + b"\r\n", {400, 431}),
            ("over-long URL", b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\nHost: t\r\n\r\n", {400, 414}),
        ]
        for name, req, want in cases:
            got = raw(p, req)
            check(got in want, f"{name}: got {got}, want one of {sorted(want, key=str)}")
        check(raw(p, ok) == 200, "the server still serves after the hostile requests")

        # An idle connection is closed after --timeout (1 s), well before 4 s.
        idle = connect(p)
        t0 = time.monotonic()
        check(closed_within(idle, 4), "an idle connection is not closed after --timeout")
        check(time.monotonic() - t0 >= 0.5, "an idle connection closed too early")
        idle.close()
        # A client that sends half a request and stops is closed too.
        half = connect(p)
        half.sendall(b"GET /blog/rss.xml HTTP/1.1\r\nHost: t\r\n")
        check(closed_within(half, 4), "a half-sent request is not timed out")
        half.close()

        # Two connections per client (8 / 4): of five, at most two stay open
        # (a connection closed a moment ago may still hold a slot, so after a
        # pause longer than --timeout, at least one does).
        time.sleep(1.5)
        conns = []
        for _ in range(5):
            conns.append(connect(p))
            time.sleep(0.05)
        open_now = [not closed_within(s, 0.3) for s in conns]
        check(1 <= sum(open_now) <= 2 and open_now[-1] is False,
              f"per-client connection limit: open {open_now}, want at most the first two")
        for s in conns:
            s.close()
        check("connection limit" in srv.stderr(), "the refused connections are not logged")
        time.sleep(0.3)
        check(raw(p, ok) == 200, "serving after the connection limit was hit")
        log = srv.stderr()
        check('"GET http://127.0.0.1/blog/rss.xml" 400 ' in log, "the absolute-form refusal is not logged")
        check("refused: backslash" in log, "the backslash refusal is not logged")
        check("refused: NUL byte in the request line" in log, "the raw NUL refusal is not logged")
        check("refused by the HTTP layer" in log, "requests refused by MHD are not in the access log")
    finally:
        rc = srv.stop()
    check(rc == 0, f"serve exit status {rc}")

finish()
