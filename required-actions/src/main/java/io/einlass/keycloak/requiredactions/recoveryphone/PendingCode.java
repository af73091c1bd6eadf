package io.einlass.keycloak.requiredactions.recoveryphone;

import io.einlass.keycloak.core.crypto.SecureCodes;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The code of one verification, in auth-session notes scoped to the user: the pending number (E.164), a salted hash
 * of the code (never the code), its expiry, and how many SMS this verification sent and when. The code's tries are
 * counted in the single-use store under the code's random id, never here.
 */
final class PendingCode {

    private static final String P = "einlass.rp.";
    static final String USER = P + "user";
    static final String NUMBER = P + "number";
    static final String SALT = P + "salt";
    static final String HASH = P + "hash";
    static final String EXPIRES = P + "exp";
    static final String SENDS = P + "sends";
    static final String LAST = P + "last";
    private static final String[] CODE_NOTES = {NUMBER, SALT, HASH, EXPIRES};

    private final AuthenticationSessionModel authSession;

    private PendingCode(AuthenticationSessionModel authSession) {
        this.authSession = authSession;
    }

    /** The pending code of this user in this sign-in, or null. */
    static PendingCode find(AuthenticationSessionModel authSession, String userId) {
        return userId.equals(authSession.getAuthNote(USER)) && authSession.getAuthNote(HASH) != null ? new PendingCode(authSession) : null;
    }

    /** Records a new code for {@code number} (replacing any older one); the send count of this sign-in goes on. */
    static PendingCode issue(AuthenticationSessionModel authSession, String userId, String number, String code, long now, long expiresAt) {
        if (!userId.equals(authSession.getAuthNote(USER))) {
            authSession.removeAuthNote(SENDS);
            authSession.removeAuthNote(LAST);
        }
        String salt = SecureCodes.token(16);
        authSession.setAuthNote(USER, userId);
        authSession.setAuthNote(NUMBER, number);
        authSession.setAuthNote(SALT, salt);
        authSession.setAuthNote(HASH, SecureCodes.hash(salt, code));
        authSession.setAuthNote(EXPIRES, String.valueOf(expiresAt));
        authSession.setAuthNote(SENDS, String.valueOf(sends(authSession) + 1));
        authSession.setAuthNote(LAST, String.valueOf(now));
        return new PendingCode(authSession);
    }

    /** SMS sent in this sign-in so far (for the growing cooldown). */
    static int sends(AuthenticationSessionModel authSession) {
        return (int) number(authSession, SENDS);
    }

    static long lastSend(AuthenticationSessionModel authSession) {
        return number(authSession, LAST);
    }

    String number() {
        return authSession.getAuthNote(NUMBER);
    }

    long expiresAt() {
        return number(authSession, EXPIRES);
    }

    /** A random id of this code (for its tries in the single-use store); never derived from input. */
    String id() {
        return SecureCodes.hash("einlass-rp-code:" + authSession.getAuthNote(SALT));
    }

    boolean matches(String code) {
        return SecureCodes.constantTimeEquals(SecureCodes.hash(authSession.getAuthNote(SALT), code), authSession.getAuthNote(HASH));
    }

    /** Forgets the code (the number change or the end of the verification); the send count stays. */
    void clear() {
        for (String key : CODE_NOTES) {
            authSession.removeAuthNote(key);
        }
    }

    private static long number(AuthenticationSessionModel authSession, String key) {
        try {
            String v = authSession.getAuthNote(key);
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
