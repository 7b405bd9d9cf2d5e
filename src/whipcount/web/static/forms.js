// A stance form sent after its session ended leads to sign-in and back to its page (its address ends in #resume):
// what was typed is filled in again from this tab's own copy, made as the form was sent, and the editor sends it
// again. Nothing leaves the browser but the form itself; the copy holds no CSRF token and no password, lives in
// this tab alone (sessionStorage) and is dropped once used, or by the next page but sign-in (the page a form
// sent in time leads to, among them), so no later visit fills in what was sent and recorded.
// The version read with the form comes back too, so a change someone else made meanwhile is a conflict, not
// overwritten. Every field comes back, a ticked box too: one the page draws hidden until asked (the event form's
// box confirming a date) is shown again, ticked.
// A form whose fields say which kinds use them (data-kinds, the event form) shows only the chosen kind's; the
// others are hidden and not sent. Without JavaScript every field shows, its hint naming the kinds that use it.
"use strict";
(function () {
  const KEY = "whipcount-form";
  const kept = (el) => el.name && el.name !== "csrf_token" && el.type !== "password" && el.type !== "submit";

  function save(form) {
    const fields = [];
    for (const el of form.elements) {
      if (!kept(el) || el.disabled || ((el.type === "radio" || el.type === "checkbox") && !el.checked)) continue;
      fields.push([el.name, el.value]);
    }
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ action: form.getAttribute("action"), fields: fields }));
    } catch (e) { /* storage full or off: the form is sent all the same */ }
  }

  function restore(form, fields) {
    for (const el of form.elements) {
      if (!kept(el)) continue;
      const sent = fields.filter((f) => f[0] === el.name).map((f) => f[1]);
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = sent.includes(el.value);
        const hidden = el.checked && el.closest("label[hidden]");
        if (hidden) hidden.hidden = false;
      } else if (sent.length) el.value = sent[0];
    }
    showKind(form);
  }

  function showKind(form) {
    const kind = form.querySelector("select[name=kind]");
    const boxes = form.querySelectorAll("[data-kinds]");
    if (!kind || !boxes.length) return;
    for (const box of boxes) {
      const used = !kind.value || box.dataset.kinds.split(" ").includes(kind.value);
      box.hidden = !used;
      for (const el of box.querySelectorAll("input, select, textarea")) el.disabled = !used;
    }
  }

  function taken() {
    let draft = null;
    try {
      draft = JSON.parse(sessionStorage.getItem(KEY) || "null");
      sessionStorage.removeItem(KEY);
    } catch (e) { return null; }
    return draft && typeof draft.action === "string" && Array.isArray(draft.fields) ? draft : null;
  }

  document.addEventListener("DOMContentLoaded", function () {
    const forms = Array.from(document.querySelectorAll("form[data-keep]"));
    forms.forEach((form) => form.addEventListener("submit", () => save(form)));
    for (const form of document.querySelectorAll("form")) {
      const kind = form.querySelector("select[name=kind]");
      if (kind) kind.addEventListener("change", () => showKind(form));
      showKind(form);
    }
    if (location.pathname === "/login") return;  // on the way back to the form: the copy is kept
    const draft = taken();
    if (location.hash !== "#resume") return;
    history.replaceState(null, "", location.pathname + location.search);  // a reload does not fill it in again
    const form = draft && forms.find((f) => f.getAttribute("action") === draft.action);
    if (!form) return;
    restore(form, draft.fields);
    const note = document.getElementById("resumed");
    if (note) {
      note.hidden = false;
      note.focus();
    }
  });
})();
