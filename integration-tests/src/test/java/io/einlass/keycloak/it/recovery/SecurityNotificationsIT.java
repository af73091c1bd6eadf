package io.einlass.keycloak.it.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.Mail;
import io.einlass.keycloak.it.support.Mailbox;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.RealmSmtp;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Totp;
import org.junit.jupiter.api.Test;

/**
 * Seed 002: "we send information about security-relevant activity on your account to the recovery address, for
 * example when your password was changed". Primary and confirmed recovery address both get it, in the user's
 * language; it never blocks the change.
 */
@EinlassTest
class SecurityNotificationsIT {

    private static final String REALM = EinlassEnvironment.REALM;

    private final EinlassEnvironment env;
    private final Mailbox mailbox;
    private final AdminClient admin;
    private final TestUsers users;

    SecurityNotificationsIT(EinlassEnvironment env) {
        this.env = env;
        this.mailbox = env.mailbox();
        this.admin = env.admin();
        this.users = new TestUsers(admin, REALM);
    }

    /** A user with a password, a stored language and a confirmed recovery address (set by an admin). */
    private TestUser user(String name, String locale, String recovery) {
        TestUser user = users.withPassword(name);
        JsonNode rep = admin.user(REALM, user.id());
        Map<String, Object> attributes = new java.util.HashMap<>();
        rep.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue()));
        attributes.put("locale", List.of(locale));
        if (recovery != null) {
            attributes.put("recoveryEmail", List.of(recovery));
        }
        admin.updateUser(REALM, user.id(), Map.of("attributes", attributes));
        return user;
    }

    private Page changePassword(Browser browser, TestUser user, String newPassword) {
        OidcApp.Login first = env.portalApp().login();
        first.complete(SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, first), user.email()), user.password()));
        Page form = browser.open(env.portalApp().login(Map.of("kc_action", "UPDATE_PASSWORD")).url());
        return form.form("#kc-passwd-update-form").set("password-new", newPassword).set("password-confirm", newPassword).submit();
    }

    @Test
    void aPasswordChangeIsToldToThePrimaryAndTheRecoveryAddressInTheUsersLanguage() {
        String recovery = TestUsers.uniqueEmail("note-de-private");
        TestUser user = user("note-de", "de", recovery);
        Browser browser = env.browser(Browser.FIREFOX_WINDOWS);
        Page back = changePassword(browser, user, "New-Password-" + System.nanoTime());
        assertThat(back.isRedirectAway()).as("the change goes through").isTrue();

        for (String address : List.of(user.email(), recovery)) {
            Mail mail = mailbox.next(address);
            assertThat(mail.subject()).as(address).isEqualTo("Ihr Passwort wurde geändert (Customer Portal)");
            assertThat(mail.text()).contains("Das Passwort Ihres Kontos " + user.email() + " bei Customer Portal wurde geändert.")
                    .contains("IP-Adresse: " + browser.clientIp())
                    .contains("Gerät: Firefox unter Windows")
                    .containsPattern("Wann: \\d{2}\\.\\d{2}\\.\\d{4}, \\d{2}:\\d{2} ME(S)?Z")
                    .contains("/realms/portal/einlass/account");
            assertThat(mail.html()).contains("Sicherheitseinstellungen prüfen");
        }
        // one change, one mail per address (Keycloak fires two events for it)
        mailbox.assertNoMail(user.email(), Duration.ofSeconds(2));
    }

    @Test
    void aPendingRecoveryAddressReceivesNothingButItsConfirmation() {
        TestUser user = user("note-pending", "en", null);
        Browser browser = env.browser();
        OidcApp.Login first = env.portalApp().login();
        first.complete(SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, first), user.email()), user.password()));
        String pending = TestUsers.uniqueEmail("note-pending-private");
        Page action = browser.open(env.portalApp().login(Map.of("kc_action", "einlass-recovery-email")).url());
        action.form("#einlass-recovery-email-form").set("recovery-email", pending).submit("send");
        assertThat(mailbox.next(pending).subject()).isEqualTo("Confirm your recovery address for Customer Portal");

        Page form = browser.open(env.portalApp().login(Map.of("kc_action", "UPDATE_PASSWORD")).url());
        String password = "New-Password-" + System.nanoTime();
        form.form("#kc-passwd-update-form").set("password-new", password).set("password-confirm", password).submit();
        assertThat(mailbox.next(user.email()).subject()).isEqualTo("Your password was changed (Customer Portal)");
        mailbox.assertNoMail(pending, Duration.ofSeconds(3));
    }

    @Test
    void trustingABrowserAndAnAdminsPasswordResetAreToldToo() {
        String recovery = TestUsers.uniqueEmail("note-trust-private");
        TestUser withOtp = users.withPasswordAndOtp("note-trust");
        JsonNode rep = admin.user(REALM, withOtp.id());
        admin.updateUser(REALM, withOtp.id(), Map.of("attributes", Map.of("recoveryEmail", List.of(recovery))));
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page otp = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, login), withOtp.email()), withOtp.password());
        login.complete(otp.form("#kc-otp-login-form").set("otp", Totp.fresh(withOtp.otpSecret(), null)).check("trustBrowser").submit());
        for (String address : List.of(withOtp.email(), recovery)) {
            assertThat(mailbox.next(address).subject()).isEqualTo("A browser is now trusted (Customer Portal)");
        }

        admin.resetPassword(REALM, withOtp.id(), "Admin-Set-" + System.nanoTime());
        for (String address : List.of(withOtp.email(), recovery)) {
            assertThat(mailbox.next(address).subject()).isEqualTo("Your password was reset (Customer Portal)");
        }
        assertThat(rep).isNotNull();
    }

    @Test
    void settingUpAnAuthenticatorAppIsTold() {
        String recovery = TestUsers.uniqueEmail("note-totp-private");
        TestUser user = user("note-totp", "en", recovery);
        Browser browser = env.browser();
        OidcApp.Login first = env.portalApp().login();
        first.complete(SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, first), user.email()), user.password()));
        Page setup = browser.open(env.portalApp().login(Map.of("kc_action", "CONFIGURE_TOTP")).url());
        var form = setup.form("#kc-totp-settings-form");
        String secret = form.value("totpSecret");
        Page back = form.set("totp", Totp.now(secret)).set("userLabel", "Phone").submit();
        assertThat(back.isRedirectAway()).as(back.text()).isTrue();
        for (String address : List.of(user.email(), recovery)) {
            assertThat(mailbox.next(address).subject()).isEqualTo("An authenticator app was set up (Customer Portal)");
        }
    }

    @Test
    void aMailServerThatIsDownNeverFailsTheChangeAndTheFinalFailureIsRecorded() throws Exception {
        TestUser user = user("note-smtp-down", "en", TestUsers.uniqueEmail("note-smtp-down-private"));
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Browser browser = env.browser();
        OidcApp.Login first = env.portalApp().login();
        first.complete(SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, first), user.email()), user.password()));
        try (RealmSmtp ignored = RealmSmtp.port(admin, REALM, closed)) {
            Page form = browser.open(env.portalApp().login(Map.of("kc_action", "UPDATE_PASSWORD")).url());
            String password = "New-Password-" + System.nanoTime();
            long start = System.nanoTime();
            Page back = form.form("#kc-passwd-update-form").set("password-new", password).set("password-confirm", password).submit();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(back.isRedirectAway()).as("the change succeeds").isTrue();
            assertThat(millis).as("and does not wait for the mail server").isLessThan(5_000);
            JsonNode failure = null;
            for (int i = 0; i < 60 && failure == null; i++) {
                failure = admin.events(REALM, "EXECUTE_ACTIONS_ERROR").stream()
                        .filter(e -> user.id().equals(e.path("userId").asText())).findFirst().orElse(null);
                Thread.sleep(500);
            }
            assertThat(failure).as("an event after the last of three attempts").isNotNull();
            assertThat(failure.path("details").path("einlass_notification").asText()).isEqualTo("password-changed");
            assertThat(failure.path("error").asText()).isEqualTo("delivery_failed");
        }
    }
}
