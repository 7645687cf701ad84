#!/usr/bin/env python3
"""A real feed reader from Debian, newsboat, reloads the RSS and Atom feeds
of the ebpf.io corpus from feedcard serve. Its cache (SQLite) must then list
exactly the items each feed file holds, and its second reload must be
answered with 304s once newsboat keeps the ETag and Last-Modified. The server
listens on a free 127.0.0.1 port; newsboat runs with a private HOME and a
time limit."""
import os
import sqlite3
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_helper import Server, check, finish  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from fixtures import ebpf_config  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"
def newsboat(home, urls, cache):
    env = dict(os.environ, HOME=home)
    conf = os.path.join(home, "config")
    open(conf, "w").close()
    return subprocess.run(["newsboat", "-u", urls, "-c", cache, "-C", conf, "-x", "reload"],
                          env=env, capture_output=True, text=True, timeout=60)


with tempfile.TemporaryDirectory() as work:
    cfg = ebpf_config(os.path.join(work, "feedcard.yaml"), 20, {"when": "never"})
    out = os.path.join(work, "out")
    srv = Server(work, ["-c", cfg, "-o", out])
    try:
        feeds = {"/blog/rss.xml": os.path.join(out, "blog/rss.xml"),
                 "/blog/atom.xml": os.path.join(out, "blog/atom.xml")}
        # One newsboat profile per feed: the RSS items and Atom entries share
        # their ids, and newsboat keeps one copy of an item per id.
        for n, (path, file) in enumerate(feeds.items()):
            url = srv.base + path
            home = os.path.join(work, f"home{n}")
            os.makedirs(home)
            urls = os.path.join(home, "urls")
            with open(urls, "w") as f:
                f.write(url + "\n")
            cache = os.path.join(home, "cache.db")
            r = newsboat(home, urls, cache)
            check(r.returncode == 0, f"newsboat reload exit {r.returncode}: {r.stderr}")

            root = ET.parse(file).getroot()
            if root.tag == "rss":
                want = [(i.findtext("title"), i.findtext("link")) for i in root.iter("item")]
            else:
                want = [(e.findtext(ATOM + "title"), e.find(ATOM + "link").get("href"))
                        for e in root.iter(ATOM + "entry")]
            db = sqlite3.connect(cache)
            got = db.execute("SELECT title, url FROM rss_item WHERE feedurl = ?", (url,)).fetchall()
            row = db.execute("SELECT title FROM rss_feed WHERE rssurl = ?", (url,)).fetchone()
            db.close()
            check(len(want) == 20, f"{file}: {len(want)} items in the file, want 20")
            check(sorted(got) == sorted(want),
                  f"{url}: newsboat lists {len(got)} items that differ from the feed's {len(want)}: "
                  f"{sorted(set(got) ^ set(want))[:3]}")
            check(row is not None and row[0] == "eBPF Blog", f"{url}: feed title in newsboat {row}")

            # newsboat stores the ETag and Last-Modified on its second
            # reload (the first creates the feed's row); from then on its
            # polls are conditional and must get 304s.
            log_before = srv.stderr()
            for _ in range(2):
                r = newsboat(home, urls, cache)
                check(r.returncode == 0, f"newsboat reload exit {r.returncode}: {r.stderr}")
            lines = [ln for ln in srv.stderr()[len(log_before):].splitlines() if f'"GET {path}"' in ln]
            check(len(lines) == 2 and '" 304 0 ' in lines[-1],
                  f"{path}: newsboat's later reloads got {lines}, want the last to be a 304")
    finally:
        rc = srv.stop()
    check(rc == 0, f"serve exit status {rc}")

finish()
