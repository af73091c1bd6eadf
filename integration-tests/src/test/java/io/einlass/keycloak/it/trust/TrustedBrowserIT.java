package io.einlass.keycloak.it.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.Cookie;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.ExecutionConfig;
import io.einlass.keycloak.it.support.Json;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.RequiredActionConfig;
import io.einlass.keycloak.it.support.ServerLog;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Tokens;
import io.einlass.keycloak.it.support.Totp;
import org.junit.jupiter.api.Test;

/**
 * Seed 003: "the code is then valid on this device for 30 days". After a correct code with "Trust this browser"
 * checked, later sign-ins of the same user in that browser skip the authenticator app, until the trust ends.
 */
@EinlassTest
class TrustedBrowserIT {

    private static final String REALM = EinlassEnvironment.REALM;

    private final EinlassEnvironment env;
    private final AdminClient admin;
    private final TestUsers users;

    TrustedBrowserIT(EinlassEnvironment env) {
        this.env = env;
        this.admin = env.admin();
        this.users = new TestUsers(admin, REALM);
    }

    // --- the person's steps ----------------------------------------------------------------------------------

    /** Email and password; returns the page after the password (the OTP page, or the redirect to the app). */
    private Page password(Browser browser, OidcApp.Login login, TestUser user) {
        return SignIn.enterPassword(SignIn.enterEmail(SignIn.start(browser, login), user.email()), user.password());
    }

    private Page otp(Page otpPage, TestUser user, boolean trust) {
        var form = otpPage.form("#kc-otp-login-form").set("otp", Totp.fresh(user.otpSecret(), lastCode.get(user.id())));
        lastCode.put(user.id(), form.value("otp"));
        if (trust) {
            form.check("trustBrowser");
        } else {
            form.uncheck("trustBrowser");
        }
        return form.submit();
    }

    private final Map<String, String> lastCode = new java.util.concurrent.ConcurrentHashMap<>();

    /** Full sign-in with password and code; returns the tokens. */
    private Tokens signInWithCode(Browser browser, TestUser user, boolean trust) {
        OidcApp.Login login = env.portalApp().login();
        Page otpPage = password(browser, login, user);
        assertThat(otpPage.has("#kc-otp-login-form")).as("the authenticator code is asked").isTrue();
        return login.complete(otp(otpPage, user, trust));
    }

    /** The SSO session ends (idle timeout, sign-out); the trust cookie stays in the browser. */
    private static void sessionEnds(Browser browser) {
        browser.cookies().remove("KEYCLOAK_IDENTITY");
        browser.cookies().remove("KEYCLOAK_SESSION");
        browser.cookies().remove("AUTH_SESSION_ID");
    }

    private Page signInAgain(Browser browser, TestUser user, OidcApp.Login login) {
        sessionEnds(browser);
        return password(browser, login, user);
    }

    private boolean codeAsked(Browser browser, TestUser user) {
        return signInAgain(browser, user, env.portalApp().login()).has("#kc-otp-login-form");
    }

    // --- the stories ------------------------------------------------------------------------------------------

    @Test
    void theCheckboxIsOfferedUncheckedAndTrustIsGivenOnlyWhenChecked() {
        TestUser user = users.withPasswordAndOtp("unchecked");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page otpPage = password(browser, login, user);
        assertThat(otpPage.element("label[for=trustBrowser]").text()).isEqualTo("Trust this browser for 30 days");
        assertThat(otpPage.has("#trustBrowser[checked]")).as("unchecked by default").isFalse();
        assertThat(otpPage.element("#otp").attr("autocomplete")).isEqualTo("one-time-code");
        assertThat(otpPage.element("#otp").attr("inputmode")).isEqualTo("numeric");

        Tokens tokens = login.complete(otp(otpPage, user, false));
        assertThat(tokens.idClaims().path("acr").asText()).isEqualTo("2");
        assertThat(tokens.idClaims().path("amr")).extracting(JsonNode::asText).containsExactlyInAnyOrder("pwd", "otp");
        assertThat(browser.cookies().startingWith("EINLASS_TB_")).isEmpty();
        assertThat(codeAsked(browser, user)).isTrue();
    }

    @Test
    void aWrongCodeWithTheBoxCheckedTrustsNothing() {
        TestUser user = users.withPasswordAndOtp("wrongcode");
        Browser browser = env.browser();
        Page otpPage = password(browser, env.portalApp().login(), user);
        Page wrong = otpPage.form("#kc-otp-login-form").set("otp", "000000".equals(Totp.now(user.otpSecret())) ? "111111" : "000000")
                .check("trustBrowser").submit();
        assertThat(wrong.isRedirectAway()).isFalse();
        assertThat(browser.cookies().startingWith("EINLASS_TB_")).isEmpty();
        assertThat(admin.credentials(REALM, user.id())).noneMatch(c -> "einlass-trusted-browser".equals(c.path("type").asText()));
        awaitFailures(user.id(), 1);
        admin.clearBruteForce(REALM, user.id());
    }

    @Test
    void aTrustedBrowserSkipsTheCodeForThatUserAndTheTokensSaySo() {
        TestUser user = users.withPasswordAndOtp("trusting");
        Browser browser = env.browser(Browser.FIREFOX_WINDOWS);
        signInWithCode(browser, user, true);

        Cookie cookie = browser.cookies().startingWith("EINLASS_TB_").get(0);
        assertThat(cookie.httpOnly()).isTrue();
        assertThat(cookie.secure()).isTrue();
        assertThat(cookie.sameSite()).isEqualTo("Lax");
        assertThat(cookie.path()).isEqualTo("/realms/portal/");
        assertThat(cookie.secondsLeft(Instant.now())).isBetween(30L * 86400 - 120, 30L * 86400);
        String secret = cookie.value().substring(cookie.value().indexOf('.') + 1);
        assertThat(secret).hasSize(43);

        OidcApp.Login login = env.portalApp().login();
        Page back = signInAgain(browser, user, login);
        Tokens tokens = login.complete(back);
        assertThat(tokens.idClaims().path("acr").asText()).as("the code was not entered").isEqualTo("1");
        assertThat(tokens.idClaims().path("amr")).extracting(JsonNode::asText).containsExactly("pwd");

        JsonNode event = admin.awaitEvent(REALM, "LOGIN", e -> user.id().equals(e.path("userId").asText())
                && "true".equals(e.path("details").path("einlass_trusted_browser").asText()));
        assertThat(Json.write(event)).doesNotContain(secret);
        JsonNode added = admin.awaitEvent(REALM, "UPDATE_CREDENTIAL", e -> user.id().equals(e.path("userId").asText()));
        assertThat(added.path("details").path("credential_type").asText()).isEqualTo("einlass-trusted-browser");
        assertThat(Json.write(admin.credentials(REALM, user.id()))).doesNotContain(secret);
    }

    @Test
    void aTrustedBrowserAlsoSkipsTheCodeAfterAMagicLink() {
        TestUser user = users.withPasswordAndOtp("trust-link");
        Browser browser = env.browser();
        signInWithCode(browser, user, true);
        assertThat(env.mailbox().next(user.email()).subject()).as("the notice first").isEqualTo("A browser is now trusted (Customer Portal)");
        sessionEnds(browser);

        OidcApp.Login login = env.portalApp().login();
        SignIn.requestLink(browser, login, user.email());
        Page back = SignIn.openAndConfirm(browser, SignIn.link(env.mailbox().next(user.email())));
        Tokens tokens = login.complete(back);
        assertThat(tokens.idClaims().path("amr")).extracting(JsonNode::asText).containsExactly("email");
        assertThat(tokens.idClaims().path("acr").asText()).isEqualTo("1");
    }

    @Test
    void twoPeopleSharingABrowserBothKeepTheirTrustAndNeitherGetsTheOthers() {
        TestUser anna = users.withPasswordAndOtp("anna-shared");
        TestUser ben = users.withPasswordAndOtp("ben-shared");
        TestUser clara = users.withPasswordAndOtp("clara-shared");
        Browser family = env.browser();
        signInWithCode(family, anna, true);
        sessionEnds(family);
        signInWithCode(family, ben, true);

        assertThat(family.cookies().startingWith("EINLASS_TB_")).hasSize(2);
        assertThat(codeAsked(family, anna)).isFalse();
        assertThat(codeAsked(family, ben)).isFalse();
        assertThat(codeAsked(family, clara)).as("a third person is asked").isTrue();
    }

    @Test
    void tamperedForeignAndExpiredCookiesAreIgnored() {
        TestUser anna = users.withPasswordAndOtp("anna-tamper");
        TestUser ben = users.withPasswordAndOtp("ben-tamper");
        Browser annas = env.browser();
        signInWithCode(annas, anna, true);
        Cookie annasCookie = annas.cookies().startingWith("EINLASS_TB_").get(0);

        // tampered secret
        Browser tampered = env.browser();
        String value = annasCookie.value();
        char last = value.charAt(value.length() - 1);
        tampered.cookies().put(annasCookie.name(), value.substring(0, value.length() - 1) + (last == 'A' ? 'B' : 'A'), "/realms/portal/");
        assertThat(codeAsked(tampered, anna)).isTrue();

        // Anna's valid cookie copied under Ben's cookie name, in Ben's browser
        Browser bens = env.browser();
        signInWithCode(bens, ben, false);
        String bensCookieName = cookieNameFor(bens, ben);
        bens.cookies().put(bensCookieName, value, "/realms/portal/");
        assertThat(codeAsked(bens, ben)).as("foreign trust").isTrue();

        // a stolen cookie without the user's first factor signs nobody in
        Browser thief = env.browser();
        thief.cookies().put(annasCookie.name(), value, "/realms/portal/");
        Page start = SignIn.enterEmail(SignIn.start(thief, env.portalApp().login()), anna.email());
        Page wrong = SignIn.enterPassword(start, "not-annas-password");
        assertThat(wrong.isRedirectAway()).isFalse();
        assertThat(wrong.has("#kc-form-login")).isTrue();
    }

    @Test
    void aTrustPastItsEndIsIgnoredEvenIfTheBrowserStillSendsTheCookie() {
        // the only way to age a trust in a test: create the user with an OTP and a trust that ended a minute ago
        String email = TestUsers.uniqueEmail("expired-trust");
        String password = "Pw-" + java.util.UUID.randomUUID();
        String otpSecret = "secret-" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String otpId = java.util.UUID.randomUUID().toString();
        String trustId = java.util.UUID.randomUUID().toString();
        String secret = "a".repeat(43);
        String hash = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(secret));
        long created = System.currentTimeMillis() - 31L * 86400 * 1000;
        var rep = Json.MAPPER.createObjectNode();
        rep.put("username", email).put("email", email).put("emailVerified", true).put("enabled", true)
                .put("firstName", "Test").put("lastName", "User");
        var credentials = rep.putArray("credentials");
        credentials.addObject().put("type", "password").put("value", password).put("temporary", false)
                .put("createdDate", created - 1000);
        credentials.addObject().put("id", otpId).put("type", "otp").put("userLabel", "Phone").put("createdDate", created - 1000)
                .put("secretData", "{\"value\":\"" + otpSecret + "\"}")
                .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        credentials.addObject().put("id", trustId).put("type", "einlass-trusted-browser").put("userLabel", "Old laptop")
                .put("createdDate", created)
                .put("secretData", "{\"hash\":\"" + hash + "\"}")
                .put("credentialData", "{\"expiresAt\":" + (Instant.now().getEpochSecond() - 60)
                        + ",\"otpCredentialId\":\"" + otpId + "\",\"browser\":\"Firefox\",\"os\":\"Linux\"}");
        var response = admin.call("POST", "/realms/" + REALM + "/users", rep);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String userId = response.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        TestUser user = new TestUser(userId, email, password, otpSecret);
        assertThat(credentialId(user, "otp")).as("the import kept the credential ids").isEqualTo(otpId);
        assertThat(credentialId(user, "einlass-trusted-browser")).isEqualTo(trustId);

        Browser browser = env.browser();
        browser.cookies().put(cookieNameFor(browser, user), trustId + "." + secret, "/realms/portal/");
        assertThat(codeAsked(browser, user)).as("an ended trust does not skip the code").isTrue();
    }

    @Test
    void stepUpRequestsAlwaysAskForTheCode() {
        TestUser user = users.withPasswordAndOtp("stepup");
        Browser browser = env.browser();
        signInWithCode(browser, user, true);

        for (Map<String, String> stepUp : List.of(Map.of("acr_values", "2"), Map.of("prompt", "login"), Map.of("max_age", "0"))) {
            sessionEnds(browser);
            Page page = password(browser, env.portalApp().login(stepUp), user);
            assertThat(page.has("#kc-otp-login-form")).as("code asked for " + stepUp).isTrue();
        }
        assertThat(codeAsked(browser, user)).as("an ordinary sign-in still skips").isFalse();
    }

    @Test
    void clientsThatAlwaysAskGetTheCodeAndOfferNoCheckbox() throws Exception {
        TestUser user = users.withPasswordAndOtp("denied");
        Browser browser = env.browser();
        signInWithCode(browser, user, true);
        try (ExecutionConfig ignored = ExecutionConfig.change(admin, REALM, "einlass browser", "einlass-step-up",
                Map.of("einlass.step-up.clients", "portal-app"))) {
            sessionEnds(browser);
            Page otpPage = password(browser, env.portalApp().login(), user);
            assertThat(otpPage.has("#kc-otp-login-form")).isTrue();
            assertThat(otpPage.has("#trustBrowser")).isFalse();
        }
    }

    /** The defect: after a trust skip on one client, single sign-on reached a client that always asks at acr 1. */
    @Test
    void aClientThatAlwaysAsksGetsTheCodeAlsoThroughSingleSignOnFromAnotherApp() throws Exception {
        TestUser user = users.withPasswordAndOtp("sso-denied");
        Browser browser = env.browser();
        signInWithCode(browser, user, true);
        sessionEnds(browser);
        OidcApp.Login portal = env.portalApp().login();
        Tokens skipped = portal.complete(signInAgain(browser, user, portal));
        assertThat(skipped.idClaims().path("acr").asText()).as("the trust skipped the code").isEqualTo("1");

        try (ExecutionConfig ignored = ExecutionConfig.change(admin, REALM, "einlass browser", "einlass-step-up",
                Map.of("einlass.step-up.clients", "acme-portal"))) {
            // the same browser, its single sign-on session alive, opens the app that always asks
            OidcApp.Login acme = env.app("acme-portal").login();
            Page page = browser.open(acme.url());
            assertThat(page.isRedirectAway()).as("no sign-in from the session alone").isFalse();
            assertThat(page.has("#kc-otp-login-form")).as("straight to the code: the password was proven in this session").isTrue();
            assertThat(page.has("#trustBrowser")).isFalse();
            Tokens tokens = acme.complete(otp(page, user, false));
            assertThat(tokens.idClaims().path("acr").asText()).isEqualTo("2");
            assertThat(tokens.idClaims().path("amr")).extracting(JsonNode::asText).contains("otp");

            // an app that does not always ask still signs in from the session
            OidcApp.Login other = env.app("portal-passwordless").login();
            assertThat(browser.open(other.url()).isRedirectAway()).isTrue();
        }
    }

    /** The defect: with the password and the trusted laptop, someone set up their own authenticator without a code. */
    @Test
    void anAccountChangeStartedByTheAppAlwaysAsksForTheCode() {
        TestUser user = users.withPasswordAndOtp("aia-trust");
        Browser browser = env.browser();
        signInWithCode(browser, user, true);
        sessionEnds(browser);
        OidcApp.Login portal = env.portalApp().login();
        portal.complete(signInAgain(browser, user, portal));

        // within max_auth_age: no re-authentication, but the step-up demands the second factor
        for (String action : List.of("CONFIGURE_TOTP", "UPDATE_PASSWORD")) {
            Page page = browser.open(env.portalApp().login(Map.of("kc_action", action)).url());
            assertThat(page.has("#kc-otp-login-form")).as("code asked before " + action).isTrue();
            assertThat(page.has("#trustBrowser")).isFalse();
        }
    }

    @Test
    void aForcedReAuthenticationIsNeverSatisfiedByATrustedBrowser() throws Exception {
        TestUser user = users.withPasswordAndOtp("reauth-trust");
        Browser browser = env.browser();
        signInWithCode(browser, user, true);
        sessionEnds(browser);
        OidcApp.Login portal = env.portalApp().login();
        portal.complete(signInAgain(browser, user, portal));

        // the trusted-browser step itself refuses, also without the step-up demand of account changes
        try (ExecutionConfig ignored = ExecutionConfig.change(admin, REALM, "einlass browser", "einlass-step-up",
                Map.of("einlass.step-up.app-initiated-actions", "false"));
             RequiredActionConfig maxAge = RequiredActionConfig.maxAuthAge(admin, REALM, "CONFIGURE_TOTP", 1)) {
            Thread.sleep(2_500);
            Page reauth = browser.open(env.portalApp().login(Map.of("kc_action", "CONFIGURE_TOTP")).url());
            Page afterPassword = reauth.has("#kc-form-login") ? SignIn.enterPassword(reauth, user.password()) : reauth;
            assertThat(afterPassword.has("#kc-otp-login-form")).as("the code is asked in a forced re-authentication").isTrue();
        }
    }

    /**
     * SAML ForceAuthn is a forced re-authentication too: a SAML application that demands it gets the code from a
     * trusted browser, while its ordinary requests are skipped like the OIDC ones.
     */
    @Test
    void aSamlForceAuthnIsNeverSatisfiedByATrustedBrowser() throws Exception {
        TestUser user = users.withPasswordAndOtp("saml-trust");
        String clientId = "einlass-it-saml-" + System.nanoTime();
        String acs = "http://127.0.0.1:9/saml/acs";
        admin.post("/realms/" + REALM + "/clients", Map.of("clientId", clientId, "protocol", "saml", "enabled", true,
                "redirectUris", java.util.List.of(acs), "attributes", Map.of("saml.client.signature", "false",
                        "saml.force.post.binding", "true", "saml_assertion_consumer_url_post", acs)));
        String uuid = admin.get("/realms/" + REALM + "/clients?clientId=" + clientId).get(0).path("id").asText();
        try {
            Browser browser = env.browser();
            signInWithCode(browser, user, true);

            sessionEnds(browser);
            Page ordinary = samlPassword(browser, user, samlRequest(clientId, acs, false));
            assertThat(ordinary.has("input[name=SAMLResponse]")).as("the trust skips the code: " + ordinary.text()).isTrue();

            sessionEnds(browser);
            Page forced = samlPassword(browser, user, samlRequest(clientId, acs, true));
            assertThat(forced.has("#kc-otp-login-form")).as("ForceAuthn asks for the code: " + forced.text()).isTrue();
        } finally {
            admin.delete("/realms/" + REALM + "/clients/" + uuid);
        }
    }

    private Page samlPassword(Browser browser, TestUser user, String url) {
        return SignIn.enterPassword(SignIn.enterEmail(browser.open(url), user.email()), user.password());
    }

    /** A redirect-binding AuthnRequest (deflated, base64, unsigned) to the realm's SAML endpoint. */
    private String samlRequest(String issuer, String acs, boolean forceAuthn) {
        String xml = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_" + java.util.UUID.randomUUID() + "\" "
                + "Version=\"2.0\" IssueInstant=\"" + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\" "
                + "ForceAuthn=\"" + forceAuthn + "\" AssertionConsumerServiceURL=\"" + acs + "\" "
                + "ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\">"
                + "<saml:Issuer>" + issuer + "</saml:Issuer></samlp:AuthnRequest>";
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.DEFLATED, true);
        deflater.setInput(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        deflater.finish();
        byte[] buffer = new byte[8192];
        int length = deflater.deflate(buffer);
        deflater.end();
        String encoded = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer, length));
        return env.realmUrl() + "/protocol/saml?SAMLRequest=" + io.einlass.keycloak.it.support.Urls.encode(encoded);
    }

    /** The defect: "sign out all devices" forgot trusted browsers only as a side effect of ending other sessions. */
    @Test
    void signingOutEverywhereForgetsTrustedBrowsersEvenWithoutOtherSessions() throws Exception {
        TestUser user = users.withPasswordAndOtp("sign-out-everywhere");
        Browser browser = env.browser();
        Tokens tokens = signInWithCode(browser, user, true);
        assertThat(trusts(user)).hasSize(1);
        assertThat(admin.get("/realms/" + REALM + "/users/" + user.id() + "/sessions")).hasSize(1);

        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(env.realmUrl() + "/einlass/trusted-browsers/sign-out-everywhere"))
                .header("Authorization", "Bearer " + tokens.accessToken())
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(trusts(user)).isEmpty();
        assertThat(admin.get("/realms/" + REALM + "/users/" + user.id() + "/sessions")).isEmpty();
        assertThat(codeAsked(browser, user)).isTrue();
    }

    @Test
    void anOrdinarySignOutKeepsTheBrowserTrusted() throws Exception {
        TestUser user = users.withPasswordAndOtp("ordinary-sign-out");
        Browser browser = env.browser();
        Tokens tokens = signInWithCode(browser, user, true);
        var logout = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(env.realmUrl() + "/protocol/openid-connect/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("client_id=portal-app&refresh_token="
                        + tokens.raw().path("refresh_token").asText())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).isEqualTo(204);
        admin.awaitEvent(REALM, "LOGOUT", e -> user.id().equals(e.path("userId").asText()));
        assertThat(trusts(user)).hasSize(1);
        assertThat(codeAsked(browser, user)).isFalse();
    }

    @Test
    void trustEndsWhenAnAdminResetsThePassword() {
        TestUser user = users.withPasswordAndOtp("reset-trust");
        Browser browser = env.browser();
        signInWithCode(browser, user, true);
        String newPassword = "New-" + System.nanoTime();
        admin.resetPassword(REALM, user.id(), newPassword);
        assertThat(trusts(user)).isEmpty();
        assertThat(codeAsked(browser, new TestUser(user.id(), user.email(), newPassword, user.otpSecret()))).isTrue();
        admin.awaitEvent(REALM, "REMOVE_CREDENTIAL", e -> user.id().equals(e.path("userId").asText())
                && "trusted_browsers_revoked".equals(e.path("details").path("einlass_action").asText()));
    }

    @Test
    void trustEndsWhenTheAuthenticatorAppIsRemoved() {
        TestUser user = users.withPasswordAndOtp("otp-removed");
        Browser browser = env.browser();
        signInWithCode(browser, user, true);
        admin.delete("/realms/" + REALM + "/users/" + user.id() + "/credentials/" + credentialId(user, "otp"));
        assertThat(trusts(user)).isEmpty();
    }

    @Test
    void trustEndsWhenAllSessionsAreSignedOutOrTheUserIsDisabled() {
        TestUser user = users.withPasswordAndOtp("logout-all");
        Browser browser = env.browser();
        signInWithCode(browser, user, true);
        admin.post("/realms/" + REALM + "/users/" + user.id() + "/logout", null);
        assertThat(trusts(user)).isEmpty();
        assertThat(codeAsked(browser, user)).isTrue();

        TestUser disabled = users.withPasswordAndOtp("disabled-trust");
        Browser other = env.browser();
        signInWithCode(other, disabled, true);
        admin.updateUser(REALM, disabled.id(), Map.of("enabled", false));
        assertThat(trusts(disabled)).isEmpty();
    }

    @Test
    void theUserListsAndForgetsTrustedBrowsersAndAnAdminSeesThemAsCredentials() throws Exception {
        TestUser user = users.withPasswordAndOtp("manager");
        Browser laptop = env.browser(Browser.FIREFOX_WINDOWS);
        Tokens tokens = signInWithCode(laptop, user, true);
        Browser phone = env.browser(Browser.SAFARI_IPHONE);
        signInWithCode(phone, user, true);

        JsonNode list = api(laptop, "GET", "/einlass/trusted-browsers", tokens.accessToken(), 200);
        assertThat(list).hasSize(2);
        JsonNode laptopEntry = null;
        for (JsonNode entry : list) {
            if (entry.path("thisBrowser").asBoolean()) {
                laptopEntry = entry;
            }
        }
        assertThat(laptopEntry).isNotNull();
        assertThat(laptopEntry.path("browser").asText()).isEqualTo("Firefox");
        assertThat(laptopEntry.path("os").asText()).isEqualTo("Windows");
        assertThat(laptopEntry.path("label").asText()).startsWith("Firefox on Windows, trusted until ");
        assertThat(Instant.parse(laptopEntry.path("trustedUntil").asText())).isAfter(Instant.now().plusSeconds(29L * 86400));

        JsonNode adminView = admin.credentials(REALM, user.id());
        assertThat(adminView).filteredOn(c -> "einlass-trusted-browser".equals(c.path("type").asText())).hasSize(2);

        JsonNode account = api(laptop, "GET", "/account/credentials", tokens.accessToken(), 200);
        assertThat(account).anySatisfy(type -> {
            assertThat(type.path("type").asText()).isEqualTo("einlass-trusted-browser");
            assertThat(type.path("userCredentialMetadatas")).hasSize(2);
            assertThat(type.path("removeable").asBoolean()).isTrue();
        });

        // forget the phone only
        String phoneId = null;
        for (JsonNode entry : list) {
            if (!entry.path("thisBrowser").asBoolean()) {
                phoneId = entry.path("id").asText();
            }
        }
        api(laptop, "DELETE", "/einlass/trusted-browsers/" + phoneId, tokens.accessToken(), 204);
        assertThat(codeAsked(phone, user)).isTrue();
        api(laptop, "DELETE", "/einlass/trusted-browsers/" + phoneId, tokens.accessToken(), 404);

        // forget all
        api(laptop, "DELETE", "/einlass/trusted-browsers", tokens.accessToken(), 204);
        assertThat(trusts(user)).isEmpty();
        api(laptop, "GET", "/einlass/trusted-browsers", null, 401);
    }

    @Test
    void anAdminDeletesATrustedBrowserUnderTheUsersCredentials() {
        TestUser user = users.withPasswordAndOtp("admin-delete");
        Browser browser = env.browser();
        signInWithCode(browser, user, true);
        String trustId = credentialId(user, "einlass-trusted-browser");
        admin.delete("/realms/" + REALM + "/users/" + user.id() + "/credentials/" + trustId);
        assertThat(codeAsked(browser, user)).isTrue();
    }

    @Test
    void atMostTheConfiguredNumberOfBrowsersAreTrustedTheOldestIsForgotten() throws Exception {
        TestUser user = users.withPasswordAndOtp("many");
        try (ExecutionConfig ignored = ExecutionConfig.change(admin, REALM, "einlass second factor", "einlass-trusted-browser",
                Map.of("einlass.trusted-browser.max-browsers", "2"))) {
            Browser first = env.browser();
            signInWithCode(first, user, true);
            Browser second = env.browser();
            signInWithCode(second, user, true);
            Browser third = env.browser();
            signInWithCode(third, user, true);
            assertThat(trusts(user)).hasSize(2);
            assertThat(codeAsked(first, user)).as("the oldest was evicted").isTrue();
            assertThat(codeAsked(third, user)).isFalse();
        }
    }

    @Test
    void wrongCodesCountInBruteForceDetectionAndCodesCannotBeReused() {
        TestUser user = users.withPasswordAndOtp("reuse");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page otpPage = password(browser, login, user);
        String code = Totp.fresh(user.otpSecret(), null);
        login.complete(otpPage.form("#kc-otp-login-form").set("otp", code).submit());

        sessionEnds(browser);
        Page again = password(browser, env.portalApp().login(), user);
        Page reused = again.form("#kc-otp-login-form").set("otp", code).submit();
        if (Totp.now(user.otpSecret()).equals(code)) {
            assertThat(reused.isRedirectAway()).as("the same code twice in its window").isFalse();
            assertThat(reused.has("#input-error-otp-code")).isTrue();
        }
        awaitFailures(user.id(), Totp.now(user.otpSecret()).equals(code) ? 1 : 0);
        admin.clearBruteForce(REALM, user.id());
    }

    /** Found by InputFuzzIT: Keycloak's OTP check dereferenced a chosen authenticator that is not the user's. */
    @Test
    void aTamperedAuthenticatorChoiceIsAnsweredAsAWrongCodeAndTheSignInGoesOn() {
        TestUser user = users.withPasswordAndOtp("tampered-choice");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page otpPage = password(browser, login, user);
        ServerLog log = ServerLog.mark(env.server());
        Page refused = otpPage.form("#kc-otp-login-form").set("otp", Totp.fresh(user.otpSecret(), null))
                .set("selectedCredentialId", "not-an-authenticator-of-this-user").submit();
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.isRedirectAway()).as("not even with the right code").isFalse();
        assertThat(refused.has("#input-error-otp-code")).as("the wrong-code message").isTrue();
        assertThat(log.since()).as("no stack trace in the log").noneMatch(ServerLog.Entry::hasStackTrace);
        awaitFailures(user.id(), 1);

        Page done = refused.form("#kc-otp-login-form").set("otp", Totp.fresh(user.otpSecret(), null)).submit();
        assertThat(login.complete(done).idClaims().path("email").asText()).as("the sign-in was not lost").isEqualTo(user.email());
        admin.clearBruteForce(REALM, user.id());
    }

    @Test
    void theCodeMustFollowTheFirstStepWithinTheTimeLimit() throws Exception {
        TestUser user = users.withPasswordAndOtp("slow");
        try (ExecutionConfig ignored = ExecutionConfig.change(admin, REALM, "einlass second factor", "einlass-otp",
                Map.of("einlass.otp.time-limit-minutes", "1"))) {
            Browser browser = env.browser();
            OidcApp.Login login = env.portalApp().login();
            Page otpPage = password(browser, login, user);
            Thread.sleep(62_000);
            Page late = otp(otpPage, user, true);
            assertThat(late.isRedirectAway()).isFalse();
            assertThat(late.text()).contains("The code was not entered within 1 minute. For your security, please start the sign-in again.");
            assertThat(browser.cookies().startingWith("EINLASS_TB_")).isEmpty();
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private List<JsonNode> trusts(TestUser user) {
        List<JsonNode> list = new java.util.ArrayList<>();
        for (JsonNode c : admin.credentials(REALM, user.id())) {
            if ("einlass-trusted-browser".equals(c.path("type").asText())) {
                list.add(c);
            }
        }
        return list;
    }

    private String credentialId(TestUser user, String type) {
        for (JsonNode c : admin.credentials(REALM, user.id())) {
            if (type.equals(c.path("type").asText())) {
                return c.path("id").asText();
            }
        }
        throw new AssertionError("no " + type + " credential");
    }

    /** The trust cookie name of a user: created by trusting once in a scratch browser. */
    private String cookieNameFor(Browser browser, TestUser user) {
        String hash = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                sha256("einlass-trusted-browser:" + realmId() + ":" + user.id()));
        return "EINLASS_TB_" + hash.substring(0, 16);
    }

    private String realmId() {
        return admin.get("/realms/" + REALM).path("id").asText();
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode api(Browser browser, String method, String path, String token, int expectedStatus) {
        Map<String, String> headers = token == null ? Map.of("Accept", "application/json")
                : Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
        Page answer = browser.fetch(method, env.realmUrl() + path, null, headers);
        assertThat(answer.status()).as(method + " " + path + ": " + answer.body()).isEqualTo(expectedStatus);
        return answer.body().isBlank() ? Json.MAPPER.nullNode() : Json.parse(answer.body());
    }

    private void awaitFailures(String userId, int atLeast) {
        for (int i = 0; i < 50; i++) {
            if (admin.bruteForce(REALM, userId).path("numFailures").asInt() >= atLeast) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(admin.bruteForce(REALM, userId).path("numFailures").asInt()).isGreaterThanOrEqualTo(atLeast);
    }
}
