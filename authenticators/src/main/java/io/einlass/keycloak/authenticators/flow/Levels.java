package io.einlass.keycloak.authenticators.flow;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.util.AcrStore;

/**
 * Honest levels of authentication for the {@code acr} claim: level 1 after a first factor (password or email
 * link), level 2 only after a second factor was actually entered. A trusted browser that skips the OTP leaves the
 * level at 1. The steps set the level of the current sign-in only; Keycloak's "Condition - Level of
 * Authentication" in the flow remembers level 1 for single sign-on (with its max age). Level 2 is never
 * remembered, so a client that asks for it gets the code asked again.
 */
public final class Levels {

    public static final int FIRST_FACTOR = 1;
    public static final int SECOND_FACTOR = 2;

    private Levels() {
    }

    /** Auth note: when the first factor was completed in this sign-in (epoch seconds). */
    public static final String FIRST_FACTOR_AT = "einlass.first-factor.at";

    public static void reached(AuthenticationFlowContext context, int level) {
        if (level == FIRST_FACTOR) {
            context.getAuthenticationSession().setAuthNote(FIRST_FACTOR_AT, String.valueOf(org.keycloak.common.util.Time.currentTime()));
        }
        AcrStore store = new AcrStore(context.getSession(), context.getAuthenticationSession());
        if (store.getLevelOfAuthenticationFromCurrentAuthentication() < level) {
            store.setLevelAuthenticatedToCurrentRequest(level);
        }
    }

    /**
     * One credential proved the first factor and {@code level} in one step (a passkey with user verification): the
     * first factor is recorded as authenticated now, as Keycloak's "Condition - Level of Authentication" records it
     * (so the first-factor steps are skipped also when the client asks for a level), and the current sign-in reaches
     * {@code level}, which is not remembered for single sign-on.
     */
    public static void reachedAtOnce(AuthenticationFlowContext context, int level) {
        context.getAuthenticationSession().setAuthNote(FIRST_FACTOR_AT, String.valueOf(org.keycloak.common.util.Time.currentTime()));
        AcrStore store = new AcrStore(context.getSession(), context.getAuthenticationSession());
        store.setLevelAuthenticated(FIRST_FACTOR);
        if (level > FIRST_FACTOR) {
            store.setLevelAuthenticatedToCurrentRequest(level);
        }
    }

    /** The level reached so far in this sign-in (-1 when none). */
    public static int current(AuthenticationFlowContext context) {
        return new AcrStore(context.getSession(), context.getAuthenticationSession()).getLevelOfAuthenticationFromCurrentAuthentication();
    }

    /** When the first factor was completed in this sign-in (epoch seconds), or -1. */
    public static long firstFactorAt(AuthenticationFlowContext context) {
        String at = context.getAuthenticationSession().getAuthNote(FIRST_FACTOR_AT);
        try {
            return at == null ? -1 : Long.parseLong(at);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The level the client asked for ({@code acr_values}, {@code claims}, or its default ACR), or -1. */
    public static int requested(AuthenticationFlowContext context) {
        return new AcrStore(context.getSession(), context.getAuthenticationSession())
                .getRequestedLevelOfAuthentication(context.getTopLevelFlow());
    }
}
