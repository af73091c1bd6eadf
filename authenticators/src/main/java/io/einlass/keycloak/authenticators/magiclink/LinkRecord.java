package io.einlass.keycloak.authenticators.magiclink;

import java.util.HashMap;
import java.util.Map;

/**
 * What a link stands for. {@code FLOW} links continue one sign-in attempt (root auth session, tab, client,
 * execution); {@code API} links (from the REST endpoint) start a sign-in for a client at a redirect URI.
 *
 * @param hash       SHA-256 of the link secret
 * @param kind       FLOW or API
 * @param clientId   client UUID (FLOW) or client id (API)
 * @param rootId     root authentication session id (FLOW)
 * @param tabId      tab id (FLOW)
 * @param executionId magic-link execution that issued it (FLOW)
 * @param userId     user id, empty for a ghost (never sent)
 * @param stamp      {@link UserStamp} at issue
 * @param issuedAt   epoch seconds
 * @param expiresAt  epoch seconds
 * @param browser    "Firefox|Windows" of the requesting browser (FLOW)
 * @param redirectUri where an API link lands after confirmation (API)
 */
record LinkRecord(String hash, Kind kind, String clientId, String rootId, String tabId, String executionId,
                  String userId, String stamp, long issuedAt, long expiresAt, String browser, String redirectUri) {

    enum Kind { FLOW, API }

    Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("kind", kind.name());
        notes.put("client", clientId);
        put(notes, "root", rootId);
        put(notes, "tab", tabId);
        put(notes, "exec", executionId);
        notes.put("user", userId);
        notes.put("stamp", stamp);
        notes.put("iat", String.valueOf(issuedAt));
        notes.put("exp", String.valueOf(expiresAt));
        put(notes, "browser", browser);
        put(notes, "redirect", redirectUri);
        return notes;
    }

    static LinkRecord fromNotes(String hash, Map<String, String> notes) {
        return new LinkRecord(hash, Kind.valueOf(notes.getOrDefault("kind", "FLOW")), notes.get("client"),
                notes.get("root"), notes.get("tab"), notes.get("exec"), notes.getOrDefault("user", ""),
                notes.getOrDefault("stamp", ""), parse(notes.get("iat")), parse(notes.get("exp")),
                notes.get("browser"), notes.get("redirect"));
    }

    boolean ghost() {
        return userId == null || userId.isEmpty();
    }

    private static void put(Map<String, String> notes, String key, String value) {
        if (value != null) {
            notes.put(key, value);
        }
    }

    private static long parse(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
