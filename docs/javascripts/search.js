// The search index spells «ё» as «е» (hooks/search.py). A query goes the same way: its «ё» is
// spelled «е» on its way to Material's search worker, while the box keeps what the reader typed.
(function () {
  "use strict";
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    // Material's query message: {type, data: the query string}; the set-up message carries an object
    if (message && typeof message.data === "string" && /[ёЁ]/.test(message.data)) {
      arguments[0] = Object.assign({}, message, { data: message.data.replace(/ё/g, "е").replace(/Ё/g, "Е") });
    }
    return post.apply(this, arguments);
  };
})();
