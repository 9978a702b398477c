// Real news pages nobody here wrote (../shared/pages, from the Readability
// test suite): the widget is injected into each source.html, must find the
// article body among the page's chrome (compared with expected.html, token
// F1), highlight what it finds, and leave the page's text untouched.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { launch, open, ready, tokenF1, BASE, SHARED, OUT, sharedPresent } from "./lib.mjs";

const PAGES = sharedPresent ? readdirSync(path.join(SHARED, "pages")).filter((n) => !n.includes(".")).sort() : [];
if (!sharedPresent) console.log(`# ../shared/pages is absent (looked in ${SHARED}): real-page tests skipped`);

let browser;
const report = [];
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  if (report.length) {
    writeFileSync(path.join(OUT, "pages.json"), JSON.stringify(report, null, 2));
    console.log("# page              P      R      F1   quotes  highlighted  ms");
    for (const r of report) {
      console.log(`# ${r.page.padEnd(16)} ${r.p.toFixed(3)}  ${r.r.toFixed(3)}  ${r.f1.toFixed(3)}  ${String(r.quotes).padStart(5)}  ${String(r.highlighted).padStart(11)}  ${r.ms.toFixed(1)}`);
    }
  }
});

// source.html with its own scripts removed (they would only call hosts we
// cannot reach) and the widget's one tag added.
function injected(name, withWidget) {
  let html = readFileSync(path.join(SHARED, "pages", name, "source.html"), "utf8");
  html = html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, "").replace(/<base\b[^>]*>/gi, "");
  const tag = withWidget ? `<script type="module" src="${BASE}newsgloss.js"></script>` : "";
  return /<\/body>/i.test(html) ? html.replace(/<\/body>/i, `${tag}</body>`) : html + tag;
}

async function load(name, withWidget) {
  const url = `${BASE}shared-pages/${name}/`;
  const session = await open(browser, {
    setup: async (page) => {
      await page.route("**/*", (r) => {
        const u = r.request().url();
        if (u === url) return r.fulfill({ body: injected(name, withWidget), contentType: "text/html; charset=utf-8" });
        if (u.startsWith(BASE)) return r.continue();
        return r.abort(); // the page's own images, fonts, trackers: not here
      });
    },
  });
  await session.page.goto(url);
  return session;
}

for (const name of PAGES) {
  test(`real page ${name}: article found, quotes highlighted, text untouched`, async () => {
    const plain = await load(name, false);
    const before = await plain.page.evaluate(() => document.body.textContent);
    await plain.context.close();

    const { page, context, errors, consoleErrors } = await load(name, true);
    assert.equal(await ready(page), "ok");
    const got = await page.evaluate(() => {
      const a = window.newsgloss.analysis();
      const chars = Array.from(a.text);
      // White space compared folded: a quotation over two paragraphs is one
      // range in the page, with the page's own line breaks.
      const fold = (s) => s.replace(/\s+/g, " ").trim();
      const quotes = a.quotes.map((q) => fold(chars.slice(q.start, q.end).join("")));
      const pieces = [];
      for (const [key, h] of CSS.highlights) if (key.startsWith("newsgloss-quote-")) for (const r of h) pieces.push(fold(r.toString()));
      return { text: a.text, quotes: quotes.length, quoteTexts: quotes, pieces, highlighted: pieces.length,
        ms: window.newsgloss.timings().total, body: document.body.textContent };
    });
    assert.equal(got.body, before, "the page's text is unchanged");
    // Every quotation is drawn from its first word to its last; one that its
    // attribution interrupts ("“A,” he said. “B.”") is drawn as its pieces,
    // never over the cue between them.
    for (const q of got.quoteTexts) {
      const inside = got.pieces.filter((p) => q.includes(p));
      assert.ok(inside.some((p) => q.startsWith(p)) && inside.some((p) => q.endsWith(p)), `drawn in full: ${q.slice(0, 80)}`);
    }
    for (const p of got.pieces) {
      assert.ok(got.quoteTexts.some((q) => q.includes(p)), `a drawn piece belongs to a quotation: ${p.slice(0, 80)}`);
      assert.doesNotMatch(p, /[”»][^]*[“«]|"[^]*"/, `a cue between two pieces is not drawn: ${p.slice(0, 80)}`);
    }
    assert.ok(got.highlighted >= got.quotes);
    await page.screenshot({ path: path.join(OUT, `page-${name}.png`) });

    const expectedPage = await context.newPage();
    await expectedPage.setContent(readFileSync(path.join(SHARED, "pages", name, "expected.html"), "utf8"));
    const want = await expectedPage.evaluate(() => document.body.innerText);
    const score = tokenF1(got.text, want);
    report.push({ page: name, ...score, quotes: got.quotes, highlighted: got.highlighted, ms: got.ms });
    assert.ok(score.f1 >= 0.9, `${name}: article token F1 ${score.f1.toFixed(3)} (P ${score.p.toFixed(3)}, R ${score.r.toFixed(3)})`);
    // The pages' own inline handlers may fail (their scripts are gone);
    // nothing may come from the widget.
    assert.deepEqual(errors.filter((e) => /newsgloss/i.test(e)), []);
    assert.deepEqual(consoleErrors.filter((e) => /newsgloss/i.test(e)), []);
    await context.close();
  });
}
