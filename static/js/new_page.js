// The new-page form: the address proposed from the description follows it (htmx) until the editor edits the
// address; from then on it is theirs (and clearing it lets the proposals follow again).
(function () {
  "use strict";

  function editedByHand() {
    var field = document.getElementById("new-slug");
    return Boolean(field && field.dataset.edited);
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.id !== "new-slug") return;
    field.dataset.edited = field.value.trim() ? "true" : "";
    var source = field.parentNode.querySelector("input[name=slug_source]");
    if (source) source.remove();
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt.id === "new-message" && editedByHand()) event.preventDefault();
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.elt.id === "new-message" && editedByHand()) event.detail.shouldSwap = false;
  });
})();
