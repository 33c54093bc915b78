// Row tables of a formset (cost lines, roles, goals, milestones): the 「行を追加」 button adds an
// empty row in the page, without a round trip. Without JavaScript the button stays hidden and
// saving the form adds two empty rows, as before.
(function () {
  "use strict";

  function addRow(table) {
    var prefix = table.getAttribute("data-prefix");
    var total = table.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var max = table.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');
    var template = table.querySelector("template");
    var rows = table.querySelector("[data-rows]");
    var count = parseInt(total.value, 10);
    if (max && count >= parseInt(max.value, 10)) {
      return null;
    }
    var html = template.innerHTML.replace(/__prefix__/g, String(count)).replace(/__number__/g, String(count + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(count + 1);
    var added = rows.lastElementChild;
    var first = added && added.querySelector("input, select, textarea");
    if (first) {
      first.focus();
    }
    return added;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var tables = document.querySelectorAll("[data-row-table]");
    Array.prototype.forEach.call(tables, function (table) {
      var button = table.querySelector("[data-add-row]");
      if (!button) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        if (!addRow(table)) {
          button.disabled = true;
        }
      });
    });
  });
})();
