// What every page does with JavaScript: ask before destructive actions, and sum up a failed
// form's errors at its top. Texts come from base.html (data-* on <body>), in the reader's
// language.
(function () {
  "use strict";

  var texts = document.body.dataset;

  // One confirmation pattern before every destructive action: a form (or the button pressed)
  // marked data-confirm, or a save that removes rows (ticked "Remove" boxes), asks first.
  function removals(form) {
    return form.querySelectorAll(
      "input[type=checkbox][name$='-DELETE']:checked, input[type=checkbox][name^='remove_']:checked"
    ).length;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var message = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    var count = removals(form);
    if (!message && count && texts.confirmRemoval) {
      message = texts.confirmRemoval.replace("{count}", String(count));
    }
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // The error summary: after a failed save, list each field in error with its message, each
  // linked to its field, at the top of the form, and move the focus there so that a screen
  // reader reads it out and a keyboard user starts from it.
  function labelOf(field) {
    if (field.tagName === "FIELDSET") {
      var legend = field.querySelector("legend");
      return legend ? legend.textContent : "";
    }
    var label = field.id && document.querySelector("label[for='" + field.id + "']");
    if (label) {
      return label.textContent;
    }
    return field.getAttribute("aria-label") || field.name || "";
  }

  function clean(text) {
    return text.replace(/\*/g, "").replace(/\s+/g, " ").trim();
  }

  function summarise() {
    var main = document.getElementById("main");
    if (!main || main.querySelector(".error-summary")) {
      return;
    }
    var fields = main.querySelectorAll("[aria-invalid='true'], fieldset[aria-describedby$='_error']");
    var items = [];
    var seen = {};
    Array.prototype.forEach.call(fields, function (field) {
      var error = field.id && document.getElementById(field.id + "_error");
      if (!field.id || seen[field.id] || !error || !error.textContent.trim()) {
        return;
      }
      seen[field.id] = true;
      items.push({ field: field, label: clean(labelOf(field)), error: clean(error.textContent) });
    });
    if (!items.length) {
      return;
    }
    var form = items[0].field.closest("form");
    var summary = document.createElement("div");
    summary.className = "alert alert-danger error-summary";
    summary.setAttribute("tabindex", "-1");
    summary.setAttribute("aria-labelledby", "error-summary-title");
    var title = document.createElement("h2");
    title.className = "h6";
    title.id = "error-summary-title";
    title.textContent = texts.errorSummary || "";
    summary.appendChild(title);
    var list = document.createElement("ul");
    list.className = "mb-0";
    items.forEach(function (item) {
      var link = document.createElement("a");
      link.href = "#" + item.field.id;
      link.className = "alert-link";
      link.textContent = item.label ? item.label + ": " + item.error : item.error;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var target = item.field.tagName === "FIELDSET" ? item.field.querySelector("input, select, textarea") : item.field;
        (target || item.field).focus();
      });
      var entry = document.createElement("li");
      entry.appendChild(link);
      list.appendChild(entry);
    });
    summary.appendChild(list);
    if (form && main.contains(form)) {
      form.insertBefore(summary, form.firstChild);
    } else {
      main.insertBefore(summary, main.firstChild);
    }
    summary.focus();
  }

  summarise();

  // A choice whose options are too long for the box (the indicator picker) is also written
  // out in full under it.
  function showChoice(select) {
    var shown = select.nextElementSibling;
    if (!shown || !shown.classList.contains("chosen-option")) {
      shown = document.createElement("div");
      shown.className = "form-text chosen-option";
      shown.setAttribute("aria-hidden", "true");  // the select itself already says it
      select.insertAdjacentElement("afterend", shown);
    }
    var option = select.options[select.selectedIndex];
    shown.textContent = option && option.value ? option.text : "";
  }
  document.querySelectorAll("select[data-show-choice]").forEach(showChoice);
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-show-choice]")) {
      showChoice(event.target);
    }
  });
})();

// "Add a row" buttons (data-add-row="<formset prefix>") copy the formset's blank row (the
// <template id="<prefix>-empty">) into its rows (#<prefix>-rows) and count it in the management
// form. A button rendered hidden, because the page has a way without JavaScript, shows up here.
document.querySelectorAll("[data-add-row]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    var prefix = button.dataset.addRow;
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var html = document.getElementById(prefix + "-empty").innerHTML.replace(/__prefix__/g, total.value);
    document.getElementById(prefix + "-rows").insertAdjacentHTML("beforeend", html);
    total.value = parseInt(total.value, 10) + 1;
  });
});
