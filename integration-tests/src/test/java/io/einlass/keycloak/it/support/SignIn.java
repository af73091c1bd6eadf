package io.einlass.keycloak.it.support;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The steps a person takes on the portal's sign-in pages, so tests read like the help pages: open the app's
 * sign-in, type the email, choose "email me a link", open the mail, confirm.
 */
public final class SignIn {

    public static final Pattern CODE_IN_MAIL = Pattern.compile("(?m)\\b(\\d{6})\\b");

    private SignIn() {
    }

    /** The email page of a new sign-in started by the app. */
    public static Page start(Browser browser, OidcApp.Login login) {
        Page page = browser.open(login.url());
        if (!page.has("#einlass-identify-form")) {
            throw new AssertionError("expected the email page, got:\n" + page);
        }
        return page;
    }

    public static Page enterEmail(Page emailPage, String email) {
        return emailPage.form("#einlass-identify-form").set("email", email).submit();
    }

    /** Clicks the button for another way to sign in ({@code einlass-magic-link}, {@code einlass-password}). */
    public static Page choose(Page page, String authenticator) {
        var button = page.element("#einlass-switch-" + authenticator);
        return page.form("#einlass-alternatives-form").submit("einlass-switch", button.attr("value"));
    }

    public static Page enterPassword(Page passwordPage, String password) {
        return passwordPage.form("#kc-form-login").set("password", password).submit();
    }

    /** App starts sign-in, the person types the email and asks for a link: the waiting page. */
    public static Page requestLink(Browser browser, OidcApp.Login login, String email) {
        Page afterEmail = enterEmail(start(browser, login), email);
        if (afterEmail.has("#einlass-magic-link")) {
            return afterEmail; // email-only flow
        }
        return choose(afterEmail, "einlass-magic-link");
    }

    /** The request step alone, from an email page already open (for timing measurements). */
    public static Page requestLink(Browser browser, OidcApp.Login unused, String email, Page emailPage) {
        Page afterEmail = enterEmail(emailPage, email);
        if (afterEmail.has("#einlass-magic-link")) {
            return afterEmail;
        }
        return choose(afterEmail, "einlass-magic-link");
    }

    public static Page typeCode(Page waitingPage, String code) {
        return waitingPage.form("#einlass-code-form").set("code", code).submit();
    }

    public static Page resend(Page waitingPage) {
        return waitingPage.form("#einlass-resend-form").submit();
    }

    /** Clicks "I have confirmed on my other device" on the waiting page. */
    public static Page continueAfterApproval(Page waitingPage) {
        return waitingPage.form("#einlass-continue-form").submit();
    }

    /** "Forgot Password?" from the password page: the reset page with the address typed before. */
    public static Page forgotPassword(Page passwordPage) {
        return passwordPage.clickLink(passwordPage.element("#einlass-forgot-password").text());
    }

    /** App starts sign-in, the person types the email, then "Forgot Password?" and "Send link": the waiting page. */
    public static Page requestReset(Browser browser, OidcApp.Login login, String email) {
        Page resetPage = forgotPassword(enterEmail(start(browser, login), email));
        return resetPage.form("#einlass-identify-form").set("email", email).submit();
    }

    /** The magic link of a sign-in mail. */
    public static String link(Mail mail) {
        return mail.link("/einlass/magic-link?");
    }

    public static String code(Mail mail) {
        return mail.find(CODE_IN_MAIL).orElseThrow(() -> new AssertionError("no code in mail:\n" + mail.text()));
    }

    /** Opens the link and presses "Confirm sign-in" on the landing page (same browser: continues the sign-in). */
    public static Page openAndConfirm(Browser browser, String link) {
        Page landing = browser.open(link);
        return landing.form("#einlass-confirm-form").submit("decision", "confirm");
    }

    /** On another device: opens the link, types the number shown on the waiting page, confirms. */
    public static Page approveFromOtherDevice(Browser other, String link, String matchNumber) {
        Page landing = other.open(link);
        return landing.form("#einlass-confirm-form").set("match", matchNumber).submit("decision", "confirm");
    }

    public static String matchNumber(Page waitingPage) {
        return waitingPage.element("#einlass-match").text().strip();
    }

    /** Waits for the sign-in mail to {@code email}. */
    public static Mail mail(Mailbox mailbox, String email) {
        return mailbox.next(email);
    }

    public static void noMail(Mailbox mailbox, String email) {
        mailbox.assertNoMail(email, Duration.ofSeconds(3));
    }

    public static Map<String, String> form(String... keyValues) {
        java.util.LinkedHashMap<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
