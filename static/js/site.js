// Forms marked with data-confirm ask before they are sent (deleting, publishing…).
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

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
