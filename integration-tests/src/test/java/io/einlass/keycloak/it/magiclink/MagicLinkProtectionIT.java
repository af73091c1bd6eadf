package io.einlass.keycloak.it.magiclink;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.einlass.keycloak.it.support.ExecutionConfig;
import io.einlass.keycloak.it.support.Mail;
import io.einlass.keycloak.it.support.Mailbox;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/** What an attacker tries, and what a person who mistypes sees: nothing reveals accounts, nothing works twice. */
@EinlassTest
class MagicLinkProtectionIT {

    private final EinlassEnvironment env;
    private final Mailbox mailbox;
    private final AdminClient admin;
    private final TestUsers users;

    MagicLinkProtectionIT(EinlassEnvironment env) {
        this.env = env;
        this.mailbox = env.mailbox();
        this.admin = env.admin();
        this.users = new TestUsers(admin, EinlassEnvironment.REALM);
    }

    @Test
    void unknownAndDisabledAddressesGetTheSamePagesStatusAndCookiesAsARealOne() {
        // (accounts without an email cannot exist in this realm: the email is the username)
        TestUser real = users.withoutPassword("real");
        TestUser disabled = users.withoutPassword("disabled");
        admin.updateUser(EinlassEnvironment.REALM, disabled.id(), Map.of("enabled", false));
        String unknown = TestUsers.uniqueEmail("unknown");

        Observed reference = observe(real.email());
        assertThat(mailbox.next(real.email())).isNotNull();
        for (String other : List.of(unknown, disabled.email())) {
            Observed observed = observe(other);
            assertThat(observed.afterEmail().status()).as(other).isEqualTo(reference.afterEmail().status());
            assertThat(observed.waiting().status()).as(other).isEqualTo(reference.waiting().status());
            assertThat(observed.afterEmailText()).as(other).isEqualTo(reference.afterEmailText());
            assertThat(observed.waitingText()).as(other).isEqualTo(reference.waitingText());
            assertThat(observed.cookieNames()).as(other).isEqualTo(reference.cookieNames());
            SignIn.noMail(mailbox, other);
            String recorded = admin.addressDigest(EinlassEnvironment.REALM, other);
            admin.awaitEvent(EinlassEnvironment.REALM, "SEND_VERIFY_EMAIL", e -> recorded.equals(e.path("details").path("email").asText())
                    && "false".equals(e.path("details").path("einlass_delivered").asText()));
        }
        // an address without a usable account never lands in the event store as typed
        assertThat(admin.allEvents(EinlassEnvironment.REALM)).noneMatch(e -> e.toString().contains(unknown) || e.toString().contains(disabled.email()));
    }

    private record Observed(Page afterEmail, Page waiting, String afterEmailText, String waitingText, Set<String> cookieNames) {
    }

    private Observed observe(String email) {
        Browser browser = env.browser();
        Page afterEmail = SignIn.enterEmail(SignIn.start(browser, env.portalApp().login()), email);
        Page waiting = SignIn.choose(afterEmail, "einlass-magic-link");
        Set<String> cookies = new TreeSet<>();
        for (Cookie c : browser.cookies().history()) {
            cookies.add(c.name() + ";" + c.path() + ";" + c.httpOnly() + ";" + c.secure() + ";" + c.sameSite());
        }
        return new Observed(afterEmail, waiting, normalize(afterEmail.text(), email), normalize(waiting.text(), email), cookies);
    }

    static String normalize(String text, String email) {
        return text.replace(email, "EMAIL")
                .replaceAll("\\b\\d{2}:\\d{2} [A-Z]+\\b", "HH:MM")
                .replaceAll("enter this number: \\d{2}", "enter this number: NN")
                .replaceAll("possible in \\d+ s", "possible in N s");
    }

    @Test
    void wrongCodesCountInBruteForceDetectionAndStopAfterFive() {
        TestUser user = users.withoutPassword("guesser");
        Browser attacker = env.browser();
        Page page = SignIn.requestLink(attacker, env.portalApp().login(), user.email());
        String code = SignIn.code(mailbox.next(user.email()));
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int i = 1; i <= 5; i++) {
            sleep(1_200); // slower than the quick-login check (1 s), which would lock the account at once
            page = SignIn.typeCode(page, wrong);
            assertThat(page.element("#input-error-code").text()).isEqualTo("This code is not correct. Please check it and try again.");
        }
        JsonNode status = awaitFailures(user.id(), 5);
        assertThat(status.path("numFailures").asInt()).as("every wrong code is counted").isEqualTo(5);

        Page sixth = SignIn.typeCode(page, code);
        assertThat(sixth.isRedirectAway()).as("even the right code no longer works after 5 wrong ones").isFalse();
        assertThat(sixth.element("#input-error-code").text()).isEqualTo("Too many wrong codes. Request a new email below.");
        admin.clearBruteForce(EinlassEnvironment.REALM, user.id());
    }

    @Test
    void aCodeWithLettersIsAnsweredClearlyAndNotCounted() {
        TestUser user = users.withoutPassword("typo");
        Page page = SignIn.requestLink(env.browser(), env.portalApp().login(), user.email());
        mailbox.next(user.email());
        Page answer = SignIn.typeCode(page, "12a456");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.element("#input-error-code").text()).isEqualTo("The code consists of digits only. Please check it.");
        assertThat(admin.bruteForce(EinlassEnvironment.REALM, user.id()).path("numFailures").asInt()).isZero();
    }

    @Test
    void aLockedUserGetsTheSameAnswerAndNoMail() {
        TestUser user = users.withoutPassword("locked");
        // lock the account the way an attacker would: many wrong passwords
        Browser attacker = env.browser();
        for (int i = 0; i < 11; i++) {
            Page page = SignIn.enterEmail(SignIn.start(attacker, env.portalApp().login()), user.email());
            SignIn.enterPassword(page, "wrong-" + i);
        }
        awaitDisabled(user.id());
        mailbox.skipAll();

        Observed locked = observe(user.email());
        Observed unknown = observe(TestUsers.uniqueEmail("unknown-locked"));
        assertThat(locked.waitingText()).isEqualTo(unknown.waitingText());
        SignIn.noMail(mailbox, user.email());
        admin.clearBruteForce(EinlassEnvironment.REALM, user.id());
    }

    @Test
    void moreThanThreeLinksPerAddressGetTheSamePageButNoMail() {
        for (String email : List.of(users.withoutPassword("limited").email(), TestUsers.uniqueEmail("limited-unknown"))) {
            for (int i = 1; i <= 3; i++) {
                Page waiting = SignIn.requestLink(env.browser(), env.portalApp().login(), email);
                assertThat(waiting.text()).doesNotContain("Too many emails");
            }
            Page fourth = SignIn.requestLink(env.browser(), env.portalApp().login(), email);
            assertThat(fourth.element("#kc-page-title").text()).isEqualTo("Check your inbox");
            assertThat(fourth.text()).contains("Too many emails were requested for this address or from your network.");
        }
        String real = users.withoutPassword("limited-count").email();
        for (int i = 1; i <= 4; i++) {
            SignIn.requestLink(env.browser(), env.portalApp().login(), real);
        }
        assertThat(mailbox.next(real)).isNotNull();
        assertThat(mailbox.next(real)).isNotNull();
        assertThat(mailbox.next(real)).isNotNull();
        SignIn.noMail(mailbox, real);
        admin.awaitEvent(EinlassEnvironment.REALM, "SEND_VERIFY_EMAIL_ERROR",
                e -> "rate_limited".equals(e.path("error").asText()) && real.equals(e.path("details").path("email").asText()));
    }

    @Test
    void oneNetworkCannotRequestMoreThanThirtyLinksAnHour() {
        String ip = "10.99.0.7";
        for (int i = 1; i <= 30; i++) {
            Page waiting = SignIn.requestLink(env.browser().clientIp(ip), env.portalApp().login(), TestUsers.uniqueEmail("spray" + i));
            assertThat(waiting.text()).as("request " + i).doesNotContain("Too many emails");
        }
        String victim = users.withoutPassword("sprayed").email();
        Page limited = SignIn.requestLink(env.browser().clientIp(ip), env.portalApp().login(), victim);
        assertThat(limited.text()).contains("Too many emails were requested");
        SignIn.noMail(mailbox, victim);

        Page elsewhere = SignIn.requestLink(env.browser(), env.portalApp().login(), victim);
        assertThat(elsewhere.text()).doesNotContain("Too many emails");
        assertThat(mailbox.next(victim)).isNotNull();
    }

    @Test
    void resendHasAVisibleCooldownAndOnlyTheNewestLinkWorks() throws Exception {
        TestUser user = users.withoutPassword("resender");
        try (ExecutionConfig ignored = ExecutionConfig.change(admin, EinlassEnvironment.REALM, "einlass first factor",
                "einlass-magic-link", Map.of("einlass.magic-link.resend-cooldown-seconds", "10"))) {
            Browser browser = env.browser();
            OidcApp.Login login = env.portalApp().login();
            Page waiting = SignIn.requestLink(browser, login, user.email());
            Mail first = mailbox.next(user.email());
            assertThat(waiting.element("#einlass-resend-countdown").text()).matches("\\(possible in \\d+ s\\)");

            Page tooEarly = SignIn.resend(waiting);
            assertThat(tooEarly.text()).containsPattern("Please wait \\d+ seconds before requesting another email.");
            SignIn.noMail(mailbox, user.email());

            Thread.sleep(10_500);
            Page resent = SignIn.resend(tooEarly);
            assertThat(resent.text()).contains("If the address belongs to an account, a new email is on its way.");
            Mail second = mailbox.next(user.email());
            assertThat(SignIn.link(second)).isNotEqualTo(SignIn.link(first));

            Page old = browser.open(SignIn.link(first));
            assertThat(old.status()).isEqualTo(410);
            assertThat(old.element("#kc-page-title").text()).isEqualTo("A newer link was sent");
            Page oldCode = SignIn.typeCode(resent, SignIn.code(first));
            assertThat(oldCode.isRedirectAway()).isFalse();

            assertThat(login.complete(SignIn.openAndConfirm(browser, SignIn.link(second))).idClaims().path("email").asText())
                    .isEqualTo(user.email());
        }
    }

    @Test
    void linkAndCodeExpireAfterTheirValidity() throws Exception {
        TestUser user = users.withoutPassword("late");
        try (ExecutionConfig ignored = ExecutionConfig.change(admin, EinlassEnvironment.REALM, "einlass first factor",
                "einlass-magic-link", Map.of("einlass.magic-link.validity-minutes", "1"))) {
            Browser browser = env.browser();
            Page waiting = SignIn.requestLink(browser, env.portalApp().login(), user.email());
            assertThat(waiting.element("#einlass-validity").text()).contains("valid for 1 minute (until");
            Mail mail = mailbox.next(user.email());
            assertThat(mail.text()).contains("Valid for 1 minute, until");

            Thread.sleep(62_000);
            Page expired = browser.open(SignIn.link(mail));
            assertThat(expired.status()).isEqualTo(410);
            assertThat(expired.element("#kc-page-title").text()).isEqualTo("Link expired");
            assertThat(expired.has("#einlass-new-link")).isTrue();
            assertThat(expired.text()).doesNotContain(user.email());

            Page code = SignIn.typeCode(waiting, SignIn.code(mail));
            assertThat(code.element("#input-error-code").text()).isEqualTo("This code has expired. Request a new email below.");
        }
    }

    @Test
    void linkStopsWorkingWhenThePasswordIsResetTheEmailChangesOrTheUserIsDisabled() {
        TestUser reset = users.withPassword("reset");
        String resetLink = requestedLink(reset.email());
        admin.resetPassword(EinlassEnvironment.REALM, reset.id(), "New-Password-" + System.nanoTime());
        assertThat(env.browser().open(resetLink).element("#kc-page-title").text()).isEqualTo("Link not valid");

        TestUser moved = users.withoutPassword("moved");
        String movedLink = requestedLink(moved.email());
        admin.updateUser(EinlassEnvironment.REALM, moved.id(), Map.of("email", TestUsers.uniqueEmail("moved-new")));
        assertThat(env.browser().open(movedLink).element("#kc-page-title").text()).isEqualTo("Link not valid");

        TestUser gone = users.withoutPassword("gone");
        String goneLink = requestedLink(gone.email());
        admin.updateUser(EinlassEnvironment.REALM, gone.id(), Map.of("enabled", false));
        Page page = env.browser().open(goneLink);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.has("#einlass-confirm-form")).isFalse();
    }

    /** The defect: the per-link try counter was a read-modify-write of a note; parallel guesses got more tries. */
    @Test
    void twentyParallelWrongCodesGetNoMoreThanFiveTries() throws Exception {
        TestUser user = users.withoutPassword("parallel-guesser");
        Browser attacker = env.browser();
        Page waiting = SignIn.requestLink(attacker, env.portalApp().login(), user.email());
        String code = SignIn.code(mailbox.next(user.email()));
        String wrong = code.equals("000000") ? "111111" : "000000";
        String action = waiting.form("#einlass-code-form").action().toString();

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Page>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return attacker.fetch("POST", action, "code=" + wrong, Map.of("Content-Type", "application/x-www-form-urlencoded"));
            }));
        }
        start.countDown();
        int wrongAnswers = 0;
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (var answer : answers) {
            Page page = answer.get();
            String outcome = page.status() + " " + (page.has("#input-error-code") ? page.element("#input-error-code").text() : page.title());
            outcomes.merge(outcome, 1, Integer::sum);
            if (page.text().contains("This code is not correct.")) {
                wrongAnswers++;
            }
        }
        pool.shutdown();
        assertThat(wrongAnswers).as("codes actually compared: %s", outcomes).isLessThanOrEqualTo(5);

        // the attacker goes on guessing one by one: in all, never more than five codes are compared
        Page page = attacker.open(action.replaceAll("session_code=[^&]*&?", ""));
        for (int i = 0; i < 10 && !page.text().contains("Too many wrong codes"); i++) {
            page = SignIn.typeCode(page, wrong);
            if (page.text().contains("This code is not correct.")) {
                wrongAnswers++;
            }
        }
        assertThat(wrongAnswers).as("wrong codes compared in all").isEqualTo(5);
        Page right = SignIn.typeCode(page, code);
        assertThat(right.isRedirectAway()).as("the right code no longer works after five tries").isFalse();
        assertThat(right.element("#input-error-code").text()).isEqualTo("Too many wrong codes. Request a new email below.");
        admin.clearBruteForce(EinlassEnvironment.REALM, user.id());
    }

    /** The defect: a typed address went unescaped into a page message rendered as markup. */
    @Test
    void anAddressTypedAsMarkupNeverRendersAsMarkup() throws Exception {
        try (ExecutionConfig ignored = ExecutionConfig.change(admin, EinlassEnvironment.REALM, "einlass first factor",
                "einlass-magic-link", Map.of("einlass.magic-link.resend-cooldown-seconds", "10"))) {
            String markup = "<h1>Injected</h1><a/href=//evil.example>x</a>@portal.example";
            Browser browser = env.browser();
            Page afterEmail = SignIn.enterEmail(SignIn.start(browser, env.portalApp().login(Map.of("login_hint", markup))), markup);
            List<Page> pages = new java.util.ArrayList<>(List.of(afterEmail));
            if (afterEmail.has("#einlass-alternatives-form")) {
                Page waiting = SignIn.choose(afterEmail, "einlass-magic-link");
                Thread.sleep(10_500);
                pages.add(SignIn.resend(waiting));
                pages.add(SignIn.continueAfterApproval(waiting));
            } else {
                assertThat(afterEmail.element("#input-error-email").text())
                        .isEqualTo("This is not a valid email address. Please check it (example: name@example.com).");
            }
            for (Page page : pages) {
                assertThat(page.document().select("h1").text()).doesNotContain("Injected");
                assertThat(page.document().select("a[href*=evil.example]")).isEmpty();
            }
        }
    }

    @Test
    void malformedOrMadeUpLinksGetAClearPageNeverAnError() {
        for (String t : List.of("", "x", "%00%00", "A".repeat(43), "a".repeat(5000), "<script>alert(1)</script>")) {
            Page page = env.browser().open(env.realmUrl() + "/einlass/magic-link?t=" + io.einlass.keycloak.it.support.Urls.encode(t));
            assertThat(page.status()).as(t).isIn(400, 410);
            assertThat(page.has("#einlass-new-link")).as(t).isTrue();
            assertThat(page.body()).doesNotContain("<script>alert(1)</script>");
        }
        Page post = env.browser().post(env.realmUrl() + "/einlass/magic-link", Map.of("t", "nonsense", "match", "xx"));
        assertThat(post.status()).isEqualTo(400);
    }

    private String requestedLink(String email) {
        SignIn.requestLink(env.browser(), env.portalApp().login(), email);
        return SignIn.link(mailbox.next(email));
    }

    private JsonNode awaitFailures(String userId, int atLeast) {
        JsonNode status = null;
        for (int i = 0; i < 50; i++) {
            status = admin.bruteForce(EinlassEnvironment.REALM, userId);
            if (status.path("numFailures").asInt() >= atLeast) {
                return status;
            }
            sleep(200);
        }
        return status;
    }

    private void awaitDisabled(String userId) {
        for (int i = 0; i < 50; i++) {
            if (admin.bruteForce(EinlassEnvironment.REALM, userId).path("disabled").asBoolean()) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("user was not locked by brute-force detection");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
