package io.einlass.keycloak.authenticators.trust;

import java.util.Locale;

/**
 * Why a trusted browser may not skip the authenticator code in a sign-in. A trust only stands in for the code in
 * an ordinary sign-in after a first factor; whatever demands the factors again (forced re-authentication, an
 * application-initiated action, {@code prompt=login}, {@code max_age}, SAML ForceAuthn) or demands the second
 * factor (a requested level of 2, e.g. by a client that always asks for the code) gets the code asked.
 */
enum TrustDenial {
    NO_FIRST_FACTOR, FORCED_REAUTHENTICATION, APP_INITIATED_ACTION, PROMPT_LOGIN, MAX_AGE, SAML_FORCE_AUTHN, STEP_UP;

    /** What the decision looks at, read from the auth session. */
    record Situation(int currentLevel, int requestedLevel, boolean forcedReauthentication, String kcAction, String prompt,
                     String maxAge, boolean samlForceAuthn) {
    }

    /** The first reason that applies, or null when the trust may skip the code. */
    static TrustDenial of(Situation s) {
        if (s.currentLevel() < 1) {
            return NO_FIRST_FACTOR;
        }
        if (s.forcedReauthentication()) {
            return FORCED_REAUTHENTICATION;
        }
        if (s.kcAction() != null && !s.kcAction().isBlank()) {
            return APP_INITIATED_ACTION;
        }
        if (s.prompt() != null && s.prompt().contains("login")) {
            return PROMPT_LOGIN;
        }
        if (s.maxAge() != null) {
            return MAX_AGE;
        }
        if (s.samlForceAuthn()) {
            return SAML_FORCE_AUTHN;
        }
        if (s.requestedLevel() >= 2) {
            return STEP_UP;
        }
        return null;
    }

    /** The value of the event detail {@code reason}. */
    String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
