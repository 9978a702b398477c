// Without the CSS Custom Highlight API (older browsers): the widget wraps
// the ranges in its own <newsgloss-mark> elements, draws the same strings,
// and takes every mark off again on teardown, node for node.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { launch, open, ready, BASE, OUT } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Before any script of the page runs: no Highlight API, and a snapshot of
// the body (its serialisation and every node) once the parser is done.
const NO_HIGHLIGHTS = () => {
  delete CSS.highlights;
  delete window.Highlight;
  document.addEventListener("readystatechange", () => {
    if (document.readyState !== "interactive") return;
    const nodes = [];
    const walk = document.createTreeWalker(document.body);
    for (let n = walk.currentNode; n; n = walk.nextNode()) nodes.push(n);
    window.__before = { html: document.body.innerHTML, nodes };
  });
};

// Per layer, the text of every span, white space removed (a range's text
// includes white space between paragraphs that no mark covers).
const squash = (s) => s.replace(/\s+/g, "");
async function viaHighlights(page) {
  return page.evaluate(() => {
    const out = {};
    for (const [name, h] of CSS.highlights) {
      out[name.replace("newsgloss-", "")] = Array.from(h.values()).map((r) => r.toString().replace(/\s+/g, "")).sort();
    }
    return out;
  });
}
async function viaMarks(page) {
  return page.evaluate(() => {
    const spans = {};
    for (const m of document.querySelectorAll("newsgloss-mark")) {
      const key = m.dataset.l + "\u0000" + m.dataset.i;
      spans[key] = (spans[key] || "") + m.textContent;
    }
    const out = {};
    for (const [key, text] of Object.entries(spans)) {
      const layer = key.split("\u0000")[0];
      (out[layer] ||= []).push(text.replace(/\s+/g, ""));
    }
    for (const l of Object.keys(out)) out[l].sort();
    return out;
  });
}

test("without the Highlight API the same strings are marked, and teardown restores the DOM node for node", async () => {
  const plain = await open(browser);
  await plain.page.goto(BASE);
  assert.equal(await ready(plain.page), "ok");
  const want = await viaHighlights(plain.page);
  await plain.context.close();

  const { page, context, errors, consoleErrors } = await open(browser, { setup: (p) => p.addInitScript(NO_HIGHLIGHTS) });
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  assert.equal(await page.evaluate(() => typeof CSS.highlights), "undefined");
  const got = await viaMarks(page);
  assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort());
  for (const layer of Object.keys(want)) assert.deepEqual(got[layer], want[layer], layer);
  assert.ok(squash(JSON.stringify(got)).includes("Ourrecentwarnings"));
  // The article reads the same: only elements were added around text.
  assert.equal(await page.evaluate(() => document.body.textContent.length > 0), true);

  // A layer switched off takes its marks with it, and brings them back.
  await page.locator('newsgloss-widget .ng-layer[data-layer="claim"]').click();
  assert.equal(await page.locator('newsgloss-mark[data-l="claim"]').count(), 0);
  assert.ok(await page.locator('newsgloss-mark[data-l="position"]').count() > 0);
  await page.locator('newsgloss-widget .ng-layer[data-layer="claim"]').click();
  assert.deepEqual((await viaMarks(page)).claim, want.claim);

  // Cards work on marks too.
  const at = await page.evaluate(() => {
    const m = Array.from(document.querySelectorAll('newsgloss-mark[data-l="actor-person"]')).find((m) => m.textContent.includes("Putin"));
    m.scrollIntoView({ block: "center", behavior: "instant" });
    const b = m.getBoundingClientRect();
    return { x: b.left + 5, y: b.top + b.height / 2 };
  });
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction(() => /Vladimir V\. Putin/.test(document.querySelector("newsgloss-widget").shadowRoot.querySelector(".ng-card")?.textContent));
  // Stepping marks and flashes with marks, then tidies up.
  await page.keyboard.press("Escape");
  await page.keyboard.press("j");
  assert.equal(await page.locator('newsgloss-mark[data-l="focus"]').count() > 0, true);

  await page.evaluate(() => window.newsgloss.destroy());
  const same = await page.evaluate(() => {
    const nodes = [];
    const walk = document.createTreeWalker(document.body);
    for (let n = walk.currentNode; n; n = walk.nextNode()) nodes.push(n);
    const b = window.__before;
    const now = document.body.innerHTML;
    let i = 0;
    while (i < now.length && now[i] === b.html[i]) i++;
    return {
      html: now === b.html,
      diff: now === b.html ? "" : `${b.html.slice(i - 80, i + 80)}\n---\n${now.slice(i - 80, i + 80)}`,
      count: [nodes.length, b.nodes.length],
      identical: nodes.length === b.nodes.length && nodes.every((n, i) => n === b.nodes[i]),
      marks: document.querySelectorAll("newsgloss-mark").length,
    };
  });
  assert.equal(same.marks, 0);
  assert.equal(same.html, true, `the body serialises as before:\n${same.diff}`);
  assert.equal(same.count[0], same.count[1]);
  assert.equal(same.identical, true, "the very same nodes, in the same order");
  assert.deepEqual(errors, []);
  assert.deepEqual(consoleErrors, []);
  // (A screenshot touches the page: Playwright leaves style="" on inputs.)
  await page.reload();
  assert.equal(await ready(page), "ok");
  await page.evaluate(() => document.querySelector("newsgloss-mark").scrollIntoView({ block: "center", behavior: "instant" }));
  await page.screenshot({ path: path.join(OUT, "fallback-desktop.png") });
  await context.close();
});
