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

    /** Swiss tenants: the email and password pages in French and Italian, with no text missing. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"fr, Connexion", "it, Accesso"})
    void frenchAndItalianPagesAreComplete(String lang, String title) {
        String password = "Pw-" + System.nanoTime();
        String email = admin.user(REALM, user(lang, password)).path("email").asText();
        Browser browser = env.browser().language(lang);
        OidcApp.Login login = env.portalApp().login();
        Page emailPage = SignIn.start(browser, login);
        assertThat(emailPage.document().selectFirst("html").attr("lang")).isEqualTo(lang);
        assertThat(emailPage.element("#kc-page-title").text()).isEqualTo(title);
        assertNoMessageKeys(emailPage);
        Page passwordPage = SignIn.enterEmail(emailPage, email);
        assertNoMessageKeys(passwordPage);
        login.complete(SignIn.enterPassword(passwordPage, password));
    }

    /**
     * A realm language Einlass has no texts for is not hidden by the theme: Keycloak's texts come in that language,
     * the Einlass texts in English (Keycloak's fallback), never as raw keys.
     */
    @Test
    void aRealmLanguageWithoutEinlassTextsGetsTheEnglishOnes() {
        var realm = (com.fasterxml.jackson.databind.node.ObjectNode) admin.get("/realms/" + REALM);
        var original = realm.path("supportedLocales").deepCopy();
        var withSpanish = ((com.fasterxml.jackson.databind.node.ArrayNode) realm.path("supportedLocales").deepCopy()).add("es");
        realm.set("supportedLocales", withSpanish);
        admin.put("/realms/" + REALM, realm);
        try {
            Page emailPage = SignIn.start(env.browser().language("es"), env.portalApp().login());
            assertThat(emailPage.document().selectFirst("html").attr("lang")).isEqualTo("es");
            assertThat(emailPage.element("#kc-page-title").text()).isEqualTo("Sign in");
            // the theme's "locales" names the languages whose labels Keycloak makes: a short list left "locale_es"
            assertThat(emailPage.element("a[href*=kc_locale=es]").attr("aria-label")).as("Spanish in the language menu").isEqualTo("Español");
            assertThat(emailPage.element("a[href*=kc_locale=fr]").attr("aria-label")).startsWith("Francés");
            assertNoMessageKeys(emailPage);
        } finally {
            var restore = (com.fasterxml.jackson.databind.node.ObjectNode) admin.get("/realms/" + REALM);
            restore.set("supportedLocales", original);
            admin.put("/realms/" + REALM, restore);
        }
    }

    private static void assertNoMessageKeys(Page page) {
        assertThat(page.text()).as("a message key shown instead of a text").doesNotContainPattern("\\beinlass\\.[a-z-]+\\.");
    }
}
