package io.einlass.keycloak.core.account;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "This login attempt is a password reset that a recovery channel proved." Set by the reset's proof steps, read
 * where a change must be told as a reset, not as an ordinary password change (the notifications). Keycloak's own
 * flow-path note does not do: the new password is set at the required-action endpoint, which overwrites it.
 */
public final class PasswordReset {

    static final String NOTE = "einlass.password-reset";

    private PasswordReset() {
    }

    public static void mark(AuthenticationSessionModel authSession) {
        authSession.setAuthNote(NOTE, "true");
    }

    public static boolean marked(AuthenticationSessionModel authSession) {
        return authSession != null && "true".equals(authSession.getAuthNote(NOTE));
    }
}
