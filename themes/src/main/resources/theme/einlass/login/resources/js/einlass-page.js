// Einlass pages: everything keycloak.v2 did in inline scripts, from one file (strict CSP: script-src 'self').
import { startSessionPolling, checkAuthSession } from "./authChecker.js";

const body = document.body;

// After a form post the address bar shows Keycloak's one-time action URL; make reload safe (no "resend form?"):
// the same URL without the one-time session code, which Keycloak answers by showing the current step again.
const here = new URL(window.location.href);
if (here.searchParams.has("session_code")) {
  here.searchParams.delete("session_code");
  window.history.replaceState({}, "", here.toString());
}

// Signed in meanwhile in another tab: continue there (Keycloak's own check).
const ssoUrl = body.dataset.ssoCheckUrl;
if (ssoUrl) {
  startSessionPolling(ssoUrl);
}
const authSessionHash = body.dataset.authSessionHash;
if (authSessionHash) {
  checkAuthSession(authSessionHash);
}

// Prevent double submits: disable a form's submit buttons once it was sent.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) {
    return;
  }
  window.setTimeout(() => {
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach((button) => {
      button.disabled = true;
    });
  }, 0);
});

// Links that must be clicked once only (keycloak.v2's data-once-link).
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-once-link]");
  if (!link) {
    return;
  }
  if (link.getAttribute("aria-disabled") === "true") {
    event.preventDefault();
    return;
  }
  const { disabledClass } = link.dataset;
  if (disabledClass) {
    link.classList.add(...disabledClass.trim().split(/\s+/));
  }
  link.setAttribute("role", "link");
  link.setAttribute("aria-disabled", "true");
});

// "Copy" buttons (TOTP secret key): data-einlass-copy="<id of the element to copy>".
document.querySelectorAll("[data-einlass-copy]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const source = document.getElementById(button.dataset.einlassCopy);
    const text = source ? source.textContent.replace(/\s+/g, "") : "";
    const done = button.dataset.einlassCopied || "";
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    const status = document.getElementById(button.getAttribute("aria-describedby") || "");
    if (status && done) {
      status.textContent = done;
    }
  });
});
