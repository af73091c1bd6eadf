package io.einlass.keycloak.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Chrome;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.Mail;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Totp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The journeys of the seed help pages, walked end to end in headless Chromium against the real server, in English
 * and German, with screenshots at 375 and 1280 px ({@code target/screenshots/}). Every page is checked for console
 * errors, CSP violations (the realm ships a strict CSP) and sideways scrolling on a phone.
 */
@EinlassTest
class BrowserJourneysIT {

    private static final String REALM = EinlassEnvironment.REALM;

    private final EinlassEnvironment env;
    private final AdminClient admin;
    private final TestUsers users;

    BrowserJourneysIT(EinlassEnvironment env) {
        this.env = env;
        this.admin = env.admin();
        this.users = new TestUsers(admin, REALM);
    }

    @BeforeAll
    static void chromiumIsThere() {
        Chrome.assumeInstalled();
    }

    private String appSignIn(String clientId) {
        return env.app(clientId).login().url();
    }

    private static boolean german(String lang) {
        return lang.equals("de");
    }

    /** Seeds 003/004: sign in by link, authenticator code, trust this browser; later sign-ins skip the code. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void signInByLinkWithAuthenticatorCodeAndTrustTheBrowser(String lang) {
        TestUser user = users.withPasswordAndOtp("journey-link-" + lang);
        try (Chrome chrome = Chrome.start(lang)) {
            chrome.open(appSignIn("portal-app"));
            assertThat(chrome.text("#kc-page-title")).isEqualTo(german(lang) ? "Anmelden" : "Sign in");
            assertThat(chrome.find("html").getAttribute("lang")).isEqualTo(lang);
            assertThat(chrome.find("#email").getAttribute("autocomplete")).isEqualTo("username");
            assertThat(chrome.find("#email").getAttribute("type")).isEqualTo("email");
            chrome.shoot("signin-email");

            chrome.type("#email", user.email());
            chrome.click("#einlass-continue");
            assertThat(chrome.has("#password")).isTrue();
            chrome.shoot("signin-password");

            chrome.click("#einlass-switch-einlass-magic-link");
            assertThat(chrome.text("#kc-page-title")).isEqualTo(german(lang) ? "Prüfen Sie Ihr Postfach" : "Check your inbox");
            assertThat(chrome.find("#code").getAttribute("inputmode")).isEqualTo("numeric");
            assertThat(chrome.find("#code").getAttribute("autocomplete")).isEqualTo("one-time-code");
            chrome.shoot("signin-link-waiting");

            Mail mail = env.mailbox().next(user.email());
            chrome.open(SignIn.link(mail));
            chrome.shoot("signin-link-landing");
            chrome.click("#einlass-confirm");

            assertThat(chrome.has("#otp")).as("the authenticator code follows the link").isTrue();
            assertThat(chrome.has("#trustBrowser")).isTrue();
            assertThat(chrome.find("#trustBrowser").isSelected()).as("unchecked by default").isFalse();
            chrome.shoot("signin-otp");
            chrome.type("#otp", Totp.fresh(user.otpSecret(), null));
            chrome.find("#trustBrowser").click();
            chrome.click("#kc-login");
            assertThat(chrome.url()).startsWith(env.appRedirect());

            // the session ends; the next sign-in in this browser skips the code
            chrome.open(env.realmUrl() + "/.well-known/openid-configuration");
            chrome.deleteCookie("KEYCLOAK_IDENTITY");
            chrome.deleteCookie("KEYCLOAK_SESSION");
            chrome.open(appSignIn("portal-app"));
            chrome.type("#email", user.email());
            chrome.click("#einlass-continue");
            chrome.type("#password", user.password());
            chrome.click("#kc-login");
            assertThat(chrome.url()).as("trusted: no code asked").startsWith(env.appRedirect());
            chrome.assertNoProblems("trusted sign-in");
        }
    }

    /** The mail is read on the phone: the phone approves the waiting computer, which continues by itself (script). */
    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void linkOpenedOnAnotherDeviceApprovesTheWaitingBrowser(String lang) {
        TestUser user = users.withoutPassword("journey-devices-" + lang);
        try (Chrome computer = Chrome.start(lang); Chrome phone = Chrome.start(lang)) {
            computer.open(appSignIn("portal-passwordless"));
            computer.type("#email", user.email());
            computer.click("#einlass-continue");
            String number = computer.text("#einlass-match");
            String link = SignIn.link(env.mailbox().next(user.email()));

            phone.open(link);
            assertThat(phone.has("#match")).isTrue();
            assertThat(phone.find("#match").getAttribute("inputmode")).isEqualTo("numeric");
            phone.shoot("signin-link-other-device");
            phone.type("#match", number);
            phone.click("#einlass-confirm");
            phone.shoot("signin-link-approved");

            // the waiting page polls (einlass-magic-link.js) and continues to the app without a click
            long deadline = System.currentTimeMillis() + 20_000;
            while (!computer.url().startsWith(env.appRedirect()) && System.currentTimeMillis() < deadline) {
                sleep(500);
            }
            assertThat(computer.url()).startsWith(env.appRedirect());
            computer.assertNoProblems("waiting page");

            phone.expectStatusError();
            phone.open(link);
            phone.shoot("signin-link-used");
        }
    }

    /** Seed 000: forgot password. The link by email, then the authenticator code (never skipped), then the new password. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void forgotPasswordNeverSkipsTheAuthenticatorCode(String lang) {
        TestUser user = users.withPasswordAndOtp("journey-forgot-" + lang);
        try (Chrome chrome = Chrome.start(lang)) {
            chrome.open(appSignIn("portal-app"));
            chrome.type("#email", user.email());
            chrome.click("#einlass-continue");
            chrome.click("#einlass-forgot-password");
            chrome.shoot("forgot-password");
            assertThat(chrome.find("#email").getAttribute("value")).as("the address typed before").isEqualTo(user.email());
            chrome.click("#einlass-continue");
            chrome.shoot("forgot-password-sent");

            Mail mail = env.mailbox().next(user.email());
            assertThat(mail.subject()).isEqualTo(german(lang) ? "Passwort zurücksetzen für Customer Portal" : "Reset your password for Customer Portal");
            assertThat(mail.text()).contains(german(lang) ? "Gültig für 30 Minuten" : "Valid for 30 minutes");
            chrome.open(mail.link("/einlass/magic-link?"));
            chrome.shoot("forgot-password-landing");
            chrome.click("#einlass-confirm");
            assertThat(chrome.has("#otp")).as("the authenticator code is asked before the new password").isTrue();
            assertThat(chrome.has("#trustBrowser")).as("no trust offered in recovery").isFalse();
            chrome.shoot("forgot-password-otp");
            chrome.type("#otp", Totp.fresh(user.otpSecret(), null));
            chrome.click("#kc-login");

            assertThat(chrome.has("#password-new")).isTrue();
            chrome.shoot("update-password");
            String newPassword = "New-Password-" + System.nanoTime();
            chrome.type("#password-new", newPassword);
            chrome.type("#password-confirm", newPassword);
            chrome.click("#kc-submit");
            assertThat(chrome.url()).startsWith(env.appRedirect());
            chrome.assertNoProblems("after reset");
        }
    }

    /** Seeds 000/004: an admin creates the account; the customer activates it from the mail and sets a password. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void activationFromTheMailSetsTheOwnPassword(String lang) {
        String email = TestUsers.uniqueEmail("journey-activate-" + lang);
        String id = admin.createUser(REALM, email, null, Map.of("locale", List.of(lang)));
        admin.updateUser(REALM, id, Map.of("firstName", "", "lastName", ""));
        sendActions(id, List.of("UPDATE_PASSWORD"));
        Mail mail = env.mailbox().next(email);
        assertThat(mail.subject()).isEqualTo(german(lang) ? "Aktivieren Sie Ihr Konto" : "Activate your account");
        assertThat(mail.text()).contains(german(lang) ? "3 Tage gültig" : "valid for 3 days");
        try (Chrome chrome = Chrome.start(lang)) {
            chrome.open(mail.link("/login-actions/action-token"));
            java.util.Set<String> seen = walkRequiredActions(chrome, "activation");
            assertThat(seen).contains("password", "profile");
        }
        assertThat(admin.user(REALM, id).path("firstName").asText()).isEqualTo("Erika");
    }

    /**
     * Completes Keycloak's required-action pages in whatever order they come, screenshotting each, until the app is
     * reached. Returns the kinds of page seen (password, totp, profile).
     */
    private java.util.Set<String> walkRequiredActions(Chrome chrome, String prefix) {
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (int step = 0; step < 10 && !chrome.url().startsWith(env.appRedirect()); step++) {
            if (chrome.has("#password-new")) {
                seen.add("password");
                chrome.shoot(prefix + "-password");
                String password = "Chosen-" + System.nanoTime();
                chrome.type("#password-new", password);
                chrome.type("#password-confirm", password);
                chrome.click("#kc-submit");
            } else if (chrome.has("#kc-totp-secret-qr-code")) {
                seen.add("totp");
                assertThat(chrome.find("#einlass-copy-secret").isDisplayed()).as("copy button shown by the page script").isTrue();
                chrome.shoot("totp-setup");
                byte[] key = Totp.base32(chrome.text("#kc-totp-secret-key"));
                chrome.type("#totp", Totp.nowForKey(key));
                chrome.type("#userLabel", "Phone");
                chrome.click("#saveTOTPBtn");
            } else if (chrome.has("#kc-update-profile-form")) {
                seen.add("profile");
                assertThat(chrome.has("#zoneinfo")).as("time zone on the profile page").isTrue();
                assertThat(chrome.find("#zoneinfo").getAttribute("value")).isEqualTo("Europe/Zurich");
                chrome.shoot("invitation".equals(prefix) ? "profile" : prefix + "-profile");
                if (chrome.find("#firstName").getAttribute("value").isBlank()) {
                    chrome.type("#firstName", "Erika");
                }
                if (chrome.find("#lastName").getAttribute("value").isBlank()) {
                    chrome.type("#lastName", "Muster");
                }
                chrome.click("#kc-update-profile-form [type=submit]");
            } else if (chrome.has("#kc-info-message a")) {
                chrome.shoot(prefix + "-info");
                chrome.click("#kc-info-message a");
            } else {
                throw new AssertionError("unexpected page: " + chrome.url() + "\n" + chrome.text("body"));
            }
        }
        assertThat(chrome.url()).startsWith(env.appRedirect());
        chrome.assertNoProblems("end of " + prefix);
        return seen;
    }

    /** Seed 001: invitation with mandatory authenticator app, then the profile with time zone and language. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void invitationWithMandatoryAuthenticatorAppAndTimeZone(String lang) {
        String email = TestUsers.uniqueEmail("journey-invite-" + lang);
        String id = admin.createUser(REALM, email, null, Map.of("locale", List.of(lang)));
        sendActions(id, List.of("UPDATE_PASSWORD", "CONFIGURE_TOTP", "UPDATE_PROFILE"));
        Mail mail = env.mailbox().next(email);
        try (Chrome chrome = Chrome.start(lang)) {
            chrome.open(mail.link("/login-actions/action-token"));
            assertThat(walkRequiredActions(chrome, "invitation")).contains("password", "totp", "profile");
        }
        assertThat(admin.user(REALM, id).path("attributes").path("zoneinfo").get(0).asText()).isEqualTo("Europe/Zurich");
        assertThat(admin.credentials(REALM, id)).anyMatch(c -> "otp".equals(c.path("type").asText()));
    }

    /** A tenant's app shows its own name, colour, logo and support contact (client attributes). */
    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void aTenantAppShowsItsOwnBranding(String lang) {
        try (Chrome chrome = Chrome.start(lang)) {
            chrome.open(appSignIn("acme-portal"));
            assertThat(chrome.text("#einlass-product")).isEqualTo("ACME Kundenportal");
            assertThat(chrome.find(".einlass-logo").getAttribute("src")).endsWith("/img/tenant-acme.svg");
            assertThat(chrome.script("return getComputedStyle(document.documentElement).getPropertyValue('--einlass-primary').trim()"))
                    .isEqualTo("#0a7a3e");
            assertThat(chrome.text("#einlass-support")).contains("support@acme.example");
            chrome.shoot("tenant-acme");

            chrome.open(appSignIn("portal-app"));
            assertThat(chrome.text("#einlass-product")).isEqualTo("Customer Portal");
        }
    }

    /** Pages for things that went wrong are branded and clear too. */
    /** Seed 002: the app sends the signed-in customer to "Add a recovery email"; the link in the mail confirms it. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void addARecoveryEmailFromTheApp(String lang) {
        TestUser user = users.withPassword("journey-recovery-" + lang);
        String address = TestUsers.uniqueEmail("journey-private-" + lang);
        try (Chrome chrome = Chrome.start(lang)) {
            chrome.open(appSignIn("portal-app"));
            chrome.type("#email", user.email());
            chrome.click("#einlass-continue");
            chrome.type("#password", user.password());
            chrome.click("#kc-login");
            assertThat(chrome.url()).startsWith(env.appRedirect());

            chrome.open(env.app("portal-app").login(Map.of("kc_action", "einlass-recovery-email")).url());
            assertThat(chrome.text("#kc-page-title")).isEqualTo(german(lang) ? "E-Mail-Adresse zur Wiederherstellung" : "Recovery email address");
            assertThat(chrome.find("#recovery-email").getAttribute("type")).isEqualTo("email");
            chrome.shoot("recovery-email-form");
            chrome.type("#recovery-email", user.email());
            chrome.click("#einlass-recovery-send");
            assertThat(chrome.text("#input-error-recovery-email")).isEqualTo(german(lang)
                    ? "Die Wiederherstellungsadresse muss sich von der Adresse unterscheiden, mit der Sie sich anmelden."
                    : "The recovery address must differ from the address you sign in with.");
            chrome.shoot("recovery-email-refused");
            chrome.find("#recovery-email").clear();
            chrome.type("#recovery-email", address);
            chrome.click("#einlass-recovery-send");
            assertThat(chrome.has("#einlass-recovery-sent")).isTrue();
            chrome.shoot("recovery-email-sent");
            chrome.click("#einlass-recovery-continue");
            assertThat(chrome.url()).startsWith(env.appRedirect()).contains("kc_action_status=success");

            Mail mail = env.mailbox().next(address);
            assertThat(mail.subject()).isEqualTo(german(lang) ? "Bestätigen Sie Ihre Wiederherstellungsadresse für Customer Portal"
                    : "Confirm your recovery address for Customer Portal");
            chrome.open(mail.link("/einlass/recovery-email?"));
            chrome.shoot("recovery-email-landing");
            chrome.click("#einlass-recovery-confirm");
            assertThat(chrome.text("#kc-page-title")).isEqualTo(german(lang) ? "Wiederherstellungsadresse bestätigt" : "Recovery address confirmed");
            chrome.shoot("recovery-email-confirmed");
            chrome.assertNoProblems("after confirming the recovery address");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void addARecoveryPhoneFromTheApp(String lang) {
        TestUser user = users.withPassword("journey-phone-" + lang);
        String number = io.einlass.keycloak.it.support.TestPhones.swissMobile();
        try (Chrome chrome = Chrome.start(lang)) {
            chrome.open(appSignIn("portal-app"));
            chrome.type("#email", user.email());
            chrome.click("#einlass-continue");
            chrome.type("#password", user.password());
            chrome.click("#kc-login");
            assertThat(chrome.url()).startsWith(env.appRedirect());

            chrome.open(env.app("portal-app").login(Map.of("kc_action", "einlass-recovery-phone")).url());
            assertThat(chrome.text("#kc-page-title")).isEqualTo(german(lang) ? "Telefonnummer zur Wiederherstellung" : "Phone number for recovery");
            assertThat(chrome.find("#phone").getAttribute("type")).isEqualTo("tel");
            chrome.shoot("recovery-phone-form");
            chrome.type("#phone", "044 668 18 00");
            chrome.click("#einlass-phone-send");
            assertThat(chrome.text("#input-error-phone")).isEqualTo(german(lang)
                    ? "Diese Nummer kann keine SMS empfangen. Bitte geben Sie eine Mobilnummer ein."
                    : "This number cannot receive SMS. Please enter a mobile number.");
            chrome.shoot("recovery-phone-refused");
            chrome.find("#phone").clear();
            chrome.type("#phone", io.einlass.keycloak.it.support.TestPhones.national(number));
            chrome.click("#einlass-phone-send");
            assertThat(chrome.text("#kc-page-title")).isEqualTo(german(lang) ? "Code aus der SMS eingeben" : "Enter the code from the SMS");
            assertThat(chrome.find("#einlass-phone-resend").getAttribute("disabled")).as("the cooldown").isNotNull();
            String before = chrome.text("#einlass-phone-countdown");
            chrome.shoot("recovery-phone-code");
            String text = io.einlass.keycloak.it.support.Json.parse(env.sms().await(number, 1).get(0).body()).path("text").asText();
            assertThat(text).matches(german(lang)
                    ? "\\d{6} ist Ihr Code für Customer Portal\\. Gültig für 5 Minuten\\. Geben Sie ihn nie weiter\\."
                    : "\\d{6} is your code for Customer Portal\\. Valid for 5 minutes\\. Never share it\\.");
            waitUntil(() -> !chrome.text("#einlass-phone-countdown").equals(before), "the countdown runs (script allowed by the CSP)");
            chrome.type("#code", text.substring(0, 3) + " " + text.substring(3, 6));
            chrome.click("#einlass-phone-verify");
            assertThat(chrome.url()).startsWith(env.appRedirect()).contains("kc_action_status=success");
            chrome.assertNoProblems("after confirming the recovery phone");
        }
        assertThat(admin.user(REALM, user.id()).path("attributes").path("phoneNumber").get(0).asText()).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void theSignInAndSecurityPage(String lang) {
        TestUser user = users.withPasswordAndOtp("journey-account-" + lang);
        admin.updateUser(REALM, user.id(), Map.of("attributes", Map.of(
                "recoveryEmail", List.of(TestUsers.uniqueEmail("journey-account-private-" + lang)),
                "phoneNumber", List.of(io.einlass.keycloak.it.support.TestPhones.swissMobile()), "phoneNumberVerified", List.of("true"))));
        try (Chrome chrome = Chrome.start(lang)) {
            // the page itself starts the sign-in and comes back
            chrome.open(env.realmUrl() + "/einlass/account");
            chrome.type("#email", user.email());
            chrome.click("#einlass-continue");
            chrome.type("#password", user.password());
            chrome.click("#kc-login");
            chrome.type("#otp", Totp.fresh(user.otpSecret(), null));
            chrome.find("#trustBrowser").click();
            chrome.click("#kc-login");
            assertThat(chrome.url()).isEqualTo(env.realmUrl() + "/einlass/account");
            assertThat(chrome.text("#kc-page-title")).isEqualTo(german(lang) ? "Anmeldung und Sicherheit" : "Sign-in and security");
            assertThat(chrome.driver().getTitle()).startsWith(german(lang) ? "Anmeldung und Sicherheit" : "Sign-in and security");
            assertThat(chrome.text("#einlass-trusted-browsers")).contains(german(lang) ? "Dieser Browser" : "This browser");
            assertThat(chrome.text("#einlass-recovery-phone")).contains(german(lang) ? "(bestätigt)" : "(confirmed)");
            chrome.shoot("account-page");

            chrome.click("#einlass-trusted-browsers .einlass-account-row button");
            assertThat(chrome.text(".kc-feedback-text")).isEqualTo(german(lang)
                    ? "Der Browser wurde vergessen. Er fragt beim nächsten Mal wieder nach dem Code."
                    : "The browser was forgotten. It asks for the code again next time.");
            chrome.shoot("account-browser-forgotten");
            chrome.assertNoProblems("on the security page");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void forgotPasswordByPhoneWithTheAuthenticatorAppLost(String lang) {
        String phone = io.einlass.keycloak.it.support.TestPhones.swissMobile();
        TestUser user = users.withPasswordAndOtp("journey-lost-app-" + lang);
        admin.updateUser(REALM, user.id(), Map.of("attributes", Map.of("phoneNumber", List.of(phone), "phoneNumberVerified", List.of("true"))));
        try (Chrome chrome = Chrome.start(lang)) {
            chrome.open(appSignIn("portal-app"));
            chrome.type("#email", user.email());
            chrome.click("#einlass-continue");
            chrome.click("#einlass-forgot-password");
            chrome.click("#einlass-continue");
            assertThat(chrome.has("#einlass-switch-einlass-reset-sms")).isTrue();
            env.mailbox().next(user.email());
            chrome.click("#einlass-switch-einlass-reset-sms");
            assertThat(chrome.text("#kc-page-title")).isEqualTo(german(lang) ? "Code aus der SMS eingeben" : "Enter the code from the SMS");
            chrome.shoot("reset-sms-code");
            String text = io.einlass.keycloak.it.support.Json.parse(env.sms().await(phone, 1).get(0).body()).path("text").asText();
            chrome.type("#code", text.substring(0, 6));
            chrome.click("#einlass-recovery-verify");

            assertThat(chrome.has("#otp")).as("the authenticator code after the SMS").isTrue();
            chrome.click("#try-another-way");
            chrome.shoot("reset-another-way");
            WebElementChoice.click(chrome, german(lang) ? "Ich kann meine Authenticator-App nicht verwenden" : "I can't use my authenticator app");
            assertThat(chrome.text("#kc-page-title")).isEqualTo(german(lang) ? "Auf einem zweiten Weg bestätigen" : "Prove it a second way");
            chrome.shoot("reset-second-proof");
            chrome.click("#einlass-channel-primary_email");
            Mail mail = env.mailbox().next(user.email());
            java.util.regex.Matcher code = java.util.regex.Pattern.compile("\\b(\\d{6})\\b").matcher(mail.text());
            assertThat(code.find()).isTrue();
            chrome.shoot("reset-second-code");
            chrome.type("#code", code.group(1));
            chrome.click("#einlass-recovery-verify");

            assertThat(chrome.has("#kc-totp-secret-key")).as("a new authenticator app first").isTrue();
            byte[] key = Totp.base32(chrome.text("#kc-totp-secret-key"));
            chrome.type("#totp", Totp.nowForKey(key));
            chrome.type("#userLabel", "New phone");
            chrome.click("#saveTOTPBtn");
            assertThat(chrome.has("#password-new")).isTrue();
            String password = "After-Lost-App-" + System.nanoTime();
            chrome.type("#password-new", password);
            chrome.type("#password-confirm", password);
            chrome.click("#kc-submit");
            assertThat(chrome.url()).startsWith(env.appRedirect());
            chrome.assertNoProblems("after the recovery");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void withoutASecondChannelTheLostAppLeadsToSupport(String lang) {
        TestUser user = users.withPasswordAndOtp("journey-support-" + lang);
        try (Chrome chrome = Chrome.start(lang)) {
            chrome.open(appSignIn("portal-app"));
            chrome.type("#email", user.email());
            chrome.click("#einlass-continue");
            chrome.click("#einlass-forgot-password");
            chrome.click("#einlass-continue");
            chrome.open(SignIn.link(env.mailbox().next(user.email())));
            chrome.click("#einlass-confirm");
            chrome.click("#try-another-way");
            WebElementChoice.click(chrome, german(lang) ? "Ich kann meine Authenticator-App nicht verwenden" : "I can't use my authenticator app");
            assertThat(chrome.has("#einlass-recovery-support")).isTrue();
            chrome.shoot("reset-support");
        }
    }

    /** Clicks the choice of Keycloak's "try another way" page whose title is {@code title}. */
    private static final class WebElementChoice {
        static void click(Chrome chrome, String title) {
            for (org.openqa.selenium.WebElement choice : chrome.driver().findElements(org.openqa.selenium.By.cssSelector(".einlass-choice"))) {
                if (choice.getText().contains(title)) {
                    chrome.click("#" + choice.getAttribute("id"));
                    return;
                }
            }
            throw new AssertionError("no choice '" + title + "'");
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        Instant end = Instant.now().plus(Duration.ofSeconds(5));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(end);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void errorPagesAreClear(String lang) {
        try (Chrome chrome = Chrome.start(lang)) {
            chrome.expectStatusError();
            chrome.open(env.realmUrl() + "/einlass/magic-link?t=" + "x".repeat(43) + "&c=portal-app");
            assertThat(chrome.has("#einlass-new-link")).isTrue();
            chrome.shoot("link-invalid");
            chrome.expectStatusError();
            chrome.open(env.realmUrl() + "/protocol/openid-connect/auth?client_id=portal-app&redirect_uri=https%3A%2F%2Fevil.example%2F&response_type=code&scope=openid");
            chrome.shoot("error");
        }
    }

    private void sendActions(String userId, List<String> actions) {
        var response = admin.call("PUT", "/realms/" + REALM + "/users/" + userId + "/execute-actions-email?client_id=portal-app&redirect_uri="
                + io.einlass.keycloak.it.support.Urls.encode(env.appRedirect()), actions);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unused")
    private static Duration since(Instant start) {
        return Duration.between(start, Instant.now());
    }
}
