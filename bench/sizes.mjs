// Sizes that reach a reader's browser, raw and gzipped at level 9 (as
// xtask's build prints them): the compiled-in lexicon data and the wasm.
//
//   node sizes.mjs
//
// Lexicon data is every non-Rust file under src/analysis/ (e.g.
// src/analysis/lexicon/*) plus every file the analysis pulls in with
// include_str! or include_bytes!. Word lists written as Rust arrays inside
// .rs files are not separated out; they are inside the wasm figure. (The
// widget's CSS, also include_str!'d, is printed by `cargo xtask build`.)

import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const rel = (p) => path.relative(root, p);

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const data = new Set(walk(path.join(root, "src/analysis")).filter((p) => !p.endsWith(".rs") && !p.endsWith(".md")));
for (const file of walk(path.join(root, "src/analysis")).filter((p) => p.endsWith(".rs"))) {
  const source = readFileSync(file, "utf8");
  for (const m of source.matchAll(/include_(?:str|bytes)!\s*\(\s*"([^"]+)"\s*\)/g)) {
    const target = path.resolve(path.dirname(file), m[1]);
    if (existsSync(target)) data.add(target);
  }
}

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const row = (name, raw, zipped) => console.log(`${name.padEnd(52)} ${String(raw).padStart(10)} ${String(zipped).padStart(10)}`);

console.log(`${"file".padEnd(52)} ${"bytes".padStart(10)} ${"gzip".padStart(10)}`);
let total = 0;
let totalGz = 0;
const all = [];
for (const file of [...data].sort()) {
  const bytes = readFileSync(file);
  total += bytes.length;
  totalGz += gz(bytes);
  all.push(bytes);
  row(rel(file), bytes.length, gz(bytes));
}
if (data.size === 0) console.log("(no lexicon data files under src/analysis/, no include_str!/include_bytes! there)");
else {
  row(`lexicon data, ${data.size} files (sum of each gzip)`, total, totalGz);
  row(`lexicon data, ${data.size} files (one gzip of all)`, total, gz(Buffer.concat(all)));
}
console.log();
for (const file of ["dist/newsgloss_core_bg.wasm", "bench/pkg/newsgloss_bg.wasm"]) {
  const p = path.join(root, file);
  if (existsSync(p)) {
    const bytes = readFileSync(p);
    row(file, bytes.length, gz(bytes));
  } else row(file, "missing", "-");
}
