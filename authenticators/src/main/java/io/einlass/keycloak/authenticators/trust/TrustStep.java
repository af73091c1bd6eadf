package io.einlass.keycloak.authenticators.trust;

import java.util.Optional;

import io.einlass.keycloak.authenticators.flow.Levels;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.Constants;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.saml.SamlProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

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

    /** Why a trusted browser may not skip the code in this sign-in, or null when it may. */
    static TrustDenial denial(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        return TrustDenial.of(new TrustDenial.Situation(
                Levels.current(context),
                Levels.requested(context),
                AuthenticatorUtil.isForcedReauthentication(authSession),
                authSession.getClientNote(Constants.KC_ACTION),
                authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM),
                authSession.getClientNote(OIDCLoginProtocol.MAX_AGE_PARAM),
                "true".equals(authSession.getAuthNote(SamlProtocol.SAML_LOGIN_REQUEST_FORCEAUTHN))));
    }

    /** Whether "Trust this browser" is worth offering: a trust could later skip the code for this client. */
    static boolean offerable(AuthenticationFlowContext context) {
        return Levels.requested(context) < Levels.SECOND_FACTOR;
    }
}
