// Runs the built site's search as a browser would: the page's configuration (after the site's own
// sk-search-config.js), the worker it names (sk-search.js wrapping Material's lunr worker), the
// site's search index; prints the locations each query finds, as JSON: {query: [location, …]}.
// Usage: node site_search.js SITE_DIR QUERY…
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, ...queries] = process.argv.slice(2);

// The configuration as the home page has it once its scripts before Material's bundle have run.
const home = fs.readFileSync(path.join(site, "index.html"), "utf8");
const element = { textContent: home.match(/<script id="__config" type="application\/json">([\s\S]*?)<\/script>/)[1] };
for (const [, src] of home.matchAll(/<script src="([^"]+)"/g)) {
  if (src.includes("bundle.")) break;
  vm.runInNewContext(fs.readFileSync(path.join(site, src), "utf8"), { document: { getElementById: () => element } });
}
const workerUrl = new URL(JSON.parse(element.textContent).search, "file://" + path.resolve(site) + "/");

let handler = null;
const replies = [];
const context = {
  console, setTimeout, clearTimeout, URL,
  location: { href: workerUrl.href },
  addEventListener: (type, fn) => { if (type === "message") handler = fn; },
  postMessage: (message) => replies.push(message),
  // Relative to the worker, as in a browser ("../lunr/min/lunr.sv.min.js", Material's worker).
  importScripts: (...urls) => {
    for (const url of urls) vm.runInContext(fs.readFileSync(new URL(url, workerUrl), "utf8"), context);
  },
};
context.self = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(workerUrl, "utf8"), context);

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
