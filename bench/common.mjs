// What the node harnesses (run.mjs, anchor.mjs) share: the bench folder,
// command-line options, checks for prepared inputs, medians.

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

/** The bench/ folder. */
export const here = path.dirname(fileURLToPath(import.meta.url));

/** `require` relative to bench/ (for the CommonJS wasm-bindgen output and packages). */
export const require = createRequire(path.join(here, "common.mjs"));

/** The value after `--name` on the command line, else `fallback`. */
export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** Exits with `hint` when `file` (relative to bench/) is missing. */
export function need(script, file, hint) {
  if (!existsSync(path.join(here, file))) {
    console.error(`${script}: ${file} is missing: ${hint}`);
    process.exit(2);
  }
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
