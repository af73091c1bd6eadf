package io.einlass.keycloak.core.web;

import java.util.Optional;

import jakarta.ws.rs.core.Cookie;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The one place Einlass builds and reads cookies. Every Einlass cookie is {@code HttpOnly} and {@code Secure}
 * (browsers treat {@code http://localhost} as secure too), scoped to one realm's path, and carries only opaque
 * random values.
 */
public final class Cookies {

    /** {@code SameSite} of a cookie: {@code Lax} for cookies a mail link must find, {@code Strict} for page bindings. */
    public enum SameSite { LAX("Lax"), STRICT("Strict");

        private final String value;

        SameSite(String value) {
            this.value = value;
        }
    }

    private Cookies() {
    }

    /** {@code /realms/<realm>/} below the server's base path (the request's, not the frontend URL's). */
    public static String realmPath(KeycloakSession session, RealmModel realm) {
        String base = session.getContext().getUri().getBaseUri().getRawPath();
        return (base.endsWith("/") ? base : base + "/") + "realms/" + realm.getName() + "/";
    }

    /** A {@code Set-Cookie} header value. */
    public static String set(String name, String value, String path, long maxAgeSeconds, SameSite sameSite) {
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + Math.max(0, maxAgeSeconds)
                + "; HttpOnly; Secure; SameSite=" + sameSite.value;
    }

    /** A {@code Set-Cookie} header value that deletes the cookie. */
    public static String delete(String name, String path, SameSite sameSite) {
        return set(name, "", path, 0, sameSite);
    }

    /** Adds the {@code Set-Cookie} header to the current response. */
    public static void add(KeycloakSession session, String setCookie) {
        session.getContext().getHttpResponse().addHeader("Set-Cookie", setCookie);
    }

    /** The value of the request's cookie {@code name}, if present and not empty. */
    public static Optional<String> read(KeycloakSession session, String name) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(name);
        return cookie == null || cookie.getValue() == null || cookie.getValue().isEmpty()
                ? Optional.empty() : Optional.of(cookie.getValue());
    }
}
