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
// The event form's button asking for another source adds a row in the page, where without JavaScript it sends the
// form to be drawn again with one more; a form that comes back after sign-in gets as many rows as it had.
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

  function sourceRows(form) {
    return form.querySelectorAll("fieldset.source");
  }

  // another row of sources, numbered after the last, empty; the button goes at the form's most
  function addSource(form) {
    const rows = sourceRows(form);
    const button = form.querySelector("button.add-source");
    if (!rows.length || !button || rows.length >= Number(button.dataset.max)) return null;
    const last = rows[rows.length - 1];
    const row = last.cloneNode(true);
    const n = rows.length;
    const renumber = (text) => text.replace(/sources_\d+_/g, "sources_" + n + "_");
    row.dataset.row = String(n);
    row.querySelector("legend").textContent = "Source " + (n + 1);
    for (const el of row.querySelectorAll(".field-error")) el.remove();
    for (const el of row.querySelectorAll("[id], [for], [name]")) {
      for (const attr of ["id", "for", "name"]) {
        if (el.hasAttribute(attr)) el.setAttribute(attr, renumber(el.getAttribute(attr)));
      }
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
      el.removeAttribute("required");
      if ("value" in el && el.tagName !== "LABEL") el.value = "";
    }
    last.after(row);
    form.querySelector("input[name=source_rows]").value = String(n + 1);
    if (n + 1 >= Number(button.dataset.max)) {
      button.hidden = true;
      const note = form.querySelector("#sources-max");
      if (note) note.hidden = false;
    }
    return row;
  }

  function restore(form, fields) {
    const rows = Math.max(0, ...fields.map((f) => /^sources_(\d+)_/.exec(f[0])).filter(Boolean)
      .map((m) => Number(m[1]) + 1));
    while (sourceRows(form).length < rows && addSource(form)) { /* as many rows as were sent */ }
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
      const more = form.querySelector("button.add-source");
      if (more) {
        more.addEventListener("click", (event) => {
          event.preventDefault();
          const row = addSource(form);
          if (row) row.querySelector("input").focus();
        });
      }
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
