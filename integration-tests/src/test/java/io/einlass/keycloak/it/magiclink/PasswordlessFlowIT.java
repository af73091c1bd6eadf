package io.einlass.keycloak.it.magiclink;

import static org.assertj.core.api.Assertions.assertThat;

import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/** Seed 003 (bitloft): the email-only portal. Type the address, "Weiter", confirm the link in the mail. */
@EinlassTest
class PasswordlessFlowIT {

    private final EinlassEnvironment env;
    private final TestUsers users;

    PasswordlessFlowIT(EinlassEnvironment env) {
        this.env = env;
        this.users = new TestUsers(env.admin(), EinlassEnvironment.REALM);
    }

    @Test
    void emailOnlyClientGoesStraightFromTheAddressToTheWaitingPageWithoutAPasswordOption() {
        TestUser user = users.withPassword("bitloft");
        Browser browser = env.browser().language("de");
        OidcApp.Login login = env.app("portal-passwordless").login();

        Page emailPage = SignIn.start(browser, login);
        assertThat(emailPage.element("#einlass-continue").text()).isEqualTo("Weiter");
        Page waiting = SignIn.enterEmail(emailPage, user.email());
        assertThat(waiting.element("#kc-page-title").text()).isEqualTo("Prüfen Sie Ihr Postfach");
        assertThat(waiting.has("input[name=password]")).isFalse();
        assertThat(waiting.has("#einlass-alternatives-form")).isFalse();

        Page back = SignIn.openAndConfirm(browser, SignIn.link(env.mailbox().next(user.email())));
        assertThat(login.complete(back).idClaims().path("email").asText()).isEqualTo(user.email());
    }
}
