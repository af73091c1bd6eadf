package io.einlass.keycloak.it.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cookies of one browser, for one host. Secure cookies are sent to {@code http://localhost} as browsers do
 * (localhost is a secure context); keyed by name and path like a browser.
 */
public final class CookieJar {

    private final Map<String, Cookie> cookies = new LinkedHashMap<>();
    private final List<Cookie> history = new ArrayList<>();

    synchronized void store(String setCookieHeader, String requestPath) {
        Cookie cookie = Cookie.parse(setCookieHeader, requestPath, Instant.now());
        history.add(cookie);
        String key = cookie.name() + "|" + cookie.path();
        if (cookie.expired(Instant.now()) || cookie.value().isEmpty()) {
            cookies.remove(key);
        } else {
            cookies.put(key, cookie);
        }
    }

    synchronized Optional<String> header(String requestPath) {
        Instant now = Instant.now();
        cookies.values().removeIf(c -> c.expired(now));
        String header = cookies.values().stream()
                .filter(c -> c.matches(requestPath))
                // longer paths first, as browsers send them
                .sorted((a, b) -> Integer.compare(b.path().length(), a.path().length()))
                .map(c -> c.name() + "=" + c.value())
                .collect(Collectors.joining("; "));
        return header.isEmpty() ? Optional.empty() : Optional.of(header);
    }

    /** The stored cookie named {@code name} (any path). */
    public synchronized Optional<Cookie> get(String name) {
        return cookies.values().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Stored cookies whose name starts with {@code prefix}. */
    public synchronized List<Cookie> startingWith(String prefix) {
        return cookies.values().stream().filter(c -> c.name().startsWith(prefix)).toList();
    }

    public synchronized List<Cookie> all() {
        return List.copyOf(cookies.values());
    }

    /** Every Set-Cookie this browser received, in order (to assert attributes of cookies set and deleted). */
    public synchronized List<Cookie> history() {
        return List.copyOf(history);
    }

    /** Puts a cookie as an attacker or a copied browser profile would. */
    public synchronized void put(String name, String value, String path) {
        cookies.put(name + "|" + path, new Cookie(name, value, path, null, true, true, "Lax", name + "=" + value));
    }

    public synchronized void remove(String name) {
        cookies.values().removeIf(c -> c.name().equals(name));
    }

    public synchronized void clear() {
        cookies.clear();
    }
}
