#!/usr/bin/env python3
"""feedcard serve --watch: while a client polls the RSS feed in a loop
(plain, gzip and conditional GETs), a post's title is changed, a post is
broken and fixed, and the config's site title is changed. Every response
must be a 200 with a complete, valid feed or a 304; the new titles must show
up within a few seconds; a broken build keeps the last good output. The
server listens on a free 127.0.0.1 port; the poller stops after at most
60 s and every wait is bounded."""
import gzip
import os
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_helper import Server, check, finish  # noqa: E402

CONFIG = """site:
  title: {title}
  url: https://watch.example
  description: Watch test
  language: en
  author: Tester
content: posts
permalink: /blog/{{year}}/{{month}}/{{day}}/{{slug}}/
feeds:
  dir: blog
  limit: 20
cards:
  when: never
"""

POST = """---
title: '{title}'
date: {date}
description: Post {n}.
---

Body of post {n}, with enough text to make the feed worth compressing.
"""


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


class Poller(threading.Thread):
    """GETs the feed until stopped (or 60 s): records every channel title
    and item title set seen, and every bad response."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url = url
        self.stop_flag = threading.Event()
        self.lock = threading.Lock()
        self.seen = []  # (time, channel title, item titles)
        self.errors = []
        self.counts = {200: 0, 304: 0}

    def latest(self):
        with self.lock:
            return self.seen[-1] if self.seen else None

    def run(self):
        etag = None
        deadline = time.monotonic() + 60
        i = 0
        while not self.stop_flag.is_set() and time.monotonic() < deadline:
            i += 1
            headers = {}
            if i % 3 == 1:
                headers["Accept-Encoding"] = "gzip"
            if i % 3 == 2 and etag:
                headers["If-None-Match"] = etag
            try:
                with urllib.request.urlopen(urllib.request.Request(self.url, headers=headers),
                                            timeout=10) as r:
                    body = r.read()
                    if r.headers.get("Content-Encoding") == "gzip":
                        body = gzip.decompress(body)
                    if r.headers.get("Content-Encoding") != "gzip":
                        etag = r.headers.get("ETag")
                    root = ET.fromstring(body)
                    channel = root.find("channel")
                    items = [it.findtext("title") for it in channel.findall("item")]
                    if len(items) != 3 or root.tag != "rss":
                        self.errors.append(f"incomplete feed: {len(items)} items")
                    with self.lock:
                        self.seen.append((time.monotonic(), channel.findtext("title"), items))
                        self.counts[200] += 1
            except urllib.error.HTTPError as e:
                if e.code == 304:
                    self.counts[304] += 1
                else:
                    self.errors.append(f"HTTP {e.code}")
            except Exception as e:  # a broken feed, a reset connection
                self.errors.append(f"{type(e).__name__}: {e}")
            time.sleep(0.02)


def wait_for(poller, pred, seconds):
    """Seconds until pred(latest seen) holds, or None after `seconds`."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        s = poller.latest()
        if s and pred(s):
            return time.monotonic() - t0
        time.sleep(0.05)
    return None


with tempfile.TemporaryDirectory() as work:
    site = os.path.join(work, "site")
    posts = os.path.join(site, "posts")
    os.makedirs(posts)
    cfg = os.path.join(site, "feedcard.yaml")
    write(cfg, CONFIG.format(title="Watch Blog"))
    for n in (1, 2, 3):
        write(os.path.join(posts, f"2024-0{n}-01-post-{n}.md"),
              POST.format(title=f"Post number {n}", date=f"2024-0{n}-01", n=n))
    srv = Server(work, ["--watch", "-c", cfg, "-o", os.path.join(work, "out")])
    poller = Poller(srv.base + "/blog/rss.xml")
    poller.start()
    try:
        check(wait_for(poller, lambda s: "Post number 2" in s[2], 10) is not None, "the first feed never came")

        # 1. Change a post's title.
        write(os.path.join(posts, "2024-02-01-post-2.md"),
              POST.format(title="A brand new title", date="2024-02-01", n=2))
        took = wait_for(poller, lambda s: "A brand new title" in s[2], 5)
        check(took is not None, "the new title did not show up within 5 s")
        print(f"new title served after {took:.2f} s" if took is not None else "new title never served")

        # 2. Break a post: the build fails, the last good output stays.
        write(os.path.join(posts, "2024-03-01-post-3.md"), "---\ntitle: [unclosed\ndate: nope\n---\nx\n")
        t0 = time.monotonic()
        while time.monotonic() - t0 < 10 and "the build failed" not in srv.stderr():
            time.sleep(0.05)
        check("feedcard serve: the build failed; still serving the last good output" in srv.stderr(),
              "a failed build is not reported")
        check("2024-03-01-post-3.md:" in srv.stderr(), "the build error does not name the file")
        time.sleep(0.5)
        s = poller.latest()
        check(s and s[2] and "Post number 3" in s[2] and "A brand new title" in s[2],
              "after a failed build the last good feed must still be served")

        # 3. Fix it with another title.
        write(os.path.join(posts, "2024-03-01-post-3.md"),
              POST.format(title="Fixed again", date="2024-03-01", n=3))
        check(wait_for(poller, lambda s: "Fixed again" in s[2], 5) is not None,
              "the fixed post did not show up within 5 s")

        # 4. Change the config: the channel title follows.
        write(cfg, CONFIG.format(title="Renamed Blog"))
        check(wait_for(poller, lambda s: s[1] == "Renamed Blog", 5) is not None,
              "the config change did not show up within 5 s")
    finally:
        poller.stop_flag.set()
        poller.join(timeout=15)
        rc = srv.stop()
    check(not poller.errors, f"{len(poller.errors)} bad responses while rebuilding, e.g. {poller.errors[:3]}")
    check(poller.counts[200] > 20 and poller.counts[304] > 5,
          f"too few polls: {poller.counts}")
    print(f"polls: {poller.counts[200]} x 200, {poller.counts[304]} x 304, {len(poller.errors)} bad")
    check(rc == 0, f"serve exit status {rc}")

finish()
