// A query on its way to Material's search worker (the box keeps what the reader typed):
// - «ё» is spelled «е», as in the index (hooks/search.py), so each finds the other;
// - a hyphenated word is a compound term: "mini-batch" asks for both parts, "+mini +batch",
//   where the search would otherwise take either (and rank pages full of "batch" first).
(function () {
  "use strict";
  var COMPOUND = /(^|\s)([^\s\-+"]+(?:-[^\s\-+"]+)+)(?=\s|$)/g;

  function normalise(query) {
    return query.replace(/ё/g, "е").replace(/Ё/g, "Е").replace(COMPOUND, function (_, space, word) {
      return space + word.split("-").map(function (part) { return "+" + part; }).join(" ");
    });
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    // Material's query message: {type, data: the query string}; the set-up message carries an object
    if (message && typeof message.data === "string") {
      arguments[0] = Object.assign({}, message, { data: normalise(message.data) });
    }
    return post.apply(this, arguments);
  };
})();
