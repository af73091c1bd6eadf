package io.einlass.keycloak.authenticators.flow;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;

class PasskeySignInTest {

    @Test
    void passkeysAreOfferedOnlyWhenOnAndUserVerificationIsRequired() {
        assertThat(PasskeySignIn.offerable(true, "required")).isTrue();
        assertThat(PasskeySignIn.offerable(true, "preferred")).as("only something the person has").isFalse();
        assertThat(PasskeySignIn.offerable(true, "discouraged")).isFalse();
        assertThat(PasskeySignIn.offerable(true, "not specified")).isFalse();
        assertThat(PasskeySignIn.offerable(true, null)).isFalse();
        assertThat(PasskeySignIn.offerable(false, "required")).as("passkeys off").isFalse();
    }

    @Test
    void onlyAPostWithTheBrowsersAnswerOrErrorIsAPasskeyAnswer() {
        MultivaluedHashMap<String, String> email = new MultivaluedHashMap<>();
        email.add("email", "ada@example.com");
        assertThat(PasskeySignIn.isAnswer(email)).isFalse();

        MultivaluedHashMap<String, String> answer = new MultivaluedHashMap<>();
        answer.add("authenticatorData", "AAAA");
        assertThat(PasskeySignIn.isAnswer(answer)).isTrue();

        MultivaluedHashMap<String, String> cancelled = new MultivaluedHashMap<>();
        cancelled.add("error", "NotAllowedError");
        assertThat(PasskeySignIn.isAnswer(cancelled)).isTrue();
    }

    @Test
    void theCredentialTypeIsKeycloaksPasskeyType() {
        // the shipped flows' "Condition - credential" names it; it must stay Keycloak's passwordless type
        assertThat(PasskeySignIn.CREDENTIAL_TYPE).isEqualTo("webauthn-passwordless");
    }
}
