// "Sign in with a passkey" on the Einlass email page (einlass-passkey.ftl), from a file (strict CSP: script-src 'self').
// Passkey autofill (conditional mediation) where the browser has it, and a button always; the answer is posted to
// Keycloak, which verifies it. Nothing of the answer is logged.
import { toBase64url, toBytes } from "./einlass-base64url.js";

const form = document.getElementById("einlass-passkey-form");
const offer = document.getElementById("einlass-passkey");
const button = document.getElementById("einlass-passkey-button");

let pending;

// One WebAuthn request at a time: the button's request ends a waiting autofill request first.
async function request(mediation) {
  if (pending) {
    pending.controller.abort();
    await pending.promise.catch(() => {});
  }
  const controller = new AbortController();
  const data = form.dataset;
  const publicKey = {
    challenge: toBytes(data.challenge),
    rpId: data.rpId,
    allowCredentials: [],
    userVerification: data.userVerification,
  };
  const timeout = Number(data.timeout);
  if (timeout > 0) {
    publicKey.timeout = timeout * 1000;
  }
  const options = { publicKey, signal: controller.signal };
  if (mediation) {
    options.mediation = mediation;
  }
  const promise = navigator.credentials.get(options);
  pending = { controller, promise };
  return promise;
}

function post(credential) {
  const response = credential.response;
  form.elements.clientDataJSON.value = toBase64url(response.clientDataJSON);
  form.elements.authenticatorData.value = toBase64url(response.authenticatorData);
  form.elements.signature.value = toBase64url(response.signature);
  form.elements.credentialId.value = credential.id;
  if (response.userHandle) {
    form.elements.userHandle.value = toBase64url(response.userHandle);
  }
  form.requestSubmit();
}

function fail(error) {
  form.elements.error.value = (error && error.name) || String(error);
  form.requestSubmit();
}

if (form && offer && button) {
  if (window.PublicKeyCredential) {
    offer.hidden = false;
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        post(await request());
      } catch (error) {
        fail(error);
      }
    });
    if (typeof PublicKeyCredential.isConditionalMediationAvailable === "function") {
      PublicKeyCredential.isConditionalMediationAvailable().then(async (available) => {
        if (!available) {
          return;
        }
        try {
          post(await request("conditional"));
        } catch (error) {
          // autofill was cancelled or replaced by the button's request: nothing to report
        }
      });
    }
  }
}
