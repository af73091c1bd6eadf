package io.einlass.keycloak.it.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Fresh users for each test (unique addresses: rate limits and brute-force counters never leak between tests). */
public final class TestUsers {

    /** A user as the test knows it. {@code otpSecret} is null when no authenticator app is set up. */
    public record TestUser(String id, String email, String password, String otpSecret) {
    }

    private final AdminClient admin;
    private final String realm;

    public TestUsers(AdminClient admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    public static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
    }

    public TestUser withPassword(String name) {
        String email = uniqueEmail(name);
        String password = "Pw-" + UUID.randomUUID();
        return new TestUser(admin.createUser(realm, email, password, Map.of()), email, password, null);
    }

    public TestUser withoutPassword(String name) {
        String email = uniqueEmail(name);
        return new TestUser(admin.createUser(realm, email, null, Map.of()), email, null, null);
    }

    public TestUser withLocale(String name, String locale) {
        String email = uniqueEmail(name);
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put("locale", List.of(locale));
        return new TestUser(admin.createUser(realm, email, null, attributes), email, null, null);
    }

    /** A user with a password and an authenticator app (TOTP) already set up. */
    public TestUser withPasswordAndOtp(String name) {
        String email = uniqueEmail(name);
        String password = "Pw-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        ObjectNode user = Json.MAPPER.createObjectNode();
        user.put("username", email).put("email", email).put("emailVerified", true).put("enabled", true)
                .put("firstName", "Test").put("lastName", "User");
        ArrayNode credentials = user.putArray("credentials");
        credentials.addObject().put("type", "password").put("value", password).put("temporary", false);
        credentials.addObject().put("type", "otp").put("userLabel", "Phone")
                .put("secretData", "{\"value\":\"" + secret + "\"}")
                .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        var response = admin.call("POST", "/realms/" + realm + "/users", user);
        if (response.statusCode() != 201) {
            throw new AssertionError("create user with OTP -> " + response.statusCode() + " " + response.body());
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        return new TestUser(location.substring(location.lastIndexOf('/') + 1), email, password, secret);
    }
}
