package io.einlass.keycloak.it.identify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * The page language is pinned at the email step (so it cannot reveal an account by switching to its profile
 * language), but the language stored in the profile, which all later mails use, changes only when the person picks
 * one on the page.
 */
@EinlassTest
class PageLanguageIT {

    private static final String REALM = EinlassEnvironment.REALM;

    private final EinlassEnvironment env;
    private final AdminClient admin;

    PageLanguageIT(EinlassEnvironment env) {
        this.env = env;
        this.admin = env.admin();
    }

    private String user(String locale, String password) {
        return admin.createUser(REALM, TestUsers.uniqueEmail("lang-" + locale), password, Map.of("locale", List.of(locale)));
    }

    private String storedLocale(String userId) {
        return admin.user(REALM, userId).path("attributes").path("locale").path(0).asText();
    }

    /** The defect: every sign-in overwrote the stored language with the page language. */
    @Test
    void signingInInAnotherPageLanguageKeepsTheStoredLanguage() {
        String password = "Pw-" + System.nanoTime();
        String id = user("de", password);
        String email = admin.user(REALM, id).path("email").asText();
        Browser browser = env.browser().language("en");
        OidcApp.Login login = env.portalApp().login();
        Page passwordPage = SignIn.enterEmail(SignIn.start(browser, login), email);
        assertThat(passwordPage.element("#kc-page-title").text()).as("the page stays English").isEqualTo("Enter your password");
        login.complete(SignIn.enterPassword(passwordPage, password));

        assertThat(storedLocale(id)).isEqualTo("de");
    }

    @Test
    void aLanguageThePersonPicksOnThePageIsStored() {
        String password = "Pw-" + System.nanoTime();
        String id = user("en", password);
        String email = admin.user(REALM, id).path("email").asText();
        Browser browser = env.browser().language("en");
        OidcApp.Login login = env.portalApp().login();
        Page emailPage = SignIn.start(browser, login);
        Page german = browser.open(emailPage.element("a[href*=kc_locale=de]").absUrl("href"));
        assertThat(german.element("#kc-page-title").text()).isEqualTo("Anmelden");
        Page passwordPage = SignIn.enterEmail(german, email);
        login.complete(SignIn.enterPassword(passwordPage, password));

        assertThat(storedLocale(id)).isEqualTo("de");
    }
}
