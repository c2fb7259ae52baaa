// The builder chat's few behaviours that need a script; everything else is htmx attributes or plain forms.
// Enter sends (in a textarea marked data-enter-sends), Shift+Enter adds a line; while a message (typed, or a
// suggestion chip) is on its way the input and the chips are disabled; the newest message stays in view and the
// input gets focus back when it is enabled again; after a panel control, the focus stays on that control or moves
// to the panel's answer. When a request fails (a refusal such as 409, a server error, no connection) the chat gets
// its controls back with the typed text kept, and the nearest status region (.status-region) says what happened and
// what to do; the target of the request (the chat, the panel with its preview) stays as it was.
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

  // The status region for a request's element: the first one inside its closest ancestor that has one.
  function statusRegion(elt) {
    for (var node = elt; node && node.querySelector; node = node.parentElement) {
      var region = node.querySelector(".status-region");
      if (region) return region;
    }
    return null;
  }

  function say(elt, text) {
    var region = statusRegion(elt);
    if (!region) return;
    var p = document.createElement("p");
    p.className = "error";
    p.textContent = text;
    region.replaceChildren(p);
  }

  // What happened, and what to do about it: the chat's text is never lost, so the chat says it is still there.
  function describe(detail, kind) {
    var status = kind ? 0 : detail.xhr.status;
    var what = "The server refused the request (error " + status + ").";
    var todo = "Try again, or reload the page if it keeps happening.";
    if (kind === "timeout") what = "The server took too long to answer.";
    else if (kind === "network") what = "The server could not be reached: check your connection.";
    else if (status >= 500) what = "The server ran into a problem (error " + status + ").";
    else if (status === 403) {
      what = "You may not do that (error 403).";
      todo = "Reload the page to see what you can change.";
    } else if (status === 404) {
      what = "That is no longer there (error 404).";
      todo = "Reload the page to see its current state.";
    }
    if (detail.elt && detail.elt.id === "chat-form") {
      todo = status === 403 || status === 404 ? todo + " Your message is still in the box."
        : "Your message is still in the box: send it again.";
    }
    return what + " " + todo;
  }

  // Only a chat request disabled the chat (a panel control failing while a generation runs leaves it disabled).
  function giveChatBack(event) {
    var elt = event.detail.elt;
    if (!elt || (elt.id !== "chat-form" && !(elt.classList && elt.classList.contains("chip-form")))) return;
    chatControls().forEach(function (el) { el.disabled = false; });
    var box = document.getElementById("chat-input");
    if (box && document.activeElement === document.body) box.focus();
  }

  // A new request clears the old complaint (a poll does not, so an error stays until a poll succeeds).
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.requestConfig && event.detail.requestConfig.verb === "get") return;
    var region = statusRegion(event.detail.elt);
    if (region) region.replaceChildren();
  });

  // The element swapped away: htmx sends this again from its nearest parent still in the page (event.target).
  document.addEventListener("htmx:afterRequest", function (event) {
    if (!event.detail.successful) return;
    var region = statusRegion(event.target);
    if (region && event.detail.target !== region) region.replaceChildren();
  });

  // The server's own refusals (409 nothing to undo, a generation still running, 422 …) carry their message and
  // send it to a status region (HX-Retarget): swap those in; other error responses (a server error page) are not.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!detail.isError || !detail.xhr.getResponseHeader("HX-Retarget")) return;
    if (detail.target && detail.target.classList.contains("status-region")) detail.shouldSwap = true;
  });

  document.addEventListener("htmx:responseError", function (event) {
    var detail = event.detail;
    var swapped = detail.target && detail.target.classList.contains("status-region");
    if (!swapped) say(detail.elt, describe(detail));
    giveChatBack(event);
  });

  document.addEventListener("htmx:sendError", function (event) {
    say(event.detail.elt, describe(event.detail, "network"));
    giveChatBack(event);
  });

  document.addEventListener("htmx:timeout", function (event) {
    say(event.detail.elt, describe(event.detail, "timeout"));
    giveChatBack(event);
  });

  document.addEventListener("htmx:sendAbort", giveChatBack);
})();
