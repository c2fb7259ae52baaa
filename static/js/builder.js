// The builder chat's few behaviours that need a script; everything else is htmx attributes or plain forms.
// Enter sends, Shift+Enter adds a line; while a message is on its way the input is disabled; the newest
// message stays in view and the input gets focus back when it is enabled again; after a panel control, the
// focus stays on that control or moves to the panel's answer.
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

  document.addEventListener("htmx:afterSettle", function (event) {
    var list = document.getElementById("messages");
    if (list) list.scrollTop = list.scrollHeight;
    if (document.activeElement !== document.body) return; // htmx gave focus back to the control (same id)
    // A panel control that is gone (a removed section, a button at the top): focus the panel's answer instead.
    var fromPanel = event.detail.target && event.detail.target.id === "panel";
    var answer = fromPanel && document.querySelector("#panel [role=alert][tabindex], #panel .note[tabindex]");
    if (answer) return answer.focus();
    var box = document.getElementById("chat-input");
    if (box && !box.disabled) box.focus();
  });

  document.addEventListener("htmx:responseError", function () {
    var form = document.getElementById("chat-form");
    if (form) form.querySelectorAll("textarea, button").forEach(function (el) { el.disabled = false; });
  });
})();
