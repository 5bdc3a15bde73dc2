// Runs the built site's own search worker (Material's, with lunr-languages) in Node against the
// site's search index, and prints the locations each query finds, as JSON: {query: [location, …]}.
// Usage: node site_search.js SITE_DIR QUERY…
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, ...queries] = process.argv.slice(2);
const workers = path.join(site, "assets", "javascripts", "workers");
const worker = fs.readdirSync(workers).find((f) => /^search\..*\.js$/.test(f));
let handler = null;
const replies = [];
const context = {
  console, setTimeout, clearTimeout,
  addEventListener: (type, fn) => { if (type === "message") handler = fn; },
  postMessage: (message) => replies.push(message),
  // The worker loads the language scripts relative to itself ("../lunr/min/lunr.sv.min.js").
  importScripts: (...urls) => {
    for (const url of urls) vm.runInContext(fs.readFileSync(path.join(workers, url), "utf8"), context);
  },
};
context.self = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(workers, worker), "utf8"), context);

(async () => {
  const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"));
  // As the page sends it: the index and the search features (no suggestions).
  await handler({ data: { type: 0, data: { ...index, options: { suggest: false } } } });
  const found = {};
  for (const query of queries) {
    await handler({ data: { type: 2, data: query } });
    const reply = replies.pop();
    // Items come grouped by page: each is a list of the page and its sections.
    found[query] = reply.data.items.flat().map((item) => item.location);
  }
  process.stdout.write(JSON.stringify(found));
})();
