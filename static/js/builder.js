// The builder chat's few behaviours that need a script; everything else is htmx attributes or plain forms.
// Enter sends (in a textarea marked data-enter-sends), Shift+Enter adds a line; while a message (typed, or a
// suggestion chip) is on its way the input and the chips are disabled; the newest message stays in view and the
// input gets focus back when it is enabled again; after a panel control, the focus stays on that control or moves
// to the panel's answer.
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("textarea[data-enter-sends]")) return;
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    if (!box.disabled && box.value.trim()) box.form.requestSubmit();
  });

  function chatControls() {
    return document.querySelectorAll("#chat-form textarea, #chat-form button, .chip-form button");
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form.id !== "chat-form" && !form.classList.contains("chip-form")) return;
    chatControls().forEach(function (el) { el.disabled = true; });
  });

  function showNewest() {
    var list = document.getElementById("messages");
    if (list) list.scrollTop = list.scrollHeight;
  }

  // On load too: the newest answer, with its quick actions, is what the editor needs in view.
  document.addEventListener("DOMContentLoaded", showNewest);

  document.addEventListener("htmx:afterSettle", function (event) {
    showNewest();
    if (document.activeElement !== document.body) return; // htmx gave focus back to the control (same id)
    // A panel control that is gone (a removed section, a button at the top): focus the panel's answer instead.
    var fromPanel = event.detail.target && event.detail.target.id === "panel";
    var answer = fromPanel && document.querySelector("#panel [role=alert][tabindex], #panel .note[tabindex]");
    if (answer) return answer.focus();
    var box = document.getElementById("chat-input");
    if (box && !box.disabled) box.focus();
  });

  document.addEventListener("htmx:responseError", function () {
    chatControls().forEach(function (el) { el.disabled = false; });
  });
})();
