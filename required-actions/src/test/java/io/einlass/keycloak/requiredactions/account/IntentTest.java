package io.einlass.keycloak.requiredactions.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.einlass.keycloak.core.crypto.SecureCodes;
import org.junit.jupiter.api.Test;
import org.keycloak.models.UserSessionModel;

/** The way back from Keycloak acts only for the state it was given, once, and only for the newest trip. */
class IntentTest {

    private final UserSessionModel session = FakeUserSession.create();

    @Test
    void theReturningStateGetsItsIntentOnce() {
        String state = SecureCodes.token(32);
        new Intent(Intent.Kind.SECURE, "", 1_700_000_000L, true, "de").record(session, state);
        assertThat(session.getNote(Intent.NOTE)).as("only a hash of the state is kept").doesNotContain(state);
        Intent taken = Intent.take(session, state).orElseThrow();
        assertThat(taken.kind()).isEqualTo(Intent.Kind.SECURE);
        assertThat(taken.startedAt()).isEqualTo(1_700_000_000L);
        assertThat(taken.hadPassword()).isTrue();
        assertThat(taken.locale()).isEqualTo("de");
        assertThat(Intent.take(session, state)).as("a replayed return does nothing").isEmpty();
    }

    @Test
    void anotherOrMadeUpStateGetsNothingAndLeavesTheIntent() {
        String state = SecureCodes.token(32);
        new Intent(Intent.Kind.ACTION, "delete_credential:0b1c", 1L, false, "").record(session, state);
        assertThat(Intent.take(session, SecureCodes.token(32))).isEmpty();
        assertThat(Intent.take(session, "short")).isEmpty();
        assertThat(Intent.take(session, null)).isEmpty();
        assertThat(Intent.take(session, state)).map(Intent::action).contains("delete_credential:0b1c");
    }

    @Test
    void onlyTheNewestTripCounts() {
        String first = SecureCodes.token(32);
        String second = SecureCodes.token(32);
        new Intent(Intent.Kind.ACTION, "UPDATE_PASSWORD", 1L, true, "").record(session, first);
        new Intent(Intent.Kind.ACTION, "CONFIGURE_TOTP", 2L, true, "").record(session, second);
        assertThat(Intent.take(session, first)).isEmpty();
        assertThat(Intent.take(session, second)).map(Intent::action).contains("CONFIGURE_TOTP");
    }

    @Test
    void aDamagedNoteIsNoIntent() {
        String state = SecureCodes.token(32);
        session.setNote(Intent.NOTE, SecureCodes.hash("einlass-account-state:" + state) + "|NOPE|x|1|1|en");
        assertThat(Intent.take(session, state)).isEmpty();
        session.setNote(Intent.NOTE, "garbage");
        assertThat(Intent.take(session, state)).isEmpty();
    }
}
