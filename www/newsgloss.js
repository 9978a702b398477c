// newsgloss loader: the one tag a page needs.
//
//   <script type="module" src="/path/newsgloss.js" data-open="true"></script>
//
// It creates the widget's host element (a shadow root, so host CSS cannot
// reach the UI), loads the WebAssembly engine that sits next to this file
// (or the URL in data-wasm), and mounts it. Whatever goes wrong (no
// WebAssembly, a missing or mis-served .wasm, a CSP that forbids it, a Rust
// panic) ends as a short message in the widget, never as an exception in the
// host page. The same API object is `window.newsgloss` and this module's
// default export:
//
//   newsgloss.ready       Promise: resolves to the API once mounted, rejects
//                         (handled, no console noise) with the reason shown
//   newsgloss.analysis()  the findings as JSON ({text, actors, quotes, disputes}),
//                         offsets in Unicode code points; null before ready
//   newsgloss.timings()   {read, analyze, highlight, total} in ms
//   newsgloss.destroy()   removes every trace: UI, highlights, styles, global
//   newsgloss.error       the message shown, when it failed
//
// The reader's annotations (W3C Web Annotation JSON, stored in this
// browser only):
//
//   newsgloss.getAnnotations()          array of annotations
//   newsgloss.addAnnotation(anno)       adds one (object or JSON text); returns it as stored
//   newsgloss.updateAnnotation(anno)    replaces the one with the same id
//   newsgloss.removeAnnotation(id)      true if it was there
//   newsgloss.exportJson({findings})    the export file's text (an AnnotationCollection)
//   newsgloss.importJson(text)          Promise of a report {ok, added, updated,
//                                       unchanged, skipped, error, message};
//                                       all or nothing
//   newsgloss.on(event, fn) / off(...)  events "createAnnotation", "updateAnnotation",
//                                       "deleteAnnotation"; fn(annotation)

const HOST_TAG = "newsgloss-widget";
// Inline and !important: the one element host rules can reach is the host
// itself, and inline !important beats any stylesheet.
const HOST_STYLE = [
  "all: initial", "display: block", "position: fixed", "top: 0", "right: 0",
  "width: 0", "height: 0", "overflow: visible", "z-index: 2147483647",
  "contain: style", "pointer-events: auto", "visibility: visible", "opacity: 1",
  "transform: none", "filter: none",
].map((rule) => rule + " !important").join("; ");
const ERROR_CSS = `:host{${HOST_STYLE}}
.ng-error{all:initial;position:fixed;right:12px;bottom:12px;max-width:320px;
padding:10px 30px 10px 12px;border-radius:8px;background:#fff1f0;border:1px solid #e0a09a;color:#7a1a12;
font:13px/1.4 system-ui,sans-serif;box-shadow:0 2px 10px rgba(0,0,0,.15);pointer-events:none}
.ng-dismiss{all:unset;position:absolute;top:4px;right:6px;cursor:pointer;pointer-events:auto;
font:16px/1 system-ui,sans-serif;color:#7a1a12;padding:2px 4px}`;
// The message never blocks the page: clicks pass through it, and it can be
// dismissed.

const here = new URL(import.meta.url);
const tag = Array.from(document.querySelectorAll("script[src]")).find((s) => s.src === here.href);
const options = Object.assign({}, tag ? tag.dataset : {});

let host = null;
let shadow = null;
let widget = null;
let broken = false; // after a trap the engine is never called again

const api = {
  version: "0.1.0",
  error: null,
  ready: null,
  analysis() {
    return guard(() => (widget ? widget.analysis() : null), null);
  },
  timings() {
    return guard(() => (widget ? widget.timings() : null), null);
  },
  destroy() {
    try { widget && widget.destroy(); } catch (_) { /* a broken engine: the host goes anyway */ }
    try { widget && widget.free(); } catch (_) { /* already gone */ }
    if (globalThis.CSS && CSS.highlights) {
      for (const name of Array.from(CSS.highlights.keys())) if (name.startsWith("newsgloss-")) CSS.highlights.delete(name);
    }
    widget = null;
    if (host) host.remove();
    host = shadow = null;
    if (window.newsgloss === api) delete window.newsgloss;
  },
  getAnnotations() {
    return guard(() => (widget ? widget.getAnnotations() : []), []);
  },
  addAnnotation(annotation) {
    return call((w) => w.addAnnotation(annotation));
  },
  updateAnnotation(annotation) {
    return call((w) => w.updateAnnotation(annotation));
  },
  removeAnnotation(id) {
    return guard(() => (widget ? widget.removeAnnotation(String(id)) : false), false);
  },
  exportJson(opts) {
    return guard(() => (widget ? widget.exportJson(!!(opts && opts.findings)) : null), null);
  },
  async importJson(text) {
    await api.ready;
    return call((w) => w.importJson(typeof text === "string" ? text : JSON.stringify(text)));
  },
  on(event, fn) {
    if (typeof fn === "function") (handlers[event] || (handlers[event] = new Set())).add(fn);
    return api;
  },
  off(event, fn) {
    if (handlers[event]) handlers[event].delete(fn);
    return api;
  },
  // For tests: a Rust panic must be caught, logged once and shown.
  _panicForTests() {
    guard(() => widget && widget._panicForTests());
  },
};

const handlers = {};
const EVENTS = { created: "createAnnotation", updated: "updateAnnotation", deleted: "deleteAnnotation" };

// A script's handler throwing must not break the widget.
function emit(type, annotation) {
  for (const fn of handlers[EVENTS[type]] || []) {
    try { fn(annotation); } catch (e) { console.warn("newsgloss: an event handler failed:", e); }
  }
}

// Calls that report bad input as an Error for the caller (not the widget).
function call(fn) {
  if (!widget) throw new Error(api.error || "newsgloss is not ready yet (await newsgloss.ready)");
  if (broken) throw new Error(api.error);
  try {
    return fn(widget);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) { broken = true; fail(e); }
    throw e instanceof Error ? e : new Error(String(e));
  }
}

// Calls into the engine; a trap (e.g. after a panic) becomes a message.
function guard(fn, fallback) {
  if (broken) return fallback;
  try {
    return fn();
  } catch (e) {
    broken = true;
    fail(e);
    return fallback;
  }
}

function makeHost() {
  host = document.createElement(HOST_TAG);
  host.setAttribute("data-newsgloss", "");
  host.setAttribute("style", HOST_STYLE);
  shadow = host.attachShadow({ mode: "open" });
  // Outside <body>: the article's text content stays exactly the page's.
  document.documentElement.appendChild(host);
}

function reason(e) {
  const text = String((e && e.message) || e);
  if (/Content Security Policy|unsafe-eval|wasm-unsafe-eval/i.test(text)) {
    return "this page's Content Security Policy does not allow WebAssembly ('wasm-unsafe-eval' is needed)";
  }
  if (/unreachable|RuntimeError/.test(text)) {
    return "it stopped after an internal error (the page itself is unaffected; reload to try again)";
  }
  return text;
}

function fail(e) {
  const message = "newsgloss could not start: " + reason(e);
  if (api.error) return; // shown and logged once
  api.error = message;
  console.warn(message);
  if (!shadow) return;
  if (widget) {
    // A panic has already put its own message up.
    if (shadow.querySelector(".ng-error")) return;
  }
  for (const child of Array.from(shadow.childNodes)) {
    if (child.nodeName !== "STYLE") child.remove();
  }
  const style = document.createElement("style");
  style.textContent = ERROR_CSS;
  const box = document.createElement("div");
  box.className = "ng-error";
  box.setAttribute("role", "alert");
  box.textContent = message; // text, never HTML
  const dismiss = document.createElement("button");
  dismiss.className = "ng-dismiss";
  dismiss.type = "button";
  dismiss.setAttribute("aria-label", "Dismiss");
  dismiss.textContent = "×";
  dismiss.addEventListener("click", () => box.remove());
  box.append(dismiss);
  shadow.append(style, box);
}

async function fetchWasm(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`the engine (${url}) could not be fetched: ${e.message}`);
  }
  if (!response.ok) {
    throw new Error(`the engine (${url}) is missing (HTTP ${response.status})`);
  }
  const type = response.headers.get("content-type") || "";
  if (type.startsWith("application/wasm")) return response; // streaming compile
  const bytes = await response.arrayBuffer();
  const magic = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  if (!(magic.length === 4 && magic[0] === 0 && magic[1] === 0x61 && magic[2] === 0x73 && magic[3] === 0x6d)) {
    throw new Error(`${url} is not WebAssembly (served as "${type || "no type"}")`);
  }
  return bytes;
}

function mark(name) {
  try { performance.mark(name); } catch (_) { /* no Performance API */ }
}

async function start() {
  if (document.readyState === "loading") {
    await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
  }
  makeHost();
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    throw new Error("this browser cannot run WebAssembly");
  }
  const glueUrl = new URL(options.glue || "newsgloss_core.js", here).href;
  const wasmUrl = options.wasm ? new URL(options.wasm, document.baseURI).href : new URL("newsgloss_core_bg.wasm", here).href;
  let glue;
  try {
    glue = await import(glueUrl);
  } catch (e) {
    throw new Error(`its script (${glueUrl}) could not be loaded`);
  }
  const source = await fetchWasm(wasmUrl);
  await glue.default({ module_or_path: source });
  mark("newsgloss:instantiated");
  widget = glue.mount(shadow, options);
  widget.setListener(emit);
  // From a running engine to highlights on the page (the engine marks
  // "newsgloss:highlights-drawn"); read with performance.getEntriesByName.
  try {
    performance.measure("newsgloss:instantiated-to-highlights", "newsgloss:instantiated", "newsgloss:highlights-drawn");
  } catch (_) { /* no marks, no measure */ }
  return api;
}

api.ready = start().catch((e) => {
  fail(e);
  throw new Error(api.error);
});
api.ready.catch(() => {}); // a failure is shown in the widget, not thrown at the page

if (!window.newsgloss) window.newsgloss = api;

export default api;
export const ready = api.ready;
