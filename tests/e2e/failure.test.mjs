// When the engine cannot run, the widget says so in its own place and the
// host page carries on: no exception reaches the page, its scripts run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, ready, BASE } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Loads the demo with `setup` applied; returns what a reader and the host see.
async function failing(setup) {
  const { page, context, errors, consoleErrors } = await open(browser, { setup });
  await page.goto(BASE);
  const outcome = await ready(page);
  const box = page.locator("newsgloss-widget .ng-error");
  await box.waitFor({ state: "visible" });
  const seen = {
    outcome,
    message: await box.textContent(),
    role: await box.getAttribute("role"),
    hostScript: await page.evaluate(() => document.body.dataset.hostScript),
    apiError: await page.evaluate(() => window.newsgloss.error),
    analysis: await page.evaluate(() => window.newsgloss.analysis()),
  };
  // The host page still works: its cookie banner button hides the banner.
  await page.locator("#cookie-banner button", { hasText: /reject/i }).click();
  seen.bannerHidden = await page.locator("#cookie-banner").isHidden();
  await context.close();
  return { ...seen, errors, consoleErrors };
}

function assertFailedCleanly(seen, pattern) {
  assert.match(seen.message, pattern);
  assert.match(seen.message, /^newsgloss could not start/);
  assert.equal(seen.role, "alert");
  assert.equal(seen.outcome, seen.apiError, "ready rejects with the message shown");
  assert.equal(seen.analysis, null);
  assert.equal(seen.hostScript, "ran");
  assert.equal(seen.bannerHidden, true);
  assert.deepEqual(seen.errors, [], "no exception thrown into the page");
}

test("a missing .wasm (404) shows a message and the host page keeps working", async () => {
  const seen = await failing((p) => p.route("**/newsgloss_core_bg.wasm", (r) => r.fulfill({ status: 404, body: "not found" })));
  assertFailedCleanly(seen, /missing \(HTTP 404\)/);
});

test("a .wasm served as an HTML page (wrong MIME type) is refused clearly", async () => {
  const seen = await failing((p) => p.route("**/newsgloss_core_bg.wasm",
    (r) => r.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Oops</title>" })));
  assertFailedCleanly(seen, /is not WebAssembly \(served as "text\/html"\)/);
});

test("a Content Security Policy without 'wasm-unsafe-eval' is named as the cause", async () => {
  const seen = await failing((p) => p.route(BASE, async (r) => {
    const res = await r.fetch();
    await r.fulfill({ response: res, headers: { ...res.headers(), "content-security-policy": "script-src 'self'" } });
  }));
  assertFailedCleanly(seen, /Content Security Policy does not allow WebAssembly/);
});

test("a browser without WebAssembly gets a message, not an exception", async () => {
  const seen = await failing((p) => p.addInitScript(() => { delete globalThis.WebAssembly; }));
  assertFailedCleanly(seen, /cannot run WebAssembly/);
});

test("a missing glue script is reported too", async () => {
  const seen = await failing((p) => p.route("**/newsgloss_core.js", (r) => r.fulfill({ status: 404, body: "" })));
  assertFailedCleanly(seen, /could not be loaded/);
});

test("a Rust panic is caught, logged once and shown; the page keeps working", async () => {
  const { page, context, errors, consoleErrors } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  const result = await page.evaluate(() => {
    window.newsgloss._panicForTests();
    window.newsgloss._panicForTests(); // a second call must not log again
    return { analysis: window.newsgloss.analysis(), error: window.newsgloss.error };
  });
  const box = page.locator("newsgloss-widget .ng-error");
  await box.waitFor({ state: "visible" });
  assert.match(await box.textContent(), /internal error/);
  assert.equal(await page.locator("newsgloss-widget .ng-panel").count(), 0, "the broken UI is gone");
  assert.equal(result.analysis, null);
  assert.match(result.error, /internal error/);
  assert.equal(consoleErrors.filter((e) => e.includes("newsgloss: internal error")).length, 1);
  assert.deepEqual(errors, []);
  await page.locator("#cookie-banner button", { hasText: /reject/i }).click();
  assert.equal(await page.locator("#cookie-banner").isHidden(), true);
  await context.close();
});
