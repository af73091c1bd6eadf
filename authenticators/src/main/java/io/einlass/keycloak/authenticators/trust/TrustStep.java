package io.einlass.keycloak.authenticators.trust;

import java.util.Optional;

import io.einlass.keycloak.authenticators.flow.Levels;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/** Where trust applies: the "Trusted browser" step next to the code step, and the situations that always ask. */
final class TrustStep {

    private TrustStep() {
    }

    /** The config of the enabled trusted-browser step in the same flow as the running step, if there is one. */
    static Optional<TrustConfig> configNextTo(AuthenticationFlowContext context) {
        return stepNextTo(context).map(e -> TrustConfig.from(e.getAuthenticatorConfig() == null ? null
                : context.getRealm().getAuthenticatorConfigById(e.getAuthenticatorConfig())));
    }

    /** The enabled trusted-browser step in the same flow as the running step. */
    static Optional<AuthenticationExecutionModel> stepNextTo(AuthenticationFlowContext context) {
        AuthenticationExecutionModel current = context.getExecution();
        if (current.getParentFlow() == null) {
            return Optional.empty();
        }
        return context.getRealm().getAuthenticationExecutionsStream(current.getParentFlow())
                .filter(e -> TrustedBrowserAuthenticatorFactory.ID.equals(e.getAuthenticator()) && !e.isDisabled())
                .findFirst();
    }

    /**
     * Why a trusted browser may not skip the code in this sign-in, or null when it may: the client asks for two
     * factors ({@code acr_values}/claims), forces a fresh sign-in ({@code prompt=login}, {@code max_age}), is on the
     * deny-list, or no first factor was completed in this sign-in.
     */
    static String denial(AuthenticationFlowContext context, TrustConfig config) {
        var authSession = context.getAuthenticationSession();
        if (config.denies(authSession.getClient().getClientId())) {
            return "client_denied";
        }
        if (Levels.current(context) < Levels.FIRST_FACTOR) {
            return "no_first_factor";
        }
        if (Levels.requested(context) >= Levels.SECOND_FACTOR) {
            return "step_up";
        }
        String prompt = authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM);
        if (prompt != null && prompt.contains(OIDCLoginProtocol.PROMPT_VALUE_LOGIN)) {
            return "prompt_login";
        }
        if (authSession.getClientNote(OIDCLoginProtocol.MAX_AGE_PARAM) != null) {
            return "max_age";
        }
        return null;
    }
}
