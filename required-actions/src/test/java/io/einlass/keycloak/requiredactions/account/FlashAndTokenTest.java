package io.einlass.keycloak.requiredactions.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.einlass.keycloak.core.accountpage.AccountView;
import org.junit.jupiter.api.Test;
import org.keycloak.models.UserSessionModel;

/** The message after a button shows once; the session's token is stable and only it matches. */
class FlashAndTokenTest {

    private final UserSessionModel session = FakeUserSession.create();

    @Test
    void aMessageShowsOnceWithItsArguments() {
        Flash.set(session, AccountView.Result.done("einlass.account.trust.forgotten", "Firefox\u001fon Windows", "2"));
        AccountView.Result shown = Flash.take(session).orElseThrow();
        assertThat(shown.done()).isTrue();
        assertThat(shown.messageKey()).isEqualTo("einlass.account.trust.forgotten");
        assertThat(shown.arguments()).containsExactly("Firefox on Windows", "2");
        assertThat(Flash.take(session)).isEmpty();

        Flash.set(session, AccountView.Result.refused("einlass.account.stale"));
        assertThat(Flash.take(session)).get().extracting(AccountView.Result::done).isEqualTo(false);
    }

    @Test
    void theTokenIsMadeOnceAndOnlyItMatches() {
        String token = SessionToken.of(session);
        assertThat(token).hasSize(43);
        assertThat(SessionToken.of(session)).isEqualTo(token);
        assertThat(SessionToken.matches(session, token)).isTrue();
        assertThat(SessionToken.matches(session, token.substring(1) + "A")).isFalse();
        assertThat(SessionToken.matches(session, null)).isFalse();
        assertThat(SessionToken.matches(FakeUserSession.create(), token)).as("another session").isFalse();
    }
}
