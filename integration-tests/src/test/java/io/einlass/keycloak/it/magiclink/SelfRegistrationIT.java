package io.einlass.keycloak.it.magiclink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.Chrome;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.ExecutionConfig;
import io.einlass.keycloak.it.support.Mail;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Self-registration by link, where the realm lets people register: a new customer types an address on the same
 * email page as everyone, gets a mail, and the account exists only after the link (or code) is confirmed; then the
 * profile page asks the user profile's fields. Typing an address never creates anything.
 */
@EinlassTest
class SelfRegistrationIT {

    private static final String REALM = EinlassEnvironment.REALM;
    private static final String CLIENT = "portal-passwordless";

    private static final String FLOW = "einlass passwordless first factor";

    private static EinlassEnvironment shared;
    private static ExecutionConfig stepOption;

    private final EinlassEnvironment env;
    private final AdminClient admin;

    SelfRegistrationIT(EinlassEnvironment env) {
        this.env = env;
        this.admin = env.admin();
        openRegistration(env);
    }

    private static synchronized void openRegistration(EinlassEnvironment env) {
        if (shared == null) {
            // both switches an admin sets: the realm's "User registration" and the step's "Create accounts by link"
            env.admin().put("/realms/" + REALM, Map.of("registrationAllowed", true));
            stepOption = ExecutionConfig.change(env.admin(), REALM, FLOW, "einlass-magic-link",
                    Map.of("einlass.magic-link.self-registration", "true"));
            shared = env;
        }
    }

    @AfterAll
    static void closeRegistration() {
        if (shared != null) {
            stepOption.close();
            shared.admin().put("/realms/" + REALM, Map.of("registrationAllowed", false));
            shared = null;
        }
    }

    private boolean accountExists(String email) {
        return !admin.get("/realms/" + REALM + "/users?exact=true&email=" + email.replace("+", "%2B")).isEmpty();
    }

    private Page waitingPageFor(Browser browser, OidcApp.Login login, String email) {
        Page waiting = SignIn.enterEmail(SignIn.start(browser, login), email);
        assertThat(waiting.has("#einlass-magic-link")).as("the waiting page").isTrue();
        return waiting;
    }

    @Test
    void aNewCustomersAccountIsCreatedOnlyWhenTheLinkIsConfirmed() {
        String email = TestUsers.uniqueEmail("new-customer");
        Browser browser = env.browser();
        OidcApp.Login login = env.app(CLIENT).login();
        waitingPageFor(browser, login, email);
        Mail mail = env.mailbox().next(email);
        assertThat(mail.subject()).startsWith("Create your account");
        assertThat(accountExists(email)).as("typing the address created nothing").isFalse();

        Page landing = browser.open(SignIn.link(mail));
        assertThat(landing.element("#kc-page-title").text()).isEqualTo("Create your account");
        assertThat(accountExists(email)).as("opening the link (as a mail scanner does) created nothing").isFalse();

        Page profile = landing.form("#einlass-confirm-form").submit("decision", "confirm");
        assertThat(accountExists(email)).as("the confirming POST created it").isTrue();
        Tokens tokens = login.complete(fillProfile(profile, "Nina", "Neu"));

        assertThat(tokens.idClaims().path("email").asText()).isEqualTo(email);
        assertThat(tokens.idClaims().path("email_verified").asBoolean()).isTrue();
        JsonNode user = admin.user(REALM, admin.userId(REALM, email));
        assertThat(user.path("firstName").asText()).isEqualTo("Nina");
        assertThat(user.path("emailVerified").asBoolean()).isTrue();
        JsonNode registered = admin.awaitEvent(REALM, "REGISTER", e -> user.path("id").asText().equals(e.path("userId").asText()));
        assertThat(registered.path("details").path("register_method").asText()).isEqualTo("einlass-magic-link");
    }

    @Test
    void theCodeInTheMailCreatesTheAccountToo() {
        String email = TestUsers.uniqueEmail("code-customer");
        Browser browser = env.browser();
        OidcApp.Login login = env.app(CLIENT).login();
        Page waiting = waitingPageFor(browser, login, email);
        String code = SignIn.code(env.mailbox().next(email));

        Page profile = SignIn.typeCode(waiting, code);
        assertThat(accountExists(email)).isTrue();
        login.complete(fillProfile(profile, "Carl", "Code"));
    }

    @Test
    void aWrongCodeCreatesNothing() {
        String email = TestUsers.uniqueEmail("guesser");
        Browser browser = env.browser();
        Page waiting = waitingPageFor(browser, env.app(CLIENT).login(), email);
        String code = SignIn.code(env.mailbox().next(email));
        String wrong = code.equals("000000") ? "111111" : "000000";

        Page again = SignIn.typeCode(waiting, wrong);
        assertThat(again.has("#einlass-magic-link")).isTrue();
        assertThat(accountExists(email)).isFalse();
    }

    @Test
    void knownAndNewAddressesGetTheSamePage() {
        TestUsers.TestUser known = new TestUsers(admin, REALM).withPassword("known-reg");
        String unknown = TestUsers.uniqueEmail("unknown-reg");
        Page forKnown = waitingPageFor(env.browser(), env.app(CLIENT).login(), known.email());
        Page forUnknown = waitingPageFor(env.browser(), env.app(CLIENT).login(), unknown);

        assertThat(forUnknown.status()).isEqualTo(forKnown.status());
        assertThat(forUnknown.element("#kc-page-title").text()).isEqualTo(forKnown.element("#kc-page-title").text());
        assertThat(shape(forUnknown)).isEqualTo(shape(forKnown));
        assertThat(forUnknown.text().replace(unknown, "ADDRESS").replaceAll("\\b\\d{2}\\b", "NN").replaceAll("\\d{1,2}:\\d{2}( [AP]M)?", "TIME"))
                .isEqualTo(forKnown.text().replace(known.email(), "ADDRESS").replaceAll("\\b\\d{2}\\b", "NN").replaceAll("\\d{1,2}:\\d{2}( [AP]M)?", "TIME"));
        env.mailbox().next(known.email());
        env.mailbox().next(unknown);
    }

    @Test
    void theLinkIsSingleUseAndAReplayedConfirmationCreatesNoSecondAccount() {
        String email = TestUsers.uniqueEmail("replay-reg");
        Browser browser = env.browser();
        OidcApp.Login login = env.app(CLIENT).login();
        waitingPageFor(browser, login, email);
        String link = SignIn.link(env.mailbox().next(email));
        Page landing = browser.open(link);
        var confirm = landing.form("#einlass-confirm-form");
        login.complete(fillProfile(confirm.submit("decision", "confirm"), "Rita", "Replay"));

        Page replay = confirm.submit("decision", "confirm");
        assertThat(replay.status()).isEqualTo(410);
        assertThat(admin.get("/realms/" + REALM + "/users?exact=true&email=" + email).size()).isEqualTo(1);
    }

    @Test
    void anAccountCreatedMeanwhileMakesTheLinkInvalid() {
        String email = TestUsers.uniqueEmail("meanwhile");
        Browser browser = env.browser();
        waitingPageFor(browser, env.app(CLIENT).login(), email);
        String link = SignIn.link(env.mailbox().next(email));
        admin.createUser(REALM, email, "Pw-" + System.nanoTime(), Map.of());

        Page landing = browser.open(link);
        assertThat(landing.status()).isEqualTo(400);
        assertThat(landing.has("#einlass-confirm-form")).isFalse();
        assertThat(admin.get("/realms/" + REALM + "/users?exact=true&email=" + email).size()).isEqualTo(1);
    }

    @Test
    void aDisabledAccountsAddressGetsNoMailAndNoSecondAccount() {
        TestUsers.TestUser disabled = new TestUsers(admin, REALM).withPassword("disabled-reg");
        admin.updateUser(REALM, disabled.id(), Map.of("enabled", false));
        waitingPageFor(env.browser(), env.app(CLIENT).login(), disabled.email());

        SignIn.noMail(env.mailbox(), disabled.email());
        assertThat(admin.get("/realms/" + REALM + "/users?exact=true&email=" + disabled.email()).size()).isEqualTo(1);
    }

    @Test
    void withRegistrationOffAnUnknownAddressGetsNoMail() {
        admin.put("/realms/" + REALM, Map.of("registrationAllowed", false));
        try {
            String email = TestUsers.uniqueEmail("closed");
            waitingPageFor(env.browser(), env.app(CLIENT).login(), email);
            SignIn.noMail(env.mailbox(), email);
            assertThat(accountExists(email)).isFalse();
        } finally {
            admin.put("/realms/" + REALM, Map.of("registrationAllowed", true));
        }
    }

    @Test
    void withTheStepOptionOffAnUnknownAddressGetsNoMail() {
        try (ExecutionConfig ignored = ExecutionConfig.change(admin, REALM, FLOW, "einlass-magic-link",
                Map.of("einlass.magic-link.self-registration", "false"))) {
            String email = TestUsers.uniqueEmail("option-off");
            waitingPageFor(env.browser(), env.app(CLIENT).login(), email);
            SignIn.noMail(env.mailbox(), email);
            assertThat(accountExists(email)).isFalse();
        }
    }

    /**
     * The realm's user profile decides which addresses may register (here an admin allows only one domain): an
     * address it refuses gets the same page and mail, but confirming creates nothing.
     */
    @Test
    void anAddressTheRealmsUserProfileRefusesCreatesNothing() {
        String path = "/realms/" + REALM + "/users/profile";
        JsonNode original = admin.get(path);
        com.fasterxml.jackson.databind.node.ObjectNode changed = original.deepCopy();
        for (JsonNode attribute : changed.path("attributes")) {
            if ("email".equals(attribute.path("name").asText())) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) attribute.path("validations"))
                        .putObject("pattern").put("pattern", "^[^@]+@customer\\.example$").put("error-message", "only customer.example");
            }
        }
        admin.put(path, changed);
        try {
            String email = TestUsers.uniqueEmail("elsewhere").replaceAll("@.*", "@elsewhere.example");
            Page waiting = waitingPageFor(env.browser(), env.app(CLIENT).login(), email);
            Page after = SignIn.typeCode(waiting, SignIn.code(env.mailbox().next(email)));

            assertThat(after.status()).isEqualTo(400);
            assertThat(after.text()).doesNotContain("Exception");
            assertThat(accountExists(email)).isFalse();
        } finally {
            admin.put(path, original);
        }
    }

    /** A registration code counts in no brute-force detection (no user yet): ten tries per address and day. */
    @Test
    void registrationCodesAreCappedPerAddressAndDay() {
        String email = TestUsers.uniqueEmail("code-cap");
        int refused = 0;
        for (int link = 0; link < 3; link++) {
            Browser browser = env.browser();
            Page waiting = waitingPageFor(browser, env.app(CLIENT).login(), email);
            String code = SignIn.code(env.mailbox().next(email));
            String wrong = code.equals("000000") ? "111111" : "000000";
            for (int i = 0; i < 4; i++) {
                waiting = SignIn.typeCode(waiting, wrong);
                if (waiting.text().contains("Too many wrong codes")) {
                    refused++;
                }
            }
            if (link == 2) {
                Page last = SignIn.typeCode(waiting, code);
                assertThat(last.has("#einlass-magic-link")).as("the right code, after the day's tries, creates nothing").isTrue();
            }
        }
        assertThat(refused).as("tries 11 and 12 refused").isGreaterThanOrEqualTo(2);
        assertThat(accountExists(email)).isFalse();
    }

    @Test
    void thePasswordResetNeverRegisters() {
        String email = TestUsers.uniqueEmail("reset-reg");
        SignIn.requestReset(env.browser(), env.portalApp().login(), email);
        SignIn.noMail(env.mailbox(), email);
        assertThat(accountExists(email)).isFalse();
    }

    /** The whole registration in Chromium under the realm's strict CSP, with the mail in the page's language. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void inChromiumANewCustomerRegistersByLinkInTheirLanguage(String lang) {
        String email = TestUsers.uniqueEmail("chrome-reg-" + lang);
        try (Chrome chrome = Chrome.start(lang)) {
            chrome.open(env.app(CLIENT).login().url());
            chrome.type("#email", email);
            chrome.click("#einlass-continue");
            assertThat(chrome.has("#einlass-magic-link")).isTrue();
            Mail mail = env.mailbox().next(email);
            assertThat(mail.subject()).startsWith("de".equals(lang) ? "Ihr Konto bei" : "Create your account at");

            chrome.open(SignIn.link(mail));
            assertThat(chrome.text("#kc-page-title")).isEqualTo("de".equals(lang) ? "Ihr Konto anlegen" : "Create your account");
            chrome.shoot("register-landing");
            chrome.click("#einlass-confirm");
            assertThat(chrome.has("#kc-update-profile-form")).isTrue();
            chrome.shoot("register-profile");
            chrome.type("#firstName", "Chris");
            chrome.type("#lastName", "Chrome");
            chrome.click("#kc-update-profile-form [type=submit]");
            assertThat(chrome.url()).startsWith(env.appRedirect());
            chrome.assertNoProblems("registration");
        }
        assertThat(accountExists(email)).isTrue();
    }

    /** Keycloak's profile page (required action UPDATE_PROFILE), then any further required pages are left to the test. */
    private static Page fillProfile(Page profile, String first, String last) {
        assertThat(profile.has("#kc-update-profile-form")).as("the profile page, got:\n" + profile).isTrue();
        return profile.form("#kc-update-profile-form").set("firstName", first).set("lastName", last).submit();
    }

    private static List<String> shape(Page page) {
        return page.select("form input, form button").stream()
                .map(e -> e.tagName() + ":" + e.attr("name") + ":" + e.attr("type"))
                .toList();
    }
}
