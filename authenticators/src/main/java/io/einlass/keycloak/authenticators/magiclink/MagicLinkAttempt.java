package io.einlass.keycloak.authenticators.magiclink;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The magic-link state of one sign-in attempt, kept in auth-session notes (cluster-safe, bound to this login
 * attempt). Scoped to the execution and user that created it: a note written for another execution or user is
 * ignored. Only the newest link is current; an older one is "superseded". The tries of the code are counted in the
 * single-use store ({@link LinkStore#takeCodeTry}), not here: a note is read-modify-write and would let parallel
 * requests try more often.
 */
final class MagicLinkAttempt {

    private static final String P = "einlass.ml.";
    static final String EXEC = P + "exec";
    static final String USER = P + "user";
    static final String LINK = P + "link";
    static final String CODE = P + "code";
    static final String ISSUED = P + "iat";
    static final String EXPIRES = P + "exp";
    static final String SENDS = P + "sends";
    static final String LAST_SEND = P + "last";
    static final String MATCH = P + "match";
    static final String APPROVED = P + "approved";
    static final String HOW = P + "how";
    static final String LIMITED = P + "limited";
    static final String CANCELLED = P + "cancelled";
    /** A reset's second link and code, to the account's confirmed recovery address (same attempt, same expiry). */
    static final String RECOVERY_LINK = P + "rlink";
    static final String RECOVERY_CODE = P + "rcode";
    /** The canonical address whose account the current link creates (a registration mail was sent to it). */
    static final String REGISTER = P + "register";

    private static final String[] ALL = {EXEC, USER, LINK, CODE, ISSUED, EXPIRES, SENDS, LAST_SEND, MATCH,
            APPROVED, HOW, LIMITED, CANCELLED, RECOVERY_LINK, RECOVERY_CODE, REGISTER};

    private final AuthenticationSessionModel authSession;

    private MagicLinkAttempt(AuthenticationSessionModel authSession) {
        this.authSession = authSession;
    }

    /** The attempt of this execution and user (userId empty for a ghost), or null. */
    static MagicLinkAttempt find(AuthenticationSessionModel authSession, String executionId, String userId) {
        if (authSession == null || authSession.getAuthNote(LINK) == null) {
            return null;
        }
        if (!executionId.equals(authSession.getAuthNote(EXEC)) || !userId.equals(authSession.getAuthNote(USER))) {
            return null;
        }
        return new MagicLinkAttempt(authSession);
    }

    /** The attempt whatever its execution (for the landing and status endpoints, which check the link itself). */
    static MagicLinkAttempt any(AuthenticationSessionModel authSession) {
        return authSession == null || authSession.getAuthNote(LINK) == null ? null : new MagicLinkAttempt(authSession);
    }

    static MagicLinkAttempt start(AuthenticationSessionModel authSession, String executionId, String userId) {
        MagicLinkAttempt attempt = new MagicLinkAttempt(authSession);
        int sends = 0;
        if (executionId.equals(authSession.getAuthNote(EXEC)) && userId.equals(authSession.getAuthNote(USER))) {
            sends = (int) attempt.number(SENDS);
        }
        attempt.clear();
        authSession.setAuthNote(EXEC, executionId);
        authSession.setAuthNote(USER, userId);
        authSession.setAuthNote(SENDS, String.valueOf(sends));
        return attempt;
    }

    void issued(String linkHash, String codeHash, long issuedAt, long expiresAt, int match) {
        authSession.setAuthNote(LINK, linkHash);
        authSession.setAuthNote(CODE, codeHash);
        authSession.setAuthNote(ISSUED, String.valueOf(issuedAt));
        authSession.setAuthNote(EXPIRES, String.valueOf(expiresAt));
        authSession.setAuthNote(SENDS, String.valueOf(number(SENDS) + 1));
        authSession.setAuthNote(LAST_SEND, String.valueOf(issuedAt));
        authSession.setAuthNote(MATCH, String.format("%02d", match));
        authSession.removeAuthNote(APPROVED);
        authSession.removeAuthNote(HOW);
        authSession.removeAuthNote(LIMITED);
        authSession.removeAuthNote(CANCELLED);
        authSession.removeAuthNote(RECOVERY_LINK);
        authSession.removeAuthNote(RECOVERY_CODE);
        authSession.removeAuthNote(REGISTER);
    }

    /** The current link went to {@code canonicalAddress}, which has no account: confirming it creates one. */
    void registers(String canonicalAddress) {
        authSession.setAuthNote(REGISTER, canonicalAddress);
    }

    /** The address whose account a confirmation creates, or null when the current link signs in an account. */
    String registrationAddress() {
        return authSession.getAuthNote(REGISTER);
    }

    /** The reset's link and code to the recovery address, issued with the first one. */
    void issuedToRecoveryAddress(String linkHash, String codeHash) {
        authSession.setAuthNote(RECOVERY_LINK, linkHash);
        authSession.setAuthNote(RECOVERY_CODE, codeHash);
    }

    String recoveryLinkHash() {
        return authSession.getAuthNote(RECOVERY_LINK);
    }

    String recoveryCodeHash() {
        return authSession.getAuthNote(RECOVERY_CODE);
    }

    /** Whether {@code hash} is a link of this attempt (the newest): the primary one or the recovery one. */
    boolean isCurrent(String hash) {
        return hash != null && (hash.equals(linkHash()) || hash.equals(recoveryLinkHash()));
    }

    /** Whether the confirmed link (or code) was the one sent to the recovery address. */
    boolean approvedByRecoveryAddress() {
        String approved = authSession.getAuthNote(APPROVED);
        return approved != null && approved.equals(recoveryLinkHash());
    }

    String executionId() {
        return authSession.getAuthNote(EXEC);
    }

    String linkHash() {
        return authSession.getAuthNote(LINK);
    }

    String codeHash() {
        return authSession.getAuthNote(CODE);
    }

    String match() {
        return authSession.getAuthNote(MATCH);
    }

    long issuedAt() {
        return number(ISSUED);
    }

    long expiresAt() {
        return number(EXPIRES);
    }

    int sends() {
        return (int) number(SENDS);
    }

    long lastSend() {
        return number(LAST_SEND);
    }

    boolean expired(long now) {
        return expiresAt() <= now;
    }

    void limited(boolean limited) {
        if (limited) {
            authSession.setAuthNote(LIMITED, "true");
        } else {
            authSession.removeAuthNote(LIMITED);
        }
    }

    boolean limited() {
        return "true".equals(authSession.getAuthNote(LIMITED));
    }

    /** Marks the current link confirmed ({@code how}: same_browser, other_device). */
    void approve(String linkHash, String how) {
        authSession.setAuthNote(APPROVED, linkHash);
        authSession.setAuthNote(HOW, how);
    }

    /** True when a current (newest) link was confirmed. */
    boolean approved() {
        return isCurrent(authSession.getAuthNote(APPROVED));
    }

    String how() {
        return authSession.getAuthNote(HOW);
    }

    /** The person on the other device said the numbers did not match: the attempt's link no longer works. */
    void cancel() {
        authSession.setAuthNote(CANCELLED, "true");
    }

    boolean cancelled() {
        return "true".equals(authSession.getAuthNote(CANCELLED));
    }

    void clear() {
        for (String key : ALL) {
            authSession.removeAuthNote(key);
        }
    }

    private long number(String key) {
        String value = authSession.getAuthNote(key);
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
