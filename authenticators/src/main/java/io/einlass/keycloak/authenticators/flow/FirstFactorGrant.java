package io.einlass.keycloak.authenticators.flow;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.einlass.keycloak.core.account.UserStamp;
import io.einlass.keycloak.core.crypto.SecureCodes;
import io.einlass.keycloak.core.web.Cookies;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

/**
 * A first factor proved outside a sign-in (a confirmed REST API link has no waiting browser) and carried into the
 * next sign-in of the confirming browser: a short-lived, single-use grant in an HttpOnly cookie scoped to the
 * realm, bound to one client and user and to the user's {@link UserStamp}. The email step redeems it
 * ({@link #redeem}), which {@link FirstFactor#establish establishes} the first factor; later steps (OTP) still run.
 */
public final class FirstFactorGrant {

    public static final String COOKIE = "EINLASS_ML_GRANT";
    /** How long a grant waits for the app to start its sign-in. */
    public static final long LIFESPAN_SECONDS = 300;
    /** {@link FirstFactor} "how" of a redeemed grant. */
    public static final String HOW = "grant";

    private static final String KEY = "einlass:ff:grant:";
    private static final String KEY_USED = "einlass:ff:grant-used:";

    private FirstFactorGrant() {
    }

    /** Creates a grant for {@code user} and {@code clientId}; returns the Set-Cookie header value. */
    public static String issue(KeycloakSession session, RealmModel realm, UserModel user, String clientId) {
        String secret = SecureCodes.token(32);
        Map<String, String> notes = new HashMap<>();
        notes.put("user", user.getId());
        notes.put("client", clientId);
        notes.put("stamp", UserStamp.of(user));
        notes.put("exp", String.valueOf(Time.currentTime() + LIFESPAN_SECONDS));
        session.singleUseObjects().put(KEY + SecureCodes.hash(secret), LIFESPAN_SECONDS, notes);
        return Cookies.set(COOKIE, secret, Cookies.realmPath(session, realm), LIFESPAN_SECONDS, Cookies.SameSite.LAX);
    }

    /**
     * If the browser holds a valid grant for this sign-in's client, uses it up (once, cluster-wide), establishes the
     * first factor and returns its user. The cookie is deleted either way.
     */
    public static Optional<UserModel> redeem(AuthenticationFlowContext context) {
        KeycloakSession session = context.getSession();
        Optional<String> secret = Cookies.read(session, COOKIE);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        RealmModel realm = context.getRealm();
        Cookies.add(session, Cookies.delete(COOKIE, Cookies.realmPath(session, realm), Cookies.SameSite.LAX));
        if (!SecureCodes.wellFormedToken(secret.get())) {
            return Optional.empty();
        }
        SingleUseObjectProvider store = session.singleUseObjects();
        String hash = SecureCodes.hash(secret.get());
        Map<String, String> notes = store.get(KEY + hash);
        if (notes == null) {
            return Optional.empty();
        }
        long exp = parse(notes.get("exp"));
        if (exp <= Time.currentTime() || !context.getAuthenticationSession().getClient().getClientId().equals(notes.get("client"))) {
            return Optional.empty();
        }
        UserModel user = session.users().getUserById(realm, notes.get("user"));
        if (user == null || !UserStamp.matches(user, notes.get("stamp"))
                || !store.putIfAbsent(KEY_USED + hash, LIFESPAN_SECONDS + 60)) {
            return Optional.empty();
        }
        context.setUser(user);
        FirstFactor.establish(context, user, HOW);
        return Optional.of(user);
    }

    private static long parse(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
