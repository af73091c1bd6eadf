// Einlass: a visible countdown on a button the server enables again after a cooldown (e.g. "Send a new code").
// Loaded as a file (no inline script): works under a strict CSP. The server states the seconds left, so a wrong clock
// on the device does not matter. Without JavaScript the server still enforces the cooldown and the button is enabled
// once the page is shown after it.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-einlass-countdown-seconds]");
  Array.prototype.forEach.call(buttons, function (button) {
    var at = Date.now() + 1000 * parseInt(button.getAttribute("data-einlass-countdown-seconds") || "0", 10);
    var label = document.getElementById(button.getAttribute("data-einlass-countdown-label") || "");
    var template = label ? label.textContent : "";
    function tick() {
      var left = Math.ceil((at - Date.now()) / 1000);
      if (left > 0) {
        if (label) {
          label.hidden = false;
          label.textContent = template.replace(/\d+/, String(left));
        }
        window.setTimeout(tick, 1000);
      } else {
        button.disabled = false;
        button.removeAttribute("aria-disabled");
        if (label) {
          label.hidden = true;
        }
      }
    }
    tick();
  });
})();
