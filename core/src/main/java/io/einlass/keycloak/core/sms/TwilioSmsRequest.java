package io.einlass.keycloak.core.sms;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The request the {@code twilio} gateway sends: pure, so it is unit-tested. */
public final class TwilioSmsRequest {

    public static final String DEFAULT_BASE_URL = "https://api.twilio.com";

    /** The gateway's settings. */
    public record Settings(String baseUrl, String accountSid, String authToken, String from, String messagingServiceSid,
                           Duration timeout) {

        Settings withAuthToken(String resolved) {
            return new Settings(baseUrl, accountSid, resolved, from, messagingServiceSid, timeout);
        }

        boolean complete() {
            return accountSid != null && !accountSid.isBlank() && authToken != null && !authToken.isBlank()
                    && (from != null && !from.isBlank() || messagingServiceSid != null && !messagingServiceSid.isBlank());
        }
    }

    private TwilioSmsRequest() {
    }

    public static HttpRequest build(Settings s, String to, String text) {
        String base = s.baseUrl().endsWith("/") ? s.baseUrl().substring(0, s.baseUrl().length() - 1) : s.baseUrl();
        URI uri = URI.create(base + "/2010-04-01/Accounts/" + URLEncoder.encode(s.accountSid(), StandardCharsets.UTF_8) + "/Messages.json");
        String credentials = Base64.getEncoder().encodeToString((s.accountSid() + ":" + s.authToken()).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri)
                .timeout(s.timeout())
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(s, to, text)))
                .build();
    }

    /** The form body: {@code To}, {@code From} or {@code MessagingServiceSid}, {@code Body}, URL-encoded. */
    public static String form(Settings s, String to, String text) {
        String sender = s.messagingServiceSid() != null && !s.messagingServiceSid().isBlank()
                ? "MessagingServiceSid=" + enc(s.messagingServiceSid()) : "From=" + enc(s.from());
        return "To=" + enc(to) + "&" + sender + "&Body=" + enc(text);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
