// A filter box above each long checkbox list of the event form (div.checklist): typing hides
// the choices that do not contain the words typed; ticked choices stay in view. Without
// JavaScript the list is a plain list of checkboxes.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("div.checklist").forEach(function (list) {
    var first = list.querySelector("input[type=checkbox]");
    if (!first) return;
    var box = document.createElement("input");
    box.type = "search";
    box.className = "checklist-filter";
    box.placeholder = box.title = first.dataset.filterLabel || "";
    box.setAttribute("aria-label", box.placeholder);
    box.setAttribute("aria-controls", list.id);
    list.parentNode.insertBefore(box, list);
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      list.querySelectorAll("input[type=checkbox]").forEach(function (input) {
        var label = fold(input.closest("label").textContent);
        var shown = input.checked || words.every(function (word) { return label.indexOf(word) !== -1; });
        input.closest("label").parentElement.hidden = !shown;
      });
    });
  });
})();
