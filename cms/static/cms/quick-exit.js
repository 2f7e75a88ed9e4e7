// Quick exit, after the GOV.UK "Exit this page" pattern: the button, or Shift pressed three
// times within two seconds, blanks this page and replaces it with a neutral site. location.replace
// keeps this page out of the back button; it cannot erase browser history (the help page says so).
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

  if (hint) hint.hidden = false;

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      presses = [];
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 2000; });
    presses.push(now);
    if (presses.length >= 3) exitNow();
  });
})();
