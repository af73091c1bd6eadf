package io.einlass.keycloak.it.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one fuzzed request at a time for one thread: a form body or query in which the fields under test carry
 * hostile values (sometimes repeated, sometimes with broken escapes), the page's real hidden fields mostly kept
 * (so the request reaches the Einlass step), a content type that is sometimes wrong, and a cookie header that is
 * sometimes malformed. It also writes the request's summary for a finding: fuzz values abbreviated, real values
 * of the session only as {@code <real>}.
 */
final class FuzzRequests {

    /** Cookie names Einlass reads (prefixes with fuzzed or real suffixes) and Keycloak's that Einlass relies on. */
    private final List<String> einlassCookies;
    private final FuzzValues values;

    FuzzRequests(FuzzValues values, List<String> einlassCookies) {
        this.values = values;
        this.einlassCookies = einlassCookies;
    }

    FuzzValues values() {
        return values;
    }

    /** A request under construction: parameters in order, then the headers. */
    final class Builder {
        private final List<String> params = new ArrayList<>();
        private final StringBuilder summary = new StringBuilder();
        private final Map<String, String> headers = new LinkedHashMap<>();

        /** A real value of the page or the session (sent as it is, summarized as {@code <real>}). */
        Builder real(String name, String value) {
            params.add(enc(name) + "=" + enc(value));
            summary.append(' ').append(name).append("=<real>");
            return this;
        }

        /** A value the test chose and may show (a button value, a known constant). */
        Builder known(String name, String value) {
            params.add(enc(name) + "=" + enc(value));
            summary.append(' ').append(name).append('=').append(value);
            return this;
        }

        /** A hostile value for {@code name}; sometimes the parameter comes twice. */
        Builder fuzz(String name, String value) {
            String encoded = values.encoded(value);
            params.add(enc(name) + "=" + encoded);
            summary.append(' ').append(name).append("=[").append(RawHttp.abbreviate(encoded)).append(']');
            if (values.chance(12)) {
                String again = values.encoded(values.next(List.of()));
                params.add(values.random().nextInt(params.size() + 1), enc(name) + "=" + again);
                summary.append(" +repeated ").append(name).append("=[").append(RawHttp.abbreviate(again)).append(']');
            }
            return this;
        }

        /** The page's hidden fields: mostly as they are, sometimes left out or replaced by a hostile value. */
        Builder hidden(Map<String, String> hidden, List<String> exceptThese) {
            hidden.forEach((name, value) -> {
                if (exceptThese.contains(name)) {
                    return;
                }
                int dice = values.random().nextInt(100);
                if (dice < 4) {
                    summary.append(" (no ").append(name).append(')');
                } else if (dice < 8) {
                    fuzz(name, values.next(List.of()));
                } else {
                    real(name, value);
                }
            });
            return this;
        }

        /** Sometimes a parameter nobody asked for, with a hostile name. */
        Builder maybeStrangeParameter() {
            if (values.chance(5)) {
                fuzz(values.next(List.of()), values.next(List.of()));
            }
            return this;
        }

        /** Adds {@code text} (no secret) to the summary. */
        Builder note(String text) {
            summary.append(' ').append(text);
            return this;
        }

        Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A cookie header: the session's own, or (sometimes, or always with {@code fuzzAlways}) with fuzzed Einlass cookies. */
        Builder cookies(List<String> realPairs, boolean fuzzAlways) {
            if (fuzzAlways || values.chance(20)) {
                String header = values.cookieHeader(realPairs, einlassCookies);
                headers.put("Cookie", header);
                String shown = header;
                for (String pair : realPairs) {
                    shown = shown.replace(pair, pair.substring(0, pair.indexOf('=') + 1) + "<real>");
                }
                summary.append(" Cookie:[").append(RawHttp.abbreviate(shown)).append(']');
            } else if (!realPairs.isEmpty()) {
                headers.put("Cookie", String.join("; ", realPairs));
            }
            return this;
        }

        String query() {
            return String.join("&", params);
        }

        String summary() {
            return summary.toString().trim();
        }

        Map<String, String> headers() {
            return headers;
        }

        /** The parameters as a form body; now and then the body is replaced by garbage or another content type given. */
        String formBody() {
            String body = query();
            int dice = values.random().nextInt(100);
            if (dice < 3) {
                body = values.pick(List.of("", "=", "&&&&", "%", "a=%", "=%FF", "\u00ff\u00fe\u0000", "{\"email\":1}", "a=1&a", "&="));
                summary.append(" body:[").append(RawHttp.abbreviate(body)).append(']');
            } else if (dice < 4) {
                body = body + "&" + "a=1&".repeat(20_000);
                summary.append(" +20000 parameters");
            }
            String contentType = values.chance(88) ? "application/x-www-form-urlencoded" : values.pick(List.of(
                    "application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=ISO-8859-1",
                    "application/x-www-form-urlencoded; charset=bogus", "application/x-www-form-urlencoded;;;", "*/*", "x", ""));
            headers.put("Content-Type", contentType);
            if (!contentType.equals("application/x-www-form-urlencoded")) {
                summary.append(" Content-Type:[").append(contentType).append(']');
            }
            return body;
        }
    }

    Builder request() {
        return new Builder();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
