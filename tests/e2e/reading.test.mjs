// The reading view: every kind of finding drawn as its own highlight layer,
// a legend that switches layers (remembered across reloads), and panels for
// actors and disputes that lead the reader to the text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { launch, open, ready, highlighted, BASE, OUT } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const BAKER_CLAIM = "They claim that NATO expanded east in the following years despite verbal assurances from then-Secretary of State James Baker to Soviet leader Mikhail S. Gorbachev that it would not be the case.";
const BAKER_POSITION = "The deal was never put in writing, and Mr Baker later said Russian officials had misinterpreted his comment, which only applied to the territory of the former East Germany.";

test("every finding is drawn in its layer: Putin's mentions, the Baker–Gorbachev claim", async () => {
  const { page, context, errors, consoleErrors } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  const people = await highlighted(page, "newsgloss-actor-person");
  const putin = people.filter((t) => t.includes("Putin"));
  assert.equal(putin.length, 7, JSON.stringify(putin));
  assert.ok(people.includes("Karen Donfried") && !people.some((t) => t.includes("NATO")));
  assert.ok((await highlighted(page, "newsgloss-actor-organization")).includes("NATO"));
  assert.ok((await highlighted(page, "newsgloss-claim")).includes(BAKER_CLAIM));
  assert.ok((await highlighted(page, "newsgloss-position")).includes(BAKER_POSITION));
  assert.deepEqual((await highlighted(page, "newsgloss-quote-scare")).sort(), ["open door", "security guarantees"]);
  assert.deepEqual(errors, []);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a layer switched off in the legend disappears, and stays off after a reload", async () => {
  const { page, context } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  const claims = page.locator('newsgloss-widget .ng-layer[data-layer="claim"]');
  assert.equal(await claims.getAttribute("aria-pressed"), "true");
  await claims.click();
  assert.equal(await claims.getAttribute("aria-pressed"), "false");
  assert.deepEqual(await highlighted(page, "newsgloss-claim"), []);
  assert.ok((await highlighted(page, "newsgloss-position")).length > 0, "other layers stay");
  await page.reload();
  assert.equal(await ready(page), "ok");
  assert.deepEqual(await highlighted(page, "newsgloss-claim"), [], "the choice persists");
  await page.locator('newsgloss-widget .ng-layer[data-layer="claim"]').click();
  assert.ok((await highlighted(page, "newsgloss-claim")).includes(BAKER_CLAIM), "and comes back");
  await context.close();
});

test("the actors panel steps through an actor's mentions on the page", async () => {
  const { page, context } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await page.locator("newsgloss-widget .ng-tabbtn", { hasText: "Actors" }).click();
  // Grouped by kind, most mentioned first within each group.
  const groups = page.locator("newsgloss-widget .ng-actors");
  assert.equal(await groups.count(), 4);
  for (let g = 0; g < 4; g++) {
    const counts = (await groups.nth(g).locator(".ng-count").allTextContents()).map(Number);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
  }
  assert.equal(await page.locator("newsgloss-widget .ng-actor").first().locator(".ng-name").textContent(), "Vladimir V. Putin");
  const putin = page.locator("newsgloss-widget .ng-actor", { hasText: "Vladimir V. Putin" });
  assert.equal(await putin.locator(".ng-count").textContent(), "7");
  const inView = () => page.evaluate(() => {
    const rs = Array.from(CSS.highlights.get("newsgloss-focus").values());
    return rs.map((r) => { const b = r.getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight; });
  });
  await putin.click();
  await page.waitForFunction(() => {
    const r = Array.from(CSS.highlights.get("newsgloss-focus")?.values() || [])[0]?.getBoundingClientRect();
    return r && r.top >= 0 && r.bottom <= innerHeight;
  });
  assert.equal((await highlighted(page, "newsgloss-focus")).length, 7, "all mentions marked");
  const y1 = await page.evaluate(() => scrollY);
  for (let i = 0; i < 3; i++) await putin.click();
  await page.waitForTimeout(800);
  const y2 = await page.evaluate(() => scrollY);
  assert.ok(y2 > y1, `stepping moves down the article (${y1} -> ${y2})`);
  assert.ok((await inView()).some(Boolean));
  await context.close();
});

test("the disputes panel shows the claim and positions with holders, and leads to them", async () => {
  const { page, context } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await page.locator("newsgloss-widget .ng-tabbtn", { hasText: "Disputes" }).click();
  const card = page.locator("newsgloss-widget .ng-dispute", { hasText: "NATO expanded east" });
  assert.equal(await card.locator(".ng-claim .ng-holder").textContent(), "Russian officials");
  const holders = await card.locator(".ng-position .ng-holder").allTextContents();
  assert.deepEqual(holders, ["James Baker", "Mikhail S. Gorbachev"]);
  const stances = await card.locator(".ng-position .ng-kind").allTextContents();
  assert.deepEqual(stances, ["disputes", "qualifies"]);
  await card.locator(".ng-position").first().click();
  await page.waitForFunction((t) => {
    const r = Array.from(CSS.highlights.get("newsgloss-focus")?.values() || [])[0];
    if (!r || r.toString() !== t) return false;
    const b = r.getBoundingClientRect();
    return b.top >= 0 && b.top <= innerHeight;
  }, BAKER_POSITION);
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(OUT, "reading-disputes.png") });
  await context.close();
});
