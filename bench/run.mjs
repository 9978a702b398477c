// Throughput of the newsgloss wasm engine next to compromise and wink-nlp,
// in one node process, on the same texts, interleaved, several rounds,
// median. See README.md (run `./prepare.sh` first).
//
//   node --expose-gc run.mjs [--rounds 5] [--texts seed,100kb,1mb] [--min-ms 300] [--variants name=dir,...]
//
// Each measurement calls one engine on one text repeatedly for at least
// --min-ms (at least once) and keeps the mean time per call; a round
// measures every engine on every text, the engines in a rotated order;
// round 0 is a warm-up and is not counted. MB/s are decimal (10^6 bytes of
// UTF-8 input per second).
//
// The work timed per engine is what is comparable to ours:
//   newsgloss   analyzeText(text): actors, quotes with speakers, disputes,
//               returned as a JSON string (also shown with JSON.parse)
//   compromise  nlp(text) + .people() .organizations() .places() .quotations(), each .out('array')
//   wink        nlp.readDoc(text) + .entities().out(its.detail)
//   variants    (--variants) other builds of the same engine, timed like newsgloss

import { readFileSync, existsSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import os from "node:os";
import { here, require, option, need as needIn, median } from "./common.mjs";

const ROUNDS = Number(option("rounds", 5));
const MIN_MS = Number(option("min-ms", 300));
const TEXTS = option("texts", "seed,100kb,1mb").split(",");

const need = (file, hint) => needIn("run.mjs", file, hint);
need("pkg/newsgloss.js", "run ./prepare.sh (builds the node-target wasm)");
need("node_modules/compromise", "run npm install in bench/ (or ./prepare.sh)");
for (const t of TEXTS) need(`corpus/${t}.txt`, "run ./prepare.sh (writes the texts)");

const { analyzeText } = require("./pkg/newsgloss.js");
const nlp = (await import("compromise")).default;
const winkNLP = require("wink-nlp");
const winkModel = require("wink-eng-lite-web-model");
const wink = winkNLP(winkModel);
const its = wink.its;

const engines = {
  newsgloss: (t) => analyzeText(t).length,
  "newsgloss+parse": (t) => JSON.parse(analyzeText(t)).quotes.length,
  compromise: (t) => {
    const doc = nlp(t);
    return (
      doc.people().out("array").length +
      doc.organizations().out("array").length +
      doc.places().out("array").length +
      doc.quotations().out("array").length
    );
  },
  wink: (t) => wink.readDoc(t).entities().out(its.detail).length,
};
// Further builds to compare, each a wasm-bindgen --target nodejs folder:
// --variants name=dir,name=dir (dirs absolute or relative to bench/), e.g.
// the same engine at other opt-levels (prepare.sh WITH_LEVELS="z s"), or an
// older commit's.
const variantSizes = [];
for (const spec of option("variants", "").split(",").filter(Boolean)) {
  const [name, dir] = spec.split("=");
  const full = path.resolve(here, dir ?? "");
  need(path.relative(here, path.join(full, "newsgloss.js")), `build the variant ${name} there`);
  const fn = require(path.join(full, "newsgloss.js")).analyzeText;
  engines[name] = (t) => fn(t).length;
  const wasmBytes = readFileSync(path.join(full, "newsgloss_bg.wasm"));
  variantSizes.push(`${name} ${wasmBytes.length} bytes (gzip -9 ${gzipSync(wasmBytes, { level: 9 }).length})`);
}
const names = Object.keys(engines);

const texts = TEXTS.map((name) => {
  const text = readFileSync(path.join(here, "corpus", `${name}.txt`), "utf8");
  return { name, text, bytes: Buffer.byteLength(text, "utf8") };
});

// What each engine finds on the first text: a sanity check that all of them
// did real work (not a table of empty results).
{
  const t = texts[0].text;
  const a = JSON.parse(analyzeText(t));
  const doc = nlp(t);
  const count = (view) => view.out("array").length;
  console.log(`found in ${texts[0].name}:`);
  console.log(
    `  newsgloss   ${a.actors.length} actors (${a.actors.reduce((n, x) => n + x.mentions.length, 0)} mentions), ` +
      `${a.quotes.length} quotes (${a.quotes.filter((q) => q.speaker).length} with a speaker), ${a.disputes.length} disputes`,
  );
  console.log(
    `  compromise  ${count(doc.people())} people, ${count(doc.organizations())} organizations, ` +
      `${count(doc.places())} places, ${count(doc.quotations())} quotations`,
  );
  const entities = wink.readDoc(t).entities().out(its.detail);
  const kinds = {};
  for (const e of entities) kinds[e.type] = (kinds[e.type] || 0) + 1;
  console.log(`  wink        ${entities.length} entities ${JSON.stringify(kinds)}`);
  console.log();
}

function measure(fn, text) {
  if (globalThis.gc) globalThis.gc();
  let reps = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    sink += fn(text);
    reps += 1;
    elapsed = performance.now() - start;
  } while (elapsed < MIN_MS);
  if (sink < 0) console.log(sink); // keep the results alive
  return elapsed / 1000 / reps;
}

const samples = {}; // samples[text][engine] = [MB/s, ...]
for (const t of texts) samples[t.name] = Object.fromEntries(names.map((n) => [n, []]));
const started = performance.now();
for (let round = 0; round <= ROUNDS; round++) {
  for (const t of texts) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length];
      const secs = measure(engines[name], t.text);
      if (round > 0) samples[t.name][name].push(t.bytes / 1e6 / secs);
    }
  }
  process.stderr.write(`round ${round}${round === 0 ? " (warm-up)" : ""} done at ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

const fmt = (x, w, d = 2) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(d)).padStart(w);

const cpu = os.cpus()[0]?.model ?? "unknown cpu";
const wasm = statSync(path.join(here, "pkg/newsgloss_bg.wasm")).size;
console.log(`machine: ${cpu}, ${os.cpus().length} cpus, node ${process.version}; wasm ${wasm} bytes (gzip -9 ${gzipSync(readFileSync(path.join(here, "pkg/newsgloss_bg.wasm")), { level: 9 }).length}; opt-level 3, wasm-opt -O1)`);
if (variantSizes.length) console.log(`variants: ${variantSizes.join("; ")}`);
console.log(`median MB/s over ${ROUNDS} rounds (each >= ${MIN_MS} ms), interleaved in one process; min..max in brackets`);
console.log();
const header = ["text", "bytes", ...names, "ng/compromise", "ng/wink"];
const widths = [6, 9, ...names.map((n) => Math.max(n.length, 22)), 14, 9];
console.log(header.map((h, i) => (i === 0 ? h.padEnd(widths[i]) : h.padStart(widths[i]))).join(" "));
for (const t of texts) {
  const cell = (name, i) => {
    const xs = samples[t.name][name];
    return `${fmt(median(xs), 7)} [${fmt(Math.min(...xs), 5)}..${fmt(Math.max(...xs), 5)}]`.padStart(widths[2 + i]);
  };
  const ng = median(samples[t.name].newsgloss);
  const row = [
    t.name.padEnd(widths[0]),
    String(t.bytes).padStart(widths[1]),
    ...names.map(cell),
    (fmt(ng / median(samples[t.name].compromise), 0, 1) + "x").padStart(widths[widths.length - 2]),
    (fmt(ng / median(samples[t.name].wink), 0, 1) + "x").padStart(widths[widths.length - 1]),
  ];
  console.log(row.join(" "));
}
console.log();
console.log("targets: newsgloss >= 100x compromise and >= 10x wink (wasm); >= 20 MB/s natively (see cargo bench)");
for (const t of texts) {
  const ng = median(samples[t.name].newsgloss);
  const rc = ng / median(samples[t.name].compromise);
  const rw = ng / median(samples[t.name].wink);
  console.log(
    `  ${t.name.padEnd(6)} vs compromise ${rc >= 100 ? "met" : "NOT met"} (${rc.toFixed(1)}x), ` +
      `vs wink ${rw >= 10 ? "met" : "NOT met"} (${rw.toFixed(1)}x)`,
  );
}
