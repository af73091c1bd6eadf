// Einlass: follow the system's light/dark preference. Loaded as a file in <head> (no inline script: strict CSP).
(function () {
  "use strict";
  var script = document.currentScript;
  var darkClass = (script && script.getAttribute("data-dark-class")) || "pf-v5-theme-dark";
  var query = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function apply(dark) {
    document.documentElement.classList.toggle(darkClass, !!dark);
  }
  if (query) {
    apply(query.matches);
    if (query.addEventListener) {
      query.addEventListener("change", function (event) { apply(event.matches); });
    }
  }
})();
