// Quick exit, after the GOV.UK "Exit this page" pattern: the button, or Shift pressed three
// times within two seconds, blanks this page and replaces it with a neutral site. location.replace
// keeps this page out of the back button; it cannot erase browser history (the help page says so).
// Links and filter forms within the site replace the current history entry too, so after an exit
// Back leads to the page before this site rather than through the pages visited on it.
(function () {
  "use strict";
  var container = document.querySelector(".exit-this-page");
  if (!container) return;
  var button = container.querySelector("[data-quick-exit]");
  var hint = container.querySelector("[data-quick-exit-hint]");
  var destination = container.getAttribute("data-quick-exit-url") || button.href;
  var presses = [];

  function exitNow() {
    document.documentElement.classList.add("is-exiting");
    document.title = "Loading";
    window.location.replace(destination);
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    exitNow();
  });

  // The Shift hint only where a keyboard is likely (a fine pointer that hovers), or once one is used.
  function showHint() { if (hint) hint.hidden = false; }
  if (window.matchMedia && window.matchMedia("(hover: hover) and (pointer: fine)").matches) showHint();

  document.addEventListener("keyup", function (event) {
    showHint();
    if (event.key !== "Shift") {
      presses = [];
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 2000; });
    presses.push(now);
    if (presses.length >= 3) exitNow();
  });

  function sameSite(url) {
    return url.origin === window.location.origin && !/\.(ics|json|xml|txt)$/.test(url.pathname);
  }

  // An ordinary click on a link within the site replaces this page in the history.
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) return;
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.target || link.hasAttribute("download") || link === button) return;
    var url = new URL(link.href, window.location.href);
    if (!sameSite(url) || (url.hash && url.pathname === window.location.pathname)) return;
    event.preventDefault();
    window.location.replace(url.href);
  });

  // Filter forms (GET) the same way.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.method || "get").toLowerCase() !== "get") return;
    var url = new URL(form.action || window.location.href, window.location.href);
    if (!sameSite(url)) return;
    url.search = new URLSearchParams(new FormData(form)).toString();
    event.preventDefault();
    window.location.replace(url.href);
  });
})();
