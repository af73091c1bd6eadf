package io.einlass.keycloak.it.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Tokens;
import org.junit.jupiter.api.Test;

/** Seed 000: "enter the email address you registered with and your password, click Login". */
@EinlassTest
class PasswordSignInIT {

    private final EinlassEnvironment env;
    private final AdminClient admin;
    private final TestUsers users;

    PasswordSignInIT(EinlassEnvironment env) {
        this.env = env;
        this.admin = env.admin();
        this.users = new TestUsers(admin, EinlassEnvironment.REALM);
    }

    @Test
    void demoUserSignsInWithPasswordAndTheAppGetsTokensThroughPkce() {
        Browser browser = env.browser();
        OidcApp app = env.portalApp();
        OidcApp.Login login = app.login();

        Page passwordPage = SignIn.enterEmail(SignIn.start(browser, login), "ben@portal.example");
        assertThat(passwordPage.has("#kc-form-login input[name=password]")).isTrue();
        Page back = SignIn.enterPassword(passwordPage, "Demo-Ben-2026!");

        Tokens tokens = login.complete(back);
        assertThat(tokens.idClaims().path("email").asText()).isEqualTo("ben@portal.example");
        assertThat(tokens.accessClaims().path("preferred_username").asText()).isEqualTo("ben@portal.example");
        assertThat(tokens.idClaims().path("acr").asText()).isEqualTo("1");
        assertThat(tokens.idClaims().path("amr")).extracting(JsonNode::asText).containsExactly("pwd");
    }

    @Test
    void theCodeCannotBeExchangedWithoutThePkceVerifier() {
        TestUser user = users.withPassword("pkce");
        Browser browser = env.browser();
        OidcApp app = env.portalApp();
        OidcApp.Login login = app.login();
        Page back = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, login), user.email()), user.password());
        String code = back.redirectParam("code").orElseThrow();

        var response = app.tokenRequest(code, "a-different-verifier-that-is-long-enough-0123456789");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_grant");
    }

    @Test
    void wrongPasswordShowsAnErrorAndRecordsALoginErrorEvent() {
        TestUser user = users.withPassword("wrong-password");
        Browser browser = env.browser();
        Page passwordPage = SignIn.enterEmail(SignIn.start(browser, env.portalApp().login()), user.email());

        Page answer = SignIn.enterPassword(passwordPage, "not-the-password");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.element("#input-error-password").text()).isEqualTo("Wrong email address or password.");
        JsonNode event = admin.awaitEvent(EinlassEnvironment.REALM, "LOGIN_ERROR",
                e -> user.id().equals(e.path("userId").asText()) && "invalid_user_credentials".equals(e.path("error").asText()));
        assertThat(event.path("clientId").asText()).isEqualTo("portal-app");
        assertThat(event.path("details").path("auth_method").asText()).isEqualTo("einlass-password");
    }

    @Test
    void unknownAddressGetsExactlyTheSameAnswerAsAWrongPassword() {
        TestUser user = users.withPassword("known");
        Page known = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(env.browser(), env.portalApp().login()), user.email()), "nope");
        String unknownEmail = TestUsers.uniqueEmail("nobody");
        Page unknownPasswordPage = SignIn.enterEmail(SignIn.start(env.browser(), env.portalApp().login()), unknownEmail);
        Page unknown = SignIn.enterPassword(unknownPasswordPage, "nope");

        assertThat(unknownPasswordPage.has("#kc-form-login input[name=password]")).isTrue();
        assertThat(unknown.status()).isEqualTo(known.status());
        assertThat(normalize(unknown.text(), unknownEmail)).isEqualTo(normalize(known.text(), user.email()));
    }

    @Test
    void failedPasswordsCountInBruteForceDetection() {
        TestUser user = users.withPassword("brute");
        Page page = SignIn.enterEmail(SignIn.start(env.browser(), env.portalApp().login()), user.email());
        SignIn.enterPassword(page, "wrong-1");
        JsonNode status = awaitFailures(user.id(), 1);
        assertThat(status.path("numFailures").asInt()).isGreaterThanOrEqualTo(1);
        admin.clearBruteForce(EinlassEnvironment.REALM, user.id());
    }

    private JsonNode awaitFailures(String userId, int atLeast) {
        for (int i = 0; i < 50; i++) {
            JsonNode status = admin.bruteForce(EinlassEnvironment.REALM, userId);
            if (status.path("numFailures").asInt() >= atLeast) {
                return status;
            }
            AdminClientSleep.sleep(200);
        }
        return admin.bruteForce(EinlassEnvironment.REALM, userId);
    }

    static String normalize(String text, String email) {
        return text.replace(email, "EMAIL");
    }

    /** Tiny wait helper. */
    static final class AdminClientSleep {
        static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
