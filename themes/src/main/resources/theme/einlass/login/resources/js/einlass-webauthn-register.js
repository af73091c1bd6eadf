// Passkey / security-key registration (webauthn-register.ftl), from a file (strict CSP: script-src 'self').
// The options come from the form's data-* attributes; the browser's answer is posted to Keycloak, which verifies it.
import { toBase64url, toBytes } from "./einlass-base64url.js";

const form = document.getElementById("register");

function options(data) {
  const algorithms = (data.signatureAlgorithms || "").split(",").filter((a) => a !== "").map(Number);
  const publicKey = {
    challenge: toBytes(data.challenge),
    rp: { id: data.rpId, name: data.rpEntityName },
    user: { id: toBytes(data.userid), name: data.username, displayName: data.username },
    pubKeyCredParams: (algorithms.length ? algorithms : [-7]).map((alg) => ({ type: "public-key", alg })),
  };
  if (data.attestation !== "not specified") {
    publicKey.attestation = data.attestation;
  }
  const selection = {};
  if (data.attachment !== "not specified") {
    selection.authenticatorAttachment = data.attachment;
  }
  if (data.residentKey && data.residentKey !== "not specified") {
    selection.residentKey = data.residentKey.toLowerCase();
    selection.requireResidentKey = selection.residentKey === "required";
  } else if (data.requireResidentKey !== "not specified") {
    selection.requireResidentKey = data.requireResidentKey === "Yes";
    selection.residentKey = selection.requireResidentKey ? "required" : "discouraged";
  }
  if (data.userVerification !== "not specified") {
    selection.userVerification = data.userVerification;
  }
  if (Object.keys(selection).length > 0) {
    publicKey.authenticatorSelection = selection;
  }
  const timeout = Number(data.timeout);
  if (timeout > 0) {
    publicKey.timeout = timeout * 1000;
  }
  if (data.exclude) {
    publicKey.excludeCredentials = data.exclude.split(",").map((id) => ({ type: "public-key", id: toBytes(id) }));
  }
  return publicKey;
}

if (form) {
  let answered = false;
  form.addEventListener("submit", async (event) => {
    if (answered) {
      return;
    }
    event.preventDefault();
    const fields = form.elements;
    try {
      if (!window.PublicKeyCredential) {
        throw new Error(form.dataset.unsupported);
      }
      const credential = await navigator.credentials.create({ publicKey: options(form.dataset) });
      const response = credential.response;
      fields.clientDataJSON.value = toBase64url(response.clientDataJSON);
      fields.attestationObject.value = toBase64url(response.attestationObject);
      fields.publicKeyCredentialId.value = toBase64url(credential.rawId);
      if (typeof response.getTransports === "function") {
        fields.transports.value = (response.getTransports() || []).join();
      }
      if (credential.authenticatorAttachment) {
        fields.authenticatorAttachment.value = credential.authenticatorAttachment;
      }
    } catch (error) {
      fields.error.value = (error && (error.message || error.name)) || String(error);
    }
    answered = true;
    form.submit();
  });
}
