// The summary page's only script: sort any table.sortable by a header click (or Enter), and
// filter a table by the words typed in its input[data-filter]. No libraries, no network.
(function () {
  "use strict";
  var collator = new Intl.Collator("th", { numeric: true, sensitivity: "base" });

  function cellValue(row, index, numeric) {
    var text = row.cells[index] ? row.cells[index].textContent.trim() : "";
    if (!numeric) { return text; }
    var number = parseFloat(text.replace(/,/g, ""));
    return isNaN(number) ? null : number;
  }

  function compare(a, b, numeric) {
    if (!numeric) { return collator.compare(a, b); }
    if (a === null || b === null) { return (a === null) - (b === null); } // empty cells last
    return a - b;
  }

  function sortBy(table, header, index) {
    var numeric = header.dataset.type === "number";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (x, y) {
      var order = compare(cellValue(x, index, numeric), cellValue(y, index, numeric), numeric);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      header.tabIndex = 0;
      header.addEventListener("click", function () { sortBy(table, header, index); });
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { sortBy(table, header, index); }
      });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("input[data-filter]"), function (input) {
    var table = document.getElementById(input.dataset.filter);
    var counter = document.getElementById(input.dataset.filter + "-shown");
    input.addEventListener("input", function () {
      var words = input.value.normalize("NFC").toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = row.textContent.normalize("NFC").toLowerCase();
        var match = words.every(function (word) { return text.indexOf(word) >= 0; });
        row.hidden = !match;
        shown += match ? 1 : 0;
      });
      if (counter) { counter.textContent = String(shown); }
    });
  });
})();
