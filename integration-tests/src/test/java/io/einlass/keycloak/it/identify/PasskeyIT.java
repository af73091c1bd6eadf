package io.einlass.keycloak.it.identify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.Chrome;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Tokens;
import io.einlass.keycloak.it.support.Totp;
import io.einlass.keycloak.it.support.Urls;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * "Sign in with a passkey" on the Einlass email page: Keycloak's passkeys (WebAuthn passwordless), switched on in the
 * realm's passwordless policy for each test and off again afterwards (the shipped realm has them off).
 */
@EinlassTest
class PasskeyIT {

    private static final String REALM = EinlassEnvironment.REALM;

    private final EinlassEnvironment env;
    private final AdminClient admin;
    private final TestUsers users;
    /** The authenticator code {@link #addPasskey} used. */
    private String lastCode;

    PasskeyIT(EinlassEnvironment env) {
        this.env = env;
        this.admin = env.admin();
        this.users = new TestUsers(admin, REALM);
    }

    /**
     * Seed story: Ada adds a passkey after signing in with password and authenticator code; from then on the passkey
     * alone signs her in (no password, no code), at level 2, and the pages stay within the strict CSP.
     */
    @Test
    void aPasskeyAloneSignsInAtLevelTwoWithoutPasswordOrCode() {
        TestUser ada = users.withPasswordAndOtp("passkey-ada");
        withPasskeys(true, "required", () -> {
            try (Chrome chrome = Chrome.start("en")) {
                OidcApp app = env.portalApp();
                List<Credential> passkeys = addPasskey(chrome, ada);

                // the session ends; the next sign-in uses the passkey only. The device was put away while the page
                // loads (Chromium's virtual authenticator would answer the autofill request at once), then comes back.
                endSession(chrome);
                OidcApp.Login login = app.login();
                chrome.open(login.url());
                assertThat(chrome.find("#email").getAttribute("autocomplete")).isEqualTo("username webauthn");
                assertThat(chrome.find("#einlass-passkey").isDisplayed()).as("the passkey button is shown").isTrue();
                chrome.shoot("signin-email-passkey");
                usePasskey(chrome, passkeys.get(0));
                new WebDriverWait(chrome.driver(), Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(env.appRedirect()));
                chrome.assertNoProblems("passkey sign-in");

                URI back = URI.create(chrome.url());
                assertThat(Urls.queryParam(back, "state")).contains(login.state());
                Tokens tokens = app.exchange(Urls.queryParam(back, "code").orElseThrow(), login.verifier());
                JsonNode id = tokens.idClaims();
                assertThat(id.path("email").asText()).isEqualTo(ada.email());
                assertThat(id.path("acr").asText()).as("a passkey with user verification proves two factors").isEqualTo("2");
                assertThat(id.path("amr")).extracting(JsonNode::asText).as("neither password, link nor code was used")
                        .doesNotContain("pwd", "email", "otp");
                JsonNode event = admin.awaitEvent(REALM, "LOGIN", e -> ada.id().equals(e.path("userId").asText()));
                assertThat(event.path("details").path("auth_method").asText()).isEqualTo("einlass-passkey");
                assertThat(event.path("details").path("credential_type").asText()).isEqualTo("webauthn-passwordless");

                // the "Sign-in and security" page lists the passkey and offers another
                chrome.open(env.realmUrl() + "/einlass/account");
                assertThat(chrome.text("#einlass-passkeys")).contains("Passkeys", "Passkey", "Remove", "Add another passkey");
                chrome.shoot("account-passkeys");
            }
        });
    }

    /**
     * Security: a valid passkey of an account locked by brute-force detection does not sign in (the same answer as
     * any failed passkey), and the refused passkey leaves nothing behind that would later skip the code.
     */
    @Test
    void aPasskeyOfALockedOutAccountDoesNotSignInAndSkipsNothingLater() {
        TestUser dan = users.withPasswordAndOtp("passkey-dan");
        withPasskeys(true, "required", () -> {
            try (Chrome chrome = Chrome.start("en")) {
                List<Credential> passkeys = addPasskey(chrome, dan);
                endSession(chrome);
                // someone guesses passwords until the account is locked
                Browser attacker = env.browser();
                Page page = SignIn.enterEmail(SignIn.start(attacker, env.portalApp().login()), dan.email());
                for (int i = 0; i < 10 && !admin.bruteForce(REALM, dan.id()).path("disabled").asBoolean(); i++) {
                    page = SignIn.enterPassword(page, "wrong-" + i);
                }
                assertThat(admin.bruteForce(REALM, dan.id()).path("disabled").asBoolean()).as("locked out").isTrue();
                try {
                    chrome.open(env.portalApp().login().url());
                    VirtualAuthenticator device = usePasskey(chrome, passkeys.get(0));
                    // the server refuses the valid passkey of the locked account
                    admin.awaitEvent(REALM, "LOGIN_ERROR", e -> dan.id().equals(e.path("userId").asText())
                            && "user_temporarily_disabled".equals(e.path("error").asText())
                            && "einlass-passkey".equals(e.path("details").path("auth_method").asText()));
                    // Chromium's virtual authenticator also answers each new page's autofill request at once (pages
                    // follow each other, each with the same refusal): the device goes away before the lock ends
                    chrome.driver().removeVirtualAuthenticator(device);
                    sleep(2000);
                    new WebDriverWait(chrome.driver(), Duration.ofSeconds(20)).ignoring(org.openqa.selenium.WebDriverException.class)
                            .until(d -> "complete".equals(chrome.script("return document.readyState")));
                    assertThat(chrome.url()).doesNotStartWith(env.appRedirect());
                    assertThat(chrome.has("#einlass-identify-form")).isTrue();
                    assertThat(chrome.driver().getPageSource()).contains("Signing in with a passkey did not work");
                    chrome.assertNoProblems("refused passkey");
                } finally {
                    admin.clearBruteForce(REALM, dan.id());
                }
                // in the same sign-in, by address and password: the code is still asked
                chrome.type("#email", dan.email());
                chrome.click("#einlass-continue");
                chrome.type("#password", dan.password());
                chrome.click("#kc-login");
                assertThat(chrome.has("#otp")).as("the refused passkey does not skip the code").isTrue();
            }
        });
    }

    /**
     * Security: "This wasn't me" on the "Sign-in and security" page removes every passkey, as an intruder's passkey
     * would otherwise outlast the new password.
     */
    @Test
    void thisWasntMeRemovesThePasskeys() {
        TestUser eve = users.withPasswordAndOtp("passkey-eve");
        withPasskeys(true, "required", () -> {
            try (Chrome chrome = Chrome.start("en")) {
                addPasskey(chrome, eve);
                chrome.open(env.realmUrl() + "/einlass/account");
                assertThat(chrome.text("#einlass-passkeys")).contains("Remove");
                chrome.script("for (const b of document.querySelectorAll('#einlass-activity button')) {"
                        + " if (b.textContent.trim() === \"This wasn't me\") { b.click(); } }");
                new WebDriverWait(chrome.driver(), Duration.ofSeconds(20))
                        .until(d -> !d.findElements(org.openqa.selenium.By.cssSelector("#einlass-identify-form, #kc-form-login")).isEmpty());
                if (chrome.has("#einlass-identify-form")) {
                    chrome.type("#email", eve.email());
                    chrome.click("#einlass-continue");
                }
                chrome.type("#password", eve.password());
                chrome.click("#kc-login");
                chrome.type("#otp", Totp.fresh(eve.otpSecret(), lastCode)); // Keycloak takes each code once
                chrome.click("#kc-login");
                chrome.type("#password-new", "After-Intruder-2026!");
                chrome.type("#password-confirm", "After-Intruder-2026!");
                chrome.find("#password-confirm").submit();
                new WebDriverWait(chrome.driver(), Duration.ofSeconds(20))
                        .until(d -> !d.findElements(org.openqa.selenium.By.cssSelector("#einlass-passkeys")).isEmpty());
                assertThat(chrome.text("#einlass-passkeys")).contains("No passkey yet");
                assertThat(admin.credentials(REALM, eve.id()).findValues("type")).extracting(JsonNode::asText)
                        .doesNotContain("webauthn-passwordless");
                admin.awaitEvent(REALM, "REMOVE_CREDENTIAL", e -> eve.id().equals(e.path("userId").asText())
                        && "webauthn-passwordless".equals(e.path("details").path("credential_type").asText()));
                assertThat(List.of(env.mailbox().next(eve.email()).subject(), env.mailbox().next(eve.email()).subject()))
                        .anyMatch(subject -> subject.startsWith("A passkey was removed"));
                chrome.assertNoProblems("account secured");
            }
        });
    }

    /** The email page offers passkeys to everybody alike, with a fresh challenge on each page. */
    @Test
    void theEmailPageOffersPasskeysWhenTheyAreOn() {
        withPasskeys(true, "required", () -> {
            Page first = SignIn.start(env.browser(), env.portalApp().login());
            Page second = SignIn.start(env.browser(), env.portalApp().login());
            assertThat(first.has("#einlass-passkey-form")).isTrue();
            assertThat(first.element("#email").attr("autocomplete")).isEqualTo("username webauthn");
            assertThat(first.element("#einlass-passkey-form").attr("data-challenge")).isNotBlank()
                    .isNotEqualTo(second.element("#einlass-passkey-form").attr("data-challenge"));
            assertThat(first.body()).as("no inline script").doesNotContain("<script type=\"module\">");
            Page passwordless = SignIn.start(env.browser(), env.app("portal-passwordless").login());
            assertThat(passwordless.has("#einlass-passkey-form")).as("the email-only flow offers them too").isTrue();
            Browser browser = env.browser();
            Page password = SignIn.enterEmail(SignIn.start(browser, env.portalApp().login()), "nobody-" + UUID.randomUUID() + "@customer.example");
            Page reset = browser.open(password.element("a[href*=reset-credentials]").absUrl("href"));
            assertThat(reset.has("#einlass-identify-form")).as("Forgot password? asks for the address").isTrue();
            assertThat(reset.has("#einlass-passkey-form")).as("but offers no passkey").isFalse();
        });
        Page off = SignIn.start(env.browser(), env.portalApp().login());
        assertThat(off.has("#einlass-passkey-form")).as("off in the shipped realm").isFalse();
        assertThat(off.element("#email").attr("autocomplete")).isEqualTo("username");
    }

    /**
     * Security: without user verification a passkey is only something the person has (a stolen phone). Einlass then
     * does not offer passkeys, and a passkey answer posted anyway is not taken as a sign-in.
     */
    @Test
    void passkeysWithoutUserVerificationAreNotOffered() {
        TestUser bob = users.withPasswordAndOtp("passkey-bob");
        withPasskeys(true, "preferred", () -> {
            Page page = SignIn.start(env.browser(), env.portalApp().login());
            assertThat(page.has("#einlass-passkey-form")).isFalse();
            assertThat(page.element("#email").attr("autocomplete")).isEqualTo("username");

            Page answered = page.form("#einlass-identify-form").set("email", "")
                    .set("authenticatorData", "AAAA").set("clientDataJSON", "AAAA").set("signature", "AAAA")
                    .set("credentialId", "AAAA").set("userHandle", handle(bob.id())).set("error", "").submit();
            assertThat(answered.has("#einlass-identify-form")).as("treated as an email post").isTrue();
            assertThat(answered.text()).contains("Please enter your email address.");
        });
    }

    /**
     * Security: a forged passkey answer signs nobody in, and the page says the same whether the answer names an
     * existing account or not.
     */
    @Test
    void aForgedPasskeyAnswerSignsNobodyInAndRevealsNoAccount() {
        TestUser carol = users.withPasswordAndOtp("passkey-carol");
        withPasskeys(true, "required", () -> {
            String known = forgedAnswer(handle(carol.id()));
            String unknown = forgedAnswer(handle(UUID.randomUUID().toString()));
            assertThat(known).contains("Signing in with a passkey did not work");
            assertThat(known).isEqualTo(unknown);

            // the failed attempt leaves nothing behind: the next try by address still asks for password and code
            Browser browser = env.browser();
            OidcApp.Login login = env.portalApp().login();
            Page email = SignIn.start(browser, login);
            Page failed = passkeyForm(email).set("credentialId", "AAAA").set("userHandle", handle(carol.id())).submit();
            Page password = SignIn.enterEmail(failed, carol.email());
            Page otp = SignIn.enterPassword(password, carol.password());
            assertThat(otp.has("#otp")).as("the code is still asked").isTrue();
        });
    }

    /**
     * Adds a passkey for {@code user} the way an app asks for it ({@code kc_action}, after password and code) and
     * returns it; the device is put away afterwards, with the signed-in session still in the browser.
     */
    private List<Credential> addPasskey(Chrome chrome, TestUser user) {
        VirtualAuthenticator device = chrome.addPasskeyAuthenticator();
        chrome.open(env.portalApp().login(Map.of("kc_action", "webauthn-register-passwordless")).url());
        chrome.type("#email", user.email());
        chrome.click("#einlass-continue");
        chrome.type("#password", user.password());
        chrome.click("#kc-login");
        lastCode = Totp.fresh(user.otpSecret(), null);
        chrome.type("#otp", lastCode);
        chrome.click("#kc-login");
        assertThat(chrome.has("#registerWebAuthn")).as("the passkey registration page").isTrue();
        chrome.shoot("passkey-register");
        chrome.click("#registerWebAuthn");
        assertThat(chrome.url()).startsWith(env.appRedirect());
        assertThat(admin.credentials(REALM, user.id()).findValues("type")).extracting(JsonNode::asText)
                .contains("webauthn-passwordless");
        // a passkey signs in alone: the owner is told of every new one
        assertThat(env.mailbox().next(user.email()).subject()).startsWith("A passkey was added");
        List<Credential> passkeys = device.getCredentials();
        assertThat(passkeys).hasSize(1);
        chrome.driver().removeVirtualAuthenticator(device);
        return passkeys;
    }

    /** Ends the browser's session (as signing out would), for a new sign-in. */
    private void endSession(Chrome chrome) {
        chrome.open(env.realmUrl() + "/.well-known/openid-configuration");
        chrome.deleteCookie("KEYCLOAK_IDENTITY");
        chrome.deleteCookie("KEYCLOAK_SESSION");
    }

    /** Brings the passkey back and presses "Sign in with a passkey" (or lets the autofill request take it). */
    private static VirtualAuthenticator usePasskey(Chrome chrome, Credential passkey) {
        VirtualAuthenticator device = chrome.addPasskeyAuthenticator();
        device.addCredential(passkey);
        try {
            chrome.script("document.getElementById('einlass-passkey-button').click()");
        } catch (org.openqa.selenium.WebDriverException e) {
            // the autofill request took the passkey first and the page is already gone
        }
        return device;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String forgedAnswer(String userHandle) {
        Page email = SignIn.start(env.browser(), env.portalApp().login());
        Page answer = passkeyForm(email).set("credentialId", "AAAA").set("userHandle", userHandle).submit();
        assertThat(answer.has("#einlass-identify-form")).as("back on the email page").isTrue();
        assertThat(answer.has("#einlass-passkey-form")).as("with a fresh offer").isTrue();
        // the page minus what is new on every page
        return answer.document().select("#kc-page-title, .pf-v5-c-alert, #einlass-identify-form, #einlass-passkey").text();
    }

    private static io.einlass.keycloak.it.support.Form passkeyForm(Page email) {
        return email.form("#einlass-passkey-form").set("authenticatorData", "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAA")
                .set("clientDataJSON", Base64.getUrlEncoder().withoutPadding().encodeToString(
                        "{\"type\":\"webauthn.get\",\"challenge\":\"AAAA\",\"origin\":\"http://localhost\"}".getBytes(StandardCharsets.UTF_8)))
                .set("signature", "MEUCIQDforgedforgedforgedforgedforgedforgedforgedforged");
    }

    private static String handle(String userId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(userId.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs {@code body} with the realm's passwordless policy changed, and restores it afterwards. */
    private void withPasskeys(boolean enabled, String userVerification, Runnable body) {
        ObjectNode realm = (ObjectNode) admin.get("/realms/" + REALM);
        JsonNode enabledBefore = realm.path("webAuthnPolicyPasswordlessPasskeysEnabled").deepCopy();
        JsonNode verificationBefore = realm.path("webAuthnPolicyPasswordlessUserVerificationRequirement").deepCopy();
        realm.put("webAuthnPolicyPasswordlessPasskeysEnabled", enabled);
        realm.put("webAuthnPolicyPasswordlessUserVerificationRequirement", userVerification);
        admin.put("/realms/" + REALM, realm);
        JsonNode changed = admin.get("/realms/" + REALM);
        assertThat(changed.path("webAuthnPolicyPasswordlessPasskeysEnabled").asBoolean()).as("policy changed").isEqualTo(enabled);
        try {
            body.run();
        } finally {
            ObjectNode restore = (ObjectNode) admin.get("/realms/" + REALM);
            restore.set("webAuthnPolicyPasswordlessPasskeysEnabled", enabledBefore);
            restore.set("webAuthnPolicyPasswordlessUserVerificationRequirement", verificationBefore);
            admin.put("/realms/" + REALM, restore);
        }
    }
}
