package io.einlass.keycloak.it.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.einlass.keycloak.it.support.RequiredActionConfig;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Tokens;
import io.einlass.keycloak.it.support.Totp;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 (lexoffice): "enter your password first, add an address that differs from the login address, confirm it
 * by the link in the mail; manage or remove it later". The address is stored only once confirmed.
 */
@EinlassTest
class RecoveryEmailIT {

    private static final String REALM = EinlassEnvironment.REALM;
    private static final String ACTION = "einlass-recovery-email";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final EinlassEnvironment env;
    private final Mailbox mailbox;
    private final AdminClient admin;
    private final TestUsers users;

    RecoveryEmailIT(EinlassEnvironment env) {
        this.env = env;
        this.mailbox = env.mailbox();
        this.admin = env.admin();
        this.users = new TestUsers(admin, REALM);
    }

    // --- the person's steps ----------------------------------------------------------------------------------

    private Tokens signIn(Browser browser, TestUser user) {
        OidcApp.Login login = env.portalApp().login();
        return login.complete(SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, login), user.email()), user.password()));
    }

    /** The app sends the signed-in person to "Add a recovery email" (kc_action). */
    private Page openAction(Browser browser, OidcApp.Login login) {
        return browser.open(login.url());
    }

    private OidcApp.Login actionLogin() {
        return env.portalApp().login(Map.of("kc_action", ACTION));
    }

    private Page submitAddress(Page actionPage, String address) {
        return actionPage.form("#einlass-recovery-email-form").set("recovery-email", address).submit("send");
    }

    private static String link(Mail mail) {
        return mail.link("/einlass/recovery-email?");
    }

    private Page confirm(Browser browser, String link) {
        return browser.open(link).form("#einlass-recovery-confirm-form").submit("decision");
    }

    private String recoveryEmail(TestUser user) {
        JsonNode value = admin.user(REALM, user.id()).path("attributes").path("recoveryEmail");
        return value.isMissingNode() || value.isEmpty() ? null : value.get(0).asText();
    }

    /** Signs in, adds {@code address} and confirms it; returns the browser (signed in). */
    private Browser withRecoveryEmail(TestUser user, String address) {
        Browser browser = env.browser();
        signIn(browser, user);
        OidcApp.Login login = actionLogin();
        Page sent = submitAddress(openAction(browser, login), address);
        assertThat(sent.has("#einlass-recovery-sent")).as(sent.text()).isTrue();
        login.complete(sent.form("#einlass-recovery-continue-form").submit("continue"));
        confirm(env.browser(), link(mailbox.next(address)));
        assertThat(recoveryEmail(user)).isEqualTo(address);
        // both addresses are told (after the confirmation's commit, so wait for them)
        for (String told : List.of(user.email(), address)) {
            assertThat(mailbox.next(told).subject()).isEqualTo("A recovery email address was added (Customer Portal)");
        }
        return browser;
    }

    // --- the stories ------------------------------------------------------------------------------------------

    @Test
    void anAppAsksForARecoveryAddressAndOnlyTheConfirmationByLinkStoresIt() {
        TestUser user = users.withPassword("re-add");
        String address = TestUsers.uniqueEmail("re-add-private");
        Browser browser = env.browser();
        signIn(browser, user);
        OidcApp.Login login = actionLogin();
        Page page = openAction(browser, login);
        assertThat(page.element("#kc-page-title").text()).isEqualTo("Recovery email address");
        assertThat(page.element("#einlass-recovery-current").text()).isEqualTo("You have no recovery address yet.");

        Page sent = submitAddress(page, "  " + address.toUpperCase() + " ");
        assertThat(sent.element("#einlass-recovery-sent").text())
                .isEqualTo("We have sent a confirmation link to " + address + ". Open it within 24 hours and confirm there.");
        Mail mail = mailbox.next(address);
        assertThat(mail.subject()).isEqualTo("Confirm your recovery address for Customer Portal");
        assertThat(mail.text()).contains("Valid for 24 hours, until");
        SignIn.noMail(mailbox, user.email());
        assertThat(recoveryEmail(user)).as("nothing stored before the confirmation").isNull();

        // back to the app: the action is done for now
        Page back = sent.form("#einlass-recovery-continue-form").submit("continue");
        assertThat(URI.create(back.location()).getQuery()).contains("kc_action_status=success");

        // a mail scanner opens the link: nothing happens
        String link = link(mail);
        Browser scanner = env.browser(Browser.MAIL_SCANNER);
        assertThat(scanner.open(link).has("#einlass-recovery-confirm-form")).isTrue();
        scanner.head(link);
        assertThat(recoveryEmail(user)).isNull();

        // the owner of the new mailbox confirms, in a browser that is signed in nowhere, and stays signed in nowhere
        Browser mailboxOwner = env.browser();
        Page landing = mailboxOwner.open(link);
        assertThat(landing.element("#einlass-recovery-question").text())
                .isEqualTo("Use " + address + " as the recovery address of the account " + user.email().charAt(0) + "***@c***.example?");
        Page confirmed = landing.form("#einlass-recovery-confirm-form").submit("decision");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.element("#kc-page-title").text()).isEqualTo("Recovery address confirmed");
        assertThat(confirmed.text()).contains("This did not sign anybody in");
        assertThat(mailboxOwner.cookies().all()).noneMatch(c -> c.name().startsWith("KEYCLOAK_"));
        assertThat(recoveryEmail(user)).isEqualTo(address);
        admin.awaitEvent(REALM, "UPDATE_PROFILE", e -> user.id().equals(e.path("userId").asText())
                && "recovery_email_added".equals(e.path("details").path("einlass_action").asText()));

        // the link worked once
        Page replay = env.browser().open(link);
        assertThat(replay.status()).isEqualTo(410);
        assertThat(replay.element("#kc-page-title").text()).isEqualTo("Link already used");
    }

    @Test
    void theAddressMustBeAValidAddressOtherThanTheLoginAddressAndNothingIsSentOtherwise() {
        TestUser user = users.withPassword("re-refuse");
        Browser browser = env.browser();
        signIn(browser, user);
        Page page = openAction(browser, actionLogin());
        String fullWidth = user.email().replace("@", "\uff20").toUpperCase();
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("", "Please enter an email address.");
        refusals.put("not-an-address", "This is not a valid email address. Please check it (example: name@example.com).");
        refusals.put("<h1>x</h1>@portal.example", "This is not a valid email address. Please check it (example: name@example.com).");
        refusals.put(user.email(), "The recovery address must differ from the address you sign in with.");
        refusals.put(" " + user.email().toUpperCase() + " ", "The recovery address must differ from the address you sign in with.");
        refusals.put(fullWidth, "The recovery address must differ from the address you sign in with.");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            page = submitAddress(page, refusal.getKey());
            assertThat(page.element("#input-error-recovery-email").text()).as(refusal.getKey()).isEqualTo(refusal.getValue());
            assertThat(page.document().select("h1").text()).doesNotContain("x</h1>");
        }
        mailbox.assertNoMail(user.email(), Duration.ofSeconds(2));
        assertThat(recoveryEmail(user)).isNull();
    }

    @Test
    void aChangeKeepsTheOldAddressUntilTheNewOneIsConfirmedAndTellsTheOldAddress() {
        TestUser user = users.withPassword("re-change");
        String first = TestUsers.uniqueEmail("re-change-first");
        Browser browser = withRecoveryEmail(user, first);

        String second = TestUsers.uniqueEmail("re-change-second");
        Page page = openAction(browser, actionLogin());
        assertThat(page.element("#einlass-recovery-current").text()).startsWith("Your recovery address: " + first.charAt(0) + "***@");
        Page sent = submitAddress(page, second);
        assertThat(sent.element("#einlass-recovery-kept").text()).startsWith("Until you confirm, your recovery address stays");
        assertThat(recoveryEmail(user)).as("the old address until the new one is confirmed").isEqualTo(first);

        confirm(env.browser(), link(mailbox.next(second)));
        assertThat(recoveryEmail(user)).isEqualTo(second);
        for (String told : List.of(user.email(), second, first)) {
            Mail notice = mailbox.next(told);
            assertThat(notice.subject()).as(told).isEqualTo("Your recovery email address was changed (Customer Portal)");
            assertThat(notice.text()).contains("The previous address is told too.").doesNotContain("/einlass/recovery-email?");
        }
    }

    @Test
    void onlyTheNewestLinkWorksAndAPasswordChangeVoidsAPendingLink() {
        TestUser user = users.withPassword("re-newest");
        Browser browser = env.browser();
        signIn(browser, user);
        String address = TestUsers.uniqueEmail("re-newest-private");
        submitAddress(openAction(browser, actionLogin()), address);
        String older = link(mailbox.next(address));
        submitAddress(openAction(browser, actionLogin()), address);
        String newer = link(mailbox.next(address));

        Page superseded = env.browser().open(older);
        assertThat(superseded.element("#kc-page-title").text()).isEqualTo("A newer link was sent");
        assertThat(superseded.has("#einlass-recovery-again")).isTrue();

        admin.resetPassword(REALM, user.id(), "Changed-" + System.nanoTime());
        Page invalid = env.browser().open(newer);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.has("#einlass-recovery-confirm-form")).isFalse();
        assertThat(recoveryEmail(user)).isNull();
    }

    @Test
    void aLinkChangesOnlyItsOwnAccountAndACrossSitePostChangesNothing() {
        TestUser anna = users.withPassword("re-anna");
        TestUser ben = users.withPassword("re-ben");
        Browser annasBrowser = env.browser();
        signIn(annasBrowser, anna);
        String address = TestUsers.uniqueEmail("re-anna-private");
        submitAddress(openAction(annasBrowser, actionLogin()), address);
        String link = link(mailbox.next(address));
        String secret = link.substring(link.indexOf("t=") + 2);

        // Ben, signed in, is lured to post Anna's link from another site
        Browser bensBrowser = env.browser();
        signIn(bensBrowser, ben);
        Page crossSite = bensBrowser.fetch("POST", env.realmUrl() + "/einlass/recovery-email", "t=" + secret + "&decision=confirm",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
        assertThat(crossSite.status()).isEqualTo(400);
        assertThat(recoveryEmail(anna)).isNull();

        confirm(bensBrowser, link);
        assertThat(recoveryEmail(anna)).as("the link belongs to Anna's account").isEqualTo(address);
        assertThat(recoveryEmail(ben)).as("whoever is signed in where it is opened").isNull();
    }

    @Test
    void theAddressIsRemovedThroughTheActionAndTheRemovedAddressIsTold() {
        TestUser user = users.withPassword("re-remove");
        String address = TestUsers.uniqueEmail("re-remove-private");
        Browser browser = withRecoveryEmail(user, address);
        OidcApp.Login login = actionLogin();
        Page page = openAction(browser, login);
        Page back = page.form("#einlass-recovery-other-form").submit("remove");
        assertThat(URI.create(back.location()).getQuery()).contains("kc_action_status=success");
        assertThat(recoveryEmail(user)).isNull();
        assertThat(mailbox.next(address).subject()).isEqualTo("Your recovery email address was removed (Customer Portal)");
        assertThat(mailbox.next(user.email()).subject()).isEqualTo("Your recovery email address was removed (Customer Portal)");
    }

    @Test
    void theAccountRestApiCannotWriteTheAddressAndThePrimaryEmailCannotBecomeIt() throws Exception {
        TestUser user = users.withPassword("re-readonly");
        String address = TestUsers.uniqueEmail("re-readonly-private");
        Browser browser = withRecoveryEmail(user, address);
        Tokens tokens = signIn(env.browser(), user);

        JsonNode account = accountGet(tokens);
        assertThat(account.path("attributes").path("recoveryEmail").get(0).asText()).as("the user may see it").isEqualTo(address);
        ObjectNode changed = account.deepCopy();
        ((ObjectNode) changed.path("attributes")).putArray("recoveryEmail").add(TestUsers.uniqueEmail("re-sneaky"));
        HttpResponse<String> write = accountPost(tokens, changed);
        assertThat(write.statusCode()).isEqualTo(400);
        assertThat(write.body()).contains("error-user-attribute-read-only");
        assertThat(recoveryEmail(user)).isEqualTo(address);

        // the login address may not become the recovery address: account REST, admin API
        ObjectNode sameEmail = account.deepCopy();
        sameEmail.put("email", address.toUpperCase());
        HttpResponse<String> viaAccount = accountPost(tokens, sameEmail);
        assertThat(admin.user(REALM, user.id()).path("email").asText()).as("account REST: %s %s", viaAccount.statusCode(), viaAccount.body())
                .isEqualTo(user.email());

        ObjectNode rep = (ObjectNode) admin.user(REALM, user.id());
        rep.put("email", address);
        HttpResponse<String> viaAdmin = admin.call("PUT", "/realms/" + REALM + "/users/" + user.id(), rep);
        assertThat(viaAdmin.statusCode()).isEqualTo(400);
        assertThat(viaAdmin.body()).contains("einlass.recovery-email.equals-login");
        assertThat(admin.user(REALM, user.id()).path("email").asText()).isEqualTo(user.email());
        assertThat(browser).isNotNull();
    }

    @Test
    void aTrustedBrowserIsStillAskedForTheCodeBeforeTheAddressCanBeChanged() throws Exception {
        TestUser user = users.withPasswordAndOtp("re-trusted");
        Browser browser = env.browser();
        OidcApp.Login first = env.portalApp().login();
        Page otp = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, first), user.email()), user.password());
        first.complete(otp.form("#kc-otp-login-form").set("otp", Totp.fresh(user.otpSecret(), null)).check("trustBrowser").submit());

        // within the action's max_auth_age: the code, never the trust
        Page page = openAction(browser, actionLogin());
        assertThat(page.has("#kc-otp-login-form")).as("the code first").isTrue();
        assertThat(page.has("#trustBrowser")).isFalse();

        // past max_auth_age: the password again, then the code
        try (RequiredActionConfig ignored = RequiredActionConfig.set(admin, REALM, ACTION, Map.of("max_auth_age", "1",
                "einlass.recovery-email.link-validity-minutes", "1440", "einlass.recovery-email.not-now", "true"))) {
            Thread.sleep(2_500);
            Page reauth = openAction(browser, actionLogin());
            assertThat(reauth.has("#kc-form-login")).as("the password again").isTrue();
            Page code = SignIn.enterPassword(reauth, user.password());
            assertThat(code.has("#kc-otp-login-form")).as("and the code, even in a trusted browser").isTrue();
        }
        admin.clearBruteForce(REALM, user.id());
    }

    @Test
    void setAsARequiredActionThePersonMaySayNotNowAndIsAskedAgainNextTime() {
        TestUser user = users.withPassword("re-not-now");
        admin.updateUser(REALM, user.id(), Map.of("requiredActions", List.of(ACTION)));
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page page = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, login), user.email()), user.password());
        assertThat(page.has("#einlass-recovery-email-form")).isTrue();
        assertThat(page.has("#einlass-recovery-cancel")).as("no app asked: no cancel button").isFalse();
        Page back = page.form("#einlass-recovery-other-form").submit("not-now");
        login.complete(back);
        assertThat(admin.user(REALM, user.id()).path("requiredActions")).extracting(JsonNode::asText).containsExactly(ACTION);

        browser.cookies().clear();
        OidcApp.Login again = env.portalApp().login();
        Page next = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, again), user.email()), user.password());
        assertThat(next.has("#einlass-recovery-email-form")).as("asked again at the next sign-in").isTrue();
    }

    @Test
    void aMailServerThatIsDownNeverFailsTheActionAndTheFailureIsRecorded() throws Exception {
        TestUser user = users.withPassword("re-smtp-down");
        Browser browser = env.browser();
        signIn(browser, user);
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (RealmSmtp ignored = RealmSmtp.port(admin, REALM, closed)) {
            OidcApp.Login login = actionLogin();
            Page sent = submitAddress(openAction(browser, login), TestUsers.uniqueEmail("re-smtp-down-private"));
            assertThat(sent.has("#einlass-recovery-sent")).as("the page answers as usual").isTrue();
            assertThat(URI.create(sent.form("#einlass-recovery-continue-form").submit("continue").location()).getQuery())
                    .contains("kc_action_status=success");
            JsonNode failure = awaitEvent("SEND_VERIFY_EMAIL_ERROR", user, Duration.ofSeconds(30));
            assertThat(failure.path("details").path("einlass_recovery_email").asText()).contains("***");
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private JsonNode awaitEvent(String type, TestUser user, Duration wait) throws InterruptedException {
        long deadline = System.currentTimeMillis() + wait.toMillis();
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode event : admin.events(REALM, type)) {
                if (user.id().equals(event.path("userId").asText())) {
                    return event;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + type + " event for " + user.email());
    }

    private JsonNode accountGet(Tokens tokens) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(env.realmUrl() + "/account"))
                .header("Authorization", "Bearer " + tokens.accessToken()).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    private HttpResponse<String> accountPost(Tokens tokens, JsonNode body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(env.realmUrl() + "/account"))
                .header("Authorization", "Bearer " + tokens.accessToken()).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
