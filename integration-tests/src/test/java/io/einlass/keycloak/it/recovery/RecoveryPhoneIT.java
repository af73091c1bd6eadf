package io.einlass.keycloak.it.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.Json;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.RequiredActionConfig;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.SmsGatewayStub;
import io.einlass.keycloak.it.support.TestPhones;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Tokens;
import io.einlass.keycloak.it.support.Totp;
import org.junit.jupiter.api.Test;

/**
 * Seed 002: "enter your phone number, you get an SMS with a code, type it and confirm; deactivate the number later".
 * Through the real server and the http gateway pointed at a real HTTP stub.
 */
@EinlassTest
class RecoveryPhoneIT {

    private static final String REALM = EinlassEnvironment.REALM;
    private static final String ACTION = "einlass-recovery-phone";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final EinlassEnvironment env;
    private final SmsGatewayStub sms;
    private final AdminClient admin;
    private final TestUsers users;

    RecoveryPhoneIT(EinlassEnvironment env) {
        this.env = env;
        this.sms = env.sms();
        this.admin = env.admin();
        this.users = new TestUsers(admin, REALM);
    }

    // --- the person's steps ----------------------------------------------------------------------------------

    private Tokens signIn(Browser browser, TestUser user) {
        OidcApp.Login login = env.portalApp().login();
        return login.complete(SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, login), user.email()), user.password()));
    }

    private Page openAction(Browser browser) {
        return browser.open(env.portalApp().login(Map.of("kc_action", ACTION)).url());
    }

    private Page enterNumber(Page page, String number) {
        return page.form("#einlass-phone-number-form").set("phone", number).submit("send");
    }

    private Page typeCode(Page page, String code) {
        return page.form("#einlass-phone-code-form").set("code", code).submit("verify");
    }

    private String lastCode(String number) {
        List<SmsGatewayStub.Received> received = sms.to(number);
        Matcher m = CODE.matcher(Json.parse(received.get(received.size() - 1).body()).path("text").asText());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private JsonNode attributes(TestUser user) {
        return admin.user(REALM, user.id()).path("attributes");
    }

    /** A signed-in browser on the number page of the action. */
    private Page numberPage(Browser browser, TestUser user) {
        signIn(browser, user);
        Page page = openAction(browser);
        assertThat(page.has("#einlass-phone-number-form")).as(page.text()).isTrue();
        return page;
    }

    // --- the stories ------------------------------------------------------------------------------------------

    @Test
    void aNationallyTypedMobileNumberIsConfirmedByTheSmsCodeAndOnlyThenStoredInE164() {
        TestUser user = users.withPassword("rp-add");
        String number = TestPhones.swissMobile();
        Browser browser = env.browser();
        Page page = numberPage(browser, user);
        assertThat(page.element("#kc-page-title").text()).isEqualTo("Phone number for recovery");
        assertThat(page.element("#phone").attr("type")).isEqualTo("tel");

        Page code = enterNumber(page, TestPhones.national(number));
        assertThat(code.element("#kc-page-title").text()).isEqualTo("Enter the code from the SMS");
        String masked = number.substring(0, 3) + " " + number.substring(3, 5) + " *** ** " + number.substring(10);
        assertThat(code.element("#einlass-phone-sent").text().replace('\u00A0', ' ')).isEqualTo("We have sent a 6-digit code to " + masked
                + ". It is valid for 5 minutes and works only for the newest SMS.");
        SmsGatewayStub.Received message = sms.await(number, 1).get(0);
        assertThat(message.authorization()).isEqualTo(SmsGatewayStub.AUTHORIZATION);
        assertThat(message.contentType()).startsWith("application/json");
        JsonNode body = Json.parse(message.body());
        assertThat(body.path("to").asText()).isEqualTo(number);
        assertThat(body.path("text").asText()).matches("\\d{6} is your code for Customer Portal\\. Valid for 5 minutes\\. Never share it\\.");
        assertThat(attributes(user).has("phoneNumber")).as("nothing stored before the code").isFalse();

        Page back = typeCode(code, lastCode(number));
        assertThat(back.isRedirectAway()).as(back.text()).isTrue();
        assertThat(URI.create(back.location()).getQuery()).contains("kc_action_status=success");
        assertThat(attributes(user).path("phoneNumber").get(0).asText()).isEqualTo(number);
        assertThat(attributes(user).path("phoneNumberVerified").get(0).asText()).isEqualTo("true");
        admin.awaitEvent(REALM, "UPDATE_PROFILE", e -> user.id().equals(e.path("userId").asText())
                && "recovery_phone_added".equals(e.path("details").path("einlass_action").asText())
                && e.path("details").path("einlass_phone").asText().equals(masked));
    }

    @Test
    void landlinesForeignCountriesAndGarbageAreRefusedWithoutAnSms() {
        TestUser user = users.withPassword("rp-refuse");
        Browser browser = env.browser();
        Page page = numberPage(browser, user);
        int before = sms.received().size();
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("", "Please enter a mobile number.");
        refusals.put("hello", "This is not a valid phone number. Please check it (example: +41 79 123 45 67).");
        refusals.put("079 123", "This is not a valid phone number. Please check it (example: +41 79 123 45 67).");
        refusals.put("044 668 18 00", "This number cannot receive SMS. Please enter a mobile number.");
        refusals.put("+1 202 555 0143", "Numbers of this country cannot be used here. Please enter another mobile number.");
        refusals.put("+44 7911 123456", "Numbers of this country cannot be used here. Please enter another mobile number.");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            page = enterNumber(page, refusal.getKey());
            assertThat(page.element("#input-error-phone").text()).as(refusal.getKey()).isEqualTo(refusal.getValue());
        }
        // the other allowed countries
        Page german = enterNumber(page, "+49 1512 " + String.format("%07d", System.nanoTime() % 10_000_000));
        assertThat(german.has("#einlass-phone-code-form")).as(german.text()).isTrue();
        assertThat(sms.received().size()).as("one SMS: to the German number").isEqualTo(before + 1);
    }

    @Test
    void wrongCodesAreRefusedAndFiveKillTheCodeAndCountInBruteForceDetection() throws Exception {
        TestUser user = users.withPassword("rp-wrong");
        String number = TestPhones.swissMobile();
        Browser browser = env.browser();
        Page page = enterNumber(numberPage(browser, user), number);
        String code = lastCode(number);
        String wrong = code.equals("000000") ? "111111" : "000000";
        page = typeCode(page, "12a456");
        assertThat(page.element("#input-error-code").text()).isEqualTo("The code has 6 digits. Please check it.");
        for (int i = 1; i <= 5; i++) {
            page = typeCode(page, wrong);
            assertThat(page.element("#input-error-code").text()).isEqualTo("This code is not correct. Please check it and try again.");
        }
        Page after = typeCode(page, code);
        assertThat(after.element("#input-error-code").text()).isEqualTo("Too many wrong codes. Request a new code.");
        assertThat(attributes(user).has("phoneNumber")).isFalse();
        assertThat(admin.bruteForce(REALM, user.id()).path("numFailures").asInt()).as("counted like wrong passwords").isGreaterThanOrEqualTo(1);
        admin.clearBruteForce(REALM, user.id());
    }

    @Test
    void aReloadNeverSendsAnotherSmsAndAResendHasAGrowingCooldownAndReplacesTheCode() throws Exception {
        TestUser user = users.withPassword("rp-resend");
        String number = TestPhones.swissMobile();
        try (RequiredActionConfig ignored = RequiredActionConfig.set(admin, REALM, ACTION, Map.of(
                "einlass.recovery-phone.resend-cooldown-seconds", "10", "einlass.recovery-phone.countries", "CH##DE##AT##LI"))) {
            Browser browser = env.browser();
            Page numberPageBefore = numberPage(browser, user);
            Page page = enterNumber(numberPageBefore, number);
            String first = lastCode(number);
            for (int i = 0; i < 3; i++) {
                Page reloaded = browser.open(page.uri().toString());
                assertThat(reloaded.has("#einlass-phone-code-form")).as("the reload shows the code page").isTrue();
            }
            // the browser's "resend the form?" after a reload: the used form is stale, Keycloak shows the current step
            Page resubmitted = enterNumber(numberPageBefore, number);
            assertThat(resubmitted.has("#einlass-phone-code-form")).as(resubmitted.text()).isTrue();
            page = resubmitted;
            assertThat(sms.to(number)).as("no SMS for reloads").hasSize(1);
            assertThat(page.element("#einlass-phone-resend").hasAttr("disabled")).isTrue();
            assertThat(page.element("#einlass-phone-countdown").text()).matches("\\(possible in \\d+ s\\)");

            Page tooEarly = page.form("#einlass-phone-other-form").submit("resend");
            assertThat(tooEarly.text()).containsPattern("Please wait \\d+ seconds before requesting another code.");
            assertThat(sms.to(number)).hasSize(1);

            Thread.sleep(10_500);
            Page resent = tooEarly.form("#einlass-phone-other-form").submit("resend");
            sms.await(number, 2);
            String second = lastCode(number);
            assertThat(resent.element("#einlass-phone-countdown").text()).as("the next wait is longer").matches("\\(possible in (1[1-9]|20) s\\)");
            if (!second.equals(first)) {
                resent = typeCode(resent, first);
                assertThat(resent.element("#input-error-code").text())
                        .as("only the newest code works").isEqualTo("This code is not correct. Please check it and try again.");
            }
            Page done = typeCode(resent, second);
            assertThat(done.isRedirectAway()).as(done.text()).isTrue();
        }
    }

    @Test
    void aCodeExpiresAfterTheValidityThePageStates() throws Exception {
        TestUser user = users.withPassword("rp-expiry");
        String number = TestPhones.swissMobile();
        try (RequiredActionConfig ignored = RequiredActionConfig.set(admin, REALM, ACTION, Map.of(
                "einlass.recovery-phone.code-validity-seconds", "60", "einlass.recovery-phone.countries", "CH##DE##AT##LI"))) {
            Page page = enterNumber(numberPage(env.browser(), user), number);
            assertThat(page.element("#einlass-phone-sent").text()).contains("It is valid for 1 minute and");
            assertThat(Json.parse(sms.await(number, 1).get(0).body()).path("text").asText()).contains("Valid for 1 minute.");
            String code = lastCode(number);
            Thread.sleep(61_000);
            Page expired = typeCode(page, code);
            assertThat(expired.element("#input-error-code").text()).isEqualTo("This code has expired. Request a new code.");
            assertThat(attributes(user).has("phoneNumber")).isFalse();
            admin.awaitEvent(REALM, "CUSTOM_REQUIRED_ACTION_ERROR", e -> user.id().equals(e.path("userId").asText())
                    && "expired".equals(e.path("error").asText()));
        }
    }

    @Test
    void aTrustedBrowserIsStillAskedForTheCodeAndPastMaxAuthAgeForThePasswordToo() throws Exception {
        TestUser user = users.withPasswordAndOtp("rp-trusted");
        Browser browser = env.browser();
        OidcApp.Login first = env.portalApp().login();
        Page otp = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, first), user.email()), user.password());
        String firstCode = Totp.fresh(user.otpSecret(), null);
        first.complete(otp.form("#kc-otp-login-form").set("otp", firstCode).check("trustBrowser").submit());

        Page page = openAction(browser);
        assertThat(page.has("#kc-otp-login-form")).as("the authenticator code first, never the trust").isTrue();
        assertThat(page.has("#einlass-phone-number-form")).isFalse();

        try (RequiredActionConfig ignored = RequiredActionConfig.set(admin, REALM, ACTION, Map.of("max_auth_age", "1",
                "einlass.recovery-phone.countries", "CH##DE##AT##LI"))) {
            Thread.sleep(2_500);
            Page reauth = openAction(browser);
            assertThat(reauth.has("#kc-form-login")).as("the password again").isTrue();
            Page code = SignIn.enterPassword(reauth, user.password());
            assertThat(code.has("#kc-otp-login-form")).as("and the code, even in a trusted browser").isTrue();
            Page number = code.form("#kc-otp-login-form").set("otp", Totp.fresh(user.otpSecret(), firstCode)).submit();
            assertThat(number.has("#einlass-phone-number-form")).as(number.text()).isTrue();
        }
        admin.clearBruteForce(REALM, user.id());
    }

    @Test
    void smsPumpingIsCappedPerSignInPerNumberAndPerNetwork() {
        // per sign-in: 3 SMS in all, whatever the numbers
        TestUser user = users.withPassword("rp-caps");
        Browser browser = env.browser();
        Page page = numberPage(browser, user);
        for (int i = 0; i < 3; i++) {
            page = enterNumber(page, TestPhones.swissMobile()).form("#einlass-phone-other-form").submit("change-number");
        }
        String fourth = TestPhones.swissMobile();
        Page capped = enterNumber(page, fourth);
        assertThat(capped.text()).contains("You requested the most codes possible for this sign-in.");
        assertThat(capped.has("#einlass-phone-code-form")).isFalse();
        assertThat(sms.to(fourth)).isEmpty();

        // per number: 5 an hour, from any sign-in
        String number = TestPhones.swissMobile();
        for (int i = 0; i < 5; i++) {
            assertThat(enterNumber(numberPage(env.browser(), users.withPassword("rp-number-" + i)), number).has("#einlass-phone-code-form")).isTrue();
        }
        Page numberCapped = enterNumber(numberPage(env.browser(), users.withPassword("rp-number-6")), number);
        assertThat(numberCapped.text()).contains("Too many codes were requested for this number or from your network.");
        assertThat(sms.to(number)).hasSize(5);

        // per network: 10 an hour
        String ip = "10.98.0." + (1 + (int) (System.nanoTime() % 200));
        for (int i = 0; i < 10; i++) {
            Page one = enterNumber(numberPage(env.browser().clientIp(ip), users.withPassword("rp-ip-" + i)), TestPhones.swissMobile());
            assertThat(one.has("#einlass-phone-code-form")).as("SMS " + (i + 1)).isTrue();
        }
        String eleventh = TestPhones.swissMobile();
        Page ipCapped = enterNumber(numberPage(env.browser().clientIp(ip), users.withPassword("rp-ip-11")), eleventh);
        assertThat(ipCapped.text()).contains("Too many codes were requested for this number or from your network.");
        assertThat(sms.to(eleventh)).isEmpty();
    }

    @Test
    void theDailyRealmBudgetFailsClosedWithAnEvent() {
        try (RequiredActionConfig ignored = RequiredActionConfig.set(admin, REALM, ACTION, Map.of(
                "einlass.recovery-phone.daily-budget", "2", "einlass.recovery-phone.countries", "CH##DE##AT##LI"))) {
            for (int i = 0; i < 2; i++) {
                assertThat(enterNumber(numberPage(env.browser(), users.withPassword("rp-budget-" + i)), TestPhones.swissMobile())
                        .has("#einlass-phone-code-form")).isTrue();
            }
            TestUser third = users.withPassword("rp-budget-3");
            String number = TestPhones.swissMobile();
            Page page = enterNumber(numberPage(env.browser(), third), number);
            assertThat(page.text()).contains("SMS codes are not available at the moment.");
            assertThat(sms.to(number)).isEmpty();
            admin.awaitEvent(REALM, "CUSTOM_REQUIRED_ACTION_ERROR", e -> third.id().equals(e.path("userId").asText())
                    && "budget_exhausted".equals(e.path("error").asText()));
        }
    }

    @Test
    void aGatewayThatFailsOrHangsGivesAClearPageAndVerifiesNothing() {
        for (int failure : new int[] {503, -1}) {
            TestUser user = users.withPassword("rp-gateway");
            String number = TestPhones.swissMobile();
            Browser browser = env.browser();
            Page page = numberPage(browser, user);
            try {
                if (failure > 0) {
                    sms.failWith(failure);
                } else {
                    sms.delay(4_000); // longer than the server's 2-second gateway timeout
                }
                Page failed = enterNumber(page, number);
                assertThat(failed.text()).contains("We could not send the SMS. Try again in a few minutes or use another way.");
                assertThat(failed.has("#einlass-phone-code-form")).as("no code form").isFalse();
                assertThat(failed.has("#einlass-phone-failed")).isTrue();
            } finally {
                sms.failWith(0);
                sms.delay(0);
            }
            assertThat(attributes(user).has("phoneNumber")).isFalse();
            String reason = failure > 0 ? "gateway_rejected" : "gateway_timeout";
            JsonNode event = admin.awaitEvent(REALM, "CUSTOM_REQUIRED_ACTION_ERROR", e -> user.id().equals(e.path("userId").asText())
                    && reason.equals(e.path("error").asText()));
            if (failure > 0) {
                assertThat(event.path("details").path("einlass_gateway_status").asText()).isEqualTo("503");
            }
            // the way back works once the gateway does
            Page again = browser.open(env.portalApp().login(Map.of("kc_action", ACTION)).url());
            assertThat(again.has("#einlass-phone-number-form") || again.has("#einlass-phone-other-form")).isTrue();
        }
    }

    @Test
    void aChangeKeepsTheOldNumberUntilTheNewOneIsConfirmedAndRemovalClearsBoth() {
        TestUser user = users.withPassword("rp-change");
        String first = TestPhones.swissMobile();
        Browser browser = env.browser();
        typeCode(enterNumber(numberPage(browser, user), first), lastCode(first));
        io.einlass.keycloak.it.support.Mail added = env.mailbox().next(user.email());
        assertThat(added.subject()).isEqualTo("A recovery phone number was added (Customer Portal)");
        assertThat(added.text()).doesNotContain(first).doesNotContain(first.substring(3));

        String second = TestPhones.swissMobile();
        Page page = openAction(browser);
        assertThat(page.element("#einlass-phone-current").text().replace('\u00A0', ' ')).startsWith("Your recovery phone: +41 79 ***");
        Page code = enterNumber(page, second);
        assertThat(attributes(user).path("phoneNumber").get(0).asText()).as("the old number until the code").isEqualTo(first);
        typeCode(code, lastCode(second));
        assertThat(attributes(user).path("phoneNumber").get(0).asText()).isEqualTo(second);
        assertThat(env.mailbox().next(user.email()).subject()).isEqualTo("Your recovery phone number was changed (Customer Portal)");

        Page back = openAction(browser).form("#einlass-phone-other-form").submit("remove");
        assertThat(URI.create(back.location()).getQuery()).contains("kc_action_status=success");
        assertThat(attributes(user).has("phoneNumber")).isFalse();
        assertThat(attributes(user).has("phoneNumberVerified")).isFalse();
        assertThat(env.mailbox().next(user.email()).subject()).isEqualTo("Your recovery phone number was removed (Customer Portal)");
        admin.awaitEvent(REALM, "UPDATE_PROFILE", e -> user.id().equals(e.path("userId").asText())
                && "recovery_phone_removed".equals(e.path("details").path("einlass_action").asText()));
    }

    @Test
    void theAccountRestApiCannotWriteThePhoneAndNoCodeIsInTheLogOrTheEvents() throws Exception {
        TestUser user = users.withPassword("rp-secret");
        String number = TestPhones.swissMobile();
        Browser browser = env.browser();
        Page code = enterNumber(numberPage(browser, user), number);
        String secret = lastCode(number);
        typeCode(code, secret);

        Tokens tokens = signIn(env.browser(), user);
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(env.realmUrl() + "/account"))
                .header("Authorization", "Bearer " + tokens.accessToken()).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        ObjectNode account = (ObjectNode) Json.parse(get.body());
        ((ObjectNode) account.path("attributes")).putArray("phoneNumber").add(TestPhones.swissMobile());
        ((ObjectNode) account.path("attributes")).putArray("phoneNumberVerified").add("true");
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(env.realmUrl() + "/account"))
                .header("Authorization", "Bearer " + tokens.accessToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(account))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(400);
        assertThat(post.body()).contains("error-user-attribute-read-only");
        assertThat(attributes(user).path("phoneNumber").get(0).asText()).isEqualTo(number);

        String events = Json.write(admin.get("/realms/portal/events?max=2000"));
        assertThat(events).doesNotContain(secret + "\"").doesNotContain(number);
        Path log = Path.of(env.server().logLocation());
        if (Files.exists(log)) {
            String content = Files.readString(log);
            assertThat(content).doesNotContain(number).doesNotContain(" " + secret + " ").doesNotContain(secret + " is your code");
        }
    }
}
