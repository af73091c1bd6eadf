package io.einlass.keycloak.authenticators.flow;

import java.util.Optional;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * "A first factor is already established in this sign-in": proved before the password and link steps ran, e.g.
 * by a confirmed REST API link ({@link FirstFactorGrant}). The step that established it records how; the
 * first-factor steps read it: the password step steps aside, the link step finishes the factor. The note is
 * bound to the user it was made for; a sign-in for another user does not see it.
 */
public final class FirstFactor {

    static final String NOTE_USER = "einlass.first-factor.user";
    static final String NOTE_HOW = "einlass.first-factor.how";

    private FirstFactor() {
    }

    public static void establish(AuthenticationFlowContext context, UserModel user, String how) {
        context.getAuthenticationSession().setAuthNote(NOTE_USER, user.getId());
        context.getAuthenticationSession().setAuthNote(NOTE_HOW, how);
    }

    /** How the first factor of this sign-in's user was established, if it was. */
    public static Optional<String> established(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        String noteUser = context.getAuthenticationSession().getAuthNote(NOTE_USER);
        if (user == null || noteUser == null || !noteUser.equals(user.getId())) {
            return Optional.empty();
        }
        return Optional.ofNullable(context.getAuthenticationSession().getAuthNote(NOTE_HOW));
    }

    public static void clear(AuthenticationFlowContext context) {
        context.getAuthenticationSession().removeAuthNote(NOTE_USER);
        context.getAuthenticationSession().removeAuthNote(NOTE_HOW);
    }
}
