package io.einlass.keycloak.authenticators.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.einlass.keycloak.authenticators.trust.TrustDenial.Situation;
import org.junit.jupiter.api.Test;

/** When a trusted browser may stand in for the authenticator code, and when it never may. */
class TrustDenialTest {

    private static final Situation ORDINARY = new Situation(1, -1, false, null, null, null, false);

    @Test
    void anOrdinarySignInAfterAFirstFactorMaySkipTheCode() {
        assertThat(TrustDenial.of(ORDINARY)).isNull();
        assertThat(TrustDenial.of(new Situation(1, 1, false, null, "consent", null, false))).isNull();
    }

    @Test
    void withoutAFirstFactorInThisSignInNothingIsSkipped() {
        assertThat(TrustDenial.of(new Situation(-1, -1, false, null, null, null, false))).isEqualTo(TrustDenial.NO_FIRST_FACTOR);
        assertThat(TrustDenial.of(new Situation(0, -1, false, null, null, null, false))).isEqualTo(TrustDenial.NO_FIRST_FACTOR);
    }

    @Test
    void forcedReauthenticationAlwaysAsksForTheCode() {
        assertThat(TrustDenial.of(new Situation(1, -1, true, null, null, null, false))).isEqualTo(TrustDenial.FORCED_REAUTHENTICATION);
    }

    @Test
    void anApplicationInitiatedActionAlwaysAsksForTheCode() {
        assertThat(TrustDenial.of(new Situation(1, -1, false, "CONFIGURE_TOTP", null, null, false))).isEqualTo(TrustDenial.APP_INITIATED_ACTION);
        assertThat(TrustDenial.of(new Situation(1, -1, false, "einlass-recovery-email", null, null, false))).isEqualTo(TrustDenial.APP_INITIATED_ACTION);
        assertThat(TrustDenial.of(new Situation(1, -1, false, " ", null, null, false))).isNull();
    }

    @Test
    void promptLoginMaxAgeAndSamlForceAuthnAlwaysAskForTheCode() {
        assertThat(TrustDenial.of(new Situation(1, -1, false, null, "login", null, false))).isEqualTo(TrustDenial.PROMPT_LOGIN);
        assertThat(TrustDenial.of(new Situation(1, -1, false, null, "consent login", null, false))).isEqualTo(TrustDenial.PROMPT_LOGIN);
        assertThat(TrustDenial.of(new Situation(1, -1, false, null, null, "0", false))).isEqualTo(TrustDenial.MAX_AGE);
        assertThat(TrustDenial.of(new Situation(1, -1, false, null, null, null, true))).isEqualTo(TrustDenial.SAML_FORCE_AUTHN);
    }

    @Test
    void aRequestedSecondFactorIsNeverSatisfiedByTrust() {
        assertThat(TrustDenial.of(new Situation(1, 2, false, null, null, null, false))).isEqualTo(TrustDenial.STEP_UP);
        assertThat(TrustDenial.of(new Situation(1, 3, false, null, null, null, false))).isEqualTo(TrustDenial.STEP_UP);
    }

    @Test
    void reasonsAreEventValues() {
        assertThat(TrustDenial.APP_INITIATED_ACTION.value()).isEqualTo("app_initiated_action");
        assertThat(TrustDenial.FORCED_REAUTHENTICATION.value()).isEqualTo("forced_reauthentication");
    }
}
