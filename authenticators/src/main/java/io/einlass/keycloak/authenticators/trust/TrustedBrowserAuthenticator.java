package io.einlass.keycloak.authenticators.trust;

import io.einlass.keycloak.core.events.EinlassEvents;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * Skips the authenticator-app code when this browser holds a valid trust for this user. Configured as ALTERNATIVE
 * right after the code step (Keycloak runs credential-based steps first: the code step checks the trust and steps
 * aside for this one). Only in an ordinary sign-in after a first factor ({@link TrustDenial}); otherwise it steps
 * aside ("attempted"). A skip leaves the level of authentication at 1 and adds no "otp" to {@code amr}.
 */
final class TrustedBrowserAuthenticator implements Authenticator {

    static final String NOTE_SKIPPED = "einlass.trust.skipped";
    /** Request-scoped (KeycloakSession attribute, never stored): the code step already checked the trust. */
    static final String VERIFIED_IN_REQUEST = "einlass.trust.verified";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        if (user == null || TrustStep.denial(context) != null) {
            context.attempted();
            return;
        }
        String trustId = context.getSession().getAttribute(VERIFIED_IN_REQUEST, String.class);
        if (trustId == null) {
            TrustedBrowsers browsers = new TrustedBrowsers(context.getSession(), context.getRealm());
            var trust = browsers.valid(user, context.getHttpRequest().getHttpHeaders());
            if (trust.isEmpty()) {
                context.attempted();
                return;
            }
            trustId = trust.get().getId();
        }
        context.getAuthenticationSession().setAuthNote(NOTE_SKIPPED, trustId);
        context.getEvent().detail(EinlassEvents.TRUSTED_BROWSER, "true");
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.attempted();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /** Only users with an authenticator app have anything to skip. */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return user.credentialManager().isConfiguredFor(OTPCredentialModel.TYPE);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
