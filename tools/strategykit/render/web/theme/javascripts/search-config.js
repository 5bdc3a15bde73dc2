// Points Material's search at sk-search.js (beside its own worker, which that loads), so that a
// word finds its other forms: see sk-search.js. Runs before Material's bundle reads __config.
(function () {
  "use strict";
  var element = document.getElementById("__config");
  if (!element) return; // another theme (e.g. Zensical's) keeps its own search
  var config = JSON.parse(element.textContent);
  if (typeof config.search !== "string" || config.search.indexOf("sk-search.js") !== -1) return;
  var slash = config.search.lastIndexOf("/");
  var folder = config.search.slice(0, slash + 1);
  var worker = config.search.slice(slash + 1);
  config.search = folder + "sk-search.js?worker=" + encodeURIComponent(worker);
  element.textContent = JSON.stringify(config);
})();
