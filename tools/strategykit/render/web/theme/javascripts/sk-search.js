// Material's search worker, with each query word cut to its stem in the strategy's language.
//
// Material adds a trailing wildcard to every query word ("kvinnorna" → "kvinnorna*"), and lunr
// never runs its stemmer on a wildcard word, so a longer form ("kvinnorna") would not find a
// shorter one ("kvinnor"). Here each word is replaced by its stem from lunr-languages (the same
// stemmer the worker loads for the language), which is a prefix of every form: "kvinn*" finds
// kvinnor, kvinnorna, kvinna. The index itself stays as Material makes it. A word whose stem is
// not a prefix of it keeps the word too; quoted phrases, +required and -excluded words, and
// words with lunr's own syntax (*, ~, ^, :) are left as written.
"use strict";
(function () {
  var params = new URL(self.location.href).searchParams;
  var language = null;
  var listen = self.addEventListener.bind(self);

  function stemmer() {
    var lunr = self.lunr;
    if (!lunr || !language) return null;
    if (language === "en") return lunr.stemmer;
    return lunr[language] && lunr[language].stemmer ? lunr[language].stemmer : null;
  }

  function stemmed(query) {
    var stem = stemmer();
    if (!stem || typeof query !== "string" || query.indexOf('"') !== -1) return query;
    return query.split(/(\s+)/).map(function (word) {
      if (!/^[\p{L}\p{N}]{4,}$/u.test(word)) return word;
      var lower = word.toLowerCase();
      var root = stem(new self.lunr.Token(lower, {})).toString();
      if (root.length < 3 || root === lower) return word;
      return lower.indexOf(root) === 0 ? root : word + " " + root;
    }).join("");
  }

  self.addEventListener = function (type, handler, options) {
    if (type !== "message") return listen(type, handler, options);
    return listen(type, function (event) {
      var message = event.data;
      if (message && message.type === 0 && message.data && message.data.config) {
        language = (message.data.config.lang || [])[0] || null;
      } else if (message && message.type === 2) {
        message = { type: 2, data: stemmed(message.data) };
      }
      return handler({ data: message });
    }, options);
  };
  importScripts(params.get("worker"));
})();
