package io.einlass.keycloak.it.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.Json;
import io.einlass.keycloak.it.support.Mail;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestPhones;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Totp;
import io.einlass.keycloak.it.support.Urls;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Seed 002, "Profil > Kontowiederherstellung": one page where customers see how they sign in and how they get back
 * in, with "set up" and "manage" next to each item. Through the real server, as the customer and as an attacker.
 */
@EinlassTest
class AccountPageIT {

    private static final String REALM = EinlassEnvironment.REALM;
    private static final String BUTTON = "einlass-do";

    private final EinlassEnvironment env;
    private final AdminClient admin;
    private final TestUsers users;

    AccountPageIT(EinlassEnvironment env) {
        this.env = env;
        this.admin = env.admin();
        this.users = new TestUsers(admin, REALM);
    }

    private String pageUrl() {
        return env.realmUrl() + "/einlass/account";
    }

    // --- the person's steps ----------------------------------------------------------------------------------

    /** Opens the page without a session: the sign-in of the realm, then back on the page. */
    private Page openAndSignIn(Browser browser, TestUser user) {
        Page signIn = browser.open(pageUrl());
        assertThat(signIn.has("#einlass-identify-form")).as("the sign-in first:\n" + signIn.text()).isTrue();
        Page next = SignIn.enterPassword(SignIn.enterEmail(signIn, user.email()), user.password());
        if (next.has("#kc-otp-login-form")) {
            next = next.form("#kc-otp-login-form").set("otp", Totp.fresh(user.otpSecret(), null)).submit();
        }
        assertThat(next.has("#einlass-account")).as(next.uri() + "\n" + next.text()).isTrue();
        return next;
    }

    /** Signs in through the portal app (password, code, "trust this browser"), so the browser holds a trust. */
    private String signInTrusting(Browser browser, TestUser user) {
        return signInTrusting(browser, user, null);
    }

    /** The same, with a code other than {@code notThis} (codes are single use). */
    private String signInTrusting(Browser browser, TestUser user, String notThis) {
        OidcApp.Login login = env.portalApp().login();
        Page otp = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, login), user.email()), user.password());
        String code = Totp.fresh(user.otpSecret(), notThis);
        login.complete(otp.form("#kc-otp-login-form").set("otp", code).check("trustBrowser").submit());
        return code;
    }

    private static Element section(Page page, String id) {
        return page.element("section#" + id);
    }

    /** Presses the button labelled {@code label} in section {@code id} (row buttons included). */
    private static Page press(Page page, String id, String label) {
        for (Element button : section(page, id).select("button[name=" + BUTTON + "]")) {
            if (button.text().equals(label)) {
                Element form = button.closest("form");
                return page.formOf(form).submit(BUTTON, button.attr("value"));
            }
        }
        throw new AssertionError("no button '" + label + "' in section " + id + ":\n" + section(page, id).text());
    }

    private static String value(Page page, String id, String label) {
        for (Element button : section(page, id).select("button[name=" + BUTTON + "]")) {
            if (button.text().equals(label)) {
                return button.attr("value");
            }
        }
        throw new AssertionError("no button '" + label + "' in section " + id);
    }

    private static String token(Page page) {
        return page.element("input[name=einlass-token]").attr("value");
    }

    private static String alert(Page page) {
        return page.element(".pf-v5-c-alert .kc-feedback-text").text();
    }

    // --- the stories ------------------------------------------------------------------------------------------

    @Test
    void aSignedOutVisitorSignsInAndLandsOnThePageWithEverySection() {
        TestUser user = users.withPassword("acct-first");
        Browser browser = env.browser();
        Page page = openAndSignIn(browser, user);
        assertThat(page.uri().getPath()).isEqualTo("/realms/portal/einlass/account");
        assertThat(page.uri().getQuery()).as("no code or state left in the address").isNull();
        assertThat(page.element("#kc-page-title").text()).isEqualTo("Sign-in and security");
        assertThat(page.title()).startsWith("Sign-in and security");
        assertThat(page.select("section.einlass-account-section")).extracting(Element::id).containsExactly(
                "einlass-sign-in", "einlass-authenticator-app", "einlass-recovery-email", "einlass-recovery-phone",
                "einlass-trusted-browsers", "einlass-activity");
        assertThat(section(page, "einlass-sign-in").text()).contains("Email address: " + user.email()).contains("Password: set, last changed on");
        assertThat(section(page, "einlass-authenticator-app").text()).contains("Not set up.");
        assertThat(section(page, "einlass-recovery-email").text()).contains("Not set up.");
        assertThat(section(page, "einlass-trusted-browsers").text()).contains("No browser is trusted.");
        assertThat(section(page, "einlass-activity").text()).contains("Signed in");
        assertThat(page.header("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.header("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain(" onclick=");

        // the German page, chosen with the switch
        Page german = browser.open(page.element("#einlass-lang-de").absUrl("href"));
        assertThat(german.element("#kc-page-title").text()).isEqualTo("Anmeldung und Sicherheit");
        assertThat(german.form("section#einlass-sign-in form").action().toString()).contains("kc_locale=de");
    }

    @Test
    void eachItemShowsItsStateMaskedAndTheTrustOfThisBrowserIsMarked() {
        TestUser user = users.withPasswordAndOtp("acct-state");
        String recovery = TestUsers.uniqueEmail("acct-state-private");
        String phone = TestPhones.swissMobile();
        admin.updateUser(REALM, user.id(), Map.of("attributes", Map.of("recoveryEmail", List.of(recovery),
                "phoneNumber", List.of(phone), "phoneNumberVerified", List.of("true"))));
        Browser browser = env.browser();
        signInTrusting(browser, user);
        Page page = browser.open(pageUrl());
        assertThat(section(page, "einlass-authenticator-app").select(".einlass-account-row-title").text()).isEqualTo("Phone");
        assertThat(section(page, "einlass-recovery-email").text()).contains("(confirmed)").doesNotContain(recovery);
        assertThat(section(page, "einlass-recovery-phone").text().replace('\u00A0', ' ')).contains("+41 79 *** ** " + phone.substring(10))
                .doesNotContain(phone);
        Element trust = section(page, "einlass-trusted-browsers").selectFirst(".einlass-account-row");
        assertThat(trust.text()).contains("This browser").contains("Trusted since").contains("Until");
        assertThat(value(page, "einlass-recovery-email", "Manage")).isEqualTo("ACTION|einlass-recovery-email|einlass-recovery-email|");
    }

    @Test
    void forgettingATrustedBrowserEndsItAndTheCodeIsAskedAgain() {
        TestUser user = users.withPasswordAndOtp("acct-forget");
        Browser browser = env.browser();
        signInTrusting(browser, user);
        Page page = browser.open(pageUrl());
        Page after = press(page, "einlass-trusted-browsers", "Forget");
        assertThat(after.uri().getPath()).as("post/redirect/get").isEqualTo("/realms/portal/einlass/account");
        assertThat(alert(after)).isEqualTo("The browser was forgotten. It asks for the code again next time.");
        assertThat(section(after, "einlass-trusted-browsers").text()).contains("No browser is trusted.");
        assertThat(Json.write(admin.credentials(REALM, user.id()))).doesNotContain("einlass-trusted-browser");
        admin.awaitEvent(REALM, "REMOVE_CREDENTIAL", e -> user.id().equals(e.path("userId").asText())
                && "trusted_browser_forgotten".equals(e.path("details").path("einlass_action").asText()));
        assertThat(browser.cookies().startingWith("EINLASS_TB_")).as("the cookie is gone too").isEmpty();
        assertThat(after.has(".pf-v5-c-alert")).isTrue();
        assertThat(browser.open(pageUrl()).has(".pf-v5-c-alert")).as("the message shows once").isFalse();
    }

    @Test
    void aCrossSitePostOrOneWithoutTheSessionTokenChangesNothing() {
        TestUser user = users.withPasswordAndOtp("acct-csrf");
        Browser browser = env.browser();
        String first = signInTrusting(browser, user);
        Page page = browser.open(pageUrl());
        String forget = value(page, "einlass-trusted-browsers", "Forget");
        String token = token(page);

        String withToken = "einlass-token=" + Urls.encode(token) + "&einlass-do=" + Urls.encode(forget);
        Page crossSite = browser.fetch("POST", pageUrl(), withToken, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(alert(crossSite)).isEqualTo("This request did not come from this page and was refused. Nothing was changed.");
        Page noToken = browser.fetch("POST", pageUrl(), "einlass-do=" + Urls.encode(forget),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(noToken.status()).isEqualTo(403);
        Page wrongToken = browser.fetch("POST", pageUrl(), "einlass-token=" + "A".repeat(43) + "&einlass-do=" + Urls.encode(forget),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(Json.write(admin.credentials(REALM, user.id()))).contains("einlass-trusted-browser");

        // another browser's session has another token: the first one's token is useless there
        Browser other = env.browser();
        signInTrusting(other, user, first);
        Page otherPage = other.open(pageUrl());
        assertThat(token(otherPage)).isNotEqualTo(token);
        Page stolen = other.fetch("POST", pageUrl(), withToken, Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(stolen.status()).isEqualTo(403);

        // the same POST from the page itself works
        Page same = browser.fetch("POST", pageUrl(), withToken, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Origin", env.baseUrl(), "Sec-Fetch-Site", "same-origin"));
        assertThat(same.status()).isEqualTo(303);
    }

    @Test
    void anotherUsersTrustedBrowserCannotBeNamedAndOnlyShownButtonsWork() {
        TestUser anna = users.withPasswordAndOtp("acct-anna");
        TestUser ben = users.withPasswordAndOtp("acct-ben");
        Browser annas = env.browser();
        signInTrusting(annas, anna);
        JsonNode annaCredentials = admin.credentials(REALM, anna.id());
        String trustId = null;
        for (JsonNode c : annaCredentials) {
            if ("einlass-trusted-browser".equals(c.path("type").asText())) {
                trustId = c.path("id").asText();
            }
        }
        assertThat(trustId).isNotNull();

        Browser bens = env.browser();
        signInTrusting(bens, ben);
        Page page = bens.open(pageUrl());
        String forged = "POST|einlass-trusted-browsers|forget|" + trustId;
        Page refused = page.formOf(section(page, "einlass-trusted-browsers").selectFirst("form")).submit(BUTTON, forged);
        assertThat(alert(refused)).isEqualTo("This is no longer possible. The page now shows the current state.");
        assertThat(Json.write(admin.credentials(REALM, anna.id()))).as("Anna keeps her trust").contains(trustId);

        // no button the page does not show: an arbitrary account action
        Page action = page.formOf(section(page, "einlass-trusted-browsers").selectFirst("form"))
                .submit(BUTTON, "ACTION|einlass-sign-in|delete_account|");
        assertThat(alert(action)).isEqualTo("This is no longer possible. The page now shows the current state.");
        assertThat(action.uri().getPath()).isEqualTo("/realms/portal/einlass/account");
    }

    @Test
    void changingThePasswordGoesThroughKeycloakWithTheCodeAndComesBackWithAMessage() {
        TestUser user = users.withPasswordAndOtp("acct-password");
        Browser browser = env.browser();
        String first = signInTrusting(browser, user);
        Page page = browser.open(pageUrl());
        Page asked = press(page, "einlass-sign-in", "Change password");
        assertThat(asked.uri().getPath()).endsWith("/protocol/openid-connect/auth");
        assertThat(asked.uri().getQuery()).contains("client_id=einlass-account").contains("kc_action=UPDATE_PASSWORD")
                .contains("code_challenge_method=S256");
        assertThat(asked.has("#kc-otp-login-form")).as("the code, even in a trusted browser:\n" + asked.text()).isTrue();
        Page update = asked.form("#kc-otp-login-form").set("otp", Totp.fresh(user.otpSecret(), first)).submit();
        assertThat(update.has("#kc-passwd-update-form")).as(update.text()).isTrue();
        Page back = update.form("#kc-passwd-update-form").set("password-new", "New-Pw-2026-secret!").set("password-confirm", "New-Pw-2026-secret!").submit();
        assertThat(back.uri().getPath()).isEqualTo("/realms/portal/einlass/account");
        assertThat(alert(back)).isEqualTo("Your password was changed.");
        admin.awaitEvent(REALM, "UPDATE_PASSWORD", e -> user.id().equals(e.path("userId").asText())
                && "einlass-account".equals(e.path("clientId").asText()));
    }

    @Test
    void removingTheAuthenticatorAppNeedsItsCodeAndCancellingChangesNothing() {
        TestUser user = users.withPasswordAndOtp("acct-remove-otp");
        Browser browser = env.browser();
        String first = signInTrusting(browser, user);
        Page page = browser.open(pageUrl());
        Page asked = press(page, "einlass-authenticator-app", "Remove");
        assertThat(asked.uri().getQuery()).contains("kc_action=delete_credential:");
        assertThat(asked.has("#kc-otp-login-form")).as("a stolen session alone cannot remove it:\n" + asked.text()).isTrue();

        // cancelled on Keycloak's confirmation page
        Page confirm = asked.form("#kc-otp-login-form").set("otp", Totp.fresh(user.otpSecret(), first)).submit();
        assertThat(confirm.text()).contains("Phone");
        Page cancelled = confirm.formWith("cancel-aia").submit("cancel-aia");
        assertThat(alert(cancelled)).isEqualTo("Cancelled. Nothing was changed.");
        assertThat(Json.write(admin.credentials(REALM, user.id()))).contains("\"otp\"");
    }

    @Test
    void theActivityListsOnlyThisUsersSignInsWithIpAddress() {
        TestUser anna = users.withPassword("acct-activity-anna");
        TestUser ben = users.withPassword("acct-activity-ben");
        Browser bens = env.browser().clientIp("10.66.0.7");
        openAndSignIn(bens, ben);
        Browser annas = env.browser().clientIp("10.55.0.9");
        OidcApp.Login failed = env.portalApp().login();
        Page wrong = SignIn.enterPassword(SignIn.enterEmail(SignIn.start(annas, failed), anna.email()), "wrong-" + anna.password());
        assertThat(wrong.has("#kc-form-login")).isTrue();
        annas.cookies().remove("AUTH_SESSION_ID");
        Page page = openAndSignIn(annas, anna);
        Element activity = section(page, "einlass-activity");
        assertThat(activity.select(".einlass-account-row-title").eachText()).contains("Signed in", "Failed sign-in attempt");
        assertThat(activity.text()).contains("IP address 10.55.0.9").doesNotContain("10.66.0.7");
        admin.clearBruteForce(REALM, anna.id());
    }

    @Test
    void thisWasntMeAsksForANewSignInAndPasswordThenEndsOtherSessionsAndTrusts() {
        TestUser user = users.withPasswordAndOtp("acct-not-me");
        Browser intruder = env.browser();
        String intruders = signInTrusting(intruder, user);
        Browser owner = env.browser();
        String first = signInTrusting(owner, user, intruders);
        Page page = owner.open(pageUrl());
        Page again = press(page, "einlass-activity", "This wasn't me");
        assertThat(again.uri().getQuery()).contains("prompt=login").contains("kc_action=UPDATE_PASSWORD");
        assertThat(again.has("#kc-form-login") || again.has("#einlass-identify-form")).as("a new sign-in:\n" + again.text()).isTrue();
        Page code = again.has("#einlass-identify-form") ? SignIn.enterPassword(SignIn.enterEmail(again, user.email()), user.password())
                : SignIn.enterPassword(again, user.password());
        assertThat(code.has("#kc-otp-login-form")).as("with the code, never the trust:\n" + code.text()).isTrue();
        Page update = code.form("#kc-otp-login-form").set("otp", Totp.fresh(user.otpSecret(), first)).submit();
        Page back = update.form("#kc-passwd-update-form").set("password-new", "After-Intruder-2026!").set("password-confirm", "After-Intruder-2026!")
                .uncheck("logout-sessions").submit();
        assertThat(alert(back)).isEqualTo("Done: your password is new, all other sessions are signed out and all trusted browsers are forgotten.");
        assertThat(Json.write(admin.credentials(REALM, user.id()))).doesNotContain("einlass-trusted-browser");
        assertThat(admin.get("/realms/portal/users/" + user.id() + "/sessions").size()).as("only the owner's session").isEqualTo(1);
        Page intrudersPage = intruder.open(pageUrl());
        assertThat(intrudersPage.has("#einlass-account")).as("the intruder is signed out").isFalse();
        admin.awaitEvent(REALM, "LOGOUT", e -> user.id().equals(e.path("userId").asText())
                && "account_secured".equals(e.path("details").path("einlass_action").asText()));
        assertThat(section(back, "einlass-activity").text()).contains("Account secured");
    }

    @Test
    void thisWasntMeWithoutTheNewPasswordChangesNothing() {
        TestUser user = users.withPasswordAndOtp("acct-not-me-cancel");
        Browser other = env.browser();
        String others = signInTrusting(other, user);
        Browser owner = env.browser();
        String first = signInTrusting(owner, user, others);
        Page page = owner.open(pageUrl());
        Page again = press(page, "einlass-activity", "This wasn't me");
        Page code = again.has("#einlass-identify-form") ? SignIn.enterPassword(SignIn.enterEmail(again, user.email()), user.password())
                : SignIn.enterPassword(again, user.password());
        Page update = code.form("#kc-otp-login-form").set("otp", Totp.fresh(user.otpSecret(), first)).submit();
        Page back = update.formWith("cancel-aia").submit("cancel-aia");
        assertThat(alert(back)).startsWith("Nothing was changed");
        assertThat(admin.get("/realms/portal/users/" + user.id() + "/sessions").size()).isEqualTo(2);
        assertThat(Json.write(admin.credentials(REALM, user.id()))).contains("einlass-trusted-browser");
        // a made-up return changes nothing either
        Page forged = owner.open(pageUrl() + "/return?state=" + "B".repeat(43) + "&kc_action_status=success");
        assertThat(forged.has(".pf-v5-c-alert")).isFalse();
    }

    @Test
    void aLinkOnlyAccountHasNoPasswordToChange() {
        TestUser clara = users.withoutPassword("acct-link-only");
        Browser browser = env.browser();
        SignIn.requestLink(browser, null, clara.email(), browser.open(pageUrl()));
        Page back = SignIn.openAndConfirm(browser, SignIn.link(env.mailbox().next(clara.email())));
        assertThat(back.has("#einlass-account")).as(back.text()).isTrue();
        assertThat(section(back, "einlass-sign-in").text()).contains("You sign in with a link we send by email");
        assertThat(section(back, "einlass-sign-in").select("button")).isEmpty();
    }

    @Test
    void theSecurityLinkInANotificationMailOpensThePageAfterSignIn() {
        TestUser user = users.withPasswordAndOtp("acct-from-mail");
        Browser browser = env.browser();
        signInTrusting(browser, user);
        Mail notice = env.mailbox().next(user.email());
        String link = notice.link("/einlass/account");
        Browser elsewhere = env.browser();
        Page signIn = elsewhere.open(link);
        assertThat(signIn.has("#einlass-identify-form")).isTrue();
        assertThat(URI.create(link).getPath()).isEqualTo("/realms/portal/einlass/account");
    }

    @Test
    void afterAnAdministratorsUpdateMailWithoutAnAppThePageIsOfferedInsteadOfTheBlankConsole() {
        TestUser user = users.withPassword("acct-admin-mail");
        var response = admin.call("PUT", "/realms/" + REALM + "/users/" + user.id() + "/execute-actions-email", List.of("UPDATE_PASSWORD"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        Mail mail = env.mailbox().next(user.email());
        Browser browser = env.browser();
        Page info = browser.open(mail.link("/login-actions/action-token"));
        Page form = info.has("#kc-passwd-update-form") ? info : info.clickLink(info.select("#kc-info-message a").text());
        Page done = form.form("#kc-passwd-update-form").set("password-new", "Admin-Sent-2026-pw!").set("password-confirm", "Admin-Sent-2026-pw!").submit();
        assertThat(done.has("#einlass-security-page")).as(done.text()).isTrue();
        assertThat(done.element("#einlass-security-page").absUrl("href")).isEqualTo(pageUrl());
    }

    @Test
    void withoutItsClientThePageSaysItIsNotSetUp() {
        String id = admin.get("/realms/" + REALM + "/clients?clientId=einlass-account").get(0).path("id").asText();
        admin.put("/realms/" + REALM + "/clients/" + id, Map.of("enabled", false));
        try {
            Page page = env.browser().open(pageUrl());
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.text()).contains("The security page is not set up for this portal yet.");
        } finally {
            admin.put("/realms/" + REALM + "/clients/" + id, Map.of("enabled", true));
        }
    }
}
