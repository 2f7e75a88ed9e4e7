/* Phones: a listing's rows are stacked as cards (admin.css); each value is given its column's
   heading as a label, so "1 Dec 2026" reads "Date: 1 Dec 2026". Without JavaScript the cards still
   show every value, only unlabelled. */
(function () {
    "use strict";
    function label(table) {
        var headings = Array.prototype.map.call(
            table.querySelectorAll("thead th"),
            function (th) { return (th.textContent || "").replace(/\s+/g, " ").trim(); }
        );
        table.querySelectorAll("tbody tr").forEach(function (row) {
            Array.prototype.forEach.call(row.children, function (cell, index) {
                var text = headings[index];
                if (text && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", text); }
            });
        });
    }
    function labelAll() { document.querySelectorAll("table.listing").forEach(label); }
    document.addEventListener("DOMContentLoaded", labelAll);
    /* Listings refreshed in place (filters, pagination) swap their table: label the new one. */
    document.addEventListener("w-swap:success", labelAll);
})();
