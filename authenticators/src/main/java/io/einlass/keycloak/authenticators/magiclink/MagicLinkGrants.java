package io.einlass.keycloak.authenticators.magiclink;

import java.util.Map;
import java.util.Optional;

import io.einlass.keycloak.core.crypto.SecureCodes;
import jakarta.ws.rs.core.Cookie;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Links created by the REST endpoint (e.g. in a purchase confirmation) have no waiting browser. Confirming one
 * leaves a short-lived, single-use grant in the confirming browser (an HttpOnly cookie scoped to the realm, bound
 * to one client and user); the app then starts its own sign-in (with its own state and PKCE) and the Einlass
 * steps accept the grant as the first factor. The following steps (OTP) still run.
 */
public final class MagicLinkGrants {

    public static final String COOKIE = "EINLASS_ML_GRANT";
    /** How long a confirmed grant waits for the app to start its sign-in. */
    static final long LIFESPAN_SECONDS = 300;
    private static final String NOTE = "einlass.ml.grant";

    private MagicLinkGrants() {
    }

    /** Creates a grant for {@code user} and {@code clientId}; returns the Set-Cookie header value. */
    static String issue(KeycloakSession session, RealmModel realm, UserModel user, String clientId, String cookiePath, boolean secure) {
        String secret = SecureCodes.token(32);
        new LinkStore(session).putGrant(SecureCodes.hash(secret), Map.of(
                "user", user.getId(),
                "client", clientId,
                "stamp", UserStamp.of(user),
                "exp", String.valueOf(Time.currentTime() + LIFESPAN_SECONDS)), LIFESPAN_SECONDS);
        return cookie(secret, cookiePath, LIFESPAN_SECONDS, secure);
    }

    /**
     * If the browser holds a valid grant for this sign-in's client, uses it up (once, cluster-wide) and returns
     * its user; the cookie is deleted either way.
     */
    public static Optional<UserModel> redeem(AuthenticationFlowContext context) {
        Cookie cookie = context.getHttpRequest().getHttpHeaders().getCookies().get(COOKIE);
        if (cookie == null) {
            return Optional.empty();
        }
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        String path = cookiePath(session, realm);
        session.getContext().getHttpResponse().addHeader("Set-Cookie", cookie("", path, 0, true));
        LinkStore store = new LinkStore(session);
        Optional<Map<String, String>> grant = store.findGrant(cookie.getValue());
        if (grant.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> notes = grant.get();
        long exp = Long.parseLong(notes.getOrDefault("exp", "0"));
        if (exp <= Time.currentTime()
                || !context.getAuthenticationSession().getClient().getClientId().equals(notes.get("client"))) {
            return Optional.empty();
        }
        UserModel user = session.users().getUserById(realm, notes.get("user"));
        if (user == null || !UserStamp.matches(user, notes.get("stamp"))
                || !store.consumeGrant(SecureCodes.hash(cookie.getValue()), LIFESPAN_SECONDS)) {
            return Optional.empty();
        }
        context.getAuthenticationSession().setAuthNote(NOTE, user.getId());
        return Optional.of(user);
    }

    /** True when this sign-in's user was established by a redeemed grant. */
    public static boolean grantedFirstFactor(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        String note = context.getAuthenticationSession().getAuthNote(NOTE);
        return user != null && note != null && note.equals(user.getId());
    }

    static void clearGrantNote(AuthenticationFlowContext context) {
        context.getAuthenticationSession().removeAuthNote(NOTE);
    }

    static String cookiePath(KeycloakSession session, RealmModel realm) {
        String base = session.getContext().getUri().getBaseUri().getRawPath();
        return (base.endsWith("/") ? base : base + "/") + "realms/" + realm.getName() + "/";
    }

    private static String cookie(String value, String path, long maxAge, boolean secure) {
        return COOKIE + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }
}
