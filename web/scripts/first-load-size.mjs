// Prints what a first visit downloads before the dashboard can run: the entry script, the
// chunks index.html preloads and the stylesheets, each raw and gzipped (level 9, as nginx
// at its most thorough would send it). Exits 1 above the budget (200 KB of gzipped JS).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_JS_GZIP = 200 * 1024;
const outDir = process.env.T2O_WEB_OUT_DIR ?? "dist";
const html = readFileSync(join(outDir, "index.html"), "utf8");
const base = "/app/";

const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
let jsRaw = 0;
let jsGzip = 0;
let cssGzip = 0;
for (const url of new Set(assets)) {
  const file = join(outDir, url.startsWith(base) ? url.slice(base.length) : url);
  const bytes = readFileSync(file);
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  if (url.endsWith(".js")) {
    jsRaw += bytes.length;
    jsGzip += gzipped;
  } else {
    cssGzip += gzipped;
  }
  console.log(`  ${url}  ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`first-load JavaScript: ${kb(jsRaw)} (${kb(jsGzip)} gzipped; budget ${kb(BUDGET_JS_GZIP)}), CSS ${kb(cssGzip)} gzipped`);
if (jsGzip > BUDGET_JS_GZIP) {
  console.error("first-load JavaScript is over budget");
  process.exit(1);
}
