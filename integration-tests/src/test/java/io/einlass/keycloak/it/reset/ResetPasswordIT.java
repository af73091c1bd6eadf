package io.einlass.keycloak.it.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.Cookie;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.Mail;
import io.einlass.keycloak.it.support.Mailbox;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.RealmSmtp;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.SlowSmtpProxy;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Totp;
import org.junit.jupiter.api.Test;

/**
 * Seeds 000 and 004: "Forgot password?". The reset page answers every address alike (page, cookies, events, time),
 * the link works once and only for the reset, and a user with an authenticator app still enters its code.
 */
@EinlassTest
class ResetPasswordIT {

    private static final String REALM = EinlassEnvironment.REALM;

    private final EinlassEnvironment env;
    private final Mailbox mailbox;
    private final AdminClient admin;
    private final TestUsers users;

    ResetPasswordIT(EinlassEnvironment env) {
        this.env = env;
        this.mailbox = env.mailbox();
        this.admin = env.admin();
        this.users = new TestUsers(admin, REALM);
    }

    private record Observed(Page resetPage, Page waiting, String waitingText, Set<String> cookies) {
    }

    private Observed observe(String email) {
        Browser browser = env.browser();
        Page passwordPage = SignIn.enterEmail(SignIn.start(browser, env.portalApp().login()), email);
        Page resetPage = SignIn.forgotPassword(passwordPage);
        Page waiting = resetPage.form("#einlass-identify-form").set("email", email).submit();
        Set<String> cookies = new TreeSet<>();
        for (Cookie c : browser.cookies().history()) {
            cookies.add(c.name() + ";" + c.path() + ";" + c.httpOnly() + ";" + c.secure() + ";" + c.sameSite());
        }
        String text = waiting.text().replace(email, "EMAIL").replaceAll("\\b\\d{2}:\\d{2} [A-Z]+\\b", "HH:MM")
                .replaceAll("enter this number: \\d{2}", "enter this number: NN").replaceAll("possible in \\d+ s", "possible in N s");
        return new Observed(resetPage, waiting, text, cookies);
    }

    @Test
    void unknownDisabledAndPasswordlessAddressesGetTheSamePageCookiesAndEventsAsARealOne() {
        TestUser real = users.withPassword("reset-real");
        TestUser passwordless = users.withoutPassword("reset-nopw");
        TestUser disabled = users.withPassword("reset-disabled");
        admin.updateUser(REALM, disabled.id(), Map.of("enabled", false));
        String unknown = TestUsers.uniqueEmail("reset-unknown");

        Observed reference = observe(real.email());
        assertThat(reference.resetPage().element("#kc-page-title").text()).isEqualTo("Forgot your password?");
        assertThat(reference.resetPage().element("#email").attr("value")).as("the address typed before").isEqualTo(real.email());
        assertThat(reference.waiting().status()).isEqualTo(200);
        assertThat(reference.waiting().element("#einlass-sent-to").text())
                .isEqualTo("If " + real.email() + " belongs to an account, we have sent a link and a code to reset the password to it, and to the account's confirmed recovery address if it has one.");
        assertThat(mailbox.next(real.email()).subject()).isEqualTo("Reset your password for Customer Portal");

        for (String other : List.of(unknown, disabled.email(), passwordless.email())) {
            Observed observed = observe(other);
            assertThat(observed.resetPage().status()).as(other).isEqualTo(reference.resetPage().status());
            assertThat(observed.waiting().status()).as(other).isEqualTo(reference.waiting().status());
            assertThat(observed.waitingText()).as(other).isEqualTo(reference.waitingText());
            assertThat(observed.cookies()).as(other).isEqualTo(reference.cookies());
        }
        // same event type for everyone, a success; only the detail says whether a mail went out
        // (the event keeps an address without a usable account only as a digest)
        for (String email : List.of(real.email(), admin.addressDigest(REALM, unknown), admin.addressDigest(REALM, disabled.email()))) {
            JsonNode event = admin.awaitEvent(REALM, "SEND_RESET_PASSWORD", e -> email.equals(e.path("details").path("email").asText()));
            assertThat(event.path("details").path("auth_method").asText()).isEqualTo("einlass-reset-email");
        }
        assertThat(admin.allEvents(REALM)).as("no event names the unknown address").noneMatch(e -> e.toString().contains(unknown));
        assertThat(admin.events(REALM, "SEND_RESET_PASSWORD_ERROR")).noneMatch(e -> unknown.equals(e.path("details").path("email").asText()));
        // a password-less account (signs in by link) may set a password this way
        assertThat(mailbox.next(passwordless.email()).subject()).isEqualTo("Reset your password for Customer Portal");
        SignIn.noMail(mailbox, unknown);
        SignIn.noMail(mailbox, disabled.email());
    }

    /**
     * The defect: Keycloak's own reset step sends over SMTP in the request, for real users only. The mail server
     * here answers after 2 s, so a request that waited for it would be 2 s slower for a real address. Known and
     * unknown requests alternate, so a loaded machine slows both alike; the assertion is on their difference only
     * (no absolute time), with a margin of half the delay: it does not flake beside another Keycloak under load and
     * still fails at once if the request thread waits for the mail server.
     */
    @Test
    void aSlowMailServerDoesNotMakeRealAddressesSlowerThanUnknownOnes() {
        int delayMillis = 2_000;
        try (SlowSmtpProxy slow = SlowSmtpProxy.start(mailbox.port(), delayMillis);
             RealmSmtp ignored = RealmSmtp.port(admin, REALM, slow.port())) {
            List<Long> known = new ArrayList<>();
            List<Long> unknown = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                known.add(resetRequestMillis(users.withPassword("reset-timing").email()));
                unknown.add(resetRequestMillis(TestUsers.uniqueEmail("reset-timing-unknown")));
            }
            long difference = median(known) - median(unknown);
            assertThat(difference).as("real addresses answer like unknown ones: known %s ms, unknown %s ms", known, unknown)
                    .isLessThan(delayMillis / 2);
        }
    }

    private long resetRequestMillis(String email) {
        Browser browser = env.browser();
        Page resetPage = SignIn.forgotPassword(SignIn.enterEmail(SignIn.start(browser, env.portalApp().login()), email));
        var form = resetPage.form("#einlass-identify-form").set("email", email);
        long start = System.nanoTime();
        Page waiting = form.submit();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(waiting.has("#einlass-magic-link")).isTrue();
        return millis;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void theLinkWorksOnceAndAUserWithAnAuthenticatorStillEntersTheCode() {
        TestUser user = users.withPasswordAndOtp("reset-otp");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        SignIn.requestReset(browser, login, user.email());
        Mail mail = mailbox.next(user.email());
        assertThat(mail.text()).contains("Valid for 30 minutes").contains("you will be asked for its code as well");
        String link = SignIn.link(mail);

        assertThat(env.browser(Browser.MAIL_SCANNER).open(link).has("#einlass-confirm-form")).as("a scanner changes nothing").isTrue();
        Page landing = browser.open(link);
        assertThat(landing.element("#kc-page-title").text()).isEqualTo("Reset your password");
        Page otp = landing.form("#einlass-confirm-form").submit("decision", "confirm");
        assertThat(otp.has("#kc-otp-login-form")).as("the authenticator code comes before the new password").isTrue();
        assertThat(otp.has("#trustBrowser")).as("no trust offered in a recovery").isFalse();
        Page wrong = otp.form("#kc-otp-login-form").set("otp", "000000".equals(Totp.now(user.otpSecret())) ? "111111" : "000000").submit();
        assertThat(wrong.has("#password-new")).as("a wrong code does not lead on").isFalse();
        Page newPassword = wrong.form("#kc-otp-login-form").set("otp", Totp.fresh(user.otpSecret(), null)).submit();
        assertThat(newPassword.has("#password-new")).isTrue();
        String password = "New-Password-" + System.nanoTime();
        Page done = newPassword.form("#kc-passwd-update-form").set("password-new", password).set("password-confirm", password).submit();
        assertThat(login.complete(done).idClaims().path("email").asText()).isEqualTo(user.email());

        assertThat(env.browser().open(link).status()).as("the link worked once").isEqualTo(410);
        admin.clearBruteForce(REALM, user.id());
    }

    @Test
    void aResetLinkSignsNobodyInAndAnEarlierSignInLinkOfTheSameBrowserStopsWorking() {
        TestUser user = users.withPassword("reset-kinds");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        // a sign-in link first, then "Forgot Password?" in the same sign-in
        Page waiting = SignIn.requestLink(browser, login, user.email());
        String signInLink = SignIn.link(mailbox.next(user.email()));
        Page backToPassword = SignIn.choose(waiting, "einlass-password");
        Page resetWaiting = SignIn.forgotPassword(backToPassword).form("#einlass-identify-form").submit();
        assertThat(resetWaiting.element("#kc-page-title").text()).isEqualTo("Check your inbox");
        String resetLink = SignIn.link(mailbox.next(user.email()));

        Page old = browser.open(signInLink);
        assertThat(old.status()).as("the sign-in link of the abandoned attempt").isEqualTo(410);

        // the reset link continues the reset: the new-password page, never straight into the app
        Page next = SignIn.openAndConfirm(browser, resetLink);
        assertThat(next.isRedirectAway()).isFalse();
        assertThat(next.has("#password-new")).isTrue();
    }

    @Test
    void theResetLinkStopsWorkingWhenThePasswordChangedMeanwhile() {
        TestUser user = users.withPassword("reset-stamp");
        SignIn.requestReset(env.browser(), env.portalApp().login(), user.email());
        String link = SignIn.link(mailbox.next(user.email()));
        admin.resetPassword(REALM, user.id(), "Changed-" + System.nanoTime());
        Page page = env.browser().open(link);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.has("#einlass-confirm-form")).isFalse();
    }
}
