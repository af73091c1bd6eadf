package io.einlass.keycloak.it.magiclink;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The sign-in is started on the computer, the mail is read on the phone. The phone approves the computer after the
 * person types the number shown on the computer; the phone itself is never signed in. Or the person types the code
 * from the mail on the computer.
 */
@EinlassTest
class MagicLinkCrossDeviceIT {

    private final EinlassEnvironment env;
    private final Mailbox mailbox;
    private final AdminClient admin;
    private final TestUsers users;

    MagicLinkCrossDeviceIT(EinlassEnvironment env) {
        this.env = env;
        this.mailbox = env.mailbox();
        this.admin = env.admin();
        this.users = new TestUsers(admin, EinlassEnvironment.REALM);
    }

    @Test
    void phoneApprovesTheWaitingComputerWithTheMatchNumberAndIsNotSignedInItself() {
        TestUser user = users.withoutPassword("twodevices");
        Browser computer = env.browser(Browser.FIREFOX_WINDOWS);
        OidcApp.Login login = env.portalApp().login();
        Page waiting = SignIn.requestLink(computer, login, user.email());
        String number = SignIn.matchNumber(waiting);
        assertThat(number).matches("\\d{2}");
        String link = SignIn.link(mailbox.next(user.email()));

        Browser phone = env.browser(Browser.SAFARI_IPHONE);
        Page landing = phone.open(link);
        String maskedAccount = user.email().charAt(0) + "***@c***.example";
        assertThat(landing.text()).contains("Someone asked to sign in as " + maskedAccount + " to Customer Portal on another device.");
        String request = landing.element("#einlass-request").text();
        assertThat(request).startsWith("Requested from Firefox on Windows,");
        assertThat(landing.text()).doesNotContain(user.email());
        // The request line's date and time ("Dec 2, 2026, 12:06 AM") may hold the number's digits; nothing else may.
        assertThat(landing.text().replace(request, "")).doesNotContain(number);
        assertThat(request).matches("Requested from Firefox on Windows, [A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2}[\\s\\u202F][AP]M \\S+\\.");

        Page approved = landing.form("#einlass-confirm-form").set("match", number).submit("decision", "confirm");
        assertThat(approved.element("#kc-page-title").text()).isEqualTo("Sign-in confirmed");
        assertThat(phone.cookies().get("KEYCLOAK_IDENTITY")).as("the phone is not signed in").isEmpty();
        assertThat(phone.cookies().get("KEYCLOAK_SESSION")).isEmpty();

        assertThat(status(computer, waiting)).isEqualTo("approved");
        Tokens tokens = login.complete(SignIn.continueAfterApproval(waiting));
        assertThat(tokens.idClaims().path("email").asText()).isEqualTo(user.email());
        JsonNode event = admin.awaitEvent(EinlassEnvironment.REALM, "LOGIN", e -> user.id().equals(e.path("userId").asText()));
        assertThat(event.path("details").path("einlass_confirmation").asText()).isEqualTo("other_device");
    }

    @Test
    void aWrongNumberBurnsTheLinkAndSignsNobodyIn() {
        TestUser user = users.withoutPassword("victim");
        Browser attacker = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page waiting = SignIn.requestLink(attacker, login, user.email());
        String number = SignIn.matchNumber(waiting);
        String wrong = number.equals("42") ? "43" : "42";
        String link = SignIn.link(mailbox.next(user.email()));

        Browser victim = env.browser(Browser.SAFARI_IPHONE);
        Page mismatch = SignIn.approveFromOtherDevice(victim, link, wrong);
        assertThat(mismatch.status()).isEqualTo(410);
        assertThat(mismatch.element("#kc-page-title").text()).isEqualTo("Numbers did not match");

        assertThat(status(attacker, waiting)).isEqualTo("cancelled");
        Page after = SignIn.continueAfterApproval(waiting);
        assertThat(after.isRedirectAway()).isFalse();
        assertThat(after.text()).contains("This sign-in was cancelled on the other device.");
        assertThat(env.browser().open(link).status()).as("the link is burned").isEqualTo(410);
        admin.awaitEvent(EinlassEnvironment.REALM, "LOGIN_ERROR",
                e -> user.id().equals(e.path("userId").asText()) && "wrong_match".equals(e.path("error").asText()));
    }

    @Test
    void thisWasNotMeCancelsTheSignIn() {
        TestUser user = users.withoutPassword("denier");
        Browser attacker = env.browser();
        Page waiting = SignIn.requestLink(attacker, env.portalApp().login(), user.email());
        String link = SignIn.link(mailbox.next(user.email()));

        Page landing = env.browser(Browser.SAFARI_IPHONE).open(link);
        Page denied = landing.form("#einlass-confirm-form").submit("decision", "deny");
        assertThat(denied.element("#kc-page-title").text()).isEqualTo("Sign-in cancelled");
        assertThat(status(attacker, waiting)).isEqualTo("cancelled");
    }

    @Test
    void aMissingNumberChangesNothing() {
        TestUser user = users.withoutPassword("forgetful");
        Browser computer = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page waiting = SignIn.requestLink(computer, login, user.email());
        String link = SignIn.link(mailbox.next(user.email()));

        Browser phone = env.browser(Browser.SAFARI_IPHONE);
        Page again = phone.open(link).form("#einlass-confirm-form").set("match", "").submit("decision", "confirm");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text()).contains("Please enter the 2-digit number");
        assertThat(status(computer, waiting)).isEqualTo("pending");

        SignIn.approveFromOtherDevice(phone, link, SignIn.matchNumber(waiting));
        assertThat(login.complete(SignIn.continueAfterApproval(waiting)).idClaims().path("email").asText()).isEqualTo(user.email());
    }

    @Test
    void typingTheCodeFromTheMailInTheWaitingBrowserSignsIn() {
        TestUser user = users.withoutPassword("typist");
        Browser computer = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page waiting = SignIn.requestLink(computer, login, user.email());
        Mail mail = mailbox.next(user.email());

        Tokens tokens = login.complete(SignIn.typeCode(waiting, SignIn.code(mail)));
        assertThat(tokens.idClaims().path("email").asText()).isEqualTo(user.email());
        JsonNode event = admin.awaitEvent(EinlassEnvironment.REALM, "LOGIN", e -> user.id().equals(e.path("userId").asText()));
        assertThat(event.path("details").path("einlass_confirmation").asText()).isEqualTo("code");
        assertThat(env.browser().open(SignIn.link(mail)).status()).as("the link is used up with the code").isEqualTo(410);
    }

    @Test
    void waitingPageBeforeApprovalSaysNotYetConfirmed() {
        TestUser user = users.withoutPassword("impatient");
        Browser computer = env.browser();
        Page waiting = SignIn.requestLink(computer, env.portalApp().login(), user.email());
        mailbox.next(user.email());

        Page notYet = SignIn.continueAfterApproval(waiting);
        assertThat(notYet.isRedirectAway()).isFalse();
        assertThat(notYet.text()).contains("The sign-in has not been confirmed yet.");
    }

    @Test
    void anotherBrowserCannotReadTheStatusOfSomeoneElsesSignIn() {
        TestUser user = users.withoutPassword("private");
        Browser computer = env.browser();
        Page waiting = SignIn.requestLink(computer, env.portalApp().login(), user.email());
        mailbox.next(user.email());
        assertThat(status(env.browser(), waiting)).isEqualTo("gone");
    }

    static String status(Browser browser, Page waitingPage) {
        String url = waitingPage.element("#einlass-magic-link").attr("data-einlass-status-url");
        Page answer = browser.open(url);
        assertThat(answer.header("Cache-Control").orElse("")).contains("no-store");
        return Json.parse(answer.body()).path("status").asText();
    }
}
