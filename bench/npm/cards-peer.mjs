// The satori + resvg peer for bench/peers: social cards the way @vercel/og
// draws them, in one Node process. For each post: a satori layout (title,
// description, date, site name; Inter from the project's fonts/) to SVG,
// resvg to pixels, then sharp to JPEG at the given quality (PNG from resvg
// when sharp is not installed).
//
//   node cards-peer.mjs CORPUS OUTDIR FONTS_DIR [--quality 85] [--site NAME] [--limit N]
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import satori from "satori";
import { Resvg } from "@resvg/resvg-js";

let sharp = null;
try {
  sharp = (await import("sharp")).default;
} catch {
  sharp = null;
}

const args = process.argv.slice(2);
const pos = [];
let quality = 85, site = "eBPF.io blog", limit = 0;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--quality") quality = Number(args[++i]);
  else if (args[i] === "--site") site = args[++i];
  else if (args[i] === "--limit") limit = Number(args[++i]);
  else pos.push(args[i]);
}
const [corpus, outdir, fontsDir] = pos;
const fonts = [
  { name: "Inter", data: fs.readFileSync(path.join(fontsDir, "Inter-Regular.otf")), weight: 400, style: "normal" },
  { name: "Inter", data: fs.readFileSync(path.join(fontsDir, "Inter-ExtraBold.otf")), weight: 800, style: "normal" },
];

const h = (type, style, children) => ({ type, props: { style, children } });
const months = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

let n = 0;
for (const e of fs.readdirSync(corpus, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
  if (!e.isDirectory()) continue;
  const file = path.join(corpus, e.name, "index.md");
  if (!fs.existsSync(file)) continue;
  let d;
  try {
    d = matter(fs.readFileSync(file, "utf8")).data;
  } catch {
    continue;
  }
  if (!d.title) continue;
  const date = new Date(d.date);
  const when = isNaN(date) ? "" : `${months[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
  const el = h("div", {
    width: "100%", height: "100%", display: "flex", flexDirection: "column", justifyContent: "space-between",
    padding: "64px 88px", backgroundColor: "#ffffff", fontFamily: "Inter", color: "#0f172a",
  }, [
    h("div", { fontSize: 26, color: "#2563eb", fontWeight: 800 }, site),
    h("div", { display: "flex", flexDirection: "column", width: 1024 }, [
      h("div", { fontSize: 64, fontWeight: 800, lineHeight: 1.12, maxHeight: 290, overflow: "hidden" }, String(d.title)),
      h("div", { fontSize: 28, color: "#475569", marginTop: 24, maxHeight: 80, overflow: "hidden" },
        d.description ? String(d.description).slice(0, 160) : ""),
    ]),
    h("div", { fontSize: 24, color: "#64748b" }, when),
  ]);
  const svg = await satori(el, { width: 1200, height: 630, fonts });
  const png = new Resvg(svg, { fitTo: { mode: "width", value: 1200 } }).render().asPng();
  const dir = path.join(outdir, e.name);
  fs.mkdirSync(dir, { recursive: true });
  if (sharp) await sharp(png).jpeg({ quality }).toFile(path.join(dir, "ogimage.jpg"));
  else fs.writeFileSync(path.join(dir, "ogimage.png"), png);
  n++;
  if (limit && n >= limit) break;
}
console.log(`cards-peer: ${n} cards (${sharp ? "JPEG q" + quality + " via sharp" : "PNG, sharp missing"})`);
