package io.einlass.keycloak.core.codes;

import io.einlass.keycloak.core.crypto.SecureCodes;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A short code sent to a person (by SMS or mail) and typed back, kept in auth-session notes under one feature's
 * prefix and scoped to the user: where it went (never shown in full), a salted hash of the code (never the code),
 * its expiry, and how many codes this verification sent and when (for a growing resend cooldown). The code's tries
 * are counted in the cluster-wide single-use store under a random id of the code, taken before each comparison, so
 * parallel requests on any node never get more than the allowed tries.
 */
public final class PendingCode {

    private final AuthenticationSessionModel authSession;
    private final String prefix;

    private PendingCode(AuthenticationSessionModel authSession, String prefix) {
        this.authSession = authSession;
        this.prefix = prefix;
    }

    /** The pending code of {@code userId} under {@code prefix} (e.g. {@code einlass.rp.}), or null. */
    public static PendingCode find(AuthenticationSessionModel authSession, String prefix, String userId) {
        PendingCode code = new PendingCode(authSession, prefix);
        return userId.equals(code.note("user")) && code.note("hash") != null ? code : null;
    }

    /** Records a new code for {@code target} (replacing any older one); the send count of this sign-in goes on. */
    public static PendingCode issue(AuthenticationSessionModel authSession, String prefix, String userId, String target,
                                    String code, long now, long expiresAt) {
        PendingCode pending = new PendingCode(authSession, prefix);
        if (!userId.equals(pending.note("user"))) {
            authSession.removeAuthNote(prefix + "sends");
            authSession.removeAuthNote(prefix + "last");
        }
        String salt = SecureCodes.token(16);
        authSession.setAuthNote(prefix + "user", userId);
        authSession.setAuthNote(prefix + "target", target);
        authSession.setAuthNote(prefix + "salt", salt);
        authSession.setAuthNote(prefix + "hash", SecureCodes.hash(salt, code));
        authSession.setAuthNote(prefix + "exp", String.valueOf(expiresAt));
        authSession.setAuthNote(prefix + "sends", String.valueOf(sends(authSession, prefix) + 1));
        authSession.setAuthNote(prefix + "last", String.valueOf(now));
        return pending;
    }

    /** Codes sent under {@code prefix} in this sign-in so far. */
    public static int sends(AuthenticationSessionModel authSession, String prefix) {
        return (int) number(authSession, prefix + "sends");
    }

    public static long lastSend(AuthenticationSessionModel authSession, String prefix) {
        return number(authSession, prefix + "last");
    }

    /** Where the code went (e.g. the E.164 number, or a channel name); only for the server. */
    public String target() {
        return note("target");
    }

    public long expiresAt() {
        return number(authSession, prefix + "exp");
    }

    /** Takes one of the code's {@code maxTries} tries before comparing; false when none is left. */
    public boolean takeTry(SingleUseObjectProvider store, String storePrefix, int maxTries, long now) {
        long lifespan = Math.max(60, expiresAt() - now + 60);
        String id = SecureCodes.hash("einlass-code:" + note("salt"));
        for (int i = 0; i < maxTries; i++) {
            if (store.putIfAbsent(storePrefix + id + ':' + i, lifespan)) {
                return true;
            }
        }
        return false;
    }

    /** Constant-time comparison with the stored hash. */
    public boolean matches(String code) {
        return SecureCodes.constantTimeEquals(SecureCodes.hash(note("salt"), code), note("hash"));
    }

    /** Forgets the code (a new target, or the end of the verification); the send count stays. */
    public void clear() {
        for (String key : new String[] {"target", "salt", "hash", "exp"}) {
            authSession.removeAuthNote(prefix + key);
        }
    }

    private String note(String key) {
        return authSession.getAuthNote(prefix + key);
    }

    private static long number(AuthenticationSessionModel authSession, String key) {
        try {
            String v = authSession.getAuthNote(key);
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The digits of a typed code (spaces and dashes allowed), "" when empty, or null when it holds anything else. */
    public static String digits(String raw) {
        if (raw == null) {
            return "";
        }
        if (raw.length() > 32) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if (c != ' ' && c != '-') {
                return null;
            }
        }
        return sb.toString();
    }
}
