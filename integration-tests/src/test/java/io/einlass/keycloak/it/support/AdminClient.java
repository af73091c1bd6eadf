package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an administrator does through Keycloak's admin REST API: users, events, brute-force status, Server Info.
 * Signs in to the master realm as the bootstrap admin and renews its token as needed.
 */
public final class AdminClient {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    public AdminClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A bearer token of the master realm's bootstrap admin (for endpoints the tests call directly). */
    public synchronized String token() {
        if (Instant.now().isAfter(tokenExpires)) {
            String form = Urls.query(Map.of("grant_type", "password", "client_id", "admin-cli",
                    "username", ADMIN_USER, "password", ADMIN_PASSWORD));
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("admin sign-in failed: " + response.statusCode() + " " + response.body());
            }
            JsonNode json = Json.parse(response.body());
            token = json.path("access_token").asText();
            tokenExpires = Instant.now().plusSeconds(Math.max(5, json.path("expires_in").asLong(60) - 15));
        }
        return token;
    }

    /** A token endpoint password grant for any realm and client (e.g. for an API caller). */
    public JsonNode passwordGrant(String realm, String clientId, String clientSecret, String username, String password) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "password");
        params.put("client_id", clientId);
        if (clientSecret != null) {
            params.put("client_secret", clientSecret);
        }
        params.put("username", username);
        params.put("password", password);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Urls.query(params))).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("password grant failed: " + response.statusCode() + " " + response.body());
        }
        return Json.parse(response.body());
    }

    public JsonNode get(String path) {
        HttpResponse<String> response = call("GET", path, null);
        expect(response, 200, path);
        return response.body().isBlank() ? Json.MAPPER.nullNode() : Json.parse(response.body());
    }

    public HttpResponse<String> call(String method, String path, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/admin" + path))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        if (body != null) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body)));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(builder.build());
    }

    public JsonNode post(String path, Object body) {
        HttpResponse<String> response = call("POST", path, body);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("POST " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body().isBlank() ? Json.MAPPER.nullNode() : Json.parse(response.body());
    }

    public void put(String path, Object body) {
        HttpResponse<String> response = call("PUT", path, body);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("PUT " + path + " -> " + response.statusCode() + " " + response.body());
        }
    }

    public void delete(String path) {
        HttpResponse<String> response = call("DELETE", path, null);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("DELETE " + path + " -> " + response.statusCode() + " " + response.body());
        }
    }

    // --- users ------------------------------------------------------------------------------------------------

    public String userId(String realm, String username) {
        JsonNode users = get("/realms/" + realm + "/users?exact=true&username=" + Urls.encode(username));
        if (users.isEmpty()) {
            throw new AssertionError("no user " + username);
        }
        return users.get(0).path("id").asText();
    }

    public JsonNode user(String realm, String userId) {
        return get("/realms/" + realm + "/users/" + userId);
    }

    /** Creates an enabled user with a verified email (and a password when given); returns the id. */
    public String createUser(String realm, String email, String password, Map<String, List<String>> attributes) {
        ObjectNode user = Json.MAPPER.createObjectNode();
        user.put("username", email);
        user.put("email", email);
        user.put("emailVerified", true);
        user.put("enabled", true);
        user.put("firstName", "Test");
        user.put("lastName", "User");
        if (attributes != null && !attributes.isEmpty()) {
            user.set("attributes", Json.MAPPER.valueToTree(attributes));
        }
        if (password != null) {
            ObjectNode credential = Json.MAPPER.createObjectNode();
            credential.put("type", "password");
            credential.put("value", password);
            credential.put("temporary", false);
            user.set("credentials", Json.MAPPER.createArrayNode().add(credential));
        }
        HttpResponse<String> response = call("POST", "/realms/" + realm + "/users", user);
        expect(response, 201, "create user " + email);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public void updateUser(String realm, String userId, Map<String, Object> changes) {
        ObjectNode rep = (ObjectNode) user(realm, userId);
        changes.forEach((k, v) -> rep.set(k, Json.MAPPER.valueToTree(v)));
        put("/realms/" + realm + "/users/" + userId, rep);
    }

    public void resetPassword(String realm, String userId, String password) {
        put("/realms/" + realm + "/users/" + userId + "/reset-password",
                Map.of("type", "password", "value", password, "temporary", false));
    }

    public JsonNode credentials(String realm, String userId) {
        return get("/realms/" + realm + "/users/" + userId + "/credentials");
    }

    // --- events and brute force -------------------------------------------------------------------------------

    /** Login events of {@code type} for the realm (newest first). */
    /** Every stored user event of the realm (newest first, at most 5000). */
    public List<JsonNode> allEvents(String realm) {
        List<JsonNode> list = new ArrayList<>();
        get("/realms/" + realm + "/events?max=5000").forEach(list::add);
        return list;
    }

    /**
     * What events record instead of an address typed for no usable account: {@code sha256:} and 32 hex digits of
     * SHA-256 over {@code einlass:<realm id>:<address>} (the recipe of the admin guide, computed here on its own).
     */
    public String addressDigest(String realm, String canonicalAddress) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    ("einlass:" + get("/realms/" + realm).path("id").asText() + ":" + canonicalAddress)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<JsonNode> events(String realm, String type) {
        JsonNode events = get("/realms/" + realm + "/events?max=500&type=" + type);
        List<JsonNode> list = new ArrayList<>();
        events.forEach(list::add);
        return list;
    }

    /** Waits (up to 10 s) for an event of {@code type} matching {@code filter}. */
    public JsonNode awaitEvent(String realm, String type, Predicate<JsonNode> filter) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            for (JsonNode event : events(realm, type)) {
                if (filter.test(event)) {
                    return event;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + type + " event matching the filter; got " + events(realm, type));
            }
            sleep(200);
        }
    }

    /** Keycloak's brute-force status of a user: numFailures, disabled, lastFailure, ... */
    public JsonNode bruteForce(String realm, String userId) {
        return get("/realms/" + realm + "/attack-detection/brute-force/users/" + userId);
    }

    public void clearBruteForce(String realm, String userId) {
        delete("/realms/" + realm + "/attack-detection/brute-force/users/" + userId);
    }

    public JsonNode serverInfo() {
        return get("/serverinfo");
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new AssertionError(what + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
