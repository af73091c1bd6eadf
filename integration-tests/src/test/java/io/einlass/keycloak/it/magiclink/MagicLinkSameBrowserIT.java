package io.einlass.keycloak.it.magiclink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Seeds 003 and 004: "type your email, get a link, confirm the sign-in in the mail". The link is opened in the
 * browser that asked for it.
 */
@EinlassTest
class MagicLinkSameBrowserIT {

    private final EinlassEnvironment env;
    private final Mailbox mailbox;
    private final AdminClient admin;
    private final TestUsers users;

    MagicLinkSameBrowserIT(EinlassEnvironment env) {
        this.env = env;
        this.mailbox = env.mailbox();
        this.admin = env.admin();
        this.users = new TestUsers(admin, EinlassEnvironment.REALM);
    }

    @Test
    void userRequestsALinkClicksItAndLandsSignedInWithHonestAcrAndAmr() {
        TestUser user = users.withoutPassword("clicker");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();

        Page waiting = SignIn.requestLink(browser, login, user.email());
        assertThat(waiting.element("#kc-page-title").text()).isEqualTo("Check your inbox");
        assertThat(waiting.element("#einlass-sent-to").text()).contains(user.email());
        assertThat(waiting.element("#einlass-validity").text()).contains("valid for 15 minutes (until ");
        assertThat(waiting.has("#einlass-resend[disabled]")).as("resend waits for the cooldown").isTrue();
        assertThat(waiting.element("#einlass-spam-hint").text()).contains("spam");

        Mail mail = mailbox.next(user.email());
        String link = SignIn.link(mail);
        Page landing = browser.open(link);
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.element("#einlass-confirm").text()).isEqualTo("Confirm sign-in");

        Page back = landing.form("#einlass-confirm-form").submit("decision", "confirm");
        Tokens tokens = login.complete(back);
        assertThat(tokens.idClaims().path("email").asText()).isEqualTo(user.email());
        assertThat(tokens.idClaims().path("amr")).extracting(JsonNode::asText).containsExactly("email");
        assertThat(tokens.idClaims().path("acr").asText()).isEqualTo("1");

        JsonNode event = admin.awaitEvent(EinlassEnvironment.REALM, "LOGIN", e -> user.id().equals(e.path("userId").asText()));
        assertThat(event.path("details").path("auth_method").asText()).isEqualTo("einlass-magic-link");
        assertThat(event.path("details").path("einlass_confirmation").asText()).isEqualTo("same_browser");
        JsonNode sent = admin.awaitEvent(EinlassEnvironment.REALM, "SEND_VERIFY_EMAIL", e -> user.id().equals(e.path("userId").asText()));
        assertThat(sent.path("clientId").asText()).isEqualTo("portal-app");
        assertThat(sent.path("details").path("einlass_action").asText()).isEqualTo("magic_link_sent");
    }

    /** Opening the link proves the mailbox: the account's email counts as verified afterwards, as elsewhere. */
    @Test
    void signingInByLinkMarksTheEmailAsVerified() {
        TestUser user = users.withoutPassword("unverified");
        var representation = (com.fasterxml.jackson.databind.node.ObjectNode) admin.user(EinlassEnvironment.REALM, user.id());
        representation.put("emailVerified", false);
        admin.put("/realms/" + EinlassEnvironment.REALM + "/users/" + user.id(), representation);
        assertThat(admin.user(EinlassEnvironment.REALM, user.id()).path("emailVerified").asBoolean()).isFalse();

        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        SignIn.requestLink(browser, login, user.email());
        Page landing = browser.open(SignIn.link(mailbox.next(user.email())));
        Tokens tokens = login.complete(landing.form("#einlass-confirm-form").submit("decision", "confirm"));

        assertThat(tokens.idClaims().path("email_verified").asBoolean()).isTrue();
        assertThat(admin.user(EinlassEnvironment.REALM, user.id()).path("emailVerified").asBoolean()).isTrue();
        JsonNode event = admin.awaitEvent(EinlassEnvironment.REALM, "LOGIN", e -> user.id().equals(e.path("userId").asText()));
        assertThat(event.path("details").path("einlass_email_verified").asText()).isEqualTo("true");
    }

    @Test
    void theMailHasButtonLinkCodeValidityAndTheRequestingBrowser() {
        TestUser user = users.withoutPassword("mailreader");
        Browser browser = env.browser(Browser.FIREFOX_WINDOWS);
        SignIn.requestLink(browser, env.portalApp().login(), user.email());

        Mail mail = mailbox.next(user.email());
        assertThat(mail.subject()).isEqualTo("Your sign-in link for Customer Portal");
        String link = SignIn.link(mail);
        assertThat(mail.htmlLinks()).contains(link);
        assertThat(mail.text()).containsPattern("Valid for 15 minutes, until \\d{2}:\\d{2} ");
        assertThat(mail.htmlText()).containsPattern("Valid for 15 minutes, until \\d{2}:\\d{2} ");
        assertThat(mail.text()).contains("Requested from Firefox on Windows");
        assertThat(mail.text()).contains("If you did not ask to sign in, ignore this email.");
        assertThat(SignIn.code(mail)).hasSize(6);
        assertThat(link).startsWith(env.baseUrl() + "/realms/portal/einlass/magic-link?t=");
    }

    @Test
    void germanUsersGetTheMailInGerman() {
        TestUser user = users.withLocale("anna", "de");
        SignIn.requestLink(env.browser(), env.portalApp().login(), user.email());

        Mail mail = mailbox.next(user.email());
        assertThat(mail.subject()).isEqualTo("Ihr Anmeldelink für Customer Portal");
        assertThat(mail.text()).contains("Anmeldung bestätigen").containsPattern("Gültig für 15 Minuten, bis \\d{2}:\\d{2} ");
    }

    @Test
    void mailScannerGetsAndHeadsTheLinkFirstAndTheUserStillSignsIn() {
        TestUser user = users.withoutPassword("scanned");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        SignIn.requestLink(browser, login, user.email());
        String link = SignIn.link(mailbox.next(user.email()));

        Browser scanner = env.browser(Browser.MAIL_SCANNER);
        assertThat(scanner.head(link).status()).isEqualTo(200);
        Page scanned = scanner.open(link);
        assertThat(scanned.status()).isEqualTo(200);
        assertThat(scanned.has("#einlass-confirm-form")).isTrue();
        assertThat(scanner.open(link).status()).as("a second scan still changes nothing").isEqualTo(200);

        Tokens tokens = login.complete(SignIn.openAndConfirm(browser, link));
        assertThat(tokens.idClaims().path("email").asText()).isEqualTo(user.email());
    }

    @Test
    void replayedLinkIsRejectedWithAPageThatOffersANewLink() {
        TestUser user = users.withoutPassword("replayer");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        SignIn.requestLink(browser, login, user.email());
        String link = SignIn.link(mailbox.next(user.email()));
        Page landing = browser.open(link);
        login.complete(landing.form("#einlass-confirm-form").submit("decision", "confirm"));

        Page replay = landing.form("#einlass-confirm-form").submit("decision", "confirm");
        assertThat(replay.status()).isEqualTo(410);
        assertThat(replay.element("#einlass-landing-text").text()).isEqualTo("This link has already been used. Each link works only once.");
        assertThat(replay.element("#einlass-new-link").attr("href")).isEqualTo(env.appUrl() + "/");

        Page reopened = env.browser().open(link);
        assertThat(reopened.status()).isEqualTo(410);
        assertThat(reopened.has("#einlass-confirm-form")).isFalse();
    }

    @Test
    void twoParallelConfirmationsYieldExactlyOneSignIn() throws Exception {
        TestUser user = users.withoutPassword("racer");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        SignIn.requestLink(browser, login, user.email());
        String link = SignIn.link(mailbox.next(user.email()));
        // the landing page, once: its form carries the token that binds the confirmation to this browser
        var form = browser.open(link).form("#einlass-confirm-form");
        String body = "t=" + form.value("t") + "&einlass-page-token=" + form.value("einlass-page-token") + "&decision=confirm";
        String action = form.action().toString();

        int parallel = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<Page>> answers = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            Callable<Page> confirm = () -> {
                start.await();
                return browser.fetch("POST", action, body,
                        Map.of("Content-Type", "application/x-www-form-urlencoded"));
            };
            answers.add(pool.submit(confirm));
        }
        start.countDown();
        int continued = 0;
        int rejected = 0;
        for (Future<Page> answer : answers) {
            Page page = answer.get();
            if (page.status() == 303) {
                continued++;
            } else if (page.status() == 410) {
                rejected++;
            }
        }
        pool.shutdown();
        assertThat(continued).isEqualTo(1);
        assertThat(rejected).isEqualTo(parallel - 1);
    }

    @Test
    void reloadingTheWaitingPageNeverSendsAnotherMail() {
        TestUser user = users.withoutPassword("reloader");
        Browser browser = env.browser();
        Page waiting = SignIn.requestLink(browser, env.portalApp().login(), user.email());
        mailbox.next(user.email());

        for (int i = 0; i < 3; i++) {
            Page reloaded = browser.open(waiting.form("#einlass-code-form").action().toString()
                    .replaceAll("session_code=[^&]*&?", "").replaceAll("execution=[^&]*&?", ""));
            assertThat(reloaded.element("#kc-page-title").text()).isEqualTo("Check your inbox");
        }
        SignIn.noMail(mailbox, user.email());
    }

    @Test
    void landingAndWaitingPagesAreNotCachedAndSendNoReferrer() {
        TestUser user = users.withoutPassword("headers");
        Browser browser = env.browser();
        Page waiting = SignIn.requestLink(browser, env.portalApp().login(), user.email());
        Page landing = browser.open(SignIn.link(mailbox.next(user.email())));

        for (Page page : List.of(waiting, landing)) {
            assertThat(page.header("Cache-Control").orElse("")).contains("no-store");
            assertThat(page.header("Referrer-Policy")).hasValue("no-referrer");
            assertThat(page.header("Content-Security-Policy").orElse("")).contains("script-src 'self'");
            assertThat(page.header("X-Frame-Options")).hasValue("SAMEORIGIN");
        }
    }

    @Test
    void linksAreBuiltFromTheConfiguredFrontendUrlNotFromForwardedHostHeaders() {
        TestUser user = users.withoutPassword("host");
        Browser browser = env.browser();
        Page email = SignIn.start(browser, env.portalApp().login());
        Page passwordPage = browser.fetch("POST", email.form("#einlass-identify-form").action().toString(),
                "email=" + user.email(), Map.of("Content-Type", "application/x-www-form-urlencoded",
                        "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https"));
        assertThat(passwordPage.status()).isEqualTo(200);
        Page waiting = browser.fetch("POST", passwordPage.form("#einlass-alternatives-form").action().toString(),
                "einlass-switch=" + passwordPage.element("#einlass-switch-einlass-magic-link").attr("value"),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-Host", "evil.example"));
        assertThat(waiting.status()).isEqualTo(200);

        Mail mail = mailbox.next(user.email());
        assertThat(mail.textLinks()).allMatch(l -> l.startsWith(env.baseUrl() + "/"));
        assertThat(mail.html()).doesNotContain("evil.example");
    }

    @Test
    void neitherEventsNorTheServerLogContainTheLinkOrTheCode() throws Exception {
        TestUser user = users.withoutPassword("secretive");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        SignIn.requestLink(browser, login, user.email());
        Mail mail = mailbox.next(user.email());
        String link = SignIn.link(mail);
        String secret = link.substring(link.indexOf("t=") + 2, link.indexOf('&'));
        String code = SignIn.code(mail);
        login.complete(SignIn.openAndConfirm(browser, link));
        admin.awaitEvent(EinlassEnvironment.REALM, "LOGIN", e -> user.id().equals(e.path("userId").asText()));

        String events = Json.write(admin.get("/realms/portal/events?max=1000"));
        assertThat(events).doesNotContain(secret).doesNotContain(code + "\"");
        String adminEvents = Json.write(admin.get("/realms/portal/admin-events?max=1000"));
        assertThat(adminEvents).doesNotContain(secret);
        Path log = Path.of(env.server().logLocation());
        if (Files.exists(log)) {
            String content = Files.readString(log);
            assertThat(content).doesNotContain(secret);
            assertThat(content).doesNotContain("code=" + code).doesNotContain("\"" + code + "\"");
        }
    }
}
