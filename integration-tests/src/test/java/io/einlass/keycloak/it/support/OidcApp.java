package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The application side of an OpenID Connect authorization code flow with PKCE (S256), as a public SPA client
 * does it: it builds the authorization URL with state, nonce and code challenge, checks the state on the way
 * back and exchanges the code with the verifier.
 */
public final class OidcApp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String baseUrl;
    private final String realm;
    private final String clientId;
    private final String redirectUri;

    public OidcApp(String baseUrl, String realm, String clientId, String redirectUri) {
        this.baseUrl = baseUrl;
        this.realm = realm;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
    }

    public String clientId() {
        return clientId;
    }

    public String redirectUri() {
        return redirectUri;
    }

    /** One sign-in attempt started by the app. */
    public final class Login {
        private final String state = random();
        private final String nonce = random();
        private final String verifier = random() + random();
        private final Map<String, String> extra;

        private Login(Map<String, String> extra) {
            this.extra = extra;
        }

        public String url() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("client_id", clientId);
            params.put("redirect_uri", redirectUri);
            params.put("response_type", "code");
            params.put("scope", "openid");
            params.put("state", state);
            params.put("nonce", nonce);
            params.put("code_challenge", challenge(verifier));
            params.put("code_challenge_method", "S256");
            params.putAll(extra);
            return baseUrl + "/realms/" + realm + "/protocol/openid-connect/auth?" + Urls.query(params);
        }

        /** Checks the redirect back to the app and exchanges its code; fails when the redirect carries an error. */
        public Tokens complete(Page redirect) {
            if (!redirect.isRedirectAway()) {
                throw new AssertionError("expected a redirect back to the app, got:\n" + redirect);
            }
            URI location = URI.create(redirect.location());
            if (!location.toString().startsWith(redirectUri.replace("*", ""))) {
                throw new AssertionError("redirect to " + location + " is not the app's " + redirectUri);
            }
            String returnedState = Urls.queryParam(location, "state").orElse(null);
            if (!state.equals(returnedState)) {
                throw new AssertionError("state mismatch: " + returnedState);
            }
            String code = Urls.queryParam(location, "code")
                    .orElseThrow(() -> new AssertionError("no code in " + location));
            Tokens tokens = exchange(code, verifier);
            JsonNode id = tokens.idClaims();
            if (!nonce.equals(id.path("nonce").asText())) {
                throw new AssertionError("nonce mismatch in ID token");
            }
            return tokens;
        }

        public String verifier() {
            return verifier;
        }

        public String state() {
            return state;
        }

        public String nonce() {
            return nonce;
        }
    }

    public Login login() {
        return new Login(Map.of());
    }

    public Login login(Map<String, String> extraParams) {
        return new Login(extraParams);
    }

    /** Exchanges a code at the token endpoint; throws with the error body on failure. */
    public Tokens exchange(String code, String verifier) {
        HttpResponse<String> response = tokenRequest(code, verifier);
        if (response.statusCode() != 200) {
            throw new AssertionError("token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return new Tokens(Json.parse(response.body()));
    }

    /**
     * Signs out as a public client does without a browser: the refresh token to the logout endpoint, which ends the
     * user session (Keycloak answers 204).
     */
    public void logout(Tokens tokens) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("refresh_token", tokens.refreshToken());
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Urls.query(form)))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new AssertionError("logout endpoint answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The raw token endpoint answer for a code (to assert failures). */
    public HttpResponse<String> tokenRequest(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("redirect_uri", redirectUri);
        form.put("code", code);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Urls.query(form)))
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
