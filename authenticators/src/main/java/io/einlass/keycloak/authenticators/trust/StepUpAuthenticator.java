package io.einlass.keycloak.authenticators.trust;

import io.einlass.keycloak.authenticators.flow.Levels;
import io.einlass.keycloak.authenticators.flow.UserlessAuthenticator;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.Constants;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Demands level 2 (the second factor) through Keycloak's own level-of-authentication mechanism, before the SSO
 * cookie is looked at: for clients that always ask for the code, and for application-initiated account changes.
 * It raises the requested level ({@code requested-level-of-authentication}), never lowers it and never forces it, so
 * Keycloak's cookie step does not accept a session that reached only level 1 (for example through a trusted
 * browser); the flow then asks for the code, and users without an authenticator app still get through at level 1.
 * Always steps aside itself ("attempted"): put it first, as ALTERNATIVE, before "Cookie".
 */
final class StepUpAuthenticator implements UserlessAuthenticator {

    /** Keycloak's client note of the requested level (see {@code AcrStore}). */
    static final String REQUESTED_LEVEL = Constants.REQUESTED_LEVEL_OF_AUTHENTICATION;

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        StepUpConfig config = StepUpConfig.from(context.getAuthenticatorConfig());
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        boolean client = config.clients().contains(authSession.getClient().getClientId());
        String kcAction = authSession.getClientNote(Constants.KC_ACTION);
        boolean action = config.appInitiatedActions() && kcAction != null && !kcAction.isBlank();
        if (client || action) {
            raise(authSession, Levels.SECOND_FACTOR);
        }
        context.attempted();
    }

    static void raise(AuthenticationSessionModel authSession, int level) {
        String current = authSession.getClientNote(REQUESTED_LEVEL);
        int requested;
        try {
            requested = current == null ? -1 : Integer.parseInt(current);
        } catch (NumberFormatException e) {
            requested = -1;
        }
        if (requested < level) {
            authSession.setClientNote(REQUESTED_LEVEL, String.valueOf(level));
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.attempted();
    }
}
