package io.einlass.keycloak.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.Tokens;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Urls;
import org.junit.jupiter.api.Test;

/**
 * Einlass uses some Keycloak classes that are not SPIs (ARCHITECTURE.md, "Keycloak internals Einlass relies on") and
 * overrides some of Keycloak's templates. Each test here goes through one such use whose effect no other test
 * checks, so a Keycloak upgrade that changes it turns a test red.
 */
@EinlassTest
class KeycloakInternalsIT {

    private static final String REALM = EinlassEnvironment.REALM;

    private final EinlassEnvironment env;
    private final AdminClient admin;
    private final Mailbox mailbox;
    private final TestUsers users;

    KeycloakInternalsIT(EinlassEnvironment env) {
        this.env = env;
        this.admin = env.admin();
        this.mailbox = env.mailbox();
        this.users = new TestUsers(admin, REALM);
    }

    /** OIDCLoginProtocol.LOGIN_HINT_PARAM: the app's login_hint fills the email page. */
    @Test
    void theAppsLoginHintFillsTheEmailPage() {
        TestUser user = users.withPassword("hinted");
        Page emailPage = SignIn.start(env.browser(), env.portalApp().login(Map.of("login_hint", user.email())));
        assertThat(emailPage.element("#email").attr("value")).isEqualTo(user.email());
    }

    /** AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME / USERNAME_HIDDEN: the password page names the address. */
    @Test
    void thePasswordPageShowsTheTypedAddressAndAWayBack() {
        TestUser user = users.withPassword("attempted");
        Page passwordPage = SignIn.enterEmail(SignIn.start(env.browser(), env.portalApp().login()), user.email());
        assertThat(passwordPage.element("#kc-attempted-username").attr("value")).isEqualTo(user.email());
        assertThat(passwordPage.has("#reset-login")).isTrue();
    }

    /** ResetCredentialsActionToken.TOKEN_TYPE: the realm's lifespan of reset links caps the Einlass reset link. */
    @Test
    void theRealmsResetLinkLifespanCapsTheResetLink() {
        TestUser user = users.withPassword("capped-reset");
        ObjectNode realm = (ObjectNode) admin.get("/realms/" + REALM);
        String before = realm.path("attributes").path("actionTokenGeneratedByUserLifespan.reset-credentials").asText();
        setResetLifespan("600");
        try {
            SignIn.requestReset(env.browser(), env.portalApp().login(), user.email());
            assertThat(mailbox.next(user.email()).text()).contains("Valid for 10 minutes");
        } finally {
            setResetLifespan(before);
        }
    }

    private void setResetLifespan(String seconds) {
        ObjectNode realm = (ObjectNode) admin.get("/realms/" + REALM);
        ((ObjectNode) realm.path("attributes")).put("actionTokenGeneratedByUserLifespan.reset-credentials", seconds);
        admin.put("/realms/" + REALM, realm);
    }

    /** DeviceActivityManager: the security page names the browser and system of the session. */
    @Test
    void theActivityNamesTheBrowserAndSystemOfTheSession() {
        TestUser user = users.withPassword("device");
        Browser browser = env.browser(Browser.FIREFOX_WINDOWS);
        Page signIn = browser.open(env.realmUrl() + "/einlass/account");
        Page page = SignIn.enterPassword(SignIn.enterEmail(signIn, user.email()), user.password());
        assertThat(page.element("section#einlass-activity").text()).contains("Firefox").contains("Windows");
    }

    /** BruteForceProtector (outside a flow context): a wrong match number on the other device counts. */
    @Test
    void aWrongMatchNumberOnTheOtherDeviceCountsInBruteForceDetection() {
        TestUser user = users.withoutPassword("match");
        Page waiting = SignIn.requestLink(env.browser(), env.portalApp().login(), user.email());
        String right = SignIn.matchNumber(waiting);
        String wrong = "10".equals(right) ? "11" : "10";
        SignIn.approveFromOtherDevice(env.browser(Browser.SAFARI_IPHONE), SignIn.link(mailbox.next(user.email())), wrong);
        // Keycloak's brute-force protector counts on its own thread: give it a moment under load
        long deadline = System.currentTimeMillis() + 10_000;
        while (admin.bruteForce(REALM, user.id()).path("numFailures").asInt() == 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(admin.bruteForce(REALM, user.id()).path("numFailures").asInt()).isPositive();
        admin.clearBruteForce(REALM, user.id());
    }

    /**
     * UserSessionManager.revokeOfflineUserSession: every reset ends the offline sessions, even when the person
     * unticks Keycloak's "sign out other devices".
     */
    @Test
    void aResetEndsOfflineSessions() throws Exception {
        TestUser user = users.withPassword("offline");
        OidcApp.Login offline = env.portalApp().login(Map.of("scope", "openid offline_access"));
        Tokens tokens = offline.complete(SignIn.enterPassword(SignIn.enterEmail(SignIn.start(env.browser(), offline), user.email()),
                user.password()));
        String refresh = tokens.raw().path("refresh_token").asText();
        assertThat(refreshStatus(refresh)).as("the offline token works").isEqualTo(200);

        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        SignIn.requestReset(browser, login, user.email());
        Page landing = browser.open(SignIn.link(mailbox.next(user.email())));
        Page newPassword = landing.form("#einlass-confirm-form").submit("decision", "confirm");
        String password = "After-Offline-" + System.nanoTime();
        login.complete(newPassword.form("#kc-passwd-update-form").set("password-new", password).set("password-confirm", password)
                .uncheck("logout-sessions").submit());

        assertThat(refreshStatus(refresh)).as("the offline token is revoked").isEqualTo(400);
        assertThat(admin.get("/realms/" + REALM + "/users/" + user.id() + "/offline-sessions/"
                + admin.get("/realms/" + REALM + "/clients?clientId=portal-app").get(0).path("id").asText())).isEmpty();
    }

    private int refreshStatus(String refreshToken) throws Exception {
        String form = Urls.query(Map.of("grant_type", "refresh_token", "client_id", "portal-app", "refresh_token", refreshToken));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(env.realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    /** The email theme's email-verification.ftl (over Keycloak's base email theme). */
    @Test
    void theVerificationMailUsesTheEinlassTemplate() {
        TestUser user = users.withPassword("verify-mail");
        var response = admin.call("PUT", "/realms/" + REALM + "/users/" + user.id() + "/send-verify-email", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        Mail mail = mailbox.next(user.email());
        assertThat(mail.subject()).isEqualTo("Confirm your email address");
        assertThat(mail.text()).contains("Please confirm that this email address belongs to your account at Customer Portal.");
        assertThat(mail.htmlText()).contains("Confirm email address").contains("This address does not receive replies");
    }

    /**
     * The login.ftl, login-otp.ftl, login-username.ftl and login-password.ftl overrides, and the email theme's
     * password-reset.ftl: a realm that keeps Keycloak's own forms (and Keycloak's own reset step) in some flow gets
     * them in the Einlass look.
     */
    @Test
    void keycloaksOwnFormsAndResetMailRenderInTheEinlassTheme() {
        TestUser user = users.withPasswordAndOtp("builtin-forms");
        String clientUuid = admin.get("/realms/" + REALM + "/clients?clientId=portal-app").get(0).path("id").asText();
        String browserFlowId = flowId("browser");
        String splitFlowId = createSplitFlow();
        JsonNode client = admin.get("/realms/" + REALM + "/clients/" + clientUuid);
        ObjectNode withOverride = (ObjectNode) client.deepCopy();
        // with organizations on (the demo realm), Keycloak's own browser flow asks the username on a page of its own
        // first (its organization step); this test is about Keycloak's forms in the Einlass look, without it
        boolean organizations = admin.get("/realms/" + REALM).path("organizationsEnabled").asBoolean();
        admin.put("/realms/" + REALM, java.util.Map.of("organizationsEnabled", false));
        try {
            // Keycloak's "browser" flow: login.ftl, then login-otp.ftl
            withOverride.putObject("authenticationFlowBindingOverrides").put("browser", browserFlowId);
            admin.put("/realms/" + REALM + "/clients/" + clientUuid, withOverride);
            OidcApp.Login login = env.portalApp().login();
            Page form = env.browser().open(login.url());
            assertThat(form.has("#kc-form-login")).as(form.text()).isTrue();
            assertThat(form.has(".einlass-logo")).as("the Einlass look").isTrue();
            Page otp = form.form("#kc-form-login").set("username", user.email()).set("password", user.password()).submit();
            assertThat(otp.has("#kc-otp-login-form")).as(otp.text()).isTrue();
            assertThat(otp.has(".einlass-logo")).isTrue();

            // username and password on separate pages: login-username.ftl, login-password.ftl
            withOverride.putObject("authenticationFlowBindingOverrides").put("browser", splitFlowId);
            admin.put("/realms/" + REALM + "/clients/" + clientUuid, withOverride);
            OidcApp.Login split = env.portalApp().login();
            Page username = env.browser().open(split.url());
            assertThat(username.has("#kc-form-login")).as(username.text()).isTrue();
            assertThat(username.has("input[name=username]")).isTrue();
            assertThat(username.has("input[name=password]")).as("username only").isFalse();
            Page password = username.form("#kc-form-login").set("username", user.email()).submit();
            assertThat(password.has("input[name=password]")).as(password.text()).isTrue();
            assertThat(password.has(".einlass-logo")).isTrue();
        } finally {
            // Keycloak removes an override only when it is sent as an empty value
            ObjectNode restore = (ObjectNode) client.deepCopy();
            ObjectNode overrides = client.path("authenticationFlowBindingOverrides").isObject()
                    ? (ObjectNode) client.path("authenticationFlowBindingOverrides").deepCopy() : Json.MAPPER.createObjectNode();
            if (!overrides.has("browser")) {
                overrides.put("browser", "");
            }
            restore.set("authenticationFlowBindingOverrides", overrides);
            admin.put("/realms/" + REALM + "/clients/" + clientUuid, restore);
            admin.delete("/realms/" + REALM + "/authentication/flows/" + splitFlowId);
            admin.put("/realms/" + REALM, java.util.Map.of("organizationsEnabled", organizations));
        }
        admin.clearBruteForce(REALM, user.id());
    }

    @Test
    void keycloaksOwnResetStepSendsTheEinlassResetMail() {
        TestUser user = users.withPassword("builtin-reset");
        ObjectNode realm = (ObjectNode) admin.get("/realms/" + REALM);
        String before = realm.path("resetCredentialsFlow").asText();
        realm.put("resetCredentialsFlow", "reset credentials");
        admin.put("/realms/" + REALM, realm);
        try {
            Browser browser = env.browser();
            Page passwordPage = SignIn.enterEmail(SignIn.start(browser, env.portalApp().login()), user.email());
            Page choose = SignIn.forgotPassword(passwordPage);
            Page sent = choose.form("#kc-reset-password-form").set("username", user.email()).submit();
            assertThat(sent.status()).isLessThan(400);
            Mail mail = mailbox.next(user.email());
            assertThat(mail.subject()).isEqualTo("Reset your password");
            assertThat(mail.text()).contains("Choose a new password");
        } finally {
            ObjectNode restore = (ObjectNode) admin.get("/realms/" + REALM);
            restore.put("resetCredentialsFlow", before);
            admin.put("/realms/" + REALM, restore);
        }
    }

    private String flowId(String alias) {
        for (JsonNode flow : admin.get("/realms/" + REALM + "/authentication/flows")) {
            if (alias.equals(flow.path("alias").asText())) {
                return flow.path("id").asText();
            }
        }
        throw new AssertionError("no flow " + alias);
    }

    /** A top-level flow with Keycloak's username form and password form, each REQUIRED. */
    private String createSplitFlow() {
        String alias = "einlass-it split forms " + System.nanoTime();
        admin.post("/realms/" + REALM + "/authentication/flows", Map.of("alias", alias, "providerId", "basic-flow",
                "topLevel", true, "builtIn", false, "description", "test"));
        String path = "/realms/" + REALM + "/authentication/flows/" + Urls.encode(alias).replace("+", "%20") + "/executions";
        for (String provider : List.of("auth-username-form", "auth-password-form")) {
            admin.post(path + "/execution", Map.of("provider", provider));
        }
        for (JsonNode execution : admin.get(path)) {
            ObjectNode required = (ObjectNode) execution.deepCopy();
            required.put("requirement", "REQUIRED");
            admin.put(path, required);
        }
        return flowId(alias);
    }

}
