// Shared helpers for the end-to-end tests: one headless Chromium, pages that
// record console errors, and paths. The tests drive the served demo like a
// person would (mouse, keyboard) and read state through the page.
import { chromium } from "playwright-core";
import { mkdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import http from "node:http";

const here = path.dirname(fileURLToPath(import.meta.url));
export const BASE = process.env.NEWSGLOSS_URL || "http://127.0.0.1:8000/";
export const SHARED = process.env.NEWSGLOSS_SHARED || path.resolve(here, "../../../shared");
export const OUT = path.join(here, "out");
mkdirSync(OUT, { recursive: true });
export const sharedPresent = existsSync(path.join(SHARED, "pages"));

export const PUTIN_QUOTE = "Our recent warnings have indeed been heard and are having some effect,";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.NEWSGLOSS_CHROMIUM || process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-quic",
    ],
  });
}

// A fresh context and page; `errors` collects console errors and uncaught
// page exceptions, `requests` every URL the page asked for.
export async function open(browser, { viewport = { width: 1280, height: 900 }, setup } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  const consoleErrors = [];
  const requests = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}\n${e.stack || ""}`));
  page.on("request", (r) => requests.push(r.url()));
  if (setup) await setup(page, context);
  return { context, page, errors, consoleErrors, requests };
}

// Waits for the widget; returns "ok" or the failure message.
export async function ready(page) {
  return page.evaluate(async () => {
    for (let i = 0; i < 200 && !window.newsgloss; i++) await new Promise((r) => setTimeout(r, 25));
    if (!window.newsgloss) return "no window.newsgloss";
    try { await window.newsgloss.ready; return "ok"; } catch (e) { return e.message; }
  });
}

// The text of every range in the highlights named `name` or `name-*`
// ("newsgloss-quote" gathers the direct, partial and scare layers).
export async function highlighted(page, name) {
  return page.evaluate((n) => {
    const out = [];
    for (const [key, h] of CSS.highlights) {
      if (key === n || key.startsWith(n + "-")) out.push(...Array.from(h.values()).map((r) => r.toString()));
    }
    return out;
  }, name);
}

// Bag-of-words precision/recall/F1 of `got` against `want`.
export function tokenF1(got, want) {
  const toks = (s) => (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []);
  const count = new Map();
  for (const t of toks(want)) count.set(t, (count.get(t) || 0) + 1);
  const g = toks(got);
  let hit = 0;
  for (const t of g) { const c = count.get(t) || 0; if (c > 0) { hit++; count.set(t, c - 1); } }
  const w = toks(want).length;
  const p = g.length ? hit / g.length : 0;
  const r = w ? hit / w : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

// A proxy of `base` that lets the browser cache the widget's files (a
// deployment would; `cargo xtask serve` says `no-store`), so that a reload
// can use V8's wasm code cache. For the measuring scripts.
export function cachingProxy(base) {
  const server = http.createServer(async (req, res) => {
    try {
      const r = await fetch(new URL(req.url, base));
      const body = Buffer.from(await r.arrayBuffer());
      res.writeHead(r.status, {
        "content-type": r.headers.get("content-type") || "application/octet-stream",
        "cache-control": /\.(wasm|js)$/.test(req.url) ? "public, max-age=3600" : "no-cache",
      });
      res.end(body);
    } catch (e) { res.writeHead(502); res.end(String(e)); }
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(server)));
}
