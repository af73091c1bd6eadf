package io.einlass.keycloak.authenticators.magiclink;

import java.util.HashMap;
import java.util.Map;

/**
 * What a link stands for. {@code SIGN_IN} and {@code RESET} links continue one attempt of a sign-in or of a
 * password reset (root auth session, tab, client, execution); {@code API} links (from the REST endpoint) start a
 * sign-in for a client at a redirect URI. The kind is checked on both sides: a link only ever completes the step
 * of its own kind and execution.
 *
 * @param hash        SHA-256 of the link secret
 * @param kind        SIGN_IN, RESET or API
 * @param clientId    client UUID (SIGN_IN, RESET) or client id (API)
 * @param rootId      root authentication session id (SIGN_IN, RESET)
 * @param tabId       tab id (SIGN_IN, RESET)
 * @param executionId step that issued it (SIGN_IN, RESET)
 * @param userId      user id, empty for a ghost (never sent)
 * @param stamp       {@code UserStamp} at issue
 * @param issuedAt    epoch seconds
 * @param expiresAt   epoch seconds
 * @param browser     "Firefox|Windows" of the requesting browser (SIGN_IN, RESET)
 * @param redirectUri where an API link lands after confirmation (API)
 * @param address     the canonical address an account is created for (REGISTER; no account exists yet)
 */
record LinkRecord(String hash, Kind kind, String clientId, String rootId, String tabId, String executionId,
                  String userId, String stamp, long issuedAt, long expiresAt, String browser, String redirectUri,
                  String address) {

    /** A record of a link for an existing account (or a ghost). */
    LinkRecord(String hash, Kind kind, String clientId, String rootId, String tabId, String executionId,
               String userId, String stamp, long issuedAt, long expiresAt, String browser, String redirectUri) {
        this(hash, kind, clientId, rootId, tabId, executionId, userId, stamp, issuedAt, expiresAt, browser, redirectUri, null);
    }

    /**
     * SIGN_IN and RESET continue an attempt for an account; REGISTER continues a sign-in attempt for an address
     * without an account and creates the account when confirmed (self-registration by link); API starts a sign-in.
     */
    enum Kind {
        SIGN_IN, RESET, REGISTER, API;

        /** True for links that continue a waiting sign-in or reset attempt (not API links). */
        boolean continuesAttempt() {
            return this != API;
        }
    }

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
        put(notes, "addr", address);
        return notes;
    }

    /** The record from its notes, or null when they are not a record of this version. */
    static LinkRecord fromNotes(String hash, Map<String, String> notes) {
        Kind kind;
        try {
            kind = Kind.valueOf(notes.getOrDefault("kind", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return new LinkRecord(hash, kind, notes.get("client"),
                notes.get("root"), notes.get("tab"), notes.get("exec"), notes.getOrDefault("user", ""),
                notes.getOrDefault("stamp", ""), parse(notes.get("iat")), parse(notes.get("exp")),
                notes.get("browser"), notes.get("redirect"), notes.get("addr"));
    }

    boolean ghost() {
        return userId == null || userId.isEmpty();
    }

    /** A link that creates the account of {@link #address()} (and names no user). */
    boolean registers() {
        return kind == Kind.REGISTER && address != null && !address.isEmpty();
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
