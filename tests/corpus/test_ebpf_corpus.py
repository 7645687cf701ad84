#!/usr/bin/env python3
"""Whole-corpus test: the 482 real ebpf.io posts, with a config that mirrors
that site (https://ebpf.io, 20 items). Checked with tools we did not write:
xmllint and python3-feedparser, plus our own checks of the W3C validator's
rules (which CI cannot run)."""
import datetime
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET

import feedparser

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from fixtures import ebpf_config  # noqa: E402

BIN = os.environ["FEEDCARD_BIN"]
CORPUS = os.environ["FEEDCARD_CORPUS"]
SEED = "Reflecting on the eBPF Summit 2024: A Recap of Innovation and Community"
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def build(workdir, name, limit, extra_args=()):
    cfg = ebpf_config(os.path.join(workdir, name + ".yaml"), limit)
    out = os.path.join(workdir, name)
    r = subprocess.run([BIN, "build", "-c", cfg, "-o", out, *extra_args],
                       capture_output=True, text=True)
    return r, out


def front_matter(path):
    """Our own reading of the fields the order depends on (regexes, not libyaml)."""
    text = open(path, encoding="utf-8").read()
    fields = {}
    for key in ("date", "externalUrl", "path"):
        m = re.search(r"^%s:\s*['\"]?(.*?)['\"]?\s*$" % key, text, re.M)
        if m:
            fields[key] = m.group(1)
    return fields


def expected_newest(n):
    posts = []
    for path in glob.glob(os.path.join(CORPUS, "*", "index.md")):
        fm = front_matter(path)
        date = datetime.datetime.fromisoformat(fm["date"].replace("Z", "+00:00"))
        if "externalUrl" in fm:
            link = fm["externalUrl"].strip("<>")
        elif "path" in fm:
            link = "https://ebpf.io" + fm["path"]
        else:
            slug = os.path.basename(os.path.dirname(path))[11:].lower()
            link = "https://ebpf.io" + urllib.parse.quote(date.strftime("/blog/%Y/%m/%d/") + slug + "/")
        posts.append((-date.timestamp(), link, date))
    posts.sort()
    return posts[:n]


RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000$")
ATOM = "{http://www.w3.org/2005/Atom}"
URL_ATTR = re.compile(r"""\s(?:href|src|poster)\s*=\s*["']([^"']*)["']""")


def check_w3c_rules(path, rel):
    """The validator's rules that our feeds could break, checked directly."""
    data = open(path, "rb").read()
    check(b"<![CDATA[" not in data, f"{rel}: CDATA section")
    root = ET.fromstring(data)
    self_url = "https://ebpf.io/" + rel
    html_parts, ids = [], []
    if root.tag == "rss":
        ch = root.find("channel")
        selfs = [l.get("href") for l in ch.findall(ATOM + "link") if l.get("rel") == "self"]
        check(selfs == [self_url], f"{rel}: self link {selfs} != {self_url}")
        check(ch.find("author") is None and not root.findall(".//item/author"), f"{rel}: RSS <author> with a name")
        dates = [ch.findtext("lastBuildDate")] + [i.findtext("pubDate") for i in ch.findall("item")]
        for d in dates:
            check(d and RFC822.match(d), f"{rel}: bad RFC 822 date {d!r}")
        pub = [datetime.datetime.strptime(i.findtext("pubDate"), "%a, %d %b %Y %H:%M:%S %z") for i in ch.findall("item")]
        last = datetime.datetime.strptime(ch.findtext("lastBuildDate"), "%a, %d %b %Y %H:%M:%S %z")
        check(pub and last == max(pub), f"{rel}: lastBuildDate {last} is not the newest item date")
        for item in ch.findall("item"):
            ids.append(item.findtext("guid"))
            for tag in ("description", "{http://purl.org/rss/1.0/modules/content/}encoded"):
                el = item.find(tag)
                if el is not None:
                    check((el.text or "").strip() != "", f"{rel}: blank {tag}")
                    html_parts.append(el.text or "")
    else:
        selfs = [l.get("href") for l in root.findall(ATOM + "link") if l.get("rel") == "self"]
        check(selfs == [self_url], f"{rel}: self link {selfs} != {self_url}")
        for e in root.findall(ATOM + "entry"):
            ids.append(e.findtext(ATOM + "id"))
            for tag in ("summary", "content"):
                el = e.find(ATOM + tag)
                if el is not None:
                    check((el.text or "").strip() != "", f"{rel}: blank {tag}")
                    html_parts.append(el.text or "")
    check(len(ids) == len(set(ids)), f"{rel}: duplicate ids")
    for h in html_parts:
        for url in URL_ATTR.findall(h):
            check(re.match(r"^(https?|mailto):", url), f"{rel}: relative or odd URL in content: {url!r}")
    return root


with tempfile.TemporaryDirectory() as work:
    r, out = build(work, "site", 20)
    check(r.returncode == 0, f"build failed ({r.returncode}): {r.stderr[-2000:]}")
    check("482 posts" in r.stdout, f"not every post was read: {r.stdout}")
    # The 7 unterminated link-only posts are warned about, not failed.
    check("feedcard: warning: 7 posts have no closing fence ('---' or '+++') after their front matter" in r.stderr
          and r.stderr.count("front matter has no closing '---'") == 1, "expected one summary of 7 unterminated front matter warnings")
    # ... and the 7 <url> ones are one summary line (diag_kind), not 7 lines.
    check(r.stderr.count("feedcard: warning: 7 URLs had angle brackets around them, removed (the first: ") == 1
          and r.stderr.count("angle brackets around the URL removed") == 1, "expected one summary of 7 <url> warnings")
    check(" error: " not in r.stderr, "errors on the real corpus:\n" + r.stderr)

    # The RSS feed holds exactly the 20 newest posts, newest first.
    want = expected_newest(20)
    rss = feedparser.parse(os.path.join(out, "blog/rss.xml"))
    check(rss.bozo == 0, f"feedparser: rss bozo {rss.get('bozo_exception')}")
    check(len(rss.entries) == 20, f"rss has {len(rss.entries)} items")
    for k, (e, (_, link, date)) in enumerate(zip(rss.entries, want)):
        check(e.link == link, f"rss item {k}: {e.link} != {link}")
        got = datetime.datetime(*e.published_parsed[:6], tzinfo=datetime.timezone.utc)
        check(got == date.astimezone(datetime.timezone.utc), f"rss item {k}: date {got} != {date}")

    # Titles, links and dates agree across the three formats.
    atom = feedparser.parse(os.path.join(out, "blog/atom.xml"))
    check(atom.bozo == 0, "feedparser: atom bozo")
    jf = json.load(open(os.path.join(out, "blog/feed.json"), encoding="utf-8"))
    check(len(atom.entries) == len(jf["items"]) == 20, "atom/json item counts")
    for a, b, j in zip(rss.entries, atom.entries, jf["items"]):
        check(a.title == b.title == j["title"], f"titles differ: {a.title!r} {b.title!r} {j['title']!r}")
        check(a.link == b.link == j["url"], f"links differ: {a.link}")
        check(a.published_parsed == b.published_parsed, f"dates differ for {a.link}")
        check(a.id == b.id == j["id"], f"ids differ for {a.link}")

    # Every XML feed: well-formed by xmllint, parsed by feedparser, W3C rules.
    feeds = sorted(glob.glob(os.path.join(out, "**/*.xml"), recursive=True))
    check(len(feeds) >= 2 * 7, f"expected per-category and per-tag feeds, got {len(feeds)}")
    x = subprocess.run(["xmllint", "--noout", *feeds], capture_output=True, text=True)
    check(x.returncode == 0, "xmllint: " + x.stderr[:2000])
    for f in feeds:
        rel = os.path.relpath(f, out)
        check(feedparser.parse(f).bozo == 0, f"feedparser bozo: {rel}")
        check_w3c_rules(f, rel)
    check(os.path.exists(os.path.join(out, "blog/categories/comnmunity/rss.xml")), "the typo category keeps its feed")

    # The whole corpus, every item: the seed post keeps its category and its links are absolute.
    r2, full = build(work, "full", 0, ["-j", "1"])
    check(r2.returncode == 0, f"full build failed ({r2.returncode}): {r2.stderr[-2000:]}")
    f = feedparser.parse(os.path.join(full, "blog/atom.xml"))
    check(len(f.entries) == 482, f"full feed has {len(f.entries)} entries")
    seed = [e for e in f.entries if e.title == SEED]
    check(len(seed) == 1, "seed post missing")
    if seed:
        e = seed[0]
        check([t.term for t in e.tags] == ["Comnmunity"], f"seed categories {e.get('tags')}")
        check(e.link == "https://ebpf.io/blog/ebpf-summit-wrapup", f"seed link {e.link}")
        html = e.content[0].value
        check("<iframe" not in html, "iframe left in the seed post")
        check('href="https://www.youtube.com/watch?v=PQNDsdP27Hw"' in html, "embed not turned into a link")
        check('href="https://ebpf.io/summit-2024/"' in html, "seed link lost")
        for url in URL_ATTR.findall(html):
            check(url.startswith("https://"), f"relative URL in the seed post: {url}")
    for feed in sorted(glob.glob(os.path.join(full, "**/*.xml"), recursive=True)):
        check_w3c_rules(feed, os.path.relpath(feed, full))

    # The same bytes whatever the thread count.
    r3, full2 = build(work, "full2", 0, ["-j", "2"])
    check(r3.returncode == 0, f"full build with -j 2 failed ({r3.returncode}): {r3.stderr[-2000:]}")
    d = subprocess.run(["diff", "-r", "-x", ".feedcard-state", full, full2], capture_output=True, text=True)
    check(d.returncode == 0, "output depends on -j:\n" + d.stdout[:1000])

if failures:
    print("\n".join(failures[:50]))
    print(f"{len(failures)} failed checks")
    sys.exit(1)
print("corpus: all checks passed")
