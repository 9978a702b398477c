// Re-anchoring 1,000 reader annotations on a 100,000-word article after 1 %
// of its words changed (and ten paragraphs were deleted): newsgloss's wasm
// `anchorAll` next to Hypothesis's quote anchoring rebuilt on the npm
// `approx-string-match` (the library Hypothesis uses), on the same inputs,
// in one process, interleaved rounds, median. See README.md ("Anchoring").
//
//   node anchor.mjs [--rounds 5]
//
// Inputs: corpus/anchor.json, written by `benches/anchor.rs`
// (NEWSGLOSS_CORPUS_OUT=bench/corpus cargo bench --profile native --bench anchor;
// ./prepare.sh does it): the original and edited texts, each annotation's
// selectors (TextQuote + TextPosition, code points, made on the original)
// and its true span in the edited text (null when all its words were
// deleted).
//
// Timed per round:
//   newsgloss    anchorAll(text, targetsJson): parses the selectors' JSON,
//                anchors all, returns the anchors as JSON (and JSON.parse)
//   hypothesis   for each annotation, Hypothesis's order: the position if
//                the text there equals the quote, else matchQuote() below
//                (exact occurrences by indexOf, else approx-string-match
//                with min(256, quote / 2) errors; scored 50 quote, 20 prefix,
//                20 suffix, 2 position; the best taken, no threshold)
// JavaScript strings are UTF-16, so the JS side gets its positions in UTF-16
// units and its results are turned back into code points, both outside the
// timing.

import { readFileSync } from "node:fs";
import path from "node:path";
import os from "node:os";
import { here, require, option, need, median } from "./common.mjs";

const ROUNDS = Number(option("rounds", 5));

need("anchor.mjs", "pkg/newsgloss.js", "run ./prepare.sh (builds the node-target wasm)");
need("anchor.mjs", "node_modules/approx-string-match", "run npm install in bench/ (or ./prepare.sh)");
need("anchor.mjs", "corpus/anchor.json", "run ./prepare.sh (writes the anchoring case)");

const { anchorAll } = require("./pkg/newsgloss.js");
if (typeof anchorAll !== "function") {
  console.error("anchor.mjs: pkg/newsgloss.js has no anchorAll: rebuild it with ./prepare.sh");
  process.exit(2);
}
const approxSearch = (await import("approx-string-match")).default;

const data = JSON.parse(readFileSync(path.join(here, "corpus", "anchor.json"), "utf8"));
const text = data.text;
const targetsJson = JSON.stringify(data.targets);

// ---- code points <-> UTF-16 units -----------------------------------------

/** units[c] = UTF-16 offset of code point c (c = 0..=count). */
function unitsOfCodePoints(s) {
  const out = [0];
  let u = 0;
  for (const ch of s) {
    u += ch.length;
    out.push(u);
  }
  return out;
}

/** cps[u] = code points before UTF-16 offset u (inside a pair: the pair's). */
function codePointsOfUnits(s) {
  const out = new Uint32Array(s.length + 1);
  let c = 0;
  let u = 0;
  for (const ch of s) {
    out[u] = c;
    if (ch.length === 2) out[u + 1] = c;
    u += ch.length;
    c += 1;
  }
  out[u] = c;
  return out;
}

// ---- Hypothesis's quote anchoring on approx-string-match -----------------
// Rebuilt from the behaviour of hypothesis/client's match-quote module: the
// same stages, error bound and weights.

function findAll(haystack, needle, maxErrors) {
  const exact = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    exact.push({ start: at, end: at + needle.length, errors: 0 });
  }
  return exact.length > 0 ? exact : approxSearch(haystack, needle, maxErrors);
}

function similarity(slice, context) {
  if (context.length === 0 || slice.length === 0) return 0;
  const found = findAll(slice, context, context.length);
  return found.length === 0 ? 0 : 1 - found[0].errors / context.length;
}

function matchQuote(haystack, quote, { prefix, suffix, hint }) {
  if (quote.length === 0) return null;
  const candidates = findAll(haystack, quote, Math.min(256, quote.length / 2));
  let best = null;
  for (const m of candidates) {
    const q = 1 - m.errors / quote.length;
    const p = prefix ? similarity(haystack.slice(Math.max(0, m.start - prefix.length), m.start), prefix) : 1;
    const s = suffix ? similarity(haystack.slice(m.end, m.end + suffix.length), suffix) : 1;
    const pos = typeof hint === "number" ? 1 - Math.abs(m.start - hint) / haystack.length : 1;
    const score = (50 * q + 20 * p + 20 * s + 2 * pos) / 92;
    if (best === null || score > best.score) best = { start: m.start, end: m.end, score, errors: m.errors };
  }
  return best;
}

function hypothesisAnchor(haystack, t) {
  if (t.start !== undefined && t.end <= haystack.length && haystack.slice(t.start, t.end) === t.exact) {
    return { start: t.start, end: t.end, method: "position" };
  }
  if (t.exact === undefined) return null;
  const m = matchQuote(haystack, t.exact, { prefix: t.prefix, suffix: t.suffix, hint: t.start });
  return m && { start: m.start, end: m.end, method: m.errors === 0 ? "quote" : "fuzzy" };
}

// Positions were stored in code points of the original; Hypothesis stores
// UTF-16 offsets of the page it saw, which is the same span.
const originalUnits = unitsOfCodePoints(data.original);
const jsTargets = data.targets.map((selectors) => {
  const t = {};
  for (const s of selectors) {
    if (s.type === "TextQuoteSelector") Object.assign(t, { exact: s.exact, prefix: s.prefix, suffix: s.suffix });
    if (s.type === "TextPositionSelector" && s.end < originalUnits.length) {
      Object.assign(t, { start: originalUnits[s.start], end: originalUnits[s.end] });
    }
  }
  return t;
});
const editedCodePoints = codePointsOfUnits(text);

// ---- the two engines, timed ----------------------------------------------

const engines = {
  newsgloss: () => JSON.parse(anchorAll(text, targetsJson)),
  hypothesis: () => jsTargets.map((t) => hypothesisAnchor(text, t)),
};
const toCodePoints = {
  newsgloss: (a) => a,
  hypothesis: (a) => a && { ...a, start: editedCodePoints[a.start], end: editedCodePoints[a.end] },
};

function tally(anchors) {
  const t = { exact: 0, overlap: 0, missed: 0, rightOrphans: 0, wrong: 0, position: 0, quote: 0, fuzzy: 0 };
  data.truth.forEach((want, i) => {
    const got = anchors[i];
    if (got) t[got.method] += 1;
    if (!want && !got) t.rightOrphans += 1;
    else if (!got) t.missed += 1;
    else if (!want) t.wrong += 1;
    else {
      const [s, e] = want;
      const common = Math.max(0, Math.min(e, got.end) - Math.max(s, got.start));
      const longer = Math.max(e - s, got.end - got.start, 1);
      if (s === got.start && e === got.end) t.exact += 1;
      if (2 * common >= longer) t.overlap += 1;
      else t.wrong += 1;
    }
  });
  return t;
}

const names = Object.keys(engines);
const times = Object.fromEntries(names.map((n) => [n, []]));
const results = {};
for (let round = 0; round <= ROUNDS; round += 1) {
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const name of order) {
    globalThis.gc?.();
    const started = process.hrtime.bigint();
    const anchors = engines[name]();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (round > 0) times[name].push(ms);
    results[name] = anchors.map(toCodePoints[name]);
  }
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(
  `anchoring ${data.targets.length} annotations on ${data.words} words (${editedCodePoints[text.length]} code points); ` +
    `${data.editedWords} words edited, ${data.deletedParagraphs} paragraphs deleted, ` +
    `${data.truth.filter((t) => t === null).length} annotations wholly deleted`,
);
console.log(`node ${process.version}, ${os.cpus().length} CPUs (${cpu}), ${ROUNDS} rounds after a warm-up, interleaved`);
console.log("engine       median ms  [min..max]            exact  overlap>=50%  missed  right orphans  wrong  (position/quote/fuzzy)");
for (const name of names) {
  const t = tally(results[name]);
  const xs = times[name];
  console.log(
    `${name.padEnd(12)} ${median(xs).toFixed(1).padStart(9)}  [${Math.min(...xs).toFixed(1)}..${Math.max(...xs).toFixed(1)}]`.padEnd(46) +
      `${String(t.exact).padStart(5)}  ${String(t.overlap).padStart(12)}  ${String(t.missed).padStart(6)}  ` +
      `${String(t.rightOrphans).padStart(13)}  ${String(t.wrong).padStart(5)}  (${t.position}/${t.quote}/${t.fuzzy})`,
  );
}
const [a, b] = names.map((n) => median(times[n]));
console.log(`hypothesis / newsgloss time: ${(b / a).toFixed(1)}x`);
