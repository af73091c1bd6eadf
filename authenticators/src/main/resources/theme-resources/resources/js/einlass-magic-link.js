// Einlass waiting page: resend countdown and "approved on another device" polling.
// Loaded as a file (no inline script): works under a strict CSP (script-src 'self'). Without JavaScript the page
// still works: the resend button is enabled by the server after the cooldown, and "Continue" submits manually.
(function () {
  "use strict";
  var root = document.getElementById("einlass-magic-link");
  if (!root) {
    return;
  }

  var resend = document.getElementById("einlass-resend");
  var countdown = document.getElementById("einlass-resend-countdown");
  var resendAt = parseInt(root.getAttribute("data-einlass-resend-at") || "0", 10);
  var template = countdown ? countdown.textContent : "";

  function tick() {
    var left = Math.ceil((resendAt - Date.now()) / 1000);
    if (left > 0) {
      if (countdown) {
        countdown.hidden = false;
        countdown.textContent = template.replace(/\d+/, String(left));
      }
      window.setTimeout(tick, 1000);
    } else if (resend) {
      resend.disabled = false;
      resend.removeAttribute("aria-disabled");
      if (countdown) {
        countdown.hidden = true;
      }
    }
  }
  tick();

  var statusUrl = root.getAttribute("data-einlass-status-url");
  var continueForm = document.getElementById("einlass-continue-form");
  if (!statusUrl || !continueForm || !window.fetch) {
    return;
  }
  var started = Date.now();
  var stopped = false;

  function poll() {
    if (stopped || Date.now() - started > 30 * 60 * 1000) {
      return;
    }
    window.fetch(statusUrl, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { status: "pending" }; })
      .then(function (body) {
        if (body.status === "approved") {
          stopped = true;
          continueForm.submit();
        } else if (body.status === "cancelled") {
          stopped = true;
          continueForm.submit();
        } else if (body.status === "gone" || body.status === "expired") {
          stopped = true;
        } else {
          window.setTimeout(poll, 3000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 3000);
})();
