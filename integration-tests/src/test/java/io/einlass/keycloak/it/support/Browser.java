package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small browser: keeps cookies, follows Keycloak's redirects, submits forms, and stops when Keycloak sends it
 * to another origin (the application), so a test can read the authorization code. Each instance is one browser
 * profile: two instances are two devices.
 */
public final class Browser {

    public static final String FIREFOX_WINDOWS =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";
    public static final String SAFARI_IPHONE =
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1";
    public static final String MAIL_SCANNER = "Mozilla/5.0 (compatible; SafeLinksScanner/1.0)";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final String origin;
    private final CookieJar cookies = new CookieJar();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Page last;

    public Browser(String baseUrl) {
        this(baseUrl, FIREFOX_WINDOWS);
    }

    public Browser(String baseUrl, String userAgent) {
        URI base = URI.create(baseUrl);
        this.origin = base.getScheme() + "://" + base.getAuthority();
        headers.put("User-Agent", userAgent);
        headers.put("Accept-Language", "en");
        // The test server trusts X-Forwarded-For like a server behind a reverse proxy: every browser gets its own
        // private-range client address (sslRequired=external accepts plain HTTP from private networks), so per-IP
        // limits apply per browser as they would in production.
        int n = NEXT_IP.getAndIncrement();
        headers.put("X-Forwarded-For", "10.77." + (n / 250 % 250) + "." + (1 + n % 250));
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_IP = new java.util.concurrent.atomic.AtomicInteger();

    /** Sets the client IP address the server sees (through the trusted proxy header). */
    public Browser clientIp(String ip) {
        headers.put("X-Forwarded-For", ip);
        return this;
    }

    /** Sends this browser's requests to one node of the cluster (through the {@link LoadBalancer}). */
    public Browser onNode(int node) {
        route.clear();
        headers.put(LoadBalancer.NODE_HEADER, String.valueOf(node));
        return this;
    }

    /** The next request goes to node {@code first}, every later one to node {@code then}. */
    public Browser onNodes(int first, int then) {
        route.clear();
        route.add(first);
        route.add(then);
        return this;
    }

    /** Leaves the choice of node to the load balancer again. */
    public Browser anyNode() {
        route.clear();
        headers.remove(LoadBalancer.NODE_HEADER);
        return this;
    }

    private final java.util.ArrayDeque<Integer> route = new java.util.ArrayDeque<>();

    public String clientIp() {
        return headers.get("X-Forwarded-For");
    }

    /** Sets the browser's language preference (Accept-Language). */
    public Browser language(String acceptLanguage) {
        headers.put("Accept-Language", acceptLanguage);
        return this;
    }

    public CookieJar cookies() {
        return cookies;
    }

    public Page last() {
        return last;
    }

    /** GET, following redirects inside Keycloak. */
    public Page open(String url) {
        return follow(request("GET", URI.create(url), null, Map.of()));
    }

    /** HEAD without following anything (what some mail scanners send). */
    public Page head(String url) {
        return request("HEAD", URI.create(url), null, Map.of());
    }

    /** A single request with extra headers, not following redirects. */
    public Page fetch(String method, String url, String formBody, Map<String, String> extraHeaders) {
        return request(method, URI.create(url), formBody, extraHeaders);
    }

    Page submit(String method, URI action, Map<String, List<String>> fields) {
        String encoded = Urls.form(fields);
        if ("GET".equals(method)) {
            String sep = action.getRawQuery() == null ? "?" : "&";
            return follow(request("GET", URI.create(action + sep + encoded), null, Map.of()));
        }
        return follow(request("POST", action, encoded, Map.of()));
    }

    /** POSTs form fields to {@code url} directly (as a script or an attacker would), following redirects. */
    public Page post(String url, Map<String, String> fields) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        fields.forEach((k, v) -> multi.put(k, List.of(v)));
        return follow(request("POST", URI.create(url), Urls.form(multi), Map.of()));
    }

    private Page follow(Page page) {
        Page current = page;
        for (int hop = 0; hop < 25; hop++) {
            if (current.status() < 300 || current.status() >= 400 || current.header("Location").isEmpty()) {
                break;
            }
            URI next = current.uri().resolve(current.location());
            if (!(next.getScheme() + "://" + next.getAuthority()).equals(origin)) {
                // leaving Keycloak: the application would take over here
                break;
            }
            current = request("GET", next, null, Map.of());
        }
        last = current;
        return current;
    }

    private Page request(String method, URI uri, String formBody, Map<String, String> extraHeaders) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (!route.isEmpty()) {
            headers.put(LoadBalancer.NODE_HEADER, String.valueOf(route.size() > 1 ? route.poll() : route.peek()));
        }
        headers.forEach(builder::header);
        extraHeaders.forEach(builder::setHeader);
        cookies.header(uri.getPath()).ifPresent(c -> builder.header("Cookie", c));
        if (formBody != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded");
            builder.method(method, HttpRequest.BodyPublishers.ofString(formBody));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                cookies.store(setCookie, uri.getPath());
            }
            return new Page(this, uri, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
