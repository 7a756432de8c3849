// The search index spells «ё» as «е» (hooks/search.py): a query typed with «ё» is spelled the
// same way before Material reads the box (it reads it on keyup, after this input event).
document.addEventListener("input", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("input.md-search__input") || !/[ёЁ]/.test(box.value)) return;
  var at = box.selectionStart;
  box.value = box.value.replace(/ё/g, "е").replace(/Ё/g, "Е");
  box.setSelectionRange(at, at);
}, true);
