(function () {
  "use strict";
  var form = document.getElementById("finding-filters");
  var table = document.getElementById("findings-table");
  if (form && table && table.tBodies.length) {
    var severity = document.getElementById("filter-severity");
    var rule = document.getElementById("filter-rule");
    var status = document.getElementById("findings-status");
    var rows = table.tBodies[0].rows;
    var apply = function () {
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        var ok = (!severity.value || row.getAttribute("data-severity") === severity.value) &&
          (!rule.value || row.getAttribute("data-rule") === rule.value);
        row.hidden = !ok;
        if (ok) { shown++; }
      }
      status.textContent = "Showing " + shown + " of " + rows.length + " findings";
    };
    severity.addEventListener("change", apply);
    rule.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }
  window.addEventListener("beforeprint", function () {
    var details = document.querySelectorAll("details");
    for (var i = 0; i < details.length; i++) { details[i].open = true; }
  });
})();
