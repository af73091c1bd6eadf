package io.einlass.keycloak.it.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.Json;
import io.einlass.keycloak.it.support.Mailbox;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.ServerLog;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.SmsGatewayStub;
import io.einlass.keycloak.it.support.TestPhones;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, "Outages": the mail server refusing connections or hanging, and the SMS gateway answering 503, timing
 * out or refusing connections. Whatever the outage, the person gets the usual page in the usual time (mail) or a
 * clear localized page (SMS); mails are retried and one event records the final failure; the server log gets one
 * WARN line per lost mail and no stack trace; nothing is verified and nothing is counted against the person
 * (per-sign-in and per-number SMS caps, brute-force counter), and once the gateway is back the same sign-in confirms
 * the same number.
 * <p>
 * Times are never compared with a constant: each timing test measures the same step with a working mail server in
 * the same test and compares medians.
 */
@EinlassTest
final class OutageIT {

    private static final String REALM = EinlassEnvironment.REALM;
    private static final String PHONE_ACTION = "einlass-recovery-phone";
    private static final String EMAIL_ACTION = "einlass-recovery-email";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    /** Samples per side of a timing comparison. Keycloak's mail executor runs four sends at once. */
    private static final int SAMPLES = 4;
    /** Three attempts (2 s and 8 s apart), each 10 s against a hanging server, four at a time: well within this. */
    private static final Duration FINAL_FAILURE_WAIT = Duration.ofSeconds(150);
    /** A page that waited for the hanging mail server would take at least 10 s longer, many times the usual. */
    private static final double MAX_SLOWDOWN = 3.0;

    /** What the page says when the SMS could not be sent (messages_en / messages_de of the required actions). */
    private static final Map<String, String> SMS_FAILED = Map.of(
            "en", "We could not send the SMS. Try again in a few minutes or use another way.",
            "de", "Wir konnten die SMS nicht senden. Versuchen Sie es in einigen Minuten erneut oder wählen Sie einen anderen Weg.");

    private final EinlassEnvironment env;
    private final Mailbox mailbox;
    private final SmsGatewayStub sms;
    private final AdminClient admin;
    private final TestUsers users;

    OutageIT(EinlassEnvironment env) {
        this.env = env;
        this.mailbox = env.mailbox();
        this.sms = env.sms();
        this.admin = env.admin();
        this.users = new TestUsers(admin, REALM);
    }

    // --- mail: the three kinds a person asks for ----------------------------------------------------------------

    /** A mail a person asks for on a page: the step that asks, the page it answers with, the event of a final failure. */
    private enum MailKind {
        MAGIC_LINK("#einlass-magic-link", "SEND_VERIFY_EMAIL"),
        RESET("#einlass-magic-link", "SEND_RESET_PASSWORD"),
        RECOVERY_EMAIL("#einlass-recovery-sent", "SEND_VERIFY_EMAIL");

        final String page;
        final String event;

        MailKind(String page, String event) {
            this.page = page;
            this.event = event;
        }
    }

    /** One person about to ask for a mail: {@code ask} is the one request that makes it (and is timed). */
    private record Asking(TestUser user, String mailTo, Supplier<Page> ask) {
    }

    private Asking prepare(MailKind kind) {
        Browser browser = env.browser();
        TestUser user = users.withPassword("outage-" + kind.name().toLowerCase());
        switch (kind) {
            case MAGIC_LINK -> {
                Page emailPage = SignIn.start(browser, env.portalApp().login());
                return new Asking(user, user.email(), () -> SignIn.requestLink(browser, null, user.email(), emailPage));
            }
            case RESET -> {
                Page resetPage = SignIn.forgotPassword(SignIn.enterEmail(SignIn.start(browser, env.portalApp().login()), user.email()));
                return new Asking(user, user.email(), () -> resetPage.form("#einlass-identify-form").set("email", user.email()).submit());
            }
            default -> {
                OidcApp.Login first = env.portalApp().login();
                first.complete(SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, first), user.email()), user.password()));
                Page actionPage = browser.open(env.portalApp().login(Map.of("kc_action", EMAIL_ACTION)).url());
                assertThat(actionPage.has("#einlass-recovery-email-form")).as(actionPage.text()).isTrue();
                String address = TestUsers.uniqueEmail("outage-recovery-private");
                return new Asking(user, address, () -> actionPage.form("#einlass-recovery-email-form")
                        .set("recovery-email", address).submit("send"));
            }
        }
    }

    /** Asks, checks the page is the usual one, and returns how long the request took. */
    private long askAndTime(MailKind kind, Asking asking) {
        long start = System.nanoTime();
        Page page = asking.ask().get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(page.status()).as("the usual page, not an error").isEqualTo(200);
        assertThat(page.has(kind.page)).as(page.text()).isTrue();
        return millis;
    }

    private void refusedStory(MailKind kind) {
        ServerLog log = ServerLog.mark(env.server());
        Asking asking = prepare(kind);
        try (MailServerOutage ignored = MailServerOutage.refusing(admin, REALM)) {
            askAndTime(kind, asking);
            JsonNode failure = awaitFinalFailure(kind, asking.user());
            assertThat(failure.path("error").asText()).isEqualTo("delivery_failed");
            assertThat(log.containing("(attempt 1 of 3)")).as("retried").hasSize(1);
            assertThat(log.containing("(attempt 2 of 3)")).as("retried again").hasSize(1);
            assertThat(log.containing("failed after 3 attempt(s)")).as("then given up").hasSize(1);
        }
        mailbox.assertNoMail(asking.mailTo(), Duration.ofSeconds(3));
        assertQuietLog(log, 1);
    }

    private void hangingStory(MailKind kind) {
        ServerLog log = ServerLog.mark(env.server());
        List<Long> usual = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            Asking asking = prepare(kind);
            usual.add(askAndTime(kind, asking));
            mailbox.next(asking.mailTo());
        }
        List<Long> slow = new ArrayList<>();
        List<Asking> waiting = new ArrayList<>();
        try (MailServerOutage outage = MailServerOutage.hanging(admin, REALM)) {
            for (int i = 0; i < SAMPLES; i++) {
                Asking asking = prepare(kind);
                slow.add(askAndTime(kind, asking));
                waiting.add(asking);
            }
            double ratio = (double) median(slow) / Math.max(1, median(usual));
            System.out.printf("[outage] %s: working SMTP %s ms, hanging SMTP %s ms, median ratio %.2f%n", kind, usual, slow, ratio);
            assertThat(ratio).as("working SMTP %s ms, hanging SMTP %s ms", usual, slow).isLessThan(MAX_SLOWDOWN);
            for (Asking asking : waiting) {
                assertThat(awaitFinalFailure(kind, asking.user()).path("error").asText()).isEqualTo("delivery_failed");
            }
            assertThat(outage.connections()).as("three attempts per mail").isEqualTo(3 * SAMPLES);
        }
        for (Asking asking : waiting) {
            mailbox.assertNoMail(asking.mailTo(), Duration.ofMillis(500));
        }
        assertQuietLog(log, SAMPLES);
    }

    private JsonNode awaitFinalFailure(MailKind kind, TestUser user) {
        Instant deadline = Instant.now().plus(FINAL_FAILURE_WAIT);
        String type = kind.event + "_ERROR";
        while (true) {
            for (JsonNode event : admin.events(REALM, type)) {
                if (user.id().equals(event.path("userId").asText()) && "delivery_failed".equals(event.path("error").asText())) {
                    return event;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + type + " event (delivery_failed) for " + user.email() + " within " + FINAL_FAILURE_WAIT);
            }
            sleep(500);
        }
    }

    /** One Einlass WARN line per lost mail, no ERROR from Einlass, and no stack trace at all (Keycloak's included). */
    private static void assertQuietLog(ServerLog log, int lostMails) {
        List<ServerLog.Entry> entries = log.since();
        assertThat(entries.stream().filter(e -> e.isWarn() && e.line().contains("Einlass mail")).map(ServerLog.Entry::line))
                .as("one WARN line per lost mail").hasSize(lostMails);
        assertThat(entries.stream().filter(e -> e.isError() && e.line().contains("[io.einlass")).map(ServerLog.Entry::line))
                .as("no Einlass error").isEmpty();
        assertThat(entries.stream().filter(ServerLog.Entry::hasStackTrace).map(ServerLog.Entry::line))
                .as("no stack trace in the server log").isEmpty();
    }

    @Test
    void whileTheMailServerRefusesConnectionsTheMagicLinkPageAnswersAsUsualAndTheFailureIsRecorded() {
        refusedStory(MailKind.MAGIC_LINK);
    }

    @Test
    void whileTheMailServerHangsTheMagicLinkPageAnswersInTheUsualTimeAndTheFailureIsRecorded() {
        hangingStory(MailKind.MAGIC_LINK);
    }

    @Test
    void whileTheMailServerRefusesConnectionsTheResetPageAnswersAsUsualAndTheFailureIsRecorded() {
        refusedStory(MailKind.RESET);
    }

    @Test
    void whileTheMailServerHangsTheResetPageAnswersInTheUsualTimeAndTheFailureIsRecorded() {
        hangingStory(MailKind.RESET);
    }

    @Test
    void whileTheMailServerRefusesConnectionsTheRecoveryEmailPageAnswersAsUsualAndTheFailureIsRecorded() {
        refusedStory(MailKind.RECOVERY_EMAIL);
    }

    @Test
    void whileTheMailServerHangsTheRecoveryEmailPageAnswersInTheUsualTimeAndTheFailureIsRecorded() {
        hangingStory(MailKind.RECOVERY_EMAIL);
    }

    // --- SMS: the recovery phone ---------------------------------------------------------------------------------

    /** An SMS gateway out of order, and how it recovers; the reason the failure event gives. */
    private enum GatewayOutage {
        ANSWERS_503("gateway_rejected"), TIMES_OUT("gateway_timeout"), REFUSES_CONNECTIONS("gateway_unreachable");

        final String reason;

        GatewayOutage(String reason) {
            this.reason = reason;
        }

        void begin(SmsGatewayStub sms) {
            switch (this) {
                case ANSWERS_503 -> sms.failWith(503);
                case TIMES_OUT -> sms.delay(4_000); // the test server's gateway timeout is 2 s
                default -> sms.refuseConnections();
            }
        }

        void end(SmsGatewayStub sms) {
            sms.failWith(0);
            sms.delay(0);
            sms.acceptConnections();
        }
    }

    /** More failed sends than the per-sign-in cap (3) and the per-number cap (5 an hour) allow successful ones. */
    private static final int FAILED_SENDS = 5;

    private void smsStory(GatewayOutage outage, String language) {
        ServerLog log = ServerLog.mark(env.server());
        String email = TestUsers.uniqueEmail("outage-sms-" + language);
        String password = "Pw-" + System.nanoTime();
        TestUser user = new TestUser(admin.createUser(REALM, email, password, Map.of("locale", List.of(language))), email, password, null);
        String number = TestPhones.swissMobile();
        Browser browser = env.browser();
        OidcApp.Login first = env.portalApp().login();
        first.complete(SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, first), user.email()), user.password()));
        Page page = phonePage(browser);
        int failuresBefore = admin.bruteForce(REALM, user.id()).path("numFailures").asInt();

        outage.begin(sms);
        try {
            for (int i = 1; i <= FAILED_SENDS; i++) {
                Page failed = page.form("#einlass-phone-number-form").set("phone", number).submit("send");
                assertThat(failed.status()).as("a page, not an error").isEqualTo(200);
                assertThat(failed.text()).as("attempt %d: %s", i, failed.text()).contains(SMS_FAILED.get(language));
                assertThat(failed.has("#einlass-phone-failed")).isTrue();
                assertThat(failed.has("#einlass-phone-code-form")).as("no code form").isFalse();
                // "Back": the number page again, in the same sign-in
                page = failed.form("#einlass-phone-other-form").submit("change-number");
                assertThat(page.has("#einlass-phone-number-form")).as(page.text()).isTrue();
            }
        } finally {
            outage.end(sms);
        }
        JsonNode event = admin.awaitEvent(REALM, "CUSTOM_REQUIRED_ACTION_ERROR",
                e -> user.id().equals(e.path("userId").asText()) && outage.reason.equals(e.path("error").asText()));
        if (outage == GatewayOutage.ANSWERS_503) {
            assertThat(event.path("details").path("einlass_gateway_status").asText()).isEqualTo("503");
        }
        assertThat(phone(user)).as("nothing verified").isNull();
        assertThat(admin.bruteForce(REALM, user.id()).path("numFailures").asInt()).as("no failure counted").isEqualTo(failuresBefore);

        // the gateway is back: the same sign-in and the same number still get a code, and it confirms the number
        Page code = page.form("#einlass-phone-number-form").set("phone", number).submit("send");
        assertThat(code.has("#einlass-phone-code-form")).as(code.text()).isTrue();
        Page done = code.form("#einlass-phone-code-form").set("code", lastCode(number)).submit("verify");
        assertThat(done.status()).isLessThan(500);
        assertThat(phone(user)).as(done.text()).isEqualTo(number);
        assertThat(admin.user(REALM, user.id()).path("attributes").path("phoneNumberVerified").path(0).asText()).isEqualTo("true");
        assertThat(admin.bruteForce(REALM, user.id()).path("numFailures").asInt()).isEqualTo(failuresBefore);
        assertThat(log.since().stream().filter(ServerLog.Entry::hasStackTrace).map(ServerLog.Entry::line))
                .as("no stack trace in the server log").isEmpty();
    }

    private Page phonePage(Browser browser) {
        Page page = browser.open(env.portalApp().login(Map.of("kc_action", PHONE_ACTION)).url());
        assertThat(page.has("#einlass-phone-number-form")).as(page.text()).isTrue();
        return page;
    }

    private String phone(TestUser user) {
        JsonNode value = admin.user(REALM, user.id()).path("attributes").path("phoneNumber");
        return value.isMissingNode() || value.isEmpty() ? null : value.get(0).asText();
    }

    private String lastCode(String number) {
        List<SmsGatewayStub.Received> received = sms.await(number, 1);
        Matcher m = CODE.matcher(Json.parse(received.get(received.size() - 1).body()).path("text").asText());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void aGatewayAnswering503GivesAClearPageVerifiesNothingAndCountsNothingAgainstThePerson() {
        smsStory(GatewayOutage.ANSWERS_503, "de");
    }

    @Test
    void aGatewayThatTimesOutGivesAClearPageVerifiesNothingAndCountsNothingAgainstThePerson() {
        smsStory(GatewayOutage.TIMES_OUT, "en");
    }

    @Test
    void aGatewayThatRefusesConnectionsGivesAClearPageVerifiesNothingAndCountsNothingAgainstThePerson() {
        smsStory(GatewayOutage.REFUSES_CONNECTIONS, "de");
    }

    /**
     * Not an outage: a gateway that answers 4xx refuses this number or this request (a number the provider will not
     * serve, a recipient who replied STOP). Those sends keep counting, or one sign-in could spend the realm's daily
     * SMS budget on sends that always fail: after the per-sign-in cap (3) the page says so and the gateway is not
     * called again.
     */
    @Test
    void aNumberTheGatewayRefusesKeepsCountingAgainstTheSignInsCap() {
        String email = TestUsers.uniqueEmail("outage-sms-400");
        String password = "Pw-" + System.nanoTime();
        TestUser user = new TestUser(admin.createUser(REALM, email, password, Map.of()), email, password, null);
        String number = TestPhones.swissMobile();
        Browser browser = env.browser();
        OidcApp.Login first = env.portalApp().login();
        first.complete(SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, first), user.email()), user.password()));
        Page page = phonePage(browser);
        sms.failWith(400);
        try {
            for (int i = 1; i <= 3; i++) {
                Page failed = page.form("#einlass-phone-number-form").set("phone", number).submit("send");
                assertThat(failed.text()).as("attempt %d", i).contains(SMS_FAILED.get("en"));
                page = failed.form("#einlass-phone-other-form").submit("change-number");
            }
            int calls = sms.received().size();
            Page capped = page.form("#einlass-phone-number-form").set("phone", number).submit("send");
            assertThat(capped.status()).isEqualTo(200);
            assertThat(capped.text()).contains("You requested the most codes possible for this sign-in.");
            assertThat(sms.received()).as("the gateway is not called again").hasSize(calls);
        } finally {
            sms.failWith(0);
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
