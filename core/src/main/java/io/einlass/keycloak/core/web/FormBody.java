package io.einlass.keycloak.core.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The fields of an {@code application/x-www-form-urlencoded} body posted to an Einlass page, read by Einlass itself
 * instead of the JAX-RS form reader: that reader answers a broken percent escape ({@code %%E2}), a body of only
 * {@code =}, an unknown charset or more than 1000 fields with HTTP 500. Here a field that cannot be decoded is
 * dropped (the page then answers as for a missing field), invalid UTF-8 becomes U+FFFD, at most
 * {@value #MAX_FIELDS} fields are read, and a body over {@value #MAX_BYTES} bytes counts as empty: garbage gets the
 * page's ordinary answer, never an error.
 */
public final class FormBody {

    /** More than any Einlass form has; the rest of a longer body is ignored. */
    public static final int MAX_FIELDS = 64;
    /** No Einlass form comes near this; a larger body is read as empty (the page's ordinary answer). */
    public static final int MAX_BYTES = 16 * 1024;

    private FormBody() {
    }

    public static MultivaluedMap<String, String> parse(byte[] body) {
        MultivaluedMap<String, String> fields = new MultivaluedHashMap<>();
        if (body == null || body.length == 0 || body.length > MAX_BYTES) {
            return fields;
        }
        String text = new String(body, StandardCharsets.ISO_8859_1); // bytes as they are; decoded per field below
        int start = 0;
        int read = 0;
        while (start <= text.length() && read < MAX_FIELDS) {
            int end = text.indexOf('&', start);
            if (end < 0) {
                end = text.length();
            }
            String pair = text.substring(start, end);
            start = end + 1;
            if (pair.isEmpty()) {
                continue;
            }
            read++;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name != null && !name.isEmpty() && value != null) {
                fields.add(name, value);
            }
        }
        return fields;
    }

    /** UTF-8 text of a request body (a JSON document), whatever charset the request claimed. */
    public static String utf8(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** Percent-decoding as UTF-8; null for a broken escape. */
    static String decode(String raw) {
        try {
            // the raw bytes were read as ISO-8859-1: restore them, then decode escapes and bytes as UTF-8
            String utf8 = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            return URLDecoder.decode(utf8, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
