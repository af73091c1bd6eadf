package io.einlass.keycloak.requiredactions.account;

import java.util.Optional;

import io.einlass.keycloak.core.crypto.SecureCodes;
import org.keycloak.models.UserSessionModel;

/**
 * A trip from the page into Keycloak (an application-initiated action, or the re-authentication of "This wasn't
 * me") and back. Kept in a note of the SSO session (cluster-wide): the hash of the {@code state} sent along, what
 * was started, when, whether the account had a password then, and the page language. The return only acts on the
 * newest intent, once, and only when its state comes back.
 */
record Intent(Kind kind, String action, long startedAt, boolean hadPassword, String locale) {

    static final String NOTE = "einlass.account.intent";

    enum Kind { ACTION, SECURE }

    /** Records this intent for the returning {@code state} (only its hash is kept). */
    void record(UserSessionModel userSession, String state) {
        userSession.setNote(NOTE, String.join("|", SecureCodes.hash("einlass-account-state:" + state), kind.name(), action,
                String.valueOf(startedAt), hadPassword ? "1" : "0", locale));
    }

    /** The intent {@code state} belongs to, taken (removed) so it acts once; empty for any other state. */
    static Optional<Intent> take(UserSessionModel userSession, String state) {
        String note = userSession.getNote(NOTE);
        if (note == null || state == null || !SecureCodes.wellFormedToken(state)) {
            return Optional.empty();
        }
        String[] parts = note.split("\\|", -1);
        if (parts.length != 6 || !SecureCodes.constantTimeEquals(parts[0], SecureCodes.hash("einlass-account-state:" + state))) {
            return Optional.empty();
        }
        userSession.removeNote(NOTE);
        try {
            return Optional.of(new Intent(Kind.valueOf(parts[1]), parts[2], Long.parseLong(parts[3]), "1".equals(parts[4]),
                    parts[5].matches("[A-Za-z-]{0,10}") ? parts[5] : ""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
