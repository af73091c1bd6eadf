package io.einlass.keycloak.it.magiclink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.Mailbox;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Tokens;
import io.einlass.keycloak.it.support.Totp;
import org.junit.jupiter.api.Test;

/** Seed 003: after confirming the link, users with an authenticator app still enter its 6-digit code. */
@EinlassTest
class MagicLinkWithOtpIT {

    private final EinlassEnvironment env;
    private final Mailbox mailbox;
    private final TestUsers users;

    MagicLinkWithOtpIT(EinlassEnvironment env) {
        this.env = env;
        this.mailbox = env.mailbox();
        this.users = new TestUsers(env.admin(), EinlassEnvironment.REALM);
    }

    @Test
    void aLinkIsOneFactorTheAuthenticatorAppIsStillAskedAndTheTokensSaySo() {
        TestUser user = users.withPasswordAndOtp("mfa");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        SignIn.requestLink(browser, login, user.email());

        Page otpPage = SignIn.openAndConfirm(browser, SignIn.link(mailbox.next(user.email())));
        assertThat(otpPage.isRedirectAway()).as("no sign-in before the second factor").isFalse();
        assertThat(otpPage.has("input[name=otp]")).isTrue();

        Page back = otpPage.formWith("otp").set("otp", Totp.fresh(user.otpSecret(), null)).submit();
        Tokens tokens = login.complete(back);
        JsonNode id = tokens.idClaims();
        assertThat(id.path("amr")).extracting(JsonNode::asText).containsExactlyInAnyOrder("email", "otp");
        assertThat(id.path("acr").asText()).as("two factors were entered").isEqualTo("2");
    }

    @Test
    void theCodeFromTheMailAlsoLeadsToTheAuthenticatorApp() {
        TestUser user = users.withPasswordAndOtp("mfa-code");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page waiting = SignIn.requestLink(browser, login, user.email());
        Page otpPage = SignIn.typeCode(waiting, SignIn.code(mailbox.next(user.email())));
        assertThat(otpPage.isRedirectAway()).isFalse();
        assertThat(otpPage.has("input[name=otp]")).isTrue();
    }
}
