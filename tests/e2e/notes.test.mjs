// Readers' annotations on the demo page, driven like a person would: select
// text with the mouse, annotate, type, reload; the page edited between
// visits; export, validate, import; broken storage, a full quota, hostile
// files; two tabs; the JS API.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open, ready, highlighted, BASE, OUT, SHARED } from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const INDEX = readFileSync(path.resolve(here, "../../www/index.html"), "utf8");
const PHRASE = "misinterpreted his comment";
const KEY_PREFIX = "newsgloss:annotations:";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Serves the demo page with `edit` applied to its HTML (same URL, so the
// same stored notes).
async function serveEdited(context, edit) {
  await context.unroute(BASE).catch(() => {});
  if (edit) await context.route(BASE, (route) => route.fulfill({ status: 200, contentType: "text/html", body: edit(INDEX) }));
}

// Drags the mouse over the first occurrence of `phrase` in the page.
// `within`: a longer text around it, to pick one of several occurrences.
async function selectPhrase(page, phrase, within = phrase) {
  const r = await page.evaluate(([p, around]) => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const j = n.data.indexOf(around);
      if (j < 0) continue;
      const i = j + around.indexOf(p);
      n.parentElement.scrollIntoView({ block: "center", behavior: "instant" });
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + p.length);
      const rects = range.getClientRects();
      const a = rects[0], b = rects[rects.length - 1];
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
    }
    return null;
  }, [phrase, within]);
  assert.ok(r, `"${phrase}" is on the page`);
  await page.mouse.move(r.x1, r.y1);
  await page.mouse.down();
  await page.mouse.move(r.x2, r.y2, { steps: 6 });
  await page.mouse.up();
  assert.equal(await page.evaluate(() => String(getSelection())), phrase);
}

// Selects, presses "Annotate", types a note and tags, saves.
async function annotate(page, phrase, note, tags = []) {
  await selectPhrase(page, phrase);
  const float = page.locator("newsgloss-widget .ng-float-btn").first();
  await float.waitFor();
  await float.click();
  await page.locator("newsgloss-widget .ng-editor textarea").fill(note);
  for (const t of tags) {
    await page.locator("newsgloss-widget #ng-tag-input").fill(t);
    await page.keyboard.press("Enter");
  }
  await page.locator('newsgloss-widget .ng-editor button[type="submit"]').click();
  await page.locator("newsgloss-widget .ng-editor").waitFor({ state: "detached" });
}

async function showNotes(page) {
  await page.locator("newsgloss-widget .ng-tabbtn", { hasText: "Notes" }).click();
  return page.locator("newsgloss-widget .ng-notes");
}

const notesText = (page) => page.locator("newsgloss-widget .ng-notelist").innerText();
const stored = (page) => page.evaluate((p) => Object.keys(localStorage).filter((k) => k.startsWith(p)).map((k) => JSON.parse(localStorage.getItem(k))), KEY_PREFIX);

test("select with the mouse, note with two tags, reload: it is back; edit, delete, undo", async () => {
  const { page, context, errors, consoleErrors } = await open(browser);
  let dialogs = 0;
  page.on("dialog", (d) => { dialogs++; d.dismiss(); });
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await annotate(page, PHRASE, "Baker's side of it.\n<img src=x onerror=alert(1)> https://example.org/a", ["assurance", "NATO"]);
  assert.deepEqual(await highlighted(page, "newsgloss-note-yellow"), [PHRASE]);
  await page.screenshot({ path: path.join(OUT, "notes-desktop.png") });

  await page.reload();
  assert.equal(await ready(page), "ok");
  assert.deepEqual(await highlighted(page, "newsgloss-note-yellow"), [PHRASE]);
  const panel = await showNotes(page);
  const text = await notesText(page);
  assert.match(text, /misinterpreted his comment/);
  assert.match(text, /Baker's side of it\.\n<img src=x onerror=alert\(1\)> https:\/\/example\.org\/a/);
  assert.match(text, /assurance\s+NATO/);
  // Text, never markup: no element came from the note but the link.
  assert.equal(await panel.locator(".ng-note-text img").count(), 0);
  assert.equal(await panel.locator(".ng-note-text a").getAttribute("href"), "https://example.org/a");
  assert.equal(dialogs, 0);

  // Edit: new note, colour green.
  await panel.locator(".ng-note .ng-link", { hasText: "Edit" }).click();
  await page.locator("newsgloss-widget .ng-editor textarea").fill("Edited.");
  await page.locator('newsgloss-widget .ng-colour input[value="green"]').check();
  await page.locator('newsgloss-widget .ng-editor button[type="submit"]').click();
  assert.match(await notesText(page), /Edited\./);
  assert.deepEqual(await highlighted(page, "newsgloss-note-green"), [PHRASE]);
  await page.reload();
  assert.equal(await ready(page), "ok");
  await showNotes(page);
  assert.match(await notesText(page), /Edited\./);

  // Delete, then undo.
  await page.locator("newsgloss-widget .ng-note .ng-link", { hasText: "Delete" }).click();
  assert.equal(await page.locator("newsgloss-widget .ng-note").count(), 0);
  assert.deepEqual(await highlighted(page, "newsgloss-note"), []);
  assert.equal((await stored(page))[0].annotations.length, 0);
  await page.locator("newsgloss-widget .ng-msg .ng-link", { hasText: "Undo" }).click();
  assert.match(await notesText(page), /Edited\./);
  await page.reload();
  assert.equal(await ready(page), "ok");
  assert.deepEqual(await highlighted(page, "newsgloss-note-green"), [PHRASE]);
  assert.deepEqual(errors, []);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a click on a note's highlight opens its card: the note first, then the findings there; edit and delete from it", async () => {
  const { page, context, errors } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await annotate(page, PHRASE, "card me", ["t1"]);
  const at = await page.evaluate(() => {
    const r = [...CSS.highlights.get("newsgloss-note-yellow")][0].getBoundingClientRect();
    return { x: r.left + 20, y: r.top + r.height / 2 };
  });
  await page.mouse.click(at.x, at.y);
  const card = page.locator("newsgloss-widget .ng-card");
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, /your note[\s\S]*card me[\s\S]*t1/i);
  assert.match(text, /disputed claim/i, "the dispute position under it is listed too");
  assert.ok(text.toLowerCase().indexOf("your note") < text.toLowerCase().indexOf("disputed claim"));
  await card.locator(".ng-step", { hasText: "Edit" }).click();
  await page.locator("newsgloss-widget .ng-editor textarea").fill("edited from the card");
  await page.locator('newsgloss-widget .ng-editor button[type="submit"]').click();
  assert.match(await notesText(page), /edited from the card/);
  await page.mouse.click(at.x, at.y);
  await card.waitFor();
  await card.locator(".ng-step", { hasText: "Delete" }).click();
  await page.waitForFunction(() => newsgloss.getAnnotations().length === 0);
  assert.deepEqual(await highlighted(page, "newsgloss-note"), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("keyboard: extend a selection with shift+arrows, press a to annotate, h to highlight; copy the export", async () => {
  const { page, context } = await open(browser);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await selectPhrase(page, "misinterpreted his");
  for (let i = 0; i < " comment".length; i++) await page.keyboard.press("Shift+ArrowRight");
  assert.equal(await page.evaluate(() => String(getSelection())), PHRASE);
  await page.keyboard.press("a");
  const area = page.locator("newsgloss-widget .ng-editor textarea");
  await area.waitFor();
  assert.match(await page.locator("newsgloss-widget .ng-editor-exact").innerText(), /misinterpreted his comment/);
  // Typing in the editor is typing: "a" and "h" are letters there.
  await area.pressSequentially("a hah");
  await page.keyboard.press("Control+Enter");
  await page.locator("newsgloss-widget .ng-editor").waitFor({ state: "detached" });
  assert.match(await notesText(page), /a hah/);
  // "h" on a selection: a plain highlight, no editor.
  await selectPhrase(page, "Soviet leader Mikhail S. Gorbachev");
  await page.keyboard.press("h");
  await page.waitForFunction(() => newsgloss.getAnnotations().length === 2);
  assert.deepEqual((await highlighted(page, "newsgloss-note")).sort(), ["Soviet leader Mikhail S. Gorbachev", PHRASE]);
  // The page's own input keeps its keys: with text selected on the page, an
  // "h" typed in an input does nothing; the same key from the page does.
  await selectPhrase(page, "verbal assurances");
  const press = (fromInput) => page.evaluate((inInput) => {
    let target = document.body;
    if (inInput) {
      target = document.getElementById("host-input") || document.createElement("input");
      target.id = "host-input";
      if (!target.isConnected) document.body.prepend(target);
    }
    target.dispatchEvent(new KeyboardEvent("keydown", { key: "h", bubbles: true, composed: true }));
  }, fromInput);
  await press(true);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => String(getSelection())), "verbal assurances", "the selection is still there");
  assert.equal(await page.evaluate(() => newsgloss.getAnnotations().length), 2);
  await press(false);
  await page.waitForFunction(() => newsgloss.getAnnotations().length === 3);
  // Copy JSON puts the export on the clipboard.
  await page.locator("newsgloss-widget .ng-btn", { hasText: "Copy JSON" }).click();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, await page.evaluate(() => newsgloss.exportJson()));
  await context.close();
});

test("the article changes: a sentence inserted before, a typo inside, its paragraph deleted and restored", async () => {
  const { page, context } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await annotate(page, PHRASE, "watch this");

  // A sentence inserted before it: found again exactly.
  await serveEdited(context, (html) => html.replace("The deal was never put in writing", "Officials met again on Friday. The deal was never put in writing"));
  await page.reload();
  assert.equal(await ready(page), "ok");
  assert.deepEqual(await highlighted(page, "newsgloss-note"), [PHRASE]);

  // A typo inside it: found again approximately.
  await serveEdited(context, (html) => html.replace(PHRASE, "misinterpretted his coment"));
  await page.reload();
  assert.equal(await ready(page), "ok");
  assert.deepEqual(await highlighted(page, "newsgloss-note"), ["misinterpretted his coment"]);

  // Its paragraph deleted: an orphan, listed with its quote and note.
  await serveEdited(context, (html) => html.replace(/<p[^>]*>The deal was never put in writing[\s\S]*?<\/p>/, ""));
  await page.reload();
  assert.equal(await ready(page), "ok");
  assert.deepEqual(await highlighted(page, "newsgloss-note"), []);
  await showNotes(page);
  const orphans = page.locator("newsgloss-widget .ng-orphans");
  assert.match(await orphans.innerText(), /misinterpreted his comment[\s\S]*watch this/);

  // The text comes back: so does the note.
  await serveEdited(context, null);
  await page.reload();
  assert.equal(await ready(page), "ok");
  assert.deepEqual(await highlighted(page, "newsgloss-note"), [PHRASE]);
  assert.equal(await page.locator("newsgloss-widget .ng-orphans").count(), 0);
  await context.close();
});

test("export validates against the W3C MUST schemas; import into a fresh profile gives the same file", async () => {
  const { page, context, requests } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await annotate(page, PHRASE, "one", ["x"]);
  await annotate(page, "Soviet leader Mikhail S. Gorbachev", "two");
  await showNotes(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("newsgloss-widget .ng-btn", { hasText: "Export JSON" }).click(),
  ]);
  const file = readFileSync(await download.path(), "utf8");
  assert.equal(file, await page.evaluate(() => newsgloss.exportJson()));
  const collection = JSON.parse(file);
  assert.equal(collection.type, "AnnotationCollection");
  assert.equal(collection.total, 2);
  const items = collection.first.items;
  assert.deepEqual(items.map((a) => a.target.selector[0].exact).sort(), ["Soviet leader Mikhail S. Gorbachev", PHRASE]);
  // Positions are code points in the body's text content.
  const body = await page.evaluate(() => document.body.textContent);
  for (const a of items) {
    const [q, p] = a.target.selector;
    assert.equal([...body].slice(p.start, p.end).join(""), q.exact);
  }
  const validator = path.join(SHARED, "eval/w3c_validate.py");
  if (existsSync(validator)) {
    const json = path.join(OUT, "notes-export.json");
    const text = path.join(OUT, "notes-body.txt");
    writeFileSync(json, file);
    writeFileSync(text, body);
    const out = execFileSync("python3", [validator, json, "--text", text], { encoding: "utf8" });
    assert.match(out, /2 annotations, 2 pass, 0 fail/);
  } else {
    console.log(`# ${validator} absent: schema validation skipped`);
  }
  // With the findings, every item still validates (positions on the body).
  const withFindingsText = await page.evaluate(() => newsgloss.exportJson({ findings: true }));
  const withFindings = JSON.parse(withFindingsText);
  assert.ok(withFindings.total > 100);
  for (const a of withFindings.first.items) {
    const [q, p] = a.target.selector;
    assert.equal([...body].slice(p.start, p.end).join(""), q.exact, JSON.stringify(a.target));
  }
  if (existsSync(validator)) {
    const json = path.join(OUT, "notes-export-findings.json");
    writeFileSync(json, withFindingsText);
    const out = execFileSync("python3", [validator, json, "--text", path.join(OUT, "notes-body.txt")], { encoding: "utf8" });
    assert.match(out, new RegExp(`${withFindings.total} annotations, ${withFindings.total} pass, 0 fail`));
  }

  const fresh = await open(browser);
  await fresh.page.goto(BASE);
  assert.equal(await ready(fresh.page), "ok");
  await showNotes(fresh.page);
  await fresh.page.locator("newsgloss-widget .ng-file input").setInputFiles({ name: "notes.jsonld", mimeType: "application/ld+json", buffer: Buffer.from(file) });
  await fresh.page.locator("newsgloss-widget .ng-msg", { hasText: "Imported" }).waitFor();
  assert.match(await fresh.page.locator("newsgloss-widget .ng-msg").innerText(), /2 new, 0 updated, 0 unchanged/);
  assert.equal(await fresh.page.evaluate(() => newsgloss.exportJson()), file);
  // Importing the same file again changes nothing.
  const again = await fresh.page.evaluate((f) => newsgloss.importJson(f), file);
  assert.deepEqual([again.ok, again.added, again.updated, again.unchanged], [true, 0, 0, 2]);
  assert.equal(await fresh.page.evaluate(() => newsgloss.exportJson()), file);
  assert.deepEqual((await highlighted(fresh.page, "newsgloss-note")).sort(), ["Soviet leader Mikhail S. Gorbachev", PHRASE]);
  // No request left the page's origin.
  for (const url of [...requests, ...fresh.requests]) assert.ok(url.startsWith(BASE) || url.startsWith("blob:") || url.startsWith("data:"), url);
  await fresh.context.close();
  await context.close();
});

test("Hypothesis exports import and anchor by their selectors", async () => {
  const { page, context } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  const rows = [{
    id: "hyp1", created: "2026-01-02T03:04:05.678901+00:00", updated: "2026-01-02T03:04:05.678901+00:00",
    uri: "https://elsewhere.example/story", text: "from hypothesis <script>window.__pwned = 1</script>", tags: ["<b>h</b>"], user: "acct:x@hypothes.is",
    target: [{ source: "https://elsewhere.example/story", selector: [
      { type: "TextQuoteSelector", exact: "Soviet leader Mikhail S. Gorbachev", prefix: "James Baker to ", suffix: " that it would" },
    ] }],
  }, { id: "hyp2", uri: "x", text: "page note", target: [{ source: "x" }] }];
  const api = await page.evaluate((r) => newsgloss.importJson(JSON.stringify({ total: 2, rows: r })), rows);
  assert.deepEqual([api.ok, api.format, api.added, api.skipped.length], [true, "Hypothesis API", 1, 1]);
  const client = await page.evaluate((r) => newsgloss.importJson({ export_date: "x", annotations: r }), rows);
  assert.deepEqual([client.ok, client.format, client.unchanged], [true, "Hypothesis export", 1]);
  assert.deepEqual(await highlighted(page, "newsgloss-note"), ["Soviet leader Mikhail S. Gorbachev"]);
  // Imported strings are text.
  await showNotes(page);
  assert.match(await notesText(page), /from hypothesis <script>window.__pwned = 1<\/script>[\s\S]*<b>h<\/b>/);
  assert.equal(await page.locator("newsgloss-widget .ng-notes script, newsgloss-widget .ng-notes b").count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await context.close();
});

test("damaged or newer stored data is kept aside untouched and the reader is told", async () => {
  const { page, context, errors } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  const key = await page.evaluate(() => "newsgloss:annotations:" + document.querySelector("link[rel=canonical]").href);
  for (const [bad, says] of [["{not json", /damaged/], [JSON.stringify({ version: 99, format: "newsgloss-annotations", future: [1, 2] }), /newer version/]]) {
    await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, [key, bad]);
    await page.reload();
    assert.equal(await ready(page), "ok");
    await showNotes(page);
    const msg = await page.locator("newsgloss-widget .ng-msg").innerText();
    assert.match(msg, says);
    assert.match(msg, /kept aside, untouched/);
    // The reader can go on; the old data stays where it was put aside.
    await annotate(page, PHRASE, "new note");
    await page.reload();
    assert.equal(await ready(page), "ok");
    assert.deepEqual(await highlighted(page, "newsgloss-note"), [PHRASE]);
    const aside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("newsgloss:quarantine:")).map((k) => localStorage.getItem(k)));
    assert.deepEqual(aside, [bad]);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("a full storage quota: the change stays, the reader is told, it is saved when there is room", async () => {
  const { page, context } = await open(browser, {
    setup: (p) => p.addInitScript(() => {
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (window.__full && String(k).startsWith("newsgloss:annotations:")) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        return set.call(this, k, v);
      };
    }),
  });
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await annotate(page, PHRASE, "first");
  await page.evaluate(() => { window.__full = true; });
  await annotate(page, "Soviet leader Mikhail S. Gorbachev", "second");
  const msg = page.locator("newsgloss-widget .ng-msg");
  assert.match(await msg.innerText(), /storage for this site is full/);
  const listed = await notesText(page);
  assert.ok(listed.includes("first") && listed.includes("second"), listed);
  assert.equal((await stored(page))[0].annotations.length, 1, "what was stored is intact");
  await page.evaluate(() => { window.__full = false; });
  await page.locator("newsgloss-widget .ng-msg", { hasText: "room again" }).waitFor({ timeout: 10000 });
  assert.equal((await stored(page))[0].annotations.length, 2);
  await context.close();
});

test("malformed and hostile imports: a clear error, nothing changes, the page keeps working", async () => {
  const { page, context, errors } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  await annotate(page, PHRASE, "keep me");
  const before = await page.evaluate(() => newsgloss.exportJson());
  const huge = "x".repeat(200000);
  const cases = [
    ["{\"a\":", /not JSON/],
    [JSON.stringify([{ type: "Annotation", created: 5, target: "x" }]), /item 1: invalid type/],
    [JSON.stringify([{ type: "Annotation", target: { source: "s", selector: { type: "TextQuoteSelector", exact: "ok" } } }, { type: "Annotation", target: { source: "s", selector: { type: "TextQuoteSelector", exact: huge } } }]), /item 2: a text of 200000 characters/],
    ["[".repeat(100000) + "]".repeat(100000), /nests too deeply/],
    [JSON.stringify({ type: "Annotation", target: { source: "s" } }), /no TextQuoteSelector/],
    ["\"just a string\"", /no annotations/],
  ];
  for (const [file, says] of cases) {
    const r = await page.evaluate((f) => newsgloss.importJson(f), file);
    assert.equal(r.ok, false, file.slice(0, 80));
    assert.match(r.error, says);
    assert.equal(await page.evaluate(() => newsgloss.exportJson()), before);
  }
  // Through the file picker the reader sees which item failed and why.
  await showNotes(page);
  await page.locator("newsgloss-widget .ng-file input").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from(cases[1][0]) });
  await page.locator("newsgloss-widget .ng-msg-error", { hasText: "Nothing was imported" }).waitFor();
  assert.match(await page.locator("newsgloss-widget .ng-msg-error").innerText(), /item 1: invalid type/);

  // 10,000 valid annotations on words of the page: all in, the page still answers.
  const words = await page.evaluate(() => document.body.textContent.match(/[A-Za-z]{6,}/g).slice(0, 10000));
  const many = JSON.stringify({ type: "AnnotationCollection", id: "urn:x", total: 10000, first: { id: "urn:p", type: "AnnotationPage",
    items: Array.from({ length: 10000 }, (_, i) => ({ type: "Annotation", id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      bodyValue: `n${i}`, target: { source: "s", selector: { type: "TextQuoteSelector", exact: words[i % words.length] } } })) } });
  const t0 = Date.now();
  const r = await page.evaluate((f) => newsgloss.importJson(f), many);
  console.log(`# 10,000 annotations imported in ${Date.now() - t0} ms (${r.message})`);
  assert.equal(r.ok, true);
  assert.equal(r.added, 10000);
  assert.equal(await page.evaluate(() => newsgloss.getAnnotations().length), 10001);
  await annotate(page, "Soviet leader Mikhail S. Gorbachev", "still works");
  assert.deepEqual(errors, []);
  await context.close();
});

test("two tabs on one article: a note made or edited in one appears in the other", async () => {
  const { page: a, context } = await open(browser);
  await a.goto(BASE);
  assert.equal(await ready(a), "ok");
  const b = await context.newPage();
  await b.setViewportSize({ width: 1280, height: 900 });
  await b.goto(BASE);
  assert.equal(await ready(b), "ok");
  await annotate(a, PHRASE, "from tab A");
  await b.waitForFunction(() => [...CSS.highlights.keys()].some((k) => k.startsWith("newsgloss-note")));
  assert.deepEqual(await highlighted(b, "newsgloss-note"), [PHRASE]);
  await showNotes(b);
  assert.match(await notesText(b), /from tab A/);
  // Concurrent edits of different notes both survive.
  await annotate(b, "Soviet leader Mikhail S. Gorbachev", "from tab B");
  await a.waitForFunction(() => newsgloss.getAnnotations().length === 2);
  const ids = await a.evaluate(() => newsgloss.getAnnotations().map((x) => x.id));
  await a.evaluate((id) => { const x = newsgloss.getAnnotations().find((n) => n.id === id); x.body = [{ type: "TextualBody", value: "A edited", purpose: "commenting" }]; newsgloss.updateAnnotation(x); }, ids[0]);
  await b.evaluate((id) => { const x = newsgloss.getAnnotations().find((n) => n.id === id); x.body = [{ type: "TextualBody", value: "B edited", purpose: "commenting" }]; newsgloss.updateAnnotation(x); }, ids[1]);
  await a.waitForFunction(() => JSON.stringify(newsgloss.getAnnotations()).includes("B edited"));
  await b.reload();
  assert.equal(await ready(b), "ok");
  const notes = await b.evaluate(() => JSON.stringify(newsgloss.getAnnotations()));
  assert.ok(notes.includes("A edited") && notes.includes("B edited"), notes);
  await context.close();
});

test("corrections: reject a quotation, change a speaker, mark a missed actor; they persist", async () => {
  const { page, context } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  const quotes = () => page.evaluate(() => newsgloss.analysis().quotes.length);
  const n = await quotes();
  const scare = await highlighted(page, "newsgloss-quote-scare");
  assert.ok(scare.includes("open door"));
  // Reject the "open door" scare quote from the Quotes panel.
  const item = page.locator("newsgloss-widget .ng-list li", { hasText: "“open door”" });
  await item.locator('.ng-link[aria-label^="Not a correct"]').click();
  await page.waitForFunction((m) => newsgloss.analysis().quotes.length === m - 1, n);
  assert.ok(!(await highlighted(page, "newsgloss-quote-scare")).includes("open door"));
  // Putin's first quote: say Karen Donfried said it.
  const putin = page.locator("newsgloss-widget .ng-list li", { hasText: "Our recent warnings" });
  await putin.locator(".ng-speaker-pick").selectOption("Karen Donfried");
  await page.waitForFunction(() => newsgloss.analysis().quotes.some((q) => q.speaker && newsgloss.analysis().text.slice(q.start, q.end).startsWith("Our recent") && newsgloss.analysis().actors.find((a) => a.id === q.speaker.actor)?.name === "Karen Donfried"));
  // Mark a missed actor by selection: the byline is not article text, so a
  // mark there is kept but says it does not apply.
  await selectPhrase(page, "Steven Erlanger", "Steven Erlanger reported from Brussels");
  await page.locator("newsgloss-widget .ng-float-btn").first().click();
  await page.locator("newsgloss-widget .ng-editor select").selectOption("person");
  await page.locator('newsgloss-widget .ng-editor button[type="submit"]').click();
  await page.locator("newsgloss-widget .ng-inactive", { hasText: "outside the article" }).waitFor();
  assert.ok(!(await page.evaluate(() => newsgloss.analysis().actors.some((a) => a.name === "Steven Erlanger"))));
  await selectPhrase(page, "the NATO chief");
  await page.locator("newsgloss-widget .ng-float-btn").first().click();
  await page.locator("newsgloss-widget .ng-editor select").selectOption("person");
  await page.locator('newsgloss-widget .ng-editor button[type="submit"]').click();
  await page.waitForFunction(() => newsgloss.analysis().actors.some((a) => a.name === "the NATO chief"));
  assert.ok((await highlighted(page, "newsgloss-actor-person")).includes("the NATO chief"));
  await page.reload();
  assert.equal(await ready(page), "ok");
  const after = await page.evaluate(() => newsgloss.analysis());
  assert.equal(after.quotes.length, n - 1);
  assert.ok(after.actors.some((a) => a.name === "the NATO chief" && a.kind === "person"));
  assert.ok(!(await highlighted(page, "newsgloss-quote-scare")).includes("open door"));
  await showNotes(page);
  const listed = await notesText(page);
  assert.match(listed, /Not a quotation/);
  assert.match(listed, /Said by Karen Donfried/);
  assert.match(listed, /Marked as a person/);
  await context.close();
});

test("the JS API: add, update, remove, events; bad input is an error for the caller", async () => {
  const { page, context, errors } = await open(browser);
  await page.goto(BASE);
  assert.equal(await ready(page), "ok");
  const out = await page.evaluate(async () => {
    const seen = [];
    for (const e of ["createAnnotation", "updateAnnotation", "deleteAnnotation"]) newsgloss.on(e, (a) => seen.push([e, a.id]));
    const a = newsgloss.addAnnotation({ "@context": "http://www.w3.org/ns/anno.jsonld", id: "urn:uuid:6f1c2d4e-0000-4000-8000-000000000001", type: "Annotation",
      motivation: "commenting", body: { type: "TextualBody", value: "<b>api</b>", purpose: "commenting" },
      target: { source: location.href, selector: { type: "TextQuoteSelector", exact: "Soviet leader Mikhail S. Gorbachev" } } });
    a.body = { type: "TextualBody", value: "changed", purpose: "commenting" };
    newsgloss.updateAnnotation(a);
    let error = null;
    try { newsgloss.addAnnotation({ type: "Annotation", target: 5 }); } catch (e) { error = e.message; }
    const removed = newsgloss.removeAnnotation(a.id);
    return { seen, error, removed, left: newsgloss.getAnnotations().length, hl: [...CSS.highlights.keys()].filter((k) => k.startsWith("newsgloss-note")) };
  });
  assert.deepEqual(out.seen.map((s) => s[0]), ["createAnnotation", "updateAnnotation", "deleteAnnotation"]);
  assert.ok(out.error && out.error.length > 5, String(out.error));
  assert.equal(out.removed, true);
  assert.equal(out.left, 0);
  assert.deepEqual(errors, []);
  await context.close();
});
