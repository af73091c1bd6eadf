package io.einlass.keycloak.it.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.Json;
import io.einlass.keycloak.it.support.Mail;
import io.einlass.keycloak.it.support.Mailbox;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.RealmSmtp;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.SlowSmtpProxy;
import io.einlass.keycloak.it.support.SmsGatewayStub;
import io.einlass.keycloak.it.support.TestPhones;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Totp;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Seeds 000, 002, 004: "Forgot password?" through the account's confirmed channels (the sign-in address, the
 * recovery address, the recovery phone), and "I can't use my authenticator app", never skipping the second factor.
 */
@EinlassTest
class RecoveryResetIT {

    private static final String REALM = EinlassEnvironment.REALM;
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private final EinlassEnvironment env;
    private final AdminClient admin;
    private final Mailbox mailbox;
    private final SmsGatewayStub sms;
    private final TestUsers users;

    RecoveryResetIT(EinlassEnvironment env) {
        this.env = env;
        this.admin = env.admin();
        this.mailbox = env.mailbox();
        this.sms = env.sms();
        this.users = new TestUsers(admin, REALM);
    }

    // --- the person's steps ----------------------------------------------------------------------------------

    private TestUser withChannels(TestUser user, String recoveryEmail, String phone) {
        Map<String, List<String>> attributes = new java.util.HashMap<>();
        if (recoveryEmail != null) {
            attributes.put("recoveryEmail", List.of(recoveryEmail));
        }
        if (phone != null) {
            attributes.put("phoneNumber", List.of(phone));
            attributes.put("phoneNumberVerified", List.of("true"));
        }
        admin.updateUser(REALM, user.id(), Map.of("attributes", attributes));
        return user;
    }

    /** "Send a code by SMS instead" on the reset's waiting page. */
    private static Page switchToSms(Page waiting) {
        return SignIn.choose(waiting, "einlass-reset-sms");
    }

    private String lastSmsCode(String number) {
        List<SmsGatewayStub.Received> received = sms.to(number);
        Matcher m = CODE.matcher(Json.parse(received.get(received.size() - 1).body()).path("text").asText());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String mailCode(Mail mail) {
        Matcher m = CODE.matcher(mail.text());
        assertThat(m.find()).as(mail.text()).isTrue();
        return m.group(1);
    }

    private static Page typeCode(Page page, String code) {
        return page.form("#einlass-recovery-code-form").set("code", code).submit("verify");
    }

    private static Page newPassword(Page page, String password) {
        assertThat(page.has("#kc-passwd-update-form")).as(page.text()).isTrue();
        return page.form("#kc-passwd-update-form").set("password-new", password).set("password-confirm", password).submit();
    }

    /** On the authenticator-code page: "Try another way", then "I can't use my authenticator app". */
    private static Page lostAuthenticator(Page otpPage) {
        Page choices = otpPage.form("#kc-select-try-another-way-form").submit("tryAnotherWay");
        for (Element button : choices.select("#kc-select-credential-form button[name=authenticationExecution]")) {
            if (button.text().contains("I can't use my authenticator app")) {
                return choices.form("#kc-select-credential-form").submit("authenticationExecution", button.attr("value"));
            }
        }
        throw new AssertionError("no lost-authenticator choice:\n" + choices.text());
    }

    private String wrong(String code) {
        return "000000".equals(code) ? "111111" : "000000";
    }

    private int sessions(TestUser user) {
        return admin.get("/realms/portal/users/" + user.id() + "/sessions").size();
    }

    private JsonNode finished(TestUser user) {
        return admin.awaitEvent(REALM, "CUSTOM_REQUIRED_ACTION", e -> user.id().equals(e.path("userId").asText())
                && "account_recovered".equals(e.path("details").path("einlass_action").asText()));
    }

    // --- the stories ------------------------------------------------------------------------------------------

    @Test
    void theLinkAlsoGoesToTheConfirmedRecoveryAddressWhichProvesTheResetOnItsOwn() {
        String recovery = TestUsers.uniqueEmail("rr-private");
        TestUser user = withChannels(users.withPasswordAndOtp("rr-mailbox-lost"), recovery, null);
        Browser elsewhere = env.browser();
        OidcApp.Login before = env.portalApp().login();
        Page otpBefore = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(elsewhere, before), user.email()), user.password());
        String earlier = Totp.fresh(user.otpSecret(), null);
        before.complete(otpBefore.form("#kc-otp-login-form").set("otp", earlier).check("trustBrowser").submit());
        assertThat(mailbox.next(user.email()).subject()).isEqualTo("A browser is now trusted (Customer Portal)");
        mailbox.next(recovery);
        assertThat(sessions(user)).isEqualTo(1);
        assertThat(Json.write(admin.credentials(REALM, user.id()))).contains("einlass-trusted-browser");

        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page waiting = SignIn.requestReset(browser, login, user.email());
        assertThat(waiting.has("#einlass-magic-link")).isTrue();
        Mail primary = mailbox.next(user.email());
        Mail toRecovery = mailbox.next(recovery);
        assertThat(toRecovery.subject()).isEqualTo("Reset your password for Customer Portal");
        assertThat(toRecovery.text()).contains("recovery address of the account");
        assertThat(SignIn.link(toRecovery)).as("a link of its own").isNotEqualTo(SignIn.link(primary));

        Page landing = browser.open(SignIn.link(toRecovery));
        Page otp = landing.form("#einlass-confirm-form").submit("decision", "confirm");
        assertThat(otp.has("#kc-otp-login-form")).as("the authenticator code after the recovery address too").isTrue();
        assertThat(otp.has("#trustBrowser")).isFalse();
        Page done = newPassword(otp.form("#kc-otp-login-form").set("otp", Totp.fresh(user.otpSecret(), earlier)).submit(),
                "Recovered-By-Mail-2026!");
        login.complete(done);
        JsonNode event = finished(user);
        assertThat(event.path("details").path("einlass_channel").asText()).isEqualTo("recovery_email");
        assertThat(sessions(user)).as("the other session ended; only the new one").isEqualTo(1);
        assertThat(Json.write(admin.credentials(REALM, user.id()))).as("trusted browsers are gone").doesNotContain("einlass-trusted-browser");
        assertThat(browser.open(SignIn.link(primary)).status()).as("the other link of the reset is over").isIn(410, 400);
        assertThat(mailbox.next(user.email()).subject()).isEqualTo("Your password was reset (Customer Portal)");
        assertThat(mailbox.next(recovery).subject()).isEqualTo("Your password was reset (Customer Portal)");
    }

    /**
     * The SMS gateway is down while someone resets by SMS: the page is the same as ever (it never tells whether an
     * SMS went out), and the failure is recorded once the dispatcher gives up, off the request thread.
     */
    @Test
    void aGatewayOutageDuringAResetKeepsThePageAndIsRecorded() {
        String phone = TestPhones.swissMobile();
        TestUser user = withChannels(users.withPassword("rr-sms-outage"), null, phone);
        sms.failWith(503);
        try {
            Page waiting = SignIn.requestReset(env.browser(), env.portalApp().login(), user.email());
            mailbox.next(user.email());
            Page smsPage = switchToSms(waiting);
            assertThat(smsPage.status()).isEqualTo(200);
            assertThat(smsPage.element("#kc-page-title").text()).isEqualTo("Enter the code from the SMS");
            JsonNode failure = admin.awaitEvent(EinlassEnvironment.REALM, "SEND_RESET_PASSWORD_ERROR",
                    e -> user.id().equals(e.path("userId").asText()) && "phone".equals(e.path("details").path("einlass_channel").asText()));
            assertThat(failure.path("details").path("reason").asText()).isNotBlank();
            assertThat(failure.path("details").path("einlass_phone").asText()).doesNotContain(phone.substring(3));
        } finally {
            sms.failWith(0);
        }
    }

    @Test
    void anSmsCodeToThePhoneOnFileProvesTheResetAndTheAuthenticatorCodeStillFollows() throws Exception {
        String phone = TestPhones.swissMobile();
        TestUser user = withChannels(users.withPasswordAndOtp("rr-sms"), null, phone);
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page waiting = SignIn.requestReset(browser, login, user.email());
        mailbox.next(user.email());
        Page smsPage = switchToSms(waiting);
        assertThat(smsPage.element("#kc-page-title").text()).isEqualTo("Enter the code from the SMS");
        assertThat(smsPage.element("#einlass-recovery-sent").text()).startsWith("If your account has a confirmed recovery phone")
                .doesNotContain(phone.substring(phone.length() - 2) + ".");
        SmsGatewayStub.Received message = sms.await(phone, 1).get(0);
        String code = lastSmsCode(phone);
        assertThat(Json.parse(message.body()).path("text").asText()).contains("reset the password").contains("Valid for 10 minutes");

        Page wrongCode = typeCode(smsPage, wrong(code));
        assertThat(wrongCode.element("#input-error-code").text()).isEqualTo("This code is not correct. Please check it and try again.");
        Page otp = typeCode(wrongCode, code);
        assertThat(otp.has("#kc-otp-login-form")).as("the authenticator code after the SMS:\n" + otp.text()).isTrue();
        assertThat(otp.has("#trustBrowser")).as("no trust offered in a recovery").isFalse();
        String first = Totp.fresh(user.otpSecret(), null);
        Thread.sleep(1_200); // two failures within a second would trip the realm's quick-login check
        Page wrongOtp = otp.form("#kc-otp-login-form").set("otp", wrong(first)).submit();
        assertThat(wrongOtp.has("#kc-passwd-update-form")).isFalse();
        Page done = newPassword(wrongOtp.form("#kc-otp-login-form").set("otp", first).submit(), "Recovered-By-Sms-2026!");
        login.complete(done);
        assertThat(finished(user).path("details").path("einlass_channel").asText()).isEqualTo("phone");
        admin.clearBruteForce(REALM, user.id());
    }

    @Test
    void aNumberOrAddressSentByTheBrowserIsIgnored() {
        String phone = TestPhones.swissMobile();
        String attackers = TestPhones.swissMobile();
        TestUser user = withChannels(users.withPassword("rr-target"), null, phone);
        Browser browser = env.browser();
        Page waiting = SignIn.requestReset(browser, env.portalApp().login(), user.email());
        Page forged = waiting.form("#einlass-alternatives-form")
                .set("phone", attackers).set("phoneNumber", attackers).set("email", "attacker@evil.example")
                .submit("einlass-switch", waiting.element("#einlass-switch-einlass-reset-sms").attr("value"));
        assertThat(forged.has("#einlass-recovery-code-form")).isTrue();
        assertThat(sms.await(phone, 1)).hasSize(1);
        assertThat(sms.to(attackers)).isEmpty();
        Page resent = forged.form("#einlass-recovery-other-form").set("phone", attackers).submit("resend");
        assertThat(resent.text()).contains("Please wait");
        assertThat(sms.to(attackers)).isEmpty();
        mailbox.assertNoMail("attacker@evil.example", java.time.Duration.ofSeconds(2));
    }

    @Test
    void unknownAndPhonelessAccountsGetTheSameSmsPageAndNoSmsAndAlikeTiming() {
        SignInTimes times = new SignInTimes();
        try (SlowSmtpProxy slow = SlowSmtpProxy.start(mailbox.port(), 600);
             RealmSmtp ignored = RealmSmtp.port(admin, REALM, slow.port())) {
            sms.delay(1_500);
            for (int i = 0; i < 10; i++) {
                String phone = TestPhones.swissMobile();
                TestUser real = withChannels(users.withPassword("rr-timing"), TestUsers.uniqueEmail("rr-timing-private"), phone);
                times.known.add(timeBoth(real.email()));
                times.unknown.add(timeBoth(TestUsers.uniqueEmail("rr-timing-unknown")));
                times.phoneless.add(timeBoth(users.withPassword("rr-timing-nophone").email()));
            }
        } finally {
            sms.delay(0);
        }
        System.out.printf("reset timing medians with slow SMTP and SMS: known %d ms, unknown %d ms, without phone %d ms%n",
                median(times.known), median(times.unknown), median(times.phoneless));
        for (List<Long> other : List.of(times.unknown, times.phoneless)) {
            long known = median(times.known);
            long them = median(other);
            // 10 % of the slower median, at least 50 ms (the noise of a ~100 ms request on two cores); a leak
            // would show the 600 ms of the mail server or the 1500 ms of the gateway
            long tolerance = Math.max(50, Math.max(known, them) / 10);
            assertThat(Math.abs(known - them)).as("known %s, other %s", times.known, other).isLessThanOrEqualTo(tolerance);
            assertThat(known).as("no answer waits for the mail server or the SMS gateway").isLessThan(600);
        }

        TestUser phoneless = users.withPassword("rr-same-page");
        String unknown = TestUsers.uniqueEmail("rr-same-page-unknown");
        String phone = TestPhones.swissMobile();
        TestUser real = withChannels(users.withPassword("rr-same-page-real"), null, phone);
        String reference = smsPageText(real.email());
        assertThat(smsPageText(phoneless.email())).isEqualTo(reference);
        assertThat(smsPageText(unknown)).isEqualTo(reference);
        assertThat(sms.await(phone, 1)).hasSize(1);
    }

    private static final class SignInTimes {
        final List<Long> known = new ArrayList<>();
        final List<Long> unknown = new ArrayList<>();
        final List<Long> phoneless = new ArrayList<>();
    }

    /** Time of the reset request plus the SMS request (both answers must not wait for a gateway). */
    private long timeBoth(String email) {
        Browser browser = env.browser();
        Page resetPage = SignIn.forgotPassword(SignIn.enterEmail(SignIn.start(browser, env.portalApp().login()), email));
        var form = resetPage.form("#einlass-identify-form").set("email", email);
        long start = System.nanoTime();
        Page waiting = form.submit();
        long reset = System.nanoTime() - start;
        var smsForm = waiting.form("#einlass-alternatives-form");
        String exec = waiting.element("#einlass-switch-einlass-reset-sms").attr("value");
        start = System.nanoTime();
        Page code = smsForm.submit("einlass-switch", exec);
        long smsRequest = System.nanoTime() - start;
        assertThat(code.has("#einlass-recovery-code-form")).isTrue();
        return (reset + smsRequest) / 1_000_000;
    }

    private String smsPageText(String email) {
        Browser browser = env.browser();
        Page code = switchToSms(SignIn.requestReset(browser, env.portalApp().login(), email));
        return code.status() + " " + code.element("#einlass-recovery-code").text().replace(email, "EMAIL").replaceAll("\\d+ s\\)", "N s)");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void withOnlyOneChannelTheLostAuthenticatorPathEndsAtSupportAndNeverPastTheCode() {
        TestUser user = users.withPasswordAndOtp("rr-one-channel");
        Browser browser = env.browser();
        Page waiting = SignIn.requestReset(browser, env.portalApp().login(), user.email());
        Page otp = SignIn.openAndConfirm(browser, SignIn.link(mailbox.next(user.email())));
        assertThat(otp.has("#kc-otp-login-form")).isTrue();
        Page support = lostAuthenticator(otp);
        assertThat(support.has("#einlass-recovery-support")).as(support.text()).isTrue();
        assertThat(support.text()).contains("Please contact support");
        assertThat(support.has("#kc-passwd-update-form")).isFalse();
        assertThat(support.has("#einlass-channel-form")).as("no way to offer: the sign-in address already proved the reset").isFalse();
        assertThat(waiting).isNotNull();
        admin.awaitEvent(REALM, "RESET_PASSWORD_ERROR", e -> user.id().equals(e.path("userId").asText())
                && "no_channel".equals(e.path("error").asText()));
    }

    @Test
    void withTwoChannelsTheLostAuthenticatorIsReplacedByANewOneAndTheOldOneGoesOnlyThen() {
        String phone = TestPhones.swissMobile();
        TestUser user = withChannels(users.withPasswordAndOtp("rr-lost-app"), null, phone);
        String oldApp = null;
        for (JsonNode c : admin.credentials(REALM, user.id())) {
            if ("otp".equals(c.path("type").asText())) {
                oldApp = c.path("id").asText();
            }
        }
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        SignIn.requestReset(browser, login, user.email());
        Page otp = SignIn.openAndConfirm(browser, SignIn.link(mailbox.next(user.email())));
        Page choose = lostAuthenticator(otp);
        assertThat(choose.has("#einlass-channel-form")).as(choose.text()).isTrue();
        assertThat(choose.select("#einlass-channel-form button").eachAttr("value")).as("never the channel that proved the reset")
                .containsExactly("phone");
        Page refused = choose.form("#einlass-channel-form").submit("channel", "primary_email");
        assertThat(refused.text()).contains("This way cannot be used here.");
        Page code = refused.form("#einlass-channel-form").submit("channel", "phone");
        assertThat(code.element("#einlass-recovery-sent").text().replace('\u00A0', ' ')).contains("+41 79 *** **");
        String sent = sms.await(phone, 1).get(0).body();
        assertThat(sent).isNotEmpty();
        Page setup = typeCode(code, lastSmsCode(phone));
        assertThat(setup.has("#kc-totp-settings-form")).as("a new authenticator before the sign-in completes:\n" + setup.text()).isTrue();
        assertThat(Json.write(admin.credentials(REALM, user.id()))).as("the old app stays until the new one works").contains(oldApp);
        var form = setup.form("#kc-totp-settings-form");
        String secret = form.value("totpSecret");
        Page password = form.set("totp", Totp.now(secret)).set("userLabel", "New phone").submit();
        Page done = newPassword(password, "Lost-The-App-2026!");
        login.complete(done);
        String credentials = Json.write(admin.credentials(REALM, user.id()));
        assertThat(credentials).doesNotContain(oldApp).contains("New phone");
        JsonNode finish = finished(user);
        assertThat(finish.path("details").path("einlass_channel").asText()).isEqualTo("primary_email+phone");
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            subjects.add(mailbox.next(user.email()).subject());
        }
        assertThat(subjects).containsExactlyInAnyOrder("Your password was reset (Customer Portal)",
                "Your authenticator app was replaced (Customer Portal)");
        mailbox.assertNoMail(user.email(), java.time.Duration.ofSeconds(3));
    }

    @Test
    void anotherStepsParametersPostedHereAreRefused() {
        String phone = TestPhones.swissMobile();
        TestUser user = withChannels(users.withPasswordAndOtp("rr-params"), null, phone);
        Browser browser = env.browser();
        Page waiting = SignIn.requestReset(browser, env.portalApp().login(), user.email());
        Mail mail = mailbox.next(user.email());

        // on the waiting page: the code step's, the SMS step's and the lost-authenticator step's parameters
        Page posted = waiting.form("#einlass-code-form").set("channel", "phone").set("otp", Totp.now(user.otpSecret()))
                .set("authenticationExecution", "x").submit();
        assertThat(posted.has("#kc-otp-login-form")).as("no skipping to the code").isFalse();
        assertThat(posted.has("#kc-passwd-update-form")).isFalse();
        Page notASibling = waiting.form("#einlass-alternatives-form").submit("einlass-switch", "00000000-0000-0000-0000-000000000000");
        assertThat(notASibling.has("#kc-passwd-update-form")).isFalse();
        assertThat(notASibling.has("#einlass-recovery-code-form")).isFalse();

        // on the authenticator-code page: an SMS code and a channel are no authenticator code
        Page otp = SignIn.openAndConfirm(browser, SignIn.link(mail));
        Page smsOnOtp = otp.form("#kc-otp-login-form").set("code", "123456").set("channel", "phone").set("otp", "").submit();
        assertThat(smsOnOtp.has("#kc-passwd-update-form")).isFalse();
        assertThat(smsOnOtp.has("#kc-otp-login-form")).isTrue();
        assertThat(sms.to(phone)).as("no SMS for a channel posted to the code step").isEmpty();
        admin.clearBruteForce(REALM, user.id());
    }
}
