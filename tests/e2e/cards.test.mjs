// Cards on the page, the keyboard, the summary strip and the who-said-what
// graph: clicks land on real coordinates of highlighted ranges, keys go
// through the real keyboard.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { launch, open, ready, highlighted, BASE, OUT } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const shadow = (page, fn, arg) =>
  page.evaluate(([src, a]) => new Function("root", "arg", src)(document.querySelector("newsgloss-widget").shadowRoot, a), [fn, arg]);
const cardText = (page) => shadow(page, "const c = root.querySelector('.ng-card'); return c && c.textContent;");
const cardShown = (page) =>
  page.waitForFunction(() => document.querySelector("newsgloss-widget").shadowRoot.querySelector(".ng-card")?.style.visibility === "visible");

// Scrolls a highlighted range (of layer `layer`, whose text contains
// `needle`) into view instantly and returns the centre of its first box.
async function pointAt(page, layer, needle) {
  return page.evaluate(([layer, needle]) => {
    const r = Array.from(CSS.highlights.get(layer).values()).find((r) => r.toString().includes(needle));
    const b0 = r.getBoundingClientRect();
    window.scrollTo({ top: scrollY + b0.top - 250, behavior: "instant" });
    const b = r.getClientRects()[0];
    return { x: b.left + Math.min(b.width / 2, 20), y: b.top + b.height / 2 };
  }, [layer, needle]);
}

test("clicking an actor in the panel scrolls to its first mention and the card names it with its count", async () => {
  const { page, context, errors, consoleErrors } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await page.locator("newsgloss-widget .ng-tabbtn", { hasText: "Actors" }).click();
  await page.locator("newsgloss-widget .ng-actor", { hasText: "Vladimir V. Putin" }).click();
  await cardShown(page);
  const text = await cardText(page);
  assert.match(text, /Vladimir V\. Putin/);
  assert.match(text, /7 mentions/);
  const first = (await page.evaluate(() => newsgloss.analysis().actors.find((a) => a.name === "Vladimir V. Putin").mentions[0]));
  await page.waitForFunction((start) => {
    const rs = Array.from(CSS.highlights.get("newsgloss-focus")?.values() || []);
    const a = newsgloss.analysis();
    const want = [...a.text].slice(start.start, start.end).join("");
    const r = rs.find((r) => r.toString() === want);
    const b = r && r.getBoundingClientRect();
    return b && b.top >= 0 && b.bottom <= innerHeight;
  }, first);
  // The mention flashes, then the flash goes.
  assert.equal((await highlighted(page, "newsgloss-flash")).length, 1);
  await page.waitForFunction(() => !CSS.highlights.has("newsgloss-flash"));
  // The card has focus (opened from the panel); Escape gives it back.
  assert.equal(await shadow(page, "return root.activeElement?.className"), "ng-card");
  await page.keyboard.press("Tab");
  assert.match(await shadow(page, "return root.activeElement?.textContent"), /Previous mention|×/);
  await page.keyboard.press("Escape");
  assert.equal(await cardText(page), null);
  assert.match(await shadow(page, "return root.activeElement?.textContent"), /Vladimir V\. Putin/);
  assert.deepEqual(errors, []);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("clicking a highlight on the page opens its card; overlapping findings are all listed, innermost first", async () => {
  const { page, context, errors } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await page.evaluate(() => {
    window.__clicks = [];
    document.addEventListener("click", (e) => window.__clicks.push(e.defaultPrevented));
  });
  // An actor inside a disputed claim.
  const at = await pointAt(page, "newsgloss-actor-person", "James Baker");
  await page.mouse.click(at.x, at.y);
  await cardShown(page);
  const items = await shadow(page, "return Array.from(root.querySelectorAll('.ng-card-item')).map((li) => li.firstElementChild.className)");
  assert.equal(items[0], "ng-card-actor", JSON.stringify(items));
  assert.ok(items.includes("ng-card-dispute"), JSON.stringify(items));
  const text = await cardText(page);
  assert.match(text, /James Baker/);
  assert.match(text, /disputes/);
  assert.match(text, /Mikhail S\. Gorbachev/);
  // The card sits next to the highlight, on screen.
  const placed = await shadow(page, "const b = root.querySelector('.ng-card').getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom, innerWidth, innerHeight];");
  assert.ok(placed[0] >= 0 && placed[2] <= placed[4] && placed[1] >= 0 && placed[3] <= placed[5], JSON.stringify(placed));
  assert.ok(Math.abs(placed[1] - at.y) < 300, "near the highlight");
  // A quotation: its kind and speaker.
  const q = await pointAt(page, "newsgloss-quote-direct", "Our recent warnings");
  await page.mouse.click(q.x, q.y);
  await page.waitForFunction(() => /direct quotation/.test(document.querySelector("newsgloss-widget").shadowRoot.querySelector(".ng-card")?.textContent));
  assert.match(await cardText(page), /Vladimir V\. Putin/);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, "card-desktop.png") });
  // Never prevented: the page's own click handling (and links) go on.
  assert.ok((await page.evaluate(() => window.__clicks)).every((p) => p === false));
  // A click on plain text closes the card.
  await page.mouse.click(5, 450);
  await page.waitForFunction(() => !document.querySelector("newsgloss-widget").shadowRoot.querySelector(".ng-card"));
  // A layer switched off is not hit: Baker's name now opens the dispute.
  const b = await pointAt(page, "newsgloss-actor-person", "James Baker");
  await page.locator('newsgloss-widget .ng-layer[data-layer="actor-person"]').click();
  await page.mouse.click(b.x, b.y);
  await cardShown(page);
  const only = await shadow(page, "return Array.from(root.querySelectorAll('.ng-card-item')).map((li) => li.firstElementChild.className)");
  assert.equal(only[0], "ng-card-dispute", JSON.stringify(only));
  await page.locator('newsgloss-widget .ng-layer[data-layer="actor-person"]').click();
  assert.deepEqual(errors, []);
  await context.close();
});

test("resting the pointer on a highlight opens a card, moving away closes it", async () => {
  const { page, context } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  const at = await pointAt(page, "newsgloss-actor-organization", "NATO");
  await page.mouse.move(at.x, at.y);
  await cardShown(page);
  assert.match(await cardText(page), /North Atlantic Treaty Organization|NATO/);
  await page.mouse.move(5, 450);
  await page.waitForFunction(() => !document.querySelector("newsgloss-widget").shadowRoot.querySelector(".ng-card"));
  await context.close();
});

test("keyboard only: shortcuts step through highlights, open the card, and every panel item is reachable", async () => {
  const { page, context, errors } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  const quotes = (await page.evaluate(() => newsgloss.analysis().quotes.length));
  await page.keyboard.press("j");
  const first = await highlighted(page, "newsgloss-focus");
  assert.equal(first.length, 1);
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  assert.deepEqual(await highlighted(page, "newsgloss-focus"), first, "k goes back");
  await page.keyboard.press("Enter");
  await cardShown(page);
  assert.match(await cardText(page), /quotation/);
  assert.match(await page.evaluate(() => document.querySelector("newsgloss-widget").shadowRoot.querySelector("[aria-live]").textContent), /Card: .*quotation/);
  await page.keyboard.press("Escape");
  assert.equal(await cardText(page), null);
  // Alt+Shift+N puts focus in the panel; Tab reaches every quotation.
  await page.keyboard.press("Alt+Shift+N");
  await page.waitForFunction(() => document.querySelector("newsgloss-widget").shadowRoot.activeElement?.classList.contains("ng-tabbtn"));
  const seen = new Set();
  // Each quotation also has its confirm/reject buttons and a speaker picker.
  for (let i = 0; i < 120 && seen.size < quotes; i++) {
    await page.keyboard.press("Tab");
    const t = await shadow(page, "const a = root.activeElement; return a && a.classList.contains('ng-item') ? a.textContent : null");
    if (t) seen.add(t);
  }
  assert.equal(seen.size, quotes, [...seen].join("\n"));
  // Tabs switch with the keyboard; an actor opens its card with focus in it.
  await page.keyboard.press("Alt+Shift+N"); // from inside: closes
  assert.equal(await shadow(page, "return root.querySelector('.ng-panel').hidden"), true);
  await page.keyboard.press("Alt+Shift+N"); // opens again, focus in it
  await page.waitForFunction(() => document.querySelector("newsgloss-widget").shadowRoot.activeElement?.classList.contains("ng-tabbtn"));
  await page.keyboard.press("ArrowRight"); // the Actors tab (the tab pattern: arrows move between tabs)
  // Tab leaves the tab list for the panel: to the first actor.
  for (let i = 0; i < 8 && !/ng-actor/.test(await shadow(page, "return root.activeElement?.className")); i++) {
    await page.keyboard.press("Tab");
  }
  const focused = await shadow(page, "return root.activeElement?.className");
  assert.match(focused, /ng-actor/);
  await page.keyboard.press("Enter");
  await cardShown(page);
  assert.equal(await shadow(page, "return root.activeElement?.className"), "ng-card");
  await page.keyboard.press("Escape");
  assert.match(await shadow(page, "return root.activeElement?.className"), /ng-actor/);
  // Escape in the panel: back to the text.
  await page.keyboard.press("Escape");
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "BODY");
  assert.deepEqual(errors, []);
  await context.close();
});

test("panel tabs follow the ARIA tab pattern: arrows, Home and End switch tabs; only the selected tab is in the tab order", async () => {
  const { page, context, errors } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  const tabs = () => shadow(page, `return Array.from(root.querySelectorAll("[role=tab]")).map((t) => ({
    id: t.id, selected: t.getAttribute("aria-selected"), tabindex: t.getAttribute("tabindex"),
    controls: t.getAttribute("aria-controls"), text: t.textContent }))`);
  // After a key, let the UI render (a frame and a tick) before reading it.
  const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const state = async () => (await settle(), shadow(page, `const a = root.activeElement; const p = root.querySelector("[role=tabpanel]");
    return { focused: a && a.id, panel: p && p.id, labelledby: p && p.getAttribute("aria-labelledby"),
      heading: p && (p.querySelector("h3") || {}).textContent }`));
  const all = await tabs();
  assert.equal(all.length, 5);
  assert.deepEqual(all.map((t) => t.tabindex), ["0", "-1", "-1", "-1", "-1"], "roving tabindex");
  for (const t of all) assert.equal(t.controls, t.id.replace("ng-tab-", "ng-tabpanel-"));
  await page.keyboard.press("Alt+Shift+N");
  await page.waitForFunction(() => document.querySelector("newsgloss-widget").shadowRoot.activeElement?.id === "ng-tab-quotes");
  let s = await state();
  assert.deepEqual([s.panel, s.labelledby], ["ng-tabpanel-quotes", "ng-tab-quotes"]);
  await page.keyboard.press("ArrowRight");
  s = await state();
  assert.deepEqual([s.focused, s.panel, s.labelledby], ["ng-tab-actors", "ng-tabpanel-actors", "ng-tab-actors"]);
  assert.deepEqual((await tabs()).map((t) => [t.selected, t.tabindex]),
    [["false", "-1"], ["true", "0"], ["false", "-1"], ["false", "-1"], ["false", "-1"]]);
  await page.keyboard.press("End");
  assert.equal((await state()).focused, "ng-tab-notes");
  // The panel follows on the next render.
  await page.waitForFunction(() => document.querySelector("newsgloss-widget").shadowRoot.querySelector("[role=tabpanel]")?.id === "ng-tabpanel-notes");
  await page.keyboard.press("ArrowRight"); // wraps
  assert.equal((await state()).focused, "ng-tab-quotes");
  await page.keyboard.press("ArrowLeft"); // wraps back
  assert.equal((await state()).focused, "ng-tab-notes");
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  s = await state();
  assert.deepEqual([s.focused, s.panel], ["ng-tab-disputes", "ng-tabpanel-disputes"]);
  // Tab leaves the tab list: into the panel, not to the next tab.
  await page.keyboard.press("Tab");
  const after = await shadow(page, "const a = root.activeElement; return a && (a.getAttribute('role') || a.className)");
  assert.notEqual(after, "tab");
  // Shift+Tab comes back to the selected tab.
  await page.keyboard.press("Shift+Tab");
  assert.equal((await state()).focused, "ng-tab-disputes");
  // The arrows did not step through highlights nor scroll the page.
  assert.deepEqual(await highlighted(page, "newsgloss-focus"), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("shortcuts never fire while the reader types in the page's search field", async () => {
  const { page, context } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await page.locator("#site-search").click();
  await page.keyboard.type("jjk");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Alt+Shift+N");
  assert.equal(await page.locator("#site-search").inputValue(), "jjk");
  assert.deepEqual(await highlighted(page, "newsgloss-focus"), []);
  assert.equal(await cardText(page), null);
  assert.equal(await shadow(page, "return root.querySelector('.ng-panel').hidden"), false);
  await context.close();
});

test("the summary strip counts each category and says how long the reading took", async () => {
  const { page, context } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  const cells = await shadow(page, "return Array.from(root.querySelectorAll('.ng-sum')).map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent])");
  const a = await page.evaluate(() => newsgloss.analysis());
  const m = Object.fromEntries(cells);
  assert.equal(m.quotations, String(a.quotes.length));
  assert.equal(m.actors, String(a.actors.length));
  assert.equal(m.disputes, String(a.disputes.length));
  assert.match(m["to read"], /^\d+ ms$/);
  await context.close();
});

test("the graph shows who said what and who contests whom; a node picks the actor", async () => {
  const { page, context, errors } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await page.locator("newsgloss-widget .ng-tabbtn", { hasText: "Who" }).click();
  const labels = await shadow(page, "return Array.from(root.querySelectorAll('.ng-node')).map((n) => n.getAttribute('aria-label'))");
  for (const name of ["Vladimir V. Putin", "James Baker", "Mikhail S. Gorbachev"]) {
    assert.ok(labels.some((l) => l.startsWith(name)), `${name} in ${labels}`);
  }
  assert.match(labels.find((l) => l.startsWith("Vladimir V. Putin")), /quotations/);
  const desc = await shadow(page, "return root.querySelector('#ng-graph-desc').textContent");
  assert.match(desc, /James Baker disputes a claim by Russian officials/);
  assert.match(desc, /Mikhail S\. Gorbachev qualifies a claim by Russian officials/);
  assert.ok(await shadow(page, "return root.querySelectorAll('.ng-edge-quote').length") > 0);
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(OUT, "graph-desktop.png") });
  const putin = page.locator("newsgloss-widget .ng-node", { hasText: "Vladimir V. Putin" });
  await putin.click();
  assert.equal(await putin.getAttribute("aria-pressed"), "true");
  assert.equal((await highlighted(page, "newsgloss-focus")).length, 7);
  await cardShown(page);
  assert.match(await cardText(page), /7 mentions/);
  // The keyboard now steps through Putin's mentions.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await page.keyboard.press("j");
  assert.match((await highlighted(page, "newsgloss-flash"))[0] || "", /Putin/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("phone: the card and the graph fit the screen", async () => {
  const { page, context, errors } = await open(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await page.locator("newsgloss-widget .ng-tabbtn", { hasText: "Who" }).click();
  await shadow(page, "root.querySelector('.ng-graph').scrollIntoView({ block: 'start' })");
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(OUT, "graph-phone.png") });
  const at = await pointAt(page, "newsgloss-actor-person", "James Baker");
  await page.mouse.click(at.x, at.y);
  await cardShown(page);
  const b = await shadow(page, "const b = root.querySelector('.ng-card').getBoundingClientRect(); return [b.left, b.right, innerWidth];");
  assert.ok(b[0] >= 0 && b[1] <= b[2], JSON.stringify(b));
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(OUT, "card-phone.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("dark pages: the widget and the card follow prefers-color-scheme", async () => {
  const { page, context } = await open(browser);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  // The demo page stays light; make it dark as a dark site would be.
  await page.addStyleTag({ content: "html, body, body *:not(img):not(svg) { background-color: #121417 !important; color: #e3e3e3 !important; } a { color: #9cc3ff !important; }" });
  const at = await pointAt(page, "newsgloss-quote-direct", "Our recent warnings");
  await page.mouse.click(at.x, at.y);
  await cardShown(page);
  const bg = await shadow(page, "return getComputedStyle(root.querySelector('.ng-card')).backgroundColor");
  assert.equal(bg, "rgb(35, 40, 46)");
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(OUT, "card-dark.png") });
  await context.close();
});
