package io.einlass.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.Form;
import io.einlass.keycloak.it.support.Json;
import io.einlass.keycloak.it.support.KeycloakCluster;
import io.einlass.keycloak.it.support.LoadBalancer.Policy;
import io.einlass.keycloak.it.support.Mail;
import io.einlass.keycloak.it.support.Mailbox;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.SmsGatewayStub;
import io.einlass.keycloak.it.support.TestPhones;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Tokens;
import io.einlass.keycloak.it.support.Totp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Einlass in a two-node Keycloak cluster in production mode on PostgreSQL, behind a load balancer without
 * stickiness ({@link KeycloakCluster}): every sign-in state lives in Keycloak's cluster-wide stores, so a person
 * whose requests land on either node (or whose node dies) never notices. Run with {@code -Pcluster}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String REALM = KeycloakCluster.REALM;
    private static final Pattern SMS_CODE = Pattern.compile("\\b(\\d{6})\\b");

    private static KeycloakCluster cluster;
    private static AdminClient admin;
    private static Mailbox mailbox;
    private static TestUsers users;

    @BeforeAll
    static void start() {
        cluster = KeycloakCluster.start();
        admin = cluster.admin();
        mailbox = cluster.mailbox();
        users = new TestUsers(admin, REALM);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void spreadRequests() {
        cluster.balancer().route(Policy.ALTERNATE);
    }

    private static OidcApp portal() {
        return cluster.app("portal-app");
    }

    private static String userId(JsonNode event) {
        return event.path("userId").asText();
    }

    // --- the stories ------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void bothNodesRunInProductionModeOnPostgresAndNeitherWarnsAboutEinlass() {
        assertThat(cluster.buildOutput()).as("the bundle re-augments cleanly").contains("Quarkus augmentation completed")
                .contains("Server configuration updated and persisted");
        assertThat(cluster.log(1)).contains("Profile prod activated");
        assertThat(cluster.log(2)).contains("Profile prod activated");
        String tables = cluster.postgres().psql("SELECT count(*) FROM realm WHERE name = '" + REALM + "'");
        assertThat(tables).as("the realm lives in PostgreSQL").isEqualTo("1");
        assertThat(cluster.postgres().psql("SELECT count(*) FROM jgroups_ping")).as("both nodes registered")
                .isEqualTo("2");
        for (String log : List.of(cluster.buildOutput(), cluster.log(1), cluster.log(2))) {
            assertThat(log.lines().filter(l -> l.contains("WARN") || l.contains("ERROR"))
                    .filter(l -> l.toLowerCase().contains("einlass"))
                    .filter(l -> !l.contains("KC-SERVICES0047")))
                    .as("no warning about an Einlass provider beyond the documented internal-SPI notice").isEmpty();
        }
    }

    @Test
    @Order(2)
    void aLinkRequestedOnOneNodeIsConfirmedOnTheOtherAndAReplayFails() {
        TestUser user = users.withoutPassword("cluster-link");
        Browser browser = cluster.browser().onNode(1);
        OidcApp.Login login = portal().login();
        Page waiting = SignIn.requestLink(browser, login, user.email());
        assertThat(waiting.has("#einlass-code-form")).as(waiting.text()).isTrue();
        String link = SignIn.link(mailbox.next(user.email()));

        // the landing page and the confirming POST on node 2, the rest of the sign-in back on node 1
        Page landing = browser.onNode(2).open(link);
        long before = cluster.balancer().served(1);
        browser.onNodes(2, 1);
        Page confirmed = landing.form("#einlass-confirm-form").submit("decision", "confirm");
        assertThat(cluster.balancer().served(1)).as("the sign-in went on on node 1").isGreaterThan(before);
        Tokens tokens = login.complete(confirmed);
        assertThat(tokens.idClaims().path("email").asText()).isEqualTo(user.email());

        Page replay = cluster.browser().onNode(1).open(link);
        assertThat(replay.status()).isEqualTo(410);
        assertThat(replay.element("#kc-page-title").text()).isEqualTo("Link already used");
    }

    @Test
    @Order(3)
    void everyRequestOnTheOtherNodeStillSignsInWithTheCodeFromTheMail() {
        TestUser user = users.withoutPassword("cluster-code");
        Browser browser = cluster.browser(); // alternating: no two consecutive requests on the same node
        OidcApp.Login login = portal().login();
        Page waiting = SignIn.requestLink(browser, login, user.email());
        Page done = SignIn.typeCode(waiting, SignIn.code(mailbox.next(user.email())));
        assertThat(login.complete(done).idClaims().path("email").asText()).isEqualTo(user.email());
        assertThat(cluster.balancer().served(1)).isPositive();
        assertThat(cluster.balancer().served(2)).isPositive();
    }

    @Test
    @Order(4)
    void eightParallelConfirmationsOfOneLinkOverBothNodesApproveExactlyOnce() throws Exception {
        TestUser user = users.withoutPassword("cluster-race");
        Browser computer = cluster.browser().onNode(1);
        OidcApp.Login login = portal().login();
        Page waiting = SignIn.requestLink(computer, login, user.email());
        String number = SignIn.matchNumber(waiting);
        String link = SignIn.link(mailbox.next(user.email()));

        List<Form> forms = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Browser phone = cluster.browser(Browser.SAFARI_IPHONE).onNode(1 + i % 2);
            forms.add(phone.open(link).form("#einlass-confirm-form").set("match", number));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Page>> answers = new ArrayList<>();
            for (Form form : forms) {
                answers.add(pool.submit((Callable<Page>) () -> {
                    go.await();
                    return form.submit("decision", "confirm");
                }));
            }
            go.countDown();
            int approved = 0;
            for (Future<Page> answer : answers) {
                Page page = answer.get();
                assertThat(page.status()).as("no error under the race").isLessThan(500);
                if (page.has("#kc-page-title") && "Sign-in confirmed".equals(page.element("#kc-page-title").text())) {
                    approved++;
                }
            }
            assertThat(approved).as("exactly one phone approves").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        Tokens tokens = login.complete(SignIn.continueAfterApproval(waiting));
        assertThat(tokens.idClaims().path("email").asText()).isEqualTo(user.email());
        Thread.sleep(1_000);
        assertThat(admin.events(REALM, "LOGIN")).filteredOn(e -> user.id().equals(userId(e))).hasSize(1);
    }

    @Test
    @Order(5)
    void theLimitPerAddressHoldsWhileRequestsAlternateBetweenTheNodes() {
        String email = users.withoutPassword("cluster-limit").email();
        for (int i = 1; i <= 3; i++) {
            Page waiting = SignIn.requestLink(cluster.browser().onNode(1 + i % 2), portal().login(), email);
            assertThat(waiting.text()).as("request " + i).doesNotContain("Too many emails");
        }
        Page fourth = SignIn.requestLink(cluster.browser().onNode(1), portal().login(), email);
        assertThat(fourth.text()).contains("Too many emails were requested for this address or from your network.");
        for (int i = 0; i < 3; i++) {
            assertThat(mailbox.next(email)).isNotNull();
        }
        SignIn.noMail(mailbox, email);
    }

    @Test
    @Order(6)
    void theResendCooldownHoldsOnTheOtherNode() {
        TestUser user = users.withoutPassword("cluster-resend");
        Browser browser = cluster.browser().onNode(1);
        Page waiting = SignIn.requestLink(browser, portal().login(), user.email());
        mailbox.next(user.email());
        browser.onNode(2);
        Page tooEarly = SignIn.resend(waiting);
        assertThat(tooEarly.text()).containsPattern("Please wait \\d+ seconds before requesting another email.");
        SignIn.noMail(mailbox, user.email());
    }

    @Test
    @Order(7)
    void fiveWrongCodesSpreadOverBothNodesKillTheCode() throws Exception {
        TestUser user = users.withoutPassword("cluster-guess");
        Browser attacker = cluster.browser();
        Page page = SignIn.requestLink(attacker, portal().login(), user.email());
        String code = SignIn.code(mailbox.next(user.email()));
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 1; i <= 5; i++) {
            Thread.sleep(1_200); // slower than the quick-login check (1 s)
            attacker.onNode(1 + i % 2);
            page = SignIn.typeCode(page, wrong);
            assertThat(page.element("#input-error-code").text()).isEqualTo("This code is not correct. Please check it and try again.");
        }
        attacker.onNode(2);
        Page sixth = SignIn.typeCode(page, code);
        assertThat(sixth.isRedirectAway()).as("the right code no longer works after 5 wrong ones on both nodes").isFalse();
        assertThat(sixth.element("#input-error-code").text()).isEqualTo("Too many wrong codes. Request a new email below.");
        admin.clearBruteForce(REALM, user.id());
    }

    @Test
    @Order(8)
    void aBrowserTrustedOnOneNodeSkipsTheCodeOnTheOtherAndForgettingItThereEndsItEverywhere() {
        TestUser user = users.withPasswordAndOtp("cluster-trust");
        Browser browser = cluster.browser().onNode(1);
        OidcApp.Login login = portal().login();
        Page otpPage = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, login), user.email()), user.password());
        Form otp = otpPage.form("#kc-otp-login-form").set("otp", Totp.fresh(user.otpSecret(), null));
        otp.check("trustBrowser");
        Tokens tokens = login.complete(otp.submit());
        assertThat(browser.cookies().startingWith("EINLASS_TB_")).hasSize(1);

        // node 2 knows the trust at once
        assertThat(codeAsked(browser.onNode(2), user)).as("trusted on node 2").isFalse();

        // forgotten through node 2: node 1 asks for the code again
        browser.onNode(2);
        HttpResult forgotten = api(browser, "DELETE", "/einlass/trusted-browsers", tokens.accessToken());
        assertThat(forgotten.status()).isEqualTo(204);
        assertThat(codeAsked(browser.onNode(1), user)).as("node 1 asks again").isTrue();
    }

    @Test
    @Order(9)
    void aRecoveryAddressRequestedOnOneNodeIsConfirmedOnTheOther() {
        TestUser user = users.withPassword("cluster-recovery");
        String address = TestUsers.uniqueEmail("cluster-recovery-private");
        Browser browser = cluster.browser().onNode(1);
        signInWithPassword(browser, user);
        OidcApp.Login action = portal().login(Map.of("kc_action", "einlass-recovery-email"));
        Page sent = browser.open(action.url()).form("#einlass-recovery-email-form").set("recovery-email", address).submit("send");
        assertThat(sent.has("#einlass-recovery-sent")).as(sent.text()).isTrue();
        String link = mailbox.next(address).link("/einlass/recovery-email?");

        Browser owner = cluster.browser().onNode(2);
        Page confirmed = owner.open(link).form("#einlass-recovery-confirm-form").submit("decision");
        assertThat(confirmed.element("#kc-page-title").text()).isEqualTo("Recovery address confirmed");
        assertThat(admin.user(REALM, user.id()).path("attributes").path("recoveryEmail").get(0).asText()).isEqualTo(address);
        Page replay = cluster.browser().onNode(1).open(link);
        assertThat(replay.status()).isEqualTo(410);
    }

    @Test
    @Order(10)
    void anSmsCodeSentByOneNodeIsAcceptedByTheOther() {
        TestUser user = users.withPassword("cluster-phone");
        String number = TestPhones.swissMobile();
        Browser browser = cluster.browser().onNode(1);
        signInWithPassword(browser, user);
        Page numberPage = browser.open(portal().login(Map.of("kc_action", "einlass-recovery-phone")).url());
        Page codePage = numberPage.form("#einlass-phone-number-form").set("phone", number).submit("send");
        assertThat(codePage.has("#einlass-phone-code-form")).as(codePage.text()).isTrue();
        List<SmsGatewayStub.Received> received = cluster.sms().await(number, 1);
        Matcher m = SMS_CODE.matcher(Json.parse(received.get(0).body()).path("text").asText());
        assertThat(m.find()).isTrue();

        browser.onNode(2);
        Page back = codePage.form("#einlass-phone-code-form").set("code", m.group(1)).submit("verify");
        assertThat(back.isRedirectAway()).as(back.text()).isTrue();
        assertThat(URI.create(back.location()).getQuery()).contains("kc_action_status=success");
        assertThat(admin.user(REALM, user.id()).path("attributes").path("phoneNumber").get(0).asText()).isEqualTo(number);
    }

    @Test
    @Order(11)
    void afterPostgresRestartsTheNextSignInWorksOnBothNodes() {
        cluster.postgres().restart();
        TestUser user = users.withPassword("cluster-db-restart");
        for (int node = 1; node <= 2; node++) {
            Browser browser = cluster.browser().onNode(node);
            Tokens tokens = signInWithPassword(browser, user);
            assertThat(tokens.idClaims().path("email").asText()).as("node " + node).isEqualTo(user.email());
        }
    }

    @Test
    @Order(12)
    void whenTheNodeDiesWhileThePersonWaitsTheOtherNodeFinishesTheSignIn() {
        TestUser user = users.withoutPassword("cluster-crash");
        Browser browser = cluster.browser().onNode(1);
        OidcApp.Login login = portal().login();
        Page waiting = SignIn.requestLink(browser, login, user.email());
        String code = SignIn.code(mailbox.next(user.email()));

        cluster.node(1).kill();
        assertThat(cluster.node(1).isAlive()).isFalse();

        browser.onNode(2);
        Page done = SignIn.typeCode(waiting, code);
        Tokens tokens = login.complete(done);
        assertThat(tokens.idClaims().path("email").asText()).isEqualTo(user.email());
    }

    // --- steps ------------------------------------------------------------------------------------------------

    private static Tokens signInWithPassword(Browser browser, TestUser user) {
        OidcApp.Login login = portal().login();
        return login.complete(SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, login), user.email()), user.password()));
    }

    /** The SSO session ends (the trust cookie stays); a new sign-in with the password: is the code asked? */
    private static boolean codeAsked(Browser browser, TestUser user) {
        browser.cookies().remove("KEYCLOAK_IDENTITY");
        browser.cookies().remove("KEYCLOAK_SESSION");
        browser.cookies().remove("AUTH_SESSION_ID");
        OidcApp.Login login = portal().login();
        Page after = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, login), user.email()), user.password());
        return after.has("#kc-otp-login-form");
    }

    private record HttpResult(int status, String body) {
    }

    private static HttpResult api(Browser browser, String method, String path, String accessToken) {
        Page page = browser.fetch(method, cluster.url() + "/realms/" + REALM + path, null,
                Map.of("Authorization", "Bearer " + accessToken));
        return new HttpResult(page.status(), page.body());
    }
}
