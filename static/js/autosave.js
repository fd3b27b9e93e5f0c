// Autosave of a proposal's general part and narrative sections.
//
// htmx posts each form[data-autosave] while the writer types (see its hx-trigger); the answer
// replaces the status line, the version the next save carries and the fields' error boxes,
// never the fields themselves. This file adds what htmx does not do by itself:
// - it shows refused saves (409: someone else saved, or the proposal was submitted; 422:
//   invalid values) instead of dropping them, and stops sending a form refused with 409;
// - it remembers which forms hold changes not yet saved, and sends them with
//   navigator.sendBeacon (with the CSRF token, a form field) when the page is hidden or
//   closed, so that a closed tab loses nothing;
// - back on the page after such a beacon, it saves once more so that the form carries the
//   version the beacon's save created (the server accepts unchanged text at any version).
(function () {
  "use strict";

  function autosaveForm(element) {
    if (!element || !element.closest) {
      return null;
    }
    var form = element.tagName === "FORM" ? element : element.closest("form");
    return form && form.hasAttribute("data-autosave") ? form : null;
  }

  function each(selector, callback) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), callback);
  }

  function setStatus(form, text) {
    var status = document.getElementById(form.id.replace(/-form$/, "-status"));
    if (status) {
      status.textContent = text;
      status.className = "small text-danger fw-semibold";
    }
  }

  // Every edit counts; a save clears the form's changes only if no edit came after it was sent.
  function noteEdit(event) {
    if (!event.target || event.target.tagName === "FORM") {
      return;
    }
    var form = autosaveForm(event.target);
    if (form) {
      form.dataset.edits = String(Number(form.dataset.edits || 0) + 1);
      form.dataset.dirty = "1";
    }
  }
  document.addEventListener("input", noteEdit, true);
  document.addEventListener("change", noteEdit, true);

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = autosaveForm(event.detail.elt);
    if (!form) {
      return;
    }
    if (form.dataset.refused === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.sent = form.dataset.edits || "0";
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (autosaveForm(event.detail.elt) && [403, 409, 422].indexOf(status) >= 0) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  function markInvalidFields(form) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-errors-for]"), function (box) {
      var field = document.getElementById(box.getAttribute("data-errors-for"));
      if (field) {
        var invalid = box.textContent.trim() !== "";
        field.classList.toggle("is-invalid", invalid);
        field.setAttribute("aria-invalid", invalid ? "true" : "false");
        // Tie the field to its error box so that a screen reader reads the error with it.
        var errorId = field.id + "_error";
        var described = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
          return id && id !== errorId;
        });
        if (invalid) {
          described.push(errorId);
        }
        if (described.length) {
          field.setAttribute("aria-describedby", described.join(" "));
        } else {
          field.removeAttribute("aria-describedby");
        }
      }
    });
  }

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = autosaveForm(event.detail.elt);
    if (!form) {
      return;
    }
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 200 && form.dataset.sent === (form.dataset.edits || "0")) {
      form.dataset.dirty = "";
    }
    if (status === 409 || status === 403) {
      form.dataset.refused = "1";
    }
    markInvalidFields(form);
  });

  document.addEventListener("htmx:sendError", function (event) {
    var form = autosaveForm(event.detail.elt);
    if (form) {
      setStatus(form, form.getAttribute("data-offline-message") || "");
    }
  });

  // Send every form with unsaved changes; a beacon outlives the page that sends it.
  function flush() {
    each("form[data-autosave]", function (form) {
      if (form.dataset.dirty !== "1" || form.dataset.refused === "1" || !navigator.sendBeacon) {
        return;
      }
      var data = new FormData(form);
      data.append("beacon", "1");
      if (navigator.sendBeacon(form.action, data)) {
        form.dataset.dirty = "";
        form.dataset.beaconed = "1";
      }
    });
  }

  window.addEventListener("pagehide", flush);

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      flush();
      return;
    }
    each("form[data-autosave][data-beaconed]", function (form) {
      delete form.dataset.beaconed;
      if (window.htmx) {
        window.htmx.trigger(form, "change");
      }
    });
  });

  // Ask before leaving only when something could not be sent (a refused save, or a text too
  // large for a beacon), so that the writer can still copy it.
  window.addEventListener("beforeunload", function (event) {
    flush();
    var unsent = false;
    each("form[data-autosave]", function (form) {
      if (form.dataset.dirty === "1") {
        unsent = true;
      }
    });
    if (unsent) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
