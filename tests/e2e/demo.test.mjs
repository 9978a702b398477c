// The served demo page: the widget mounts, finds the article among the
// chrome, highlights the quotations, leaves the host page untouched, and
// keeps its own look under the page's hostile stylesheet.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { launch, open, ready, highlighted, BASE, OUT, PUTIN_QUOTE } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The page as it is without the widget.
async function withoutWidget() {
  const { page, context } = await open(browser, {
    setup: (p) => p.route("**/newsgloss.js", (r) => r.abort()),
  });
  await page.goto(BASE);
  const state = await page.evaluate(() => ({
    body: document.body.innerHTML,
    text: document.body.textContent,
    sheets: document.adoptedStyleSheets.length,
    para: getComputedStyle(document.querySelector("[itemprop=articleBody] p")).cssText ||
      JSON.stringify(Object.fromEntries(["font", "color", "width", "margin", "lineHeight"].map((k) => [k, getComputedStyle(document.querySelector("[itemprop=articleBody] p"))[k]]))),
  }));
  await context.close();
  return state;
}

test("mounts, shows the sidebar and highlights Putin's quotation", async () => {
  const before = await withoutWidget();
  const { page, context, errors, consoleErrors, requests } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");

  // The sidebar is there, in a shadow root, with the article's title.
  const panel = page.locator("newsgloss-widget .ng-panel");
  await panel.waitFor({ state: "visible" });
  const box = await panel.boundingBox();
  assert.ok(box && box.width >= 300, `panel width ${box?.width}`);
  assert.equal(await page.locator("newsgloss-widget .ng-title").textContent(),
    "Russia calls for new comprehensive security agreement with NATO");
  assert.match(await page.locator("newsgloss-widget .ng-summary").textContent(), /^quotations10actors\d+disputes\d+words\d+to read\d+ ms$/);
  // Grouped by speaker: Putin's three quotations under one heading, in article order.
  const heads = await page.locator("newsgloss-widget .ng-speaker-h").allTextContents();
  assert.ok(heads.includes("Vladimir V. Putin") && heads.at(-1) === "No speaker named", JSON.stringify(heads));
  const putinGroup = page.locator("newsgloss-widget .ng-speaker-h", { hasText: "Vladimir V. Putin" }).locator("xpath=following-sibling::ol[1]");
  assert.deepEqual((await putinGroup.locator(".ng-quote").allTextContents()).map((t) => t.slice(1, 12)),
    ["red lines”", "Our recent ", "Tensions ha"]);
  const unnamed = page.locator("newsgloss-widget .ng-speaker-h", { hasText: "No speaker named" }).locator("xpath=following-sibling::ol[1]");
  assert.deepEqual(await unnamed.locator(".ng-quote").allTextContents(), ["“open door”", "“security guarantees”"], "scare quotes have no speaker");

  // The quotation is highlighted on the page itself.
  const quotes = await highlighted(page, "newsgloss-quote");
  assert.ok(quotes.includes(PUTIN_QUOTE), `highlighted: ${JSON.stringify(quotes)}`);
  assert.equal(quotes.length, 10);

  // The article text, and indeed the whole body, is exactly as before.
  const afterState = await page.evaluate(() => ({ body: document.body.innerHTML, text: document.body.textContent }));
  assert.equal(afterState.text, before.text);
  assert.equal(afterState.body, before.body);

  // The findings are scriptable, in the analysis JSON format.
  const a = await page.evaluate(() => window.newsgloss.analysis());
  assert.deepEqual(Object.keys(a).sort(), ["actors", "disputes", "quotes", "text"]);
  const q = a.quotes.find((q) => [...a.text].slice(q.start, q.end).join("") === PUTIN_QUOTE);
  assert.ok(q, "Putin's quote in analysis() with code-point offsets");
  assert.ok(!a.text.includes("Related coverage") && !a.text.includes("Advertisement"), "chrome left out");

  // Screenshots, to be looked at: the quote in view, desktop and phone.
  const scrollToQuote = () => page.evaluate(async (t) => {
    const r = Array.from(CSS.highlights.get("newsgloss-quote-direct").values()).find((r) => r.toString() === t);
    r.startContainer.parentElement.scrollIntoView({ block: "center", behavior: "instant" });
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return r.getBoundingClientRect().top;
  }, PUTIN_QUOTE);
  const top = await scrollToQuote();
  assert.ok(top > 0 && top < 900, `quote in view at ${top}`);
  await page.screenshot({ path: path.join(OUT, "demo-desktop.png") });
  // On a phone the reader picks the quote in the bottom sheet.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400); // the host page's own `* { transition }`
  await page.locator("newsgloss-widget .ng-item", { hasText: "Our recent warnings" }).click();
  await page.waitForFunction(() => {
    const r = Array.from(CSS.highlights.get("newsgloss-focus")?.values() || [])[0]?.getBoundingClientRect();
    return r && r.top >= 0 && r.bottom <= innerHeight * 0.55;
  });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, "demo-phone.png") });
  const sheet = await page.locator("newsgloss-widget .ng-panel").boundingBox();
  assert.ok(sheet && sheet.width >= 380 && sheet.y > 300, `bottom sheet on a phone: ${JSON.stringify(sheet)}`);

  assert.deepEqual(errors, []);
  assert.deepEqual(consoleErrors, []);
  // Nothing leaves the machine: the page's own files and the widget's three.
  const paths = requests.map((u) => new URL(u)).map((u) => (u.origin + "/" === new URL(BASE).origin + "/" ? u.pathname : u.href));
  assert.deepEqual([...new Set(paths)].sort(),
    ["/", "/newsgloss.js", "/newsgloss_core.js", "/newsgloss_core_bg.wasm", "/site.css", "/site.js"]);
  await context.close();
});

test("a click on a quotation in the panel scrolls the page to it", async () => {
  const { page, context } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  await page.locator("newsgloss-widget .ng-item", { hasText: "Our recent warnings" }).click();
  await page.waitForFunction(() => {
    const h = CSS.highlights.get("newsgloss-focus");
    if (!h) return false;
    const r = Array.from(h.values())[0].getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  assert.deepEqual(await highlighted(page, "newsgloss-focus"), [PUTIN_QUOTE]);
  assert.equal(await page.locator("newsgloss-widget .ng-current").count(), 1);
  await context.close();
});

test("the panel collapses and opens again, by mouse and by keyboard", async () => {
  const { page, context } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  const panel = page.locator("newsgloss-widget .ng-panel");
  await page.locator("newsgloss-widget .ng-close").click();
  await panel.waitFor({ state: "hidden" });
  const tab = page.locator("newsgloss-widget .ng-tab");
  assert.equal(await tab.getAttribute("aria-expanded"), "false");
  await tab.focus();
  await page.keyboard.press("Enter");
  await panel.waitFor({ state: "visible" });
  assert.equal(await tab.getAttribute("aria-expanded"), "true");
  await context.close();
});

test("the host page's hostile CSS does not change the widget's look", async () => {
  const props = ["fontFamily", "fontSize", "lineHeight", "color", "backgroundColor", "width", "height",
    "paddingTop", "paddingLeft", "borderTopWidth", "textTransform", "letterSpacing", "position", "zIndex", "boxSizing"];
  const sample = (page) => page.evaluate((props) => {
    const root = document.querySelector("newsgloss-widget").shadowRoot;
    const pick = (sel) => { const s = getComputedStyle(root.querySelector(sel)); return Object.fromEntries(props.map((p) => [p, s[p]])); };
    const host = getComputedStyle(document.querySelector("newsgloss-widget"));
    return { host: [host.position, host.zIndex, host.display], panel: pick(".ng-panel"), title: pick(".ng-title"),
      item: pick(".ng-item"), tab: pick(".ng-tab"), kind: pick(".ng-kind") };
  }, props);

  const hostile = await open(browser);
  await hostile.page.goto(BASE);
  assert.equal(await ready(hostile.page), "ok");
  const onHostile = await sample(hostile.page);

  // The same article on a page with no stylesheet at all.
  const plain = await open(browser, {
    setup: (p) => p.route(BASE + "plain-fixture.html", async (r) => {
      const res = await r.fetch({ url: BASE });
      const html = (await res.text()).replace(/<link[^>]+stylesheet[^>]*>/g, "");
      await r.fulfill({ body: html, contentType: "text/html" });
    }),
  });
  await plain.page.goto(BASE + "plain-fixture.html");
  assert.equal(await ready(plain.page), "ok");
  const onPlain = await sample(plain.page);
  assert.deepEqual(onHostile, onPlain);
  assert.deepEqual(onHostile.host, ["fixed", "2147483647", "block"]);
  await hostile.context.close();
  await plain.context.close();
});

test("destroy() removes every trace from the page", async () => {
  const before = await withoutWidget();
  const { page, context, errors } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  const gone = await page.evaluate(() => {
    window.newsgloss.destroy();
    return {
      host: document.querySelectorAll("newsgloss-widget, [data-newsgloss]").length,
      highlights: Array.from(CSS.highlights.keys()).filter((k) => k.startsWith("newsgloss")),
      sheets: document.adoptedStyleSheets.length,
      global: typeof window.newsgloss,
      body: document.body.innerHTML,
    };
  });
  assert.deepEqual(gone, { host: 0, highlights: [], sheets: before.sheets, global: "undefined", body: before.body });
  assert.deepEqual(errors, []);
  await context.close();
});
