package io.einlass.keycloak.it.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the fuzz run saw: how many cases each input got, and every case whose answer broke a rule (a 5xx, a stack
 * trace or an exception name in the body). Thread-safe. A finding names the request as the test built it (the
 * fuzz values abbreviated, never a session's cookies or tokens) and the first 300 characters of the body; a 5xx
 * also keeps what is needed to send the same body and headers, without the session, to a Keycloak endpoint.
 */
final class FuzzFindings {

    /** Words in an answer that mean a stack trace or an exception reached the client. */
    static final List<String> LEAKS = List.of("Exception", "at org.", "at io.einlass", "java.lang");

    /**
     * One broken rule. {@code replay} is null unless the status was 5xx. {@code platform}: a 5xx of Keycloak's own
     * request layer, not of Einlass code: an answer of one of Keycloak's endpoints (not under {@code /einlass/}),
     * or of any endpoint to a request whose Content-Type Keycloak's filters cannot parse (they run before any
     * resource).
     */
    record Finding(String input, String problem, String summary, int status, String bodyStart, Replay replay, boolean platform) {

        @Override
        public String toString() {
            return "[" + input + "] " + summary + " -> " + problem + (platform ? " (Keycloak's request layer)" : "") + ": " + bodyStart;
        }
    }

    private static final java.util.regex.Pattern MEDIA_TYPE = java.util.regex.Pattern.compile(
            "[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(\"[^\"]*\"|[A-Za-z0-9!#$&^_.+-]+))*\\s*");

    /** True when {@code target} is one of Keycloak's endpoints, or Keycloak cannot parse the Content-Type. */
    static boolean keycloaksRequestLayer(String target, Map<String, String> headers) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        if (!path.contains("/einlass/") && !path.endsWith("/einlass")) {
            return true;
        }
        String type = null;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if ("content-type".equalsIgnoreCase(h.getKey())) {
                type = h.getValue();
            }
        }
        return type != null && (!MEDIA_TYPE.matcher(type).matches() || type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/"));
    }

    /** The parts of a request that do not belong to the session (no cookie, no Authorization). */
    record Replay(String method, Map<String, String> headers, String body) {
    }

    private final Map<String, AtomicInteger> counts = new TreeMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    /** Checks one answer. {@code summary} describes the request without secrets. */
    void check(String input, String summary, String method, String target, Map<String, String> headers, String body,
               RawHttp.Response response) {
        total.incrementAndGet();
        synchronized (counts) {
            counts.computeIfAbsent(input, k -> new AtomicInteger()).incrementAndGet();
        }
        String problem = null;
        if (response.status() == RawHttp.Response.CLOSED) {
            closed.incrementAndGet(); // an oversized request line or header refused by closing: no 5xx, nothing leaked
            return;
        }
        if (response.status() >= 500) {
            problem = "status " + response.status();
        } else {
            for (String leak : LEAKS) {
                if (response.body().contains(leak)) {
                    problem = "status " + response.status() + ", body contains '" + leak + "'";
                    break;
                }
            }
        }
        if (problem != null) {
            String text = response.body().replaceAll("\\s+", " ");
            Replay replay = null;
            if (response.status() >= 500) {
                Map<String, String> kept = new LinkedHashMap<>(headers);
                kept.remove("Cookie");
                kept.remove("Authorization");
                replay = new Replay(method, kept, body);
            }
            boolean platform = response.status() >= 500 && keycloaksRequestLayer(target, headers);
            add(new Finding(input, problem, summary, response.status(), text.length() > 300 ? text.substring(0, 300) : text, replay, platform));
        }
    }

    /** A request that got no answer at all (connection reset, timeout): also a finding. */
    void noAnswer(String input, String summary, RuntimeException e) {
        total.incrementAndGet();
        add(new Finding(input, "no answer", summary, 0, String.valueOf(e.getMessage()), null, false));
    }

    /** A finding outside one request (a state that could not be made, a target that stopped). */
    void add(String input, String problem) {
        add(new Finding(input, problem, "", 0, "", null, false));
    }

    private synchronized void add(Finding finding) {
        findings.add(finding);
    }

    /** Requests with an oversized request line or headers that the server refused by closing the connection. */
    int closed() {
        return closed.get();
    }

    int total() {
        return total.get();
    }

    synchronized List<Finding> findings() {
        return List.copyOf(findings);
    }

    String countsByInput() {
        StringBuilder sb = new StringBuilder();
        synchronized (counts) {
            counts.forEach((k, v) -> sb.append(String.format("  %-48s %6d%n", k, v.get())));
        }
        return sb.toString();
    }
}
