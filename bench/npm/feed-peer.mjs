// The npm `feed` peer for bench/feeds and bench/peers: what a JavaScript
// site does instead of feedcard. Reads every post's front matter with
// gray-matter, renders the Markdown of the posts that go into a feed with
// marked (once per post), and writes RSS 2.0, Atom and JSON Feed with the
// `feed` package: the site feed and, when asked, one per category and per
// tag, as feedcard does. No sanitising and no relative-link rewriting
// (feedcard does both), so this does less work than feedcard.
//
//   node feed-peer.mjs CORPUS OUTDIR --url URL [--limit N] [--dir blog]
//        [--formats rss,atom,json] [--per-category] [--per-tag] [--summary]
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { marked } from "marked";
import { Feed } from "feed";

const args = process.argv.slice(2);
const opt = { url: "https://example.org", limit: 20, dir: "blog", formats: "rss,atom,json" };
const pos = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--url") opt.url = args[++i];
  else if (a === "--limit") opt.limit = Number(args[++i]);
  else if (a === "--dir") opt.dir = args[++i];
  else if (a === "--formats") opt.formats = args[++i];
  else if (a === "--per-category") opt.perCategory = true;
  else if (a === "--per-tag") opt.perTag = true;
  else if (a === "--summary") opt.summary = true;
  else pos.push(a);
}
const [corpus, outdir] = pos;
const formats = new Set(opt.formats.split(","));

// Posts: FOLDER/index.md, or a top-level NAME.md.
const posts = [];
let skipped = 0;
for (const e of fs.readdirSync(corpus, { withFileTypes: true })) {
  let file, name;
  if (e.isDirectory()) {
    file = path.join(corpus, e.name, "index.md");
    name = e.name;
    if (!fs.existsSync(file)) continue;
  } else if (e.isFile() && e.name.endsWith(".md") && e.name !== "README.md") {
    file = path.join(corpus, e.name);
    name = e.name.slice(0, -3);
  } else continue;
  let fm;
  try {
    fm = matter(fs.readFileSync(file, "utf8"));
  } catch (err) {
    skipped++;
    continue;
  }
  const d = fm.data;
  const date = new Date(d.date);
  if (!d.title || isNaN(date)) {
    skipped++;
    continue;
  }
  const slug = name.replace(/^\d{4}-\d{2}-\d{2}-/, "");
  const y = date.getUTCFullYear(), m = String(date.getUTCMonth() + 1).padStart(2, "0"),
    dd = String(date.getUTCDate()).padStart(2, "0");
  const own = `${opt.url}/blog/${y}/${m}/${dd}/${slug}/`;
  let ext = typeof d.externalUrl === "string" ? d.externalUrl.replace(/^<|>$/g, "") : null;
  const arr = (v) => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
  posts.push({ title: String(d.title), date, description: d.description ? String(d.description) : "",
    link: ext || own, id: own, body: fm.content, categories: arr(d.categories), tags: arr(d.tags),
    html: null });
}
posts.sort((a, b) => b.date - a.date);

const html = (p) => (p.html ??= marked.parse(p.body));
const slugify = (s) => s.toLowerCase().normalize("NFKD").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");

function write(rel, list, title) {
  const base = `${opt.url}/${opt.dir}/${rel ? rel + "/" : ""}`;
  const feed = new Feed({
    title, description: "Posts", id: base, link: `${opt.url}/`, language: "en",
    updated: list.length ? list[0].date : new Date(0), generator: "feed (npm)", copyright: "",
    feedLinks: { rss: base + "rss.xml", atom: base + "atom.xml", json: base + "feed.json" },
  });
  for (const p of opt.limit > 0 ? list.slice(0, opt.limit) : list) {
    feed.addItem({ title: p.title, id: p.id, link: p.link, date: p.date, description: p.description,
      content: opt.summary ? undefined : html(p), category: p.categories.map((name) => ({ name })) });
  }
  const dir = path.join(outdir, opt.dir, rel);
  fs.mkdirSync(dir, { recursive: true });
  if (formats.has("rss")) fs.writeFileSync(path.join(dir, "rss.xml"), feed.rss2());
  if (formats.has("atom")) fs.writeFileSync(path.join(dir, "atom.xml"), feed.atom1());
  if (formats.has("json")) fs.writeFileSync(path.join(dir, "feed.json"), feed.json1());
}

write("", posts, "Blog");
let nfeeds = 1;
for (const [flag, key, sub] of [[opt.perCategory, "categories", "categories"], [opt.perTag, "tags", "tags"]]) {
  if (!flag) continue;
  const groups = new Map();
  for (const p of posts)
    for (const c of p[key]) {
      const s = slugify(c);
      if (!groups.has(s)) groups.set(s, { name: c, list: [] });
      groups.get(s).list.push(p);
    }
  for (const [s, g] of groups) {
    write(`${sub}/${s}`, g.list, `Blog: ${g.name}`);
    nfeeds++;
  }
}
console.log(`feed-peer: ${posts.length} posts (${skipped} skipped), ${nfeeds} feeds x ${formats.size} formats`);
