// The builder chat's few behaviours that need a script; everything else is htmx attributes or plain forms.
// Enter sends, Shift+Enter adds a line; while a message is on its way the input is disabled; the newest
// message stays in view and the input gets focus back when it is enabled again.
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (box.id !== "chat-input" || event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    if (!box.disabled && box.value.trim()) box.form.requestSubmit();
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form.id !== "chat-form") return;
    form.querySelectorAll("textarea, button").forEach(function (el) { el.disabled = true; });
  });

  document.addEventListener("htmx:afterSettle", function () {
    var list = document.getElementById("messages");
    if (list) list.scrollTop = list.scrollHeight;
    var box = document.getElementById("chat-input");
    if (box && !box.disabled && document.activeElement === document.body) box.focus();
  });

  document.addEventListener("htmx:responseError", function () {
    var form = document.getElementById("chat-form");
    if (form) form.querySelectorAll("textarea, button").forEach(function (el) { el.disabled = false; });
  });
})();
