package io.einlass.keycloak.authenticators.flow;

import java.util.List;
import java.util.function.Function;

import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.FlowStatus;
import org.keycloak.authentication.authenticators.browser.WebAuthnConditionalUIAuthenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.models.utils.FormMessage;

/**
 * "Sign in with a passkey" on an Einlass page that asks for the email address: Keycloak's passkeys (WebAuthn
 * passwordless, discoverable credentials). Keycloak's own {@link WebAuthnConditionalUIAuthenticator} makes the
 * challenge and verifies the answer; this class decides when passkeys are offered and what a verified passkey means
 * for the rest of the sign-in.
 *
 * <p>A passkey whose user verification the server checked (the passwordless policy requires it) is a phishing-resistant
 * two-factor credential (the device, plus its PIN or biometrics): the sign-in reaches {@link Levels#SECOND_FACTOR}
 * at once, and Keycloak records the credential type {@value #CREDENTIAL_TYPE}, which the shipped flows' "Condition -
 * credential" uses to skip the authenticator-code step. Passkeys are not offered when the policy does not require user
 * verification: a passkey is then only something the person has, and Einlass has no honest place for it.
 *
 * <p>Every failure (unknown credential, disabled or locked account, cancelled prompt) gets the same answer, so the
 * page tells nothing about accounts.
 */
public final class PasskeySignIn {

    /** Keycloak's credential type of passkeys (recorded for "Condition - credential"). */
    public static final String CREDENTIAL_TYPE = WebAuthnCredentialModel.TYPE_PASSWORDLESS;
    /** {@code auth_method} event detail of a passkey sign-in. */
    public static final String AUTH_METHOD = "einlass-passkey";
    /** Page attribute: passkeys are offered on this page. */
    public static final String ATTRIBUTE = "einlassPasskey";
    /** The one message of every failed passkey sign-in. */
    public static final String FAILED = "einlass.passkey.failed";

    static final String USER_VERIFICATION_REQUIRED = "required";

    private PasskeySignIn() {
    }

    /**
     * Whether a page may offer passkeys: Keycloak's passkeys are on (feature and the realm's passwordless policy) and
     * the policy requires user verification.
     */
    static boolean offerable(boolean passkeysEnabled, String userVerificationRequirement) {
        return passkeysEnabled && USER_VERIFICATION_REQUIRED.equals(userVerificationRequirement);
    }

    /** Whether passkeys are offered in this realm (see {@link #offerable}). */
    public static boolean offered(AuthenticationFlowContext context) {
        return offerable(WebAuthnConditionalUIAuthenticator.isPasskeysEnabled(context.getSession()),
                context.getRealm().getWebAuthnPolicyPasswordless().getUserVerificationRequirement());
    }

    /** Whether a form post is a passkey answer (the browser's assertion, or its error). */
    public static boolean isAnswer(MultivaluedMap<String, String> formData) {
        return formData.containsKey("authenticatorData") || formData.containsKey("error");
    }

    /**
     * Puts a fresh challenge and the passkey attributes into the page {@code context.form()} is building, when
     * passkeys are offered and no user is known yet (the page is the same for everybody).
     */
    public static void offer(AuthenticationFlowContext context) {
        if (context.getUser() != null || !offered(context)) {
            return;
        }
        webauthn(context, ctx -> null).fillContextForm(context);
        context.form().setAttribute(ATTRIBUTE, Boolean.TRUE);
    }

    /**
     * Verifies a passkey answer with Keycloak's authenticator. On success the user is set and identified, the first
     * and second factor are recorded, and the step succeeds; otherwise {@code page} (the page the passkey was offered
     * on, with {@link #FAILED}) answers as a failure.
     */
    public static void verify(AuthenticationFlowContext context, Function<AuthenticationFlowContext, Response> page) {
        Function<AuthenticationFlowContext, Response> failedPage = ctx -> {
            // Keycloak's messages tell "unknown user" from "invalid signature": one message for all
            ctx.form().setErrors(List.of(new FormMessage(null, FAILED)));
            ctx.form().setAttribute(ATTRIBUTE, Boolean.TRUE);
            return page.apply(ctx);
        };
        context.getEvent().detail(EinlassEvents.AUTH_METHOD, AUTH_METHOD);
        String credentialsBefore = context.getAuthenticationSession().getAuthNote(AUTHN_CREDENTIALS);
        webauthn(context, failedPage).action(context);
        if (context.getStatus() != FlowStatus.SUCCESS) {
            return;
        }
        UserModel user = context.getUser();
        if (user == null || !user.isEnabled() || user.getServiceAccountClientLink() != null
                || AuthenticatorUtils.getDisabledByBruteForceEventError(context, user) != null) {
            // a valid passkey of a disabled or locked-out account: the same answer as any failure
            context.getEvent().user(user).error(user != null && user.isEnabled() ? Errors.USER_TEMPORARILY_DISABLED : Errors.USER_DISABLED);
            context.clearUser();
            // Keycloak recorded the passkey as used: forget it, or "Condition - credential" would later skip the code
            restore(context, credentialsBefore);
            context.failure(AuthenticationFlowError.INVALID_USER, failedPage.apply(context));
            return;
        }
        String email = user.getEmail() != null ? user.getEmail() : user.getUsername();
        Identification.record(context, email, CanonicalEmail.of(email).orElse(email), user);
        Levels.reachedAtOnce(context, Levels.SECOND_FACTOR);
        context.getEvent().user(user).detail(Details.USERNAME, email).detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE);
        context.success(); // Keycloak's authenticator recorded the credential type already
    }

    /** Keycloak's auth note of the credential types used in this sign-in ({@code AuthenticatorUtil}). */
    static final String AUTHN_CREDENTIALS = "authn.credentials";

    private static void restore(AuthenticationFlowContext context, String credentialsBefore) {
        if (credentialsBefore == null) {
            context.getAuthenticationSession().removeAuthNote(AUTHN_CREDENTIALS);
        } else {
            context.getAuthenticationSession().setAuthNote(AUTHN_CREDENTIALS, credentialsBefore);
        }
    }

    private static WebAuthnConditionalUIAuthenticator webauthn(AuthenticationFlowContext context,
                                                              Function<AuthenticationFlowContext, Response> errorPage) {
        return new WebAuthnConditionalUIAuthenticator(context.getSession(), errorPage);
    }
}
