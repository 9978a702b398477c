// Speed of the reading view in headless Chromium (a script, not a test:
// timings are reported, never asserted).
//
//   cargo xtask serve --port 8000 &      # or any server of dist/
//   node tests/e2e/perf.mjs [--rounds 5] [--words 100000]   (--words 0: the seed page only)
//   node tests/e2e/perf.mjs --old http://127.0.0.1:8001/ ...  (another build, e.g. main's
//                                                            dist/ served elsewhere: every
//                                                            case is run on both, taking turns)
//
// 1. The seed demo page: from wasm instantiation to highlights drawn
//    (performance.measure "newsgloss:instantiated-to-highlights") and the
//    engine's own split (newsgloss.timings()), median of the rounds.
//    The same page reloaded in the same browser profile (a second visit:
//    the files come from the HTTP cache, the wasm's compiled code from
//    V8's code cache); served through a small caching proxy here, since
//    `cargo xtask serve` says `no-store`.
// 2. A synthetic article of about 100,000 words (the demo article's
//    paragraphs repeated, generated here, served by request interception):
//    the highlight count, the same timings, every long task
//    (PerformanceObserver 'longtask') after the highlights are painted, and
//    frame gaps while scrolling through the article with the mouse wheel.
import os from "node:os";
import { launch, open, ready, cachingProxy, BASE } from "./lib.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROUNDS = arg("rounds", 5);
const WORDS = arg("words", 100000);
const OLD = process.argv.includes("--old") ? process.argv[process.argv.indexOf("--old") + 1] : null;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r1 = (x) => Math.round(x * 10) / 10;

// Long tasks and frames, recorded from the start of the page.
const OBSERVE = () => {
  window.__long = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (_) { /* no long-task timing */ }
};

async function measureMount(browser, url, setup, reuse) {
  const { page, context } = reuse || await open(browser, { setup: async (p) => { await p.addInitScript(OBSERVE); if (setup) await setup(p); } });
  await page.goto(url);
  const state = await ready(page);
  if (state !== "ok") throw new Error(state);
  // Two frames: the highlights are painted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const m = await page.evaluate(async () => {
    const e = performance.getEntriesByName("newsgloss:instantiated-to-highlights")[0];
    const drawn = performance.getEntriesByName("newsgloss:highlights-drawn")[0];
    let ranges = 0;
    for (const [, h] of CSS.highlights) ranges += h.size;
    // The engine's marks, as steps: each from the one before.
    const names = ["instantiated", "mount", "dom-read", "article-found", "analyzed", "notes-anchored", "ranges-made", "highlights-drawn", "built"];
    const at = names.map((n) => performance.getEntriesByName("newsgloss:" + n)[0]?.startTime);
    // Each step from the last mark before it that was set.
    const steps = {};
    let prev = at[0];
    names.forEach((n, i) => { if (i > 0 && at[i] !== undefined) { steps[n] = at[i] - prev; prev = at[i]; } });
    const idle = performance.getEntriesByName("newsgloss:idle-done")[0];
    if (idle) steps["after paint (idle work)"] = idle.startTime - performance.getEntriesByName("newsgloss:idle-start")[0]?.startTime;
    await new Promise((r) => setTimeout(r, 300)); // the idle work after the paint
    if (!performance.getEntriesByName("newsgloss:idle-done").length) await new Promise((r) => setTimeout(r, 1000));
    // From the loader's own request (the script tag's module starting to
    // load) to the highlights: what a visitor waits for once the page is
    // there, download and compile included.
    const loader = performance.getEntriesByType("resource").find((r) => /\/newsgloss\.js(\?|$)/.test(r.name));
    const fromScript = loader && drawn ? drawn.startTime - loader.startTime : NaN;
    return { mount: e ? e.duration : NaN, drawnAt: drawn ? drawn.startTime : NaN, timings: newsgloss.timings(), ranges, steps, fromScript };
  });
  return { page, context, ...m };
}

function article(seedHtml, words) {
  // The demo's article paragraphs, repeated to `words` words.
  const paras = [...seedHtml.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1]).filter((p) => p.split(/\s+/).length > 12);
  const out = [];
  let n = 0;
  for (let i = 0; n < words; i++) {
    const p = paras[i % paras.length];
    out.push(`<p>${p}</p>`);
    n += p.split(/\s+/).length;
  }
  return { html: out.join("\n"), words: n };
}

const stepsOf = (ms) => Object.keys(ms[0].steps).map((k) => `${k} ${r1(median(ms.map((m) => m.steps[k])))}`).join(", ");

const browser = await launch();
// The builds measured: this one (BASE), and with --old another one.
const builds = OLD ? [["new", BASE], ["old", OLD]] : [["", BASE]];
const label = (name) => (name ? `[${name}] ` : "");
try {
  const seed = Object.fromEntries(builds.map(([name]) => [name, []]));
  for (let i = 0; i < ROUNDS; i++) {
    for (const [name, base] of builds) {
      const m = await measureMount(browser, base);
      seed[name].push(m);
      await m.context.close();
    }
  }
  for (const [name] of builds) {
    const runs = seed[name];
    const t = (k) => r1(median(runs.map((m) => m.timings[k])));
    console.log(`${label(name)}seed page, median of ${ROUNDS}: instantiated -> highlights drawn ${r1(median(runs.map((m) => m.mount)))} ms` +
      ` (read ${t("read")}, analyze ${t("analyze")}, highlight ${t("highlight")}, total ${t("total")}); ${runs[0].ranges} ranges`);
    console.log(`  steps (ms, median): ${stepsOf(runs)}`);
  }
  // Warm: the engine already compiled (a first visit pays for V8 compiling
  // and tiering up the wasm lazily), mounted again into the same page.
  for (const [name, base] of builds) {
    const warm = await measureMount(browser, base);
    const again = await warm.page.evaluate(async (rounds) => {
      const glue = await import(new URL("newsgloss_core.js", document.baseURI).href);
      const out = [];
      for (let i = 0; i < rounds; i++) {
        const host = document.createElement("div");
        host.setAttribute("data-newsgloss", "");
        document.documentElement.appendChild(host);
        const w = glue.mount(host.attachShadow({ mode: "open" }), {});
        out.push(w.timings());
        w.destroy();
        w.free();
        host.remove();
      }
      return out;
    }, ROUNDS);
    await warm.context.close();
    const wt = (k) => r1(median(again.map((x) => x[k])));
    console.log(`${label(name)}warm (engine compiled, mounted again in the page), median of ${ROUNDS}: total ${wt("total")} ms` +
      ` (read ${wt("read")}, analyze ${wt("analyze")}, highlight ${wt("highlight")})`);
  }
  // First visit and reload in one browser profile, through a caching proxy.
  const proxies = [];
  const firsts = Object.fromEntries(builds.map(([name]) => [name, []]));
  const reloads = Object.fromEntries(builds.map(([name]) => [name, []]));
  for (const [, base] of builds) proxies.push(await cachingProxy(base));
  for (let i = 0; i < ROUNDS; i++) {
    for (let b = 0; b < builds.length; b++) {
      const name = builds[b][0];
      const proxied = `http://127.0.0.1:${proxies[b].address().port}/`;
      const first = await measureMount(browser, proxied);
      firsts[name].push(first);
      // V8 caches a module's code once it has been compiled and tiered up.
      await first.page.waitForTimeout(2000);
      reloads[name].push(await measureMount(browser, proxied, null, first));
      await first.context.close();
    }
  }
  for (const proxy of proxies) proxy.close();
  const ms = (xs) => r1(median(xs.map((m) => m.mount)));
  for (const [name] of builds) {
    console.log(`${label(name)}cached files, median of ${ROUNDS}: first visit ${ms(firsts[name])} ms, reload (same profile) ${ms(reloads[name])} ms` +
      ` (first visits: ${firsts[name].map((m) => r1(m.mount)).join(", ")}; reloads: ${reloads[name].map((m) => r1(m.mount)).join(", ")})`);
    console.log(`  first visit steps: ${stepsOf(firsts[name])}`);
    console.log(`  reload steps: ${stepsOf(reloads[name])}`);
    console.log(`  from the loader's start to highlights drawn: first visit ${r1(median(firsts[name].map((m) => m.fromScript)))} ms, reload ${r1(median(reloads[name].map((m) => m.fromScript)))} ms`);
  }

  for (const [name, base] of WORDS > 0 ? builds : []) {
  const demo = await (await fetch(base)).text();
  const { html, words } = article(demo, WORDS);
  const benchUrl = new URL("bench.html", base).href;
  const page = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Synthetic long article</title></head>
<body><header><nav><a href="/">Home</a></nav></header><main><article><h1>Synthetic long article</h1>
${html}
</article></main><script type="module" src="newsgloss.js"></script></body></html>`;
  const big = await measureMount(browser, benchUrl, (p) => p.route(benchUrl, (r) => r.fulfill({ contentType: "text/html", body: page })));
  const p = big.page;
  // Idle a second, then scroll through the article with the wheel.
  await p.waitForTimeout(1000);
  await p.mouse.move(400, 400);
  await p.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (now) => { window.__frames.push(now - last); last = now; if (window.__frames.length < 100000) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const height = await p.evaluate(() => document.documentElement.scrollHeight);
  const steps = 120;
  for (let i = 0; i < steps; i++) {
    await p.mouse.wheel(0, height / steps);
    await p.waitForTimeout(16);
  }
  await p.waitForTimeout(500);
  const after = await p.evaluate((drawnAt) => ({
    long: window.__long.filter((l) => l.start >= drawnAt),
    before: window.__long.filter((l) => l.start < drawnAt),
    frames: window.__frames,
    scrolled: scrollY,
  }), big.drawnAt);
  const frames = after.frames.slice(1);
  const over = (ms) => frames.filter((f) => f > ms).length;
  console.log(`${label(name)}synthetic article: ${words} words, ${big.ranges} ranges; instantiated -> highlights drawn ${r1(big.mount)} ms` +
    ` (read ${r1(big.timings.read)}, analyze ${r1(big.timings.analyze)}, highlight ${r1(big.timings.highlight)})`);
  console.log(`  steps: ${stepsOf([big])}`);
  console.log(`  long tasks up to the first paint: ${after.before.map((l) => r1(l.duration)).join(", ") || "none"}`);
  console.log(`  long tasks after the highlights were drawn: ${after.long.length}` +
    (after.long.length ? ` (longest ${r1(Math.max(...after.long.map((l) => l.duration)))} ms: ${after.long.map((l) => r1(l.duration)).join(", ")})` : ""));
  console.log(`  scrolling ${after.scrolled}px in ${steps} wheel steps: ${frames.length} frames, median ${r1(median(frames))} ms,` +
    ` longest ${r1(Math.max(...frames))} ms, ${over(50)} over 50 ms, ${over(100)} over 100 ms`);
  await big.context.close();
  }
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${os.platform()} ${os.release()}; node ${process.version}; ${new Date().toISOString()}`);
} finally {
  await browser.close();
}
