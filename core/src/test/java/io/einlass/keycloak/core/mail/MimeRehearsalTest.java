package io.einlass.keycloak.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MimeRehearsalTest {

    private static final RenderedMail MAIL = new RenderedMail("Ihr Anmeldelink",
            "Hallo,\n\nmit diesem Link melden Sie sich an: https://portal.example/x\n".repeat(5),
            "<p>Hallo,</p><p><a href=\"https://portal.example/x\">Anmelden</a></p>".repeat(5));

    @Test
    void theWholeMessageIsBuiltAsForSendingWithoutAnyServer() throws Exception {
        // a host that cannot be reached: the rehearsal never connects, so it returns at once
        Map<String, String> smtp = Map.of("host", "mail.invalid", "port", "1", "from", "portal@portal.example",
                "fromDisplayName", "Kundenportal", "starttls", "true", "auth", "true");
        long started = System.nanoTime();
        long bytes = MimeRehearsal.write(smtp, "anna@portal.example", MAIL);
        assertThat(bytes).as("headers, both parts, encoded").isGreaterThan(MAIL.textBody().length() + MAIL.htmlBody().length());
        assertThat((System.nanoTime() - started) / 1_000_000).as("no connection attempt").isLessThan(5_000);
    }

    @Test
    void aMailWithoutHtmlAndARealmWithoutSmtpSettingsStillRehearses() throws Exception {
        long bytes = MimeRehearsal.write(Map.of(), "ben@portal.example", new RenderedMail("Code", "123456", null));
        assertThat(bytes).isGreaterThan(6);
    }
}
