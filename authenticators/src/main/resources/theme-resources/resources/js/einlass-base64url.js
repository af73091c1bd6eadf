// base64url <-> bytes for WebAuthn (Keycloak sends challenges and ids base64url-encoded and expects the answers so),
// shared by einlass-passkey.js (sign-in) and einlass-webauthn-register.js (registration). A module from a file
// (strict CSP: script-src 'self').
export const toBytes = (base64url) => {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
};

export const toBase64url = (buffer) => {
  let binary = "";
  new Uint8Array(buffer).forEach((b) => {
    binary += String.fromCharCode(b);
  });
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};
