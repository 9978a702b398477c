// Where a first visit's time goes, from a Chrome trace (a measuring aid,
// not a test: nothing is asserted).
//
//   node tests/e2e/trace.mjs URL [URL2 ...] [--rounds 5] [--flags "--no-liftoff"] [--detail] [--reload]
//
// Each URL (a served dist/, e.g. `cargo xtask serve` and an older build on
// another port) is loaded in a fresh browser context, the URLs taking turns,
// so a busy machine weighs on all of them alike. For every step between the
// engine's performance marks it prints the median wall time and the median
// main-thread CPU time (the trace's thread clock: what the page itself
// spent, without the time the OS gave other processes), and the wasm code
// V8 compiled lazily on the main thread in that step (functions, bytes of
// body, CPU ms). --flags passes V8 flags (`--js-flags`), e.g.
// `--no-wasm-lazy-compilation --no-liftoff` to see the page with all code
// compiled up front by the optimising tier. --detail lists, for the last
// round of each URL, the twelve largest functions compiled lazily.
// --reload traces the second visit instead: the page loaded once through a
// caching proxy, then again in the same profile (files from the HTTP
// cache, compiled wasm from V8's code cache).
import { chromium } from "playwright-core";
import { cachingProxy } from "./lib.mjs";

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const valued = new Set(["--rounds", "--flags"]);
const urls = argv.filter((a, i) => !a.startsWith("--") && !valued.has(argv[i - 1]));
const rounds = Number(opt("--rounds", 5));
const flags = opt("--flags", "");
const detail = argv.includes("--detail");
const reload = argv.includes("--reload");
if (!urls.length) {
  console.error("usage: node tests/e2e/trace.mjs URL [URL2 ...] [--rounds N] [--flags V8FLAGS] [--detail]");
  process.exit(2);
}

const STEPS = ["instantiated", "mount", "dom-read", "article-found", "analyzed", "notes-anchored", "ranges-made", "highlights-drawn"];
const CATEGORIES = ["blink.user_timing", "v8.wasm", "disabled-by-default-v8.wasm.detailed"];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r1 = (x) => (x === undefined || Number.isNaN(x) ? "-" : (Math.round(x * 10) / 10).toFixed(1));

const args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--no-first-run", "--disable-component-update"];
if (flags) args.push(`--js-flags=${flags}`);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args });

// One first visit, traced: per step {wall, cpu, fns, bytes, compileCpu}.
const whenReady = async () => {
  for (let i = 0; i < 400 && !window.newsgloss; i++) await new Promise((r) => setTimeout(r, 25));
  try { await window.newsgloss.ready; return "ok"; } catch (e) { return String(e); }
};

async function visit(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (reload) {
    await page.goto(url);
    await page.evaluate(whenReady);
    // V8 caches a module's code once it has been compiled and tiered up.
    await page.waitForTimeout(2000);
  }
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(url);
  const state = await page.evaluate(whenReady);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  await context.close();
  if (state !== "ok") throw new Error(`${url}: ${state}`);
  const marks = new Map();
  for (const e of events) {
    const name = e.name && e.name.startsWith("newsgloss:") && e.cat.includes("user_timing") ? e.name.slice(10) : null;
    if (name && !marks.has(name) && e.tts !== undefined) marks.set(name, e);
  }
  const main = marks.get("instantiated")?.tid;
  const compiles = events.filter((e) => e.name === "wasm.CompileBaseline" && e.tid === main);
  const steps = {};
  let prev = marks.get("instantiated");
  for (const name of STEPS.slice(1)) {
    const at = marks.get(name);
    if (!at || !prev) continue;
    const inside = compiles.filter((e) => e.ts >= prev.ts && e.ts < at.ts);
    steps[name] = {
      wall: (at.ts - prev.ts) / 1000,
      cpu: (at.tts - prev.tts) / 1000,
      fns: inside.length,
      bytes: inside.reduce((s, e) => s + (e.args.bodySize || 0), 0),
      compileCpu: inside.reduce((s, e) => s + (e.tdur ?? e.dur) / 1000, 0),
    };
    prev = at;
  }
  const first = marks.get("instantiated"), last = marks.get("highlights-drawn");
  steps.total = first && last ? { wall: (last.ts - first.ts) / 1000, cpu: (last.tts - first.tts) / 1000 } : {};
  const all = compiles.filter((e) => first && last && e.ts >= first.ts && e.ts < last.ts);
  steps.total.fns = all.length;
  steps.total.bytes = all.reduce((s, e) => s + (e.args.bodySize || 0), 0);
  steps.total.compileCpu = all.reduce((s, e) => s + (e.tdur ?? e.dur) / 1000, 0);
  const biggest = [...all].sort((a, b) => b.args.bodySize - a.args.bodySize).slice(0, 12)
    .map((e) => `#${e.args.funcIndex} ${e.args.bodySize} B ${r1((e.tdur ?? e.dur) / 1000)} ms`);
  return { steps, biggest };
}

const proxies = [];
try {
  if (reload) {
    for (const url of urls) proxies.push(await cachingProxy(url));
  }
  const visited = reload ? proxies.map((p) => `http://127.0.0.1:${p.address().port}/`) : urls;
  const results = urls.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let u = 0; u < urls.length; u++) results[u].push(await visit(visited[u]));
  }
  console.log(`${reload ? "reloads" : "first visits"}, median of ${rounds}${flags ? `, --js-flags=${flags}` : ""}: wall ms / main-thread CPU ms / lazily compiled on the main thread (functions, bytes, CPU ms)`);
  for (let u = 0; u < urls.length; u++) {
    console.log(urls[u]);
    for (const name of [...STEPS.slice(1), "total"]) {
      const xs = results[u].map((x) => x.steps[name]).filter(Boolean);
      if (!xs.length) continue;
      const m = (k) => median(xs.map((x) => x[k]));
      console.log(`  ${name.padEnd(17)} ${r1(m("wall")).padStart(6)} / ${r1(m("cpu")).padStart(6)}   ${String(m("fns")).padStart(4)} fns ${String(m("bytes")).padStart(7)} B ${r1(m("compileCpu")).padStart(6)} ms`);
    }
    if (detail) console.log(`  largest compiled: ${results[u].at(-1).biggest.join(", ")}`);
  }
  console.log(`${new Date().toISOString()}`);
} finally {
  for (const proxy of proxies) proxy.close();
  await browser.close();
}
