package io.einlass.keycloak.requiredactions.account;

import io.einlass.keycloak.core.crypto.SecureCodes;
import org.keycloak.models.UserSessionModel;

/**
 * The page's CSRF token: random, kept in a note of the SSO session (so every node knows it), sent in a hidden field
 * of every form. Keycloak's identity cookie travels with cross-site requests; this token cannot.
 */
final class SessionToken {

    static final String FIELD = "einlass-token";
    static final String NOTE = "einlass.account.token";

    private SessionToken() {
    }

    /** The session's token, created on first use. */
    static String of(UserSessionModel userSession) {
        String token = userSession.getNote(NOTE);
        if (token == null || !SecureCodes.wellFormedToken(token)) {
            token = SecureCodes.token(32);
            userSession.setNote(NOTE, token);
        }
        return token;
    }

    static boolean matches(UserSessionModel userSession, String typed) {
        String token = userSession.getNote(NOTE);
        return token != null && typed != null && SecureCodes.constantTimeEquals(token, typed);
    }
}
