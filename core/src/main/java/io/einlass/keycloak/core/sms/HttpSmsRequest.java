package io.einlass.keycloak.core.sms;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** The request the {@code http} gateway sends: pure, so its escaping is unit-tested. */
public final class HttpSmsRequest {

    /** The gateway's settings. */
    public record Settings(String url, String authorization, String bodyTemplate, String contentType, Duration timeout) {

        Settings withAuthorization(String resolved) {
            return new Settings(url, resolved, bodyTemplate, contentType, timeout);
        }
    }

    private HttpSmsRequest() {
    }

    public static HttpRequest build(Settings settings, String to, String text) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.url()))
                .timeout(settings.timeout())
                .header("Content-Type", settings.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(body(settings.bodyTemplate(), to, text)));
        if (settings.authorization() != null && !settings.authorization().isBlank()) {
            builder.header("Authorization", settings.authorization());
        }
        return builder.build();
    }

    /** The template with {@code ${to}} and {@code ${text}} replaced by their JSON-escaped values (in one pass). */
    public static String body(String template, String to, String text) {
        StringBuilder sb = new StringBuilder(template.length() + 160);
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith("${to}", i)) {
                sb.append(json(to));
                i += 5;
            } else if (template.startsWith("${text}", i)) {
                sb.append(json(text));
                i += 7;
            } else {
                sb.append(template.charAt(i++));
            }
        }
        return sb.toString();
    }

    /** JSON string escaping (without the quotes): quotes, backslash, control characters, line and paragraph separators. */
    public static String json(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '<' || c == '>' || c == '&') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
