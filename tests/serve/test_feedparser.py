#!/usr/bin/env python3
"""feedcard serve polled by python3-feedparser the way a feed reader does:
the first poll gets the feed and its ETag, the second poll sends it back and
gets a 304 with no entries; the same with Last-Modified. Every served feed
parses without errors and holds the items of the file on disk. (This feedparser cannot read JSON
Feed, so feed.json is polled with urllib.) The server
listens on a free 127.0.0.1 port and is stopped at the end."""
import json
import os
import sys
import tempfile
import urllib.error
import urllib.request

import feedparser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_helper import SRC, Server, check, finish  # noqa: E402

with tempfile.TemporaryDirectory() as work:
    out = os.path.join(work, "out")
    srv = Server(work, ["-c", os.path.join(SRC, "examples", "feedcard.yaml"), "-o", out])
    try:
        for path in ("blog/rss.xml", "blog/atom.xml", "blog/categories/community/rss.xml"):
            url = srv.base + "/" + path
            first = feedparser.parse(url)
            check(first.get("status") == 200, f"{path}: first poll status {first.get('status')}")
            check(not first.bozo, f"{path}: feedparser error {first.get('bozo_exception')}")
            local = feedparser.parse(os.path.join(out, path))
            check([e.title for e in first.entries] == [e.title for e in local.entries],
                  f"{path}: served items differ from the file's")
            check(len(first.entries) > 0, f"{path}: no entries")
            etag = first.get("etag")
            check(bool(etag), f"{path}: no ETag")
            # feedparser asks for gzip, so it gets the gzip copy's ETag.
            check(etag and etag.endswith('-gz"'), f"{path}: ETag {etag} is not the gzip copy's")
            second = feedparser.parse(url, etag=etag)
            check(second.get("status") == 304, f"{path}: poll with ETag got {second.get('status')}, want 304")
            check(len(second.entries) == 0, f"{path}: a 304 has no entries")
            modified = first.get("modified")
            check(bool(modified), f"{path}: no Last-Modified")
            third = feedparser.parse(url, modified=modified)
            check(third.get("status") == 304,
                  f"{path}: poll with Last-Modified got {third.get('status')}, want 304")
            stale = feedparser.parse(url, etag='"0000000000000000"')
            check(stale.get("status") == 200 and len(stale.entries) == len(first.entries),
                  f"{path}: a stale ETag must get the whole feed")
        # This feedparser does not read JSON Feed: poll feed.json with urllib.
        url = srv.base + "/blog/feed.json"
        with urllib.request.urlopen(url, timeout=10) as r:
            body, etag = r.read(), r.headers["ETag"]
            check(r.headers["Content-Type"] == "application/feed+json; charset=utf-8", "feed.json type")
        check(json.loads(body) == json.load(open(os.path.join(out, "blog/feed.json"))), "feed.json differs")
        try:
            urllib.request.urlopen(urllib.request.Request(url, headers={"If-None-Match": etag}), timeout=10)
            check(False, "feed.json: poll with ETag got 200, want 304")
        except urllib.error.HTTPError as e:
            check(e.code == 304 and e.read() == b"", f"feed.json: poll with ETag got {e.code}, want 304")
        log = srv.stderr()
        check('"GET /blog/rss.xml" 304 0 ' in log, "the 304s are not in the access log")
    finally:
        rc = srv.stop()
    check(rc == 0, f"serve exit status {rc}")

finish()
