/* Phones: a listing's rows are stacked as cards (admin.css); each value is given its column's
   heading as a label, so "1 Dec 2026" reads "Date: 1 Dec 2026". Without JavaScript the cards still
   show every value, only unlabelled. */
(function () {
    "use strict";
    function label(table) {
        var headings = Array.prototype.map.call(
            table.querySelectorAll("thead th"),
            function (th) {
                /* A sortable heading's name is its link; the rest (a count of rows) is not a label. */
                var name = th.querySelector("a, button") || th;
                return (name.textContent || "").replace(/\s+/g, " ").trim();
            }
        );
        table.querySelectorAll("tbody tr, tfoot tr").forEach(function (row) {
            Array.prototype.forEach.call(row.children, function (cell, index) {
                var text = headings[index];
                var empty = !(cell.textContent || "").trim() && !cell.querySelector("svg, img, input");
                if (text && !empty && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", text); }
            });
        });
    }
    function labelAll() { document.querySelectorAll("table.listing").forEach(label); }
    document.addEventListener("DOMContentLoaded", labelAll);
    /* Listings refreshed in place (filters, pagination) swap their table: label the new one. */
    document.addEventListener("w-swap:success", labelAll);
})();
/* "Print" on the recovery codes page (no inline handler: the admin's policy stays as it is). */
document.addEventListener("click", function (event) {
    "use strict";
    if (event.target.closest && event.target.closest("[data-voca-print]")) { window.print(); }
});
