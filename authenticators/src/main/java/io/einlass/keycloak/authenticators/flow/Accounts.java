package io.einlass.keycloak.authenticators.flow;

import io.einlass.keycloak.core.crypto.SecureCodes;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Finds the account behind a typed address without revealing, by answer or by time, whether there is one. */
public final class Accounts {

    private Accounts() {
    }

    /**
     * What a typed address matches: the usable user (or null), and whether any account at all (also a disabled one,
     * or several) has it. Both come from the one look-up, so knowing the second costs nothing extra.
     */
    public record Lookup(UserModel usable, boolean anyAccount) {
    }

    /** The enabled, human user with this canonical address, or null (unknown, ambiguous, disabled, service account). */
    public static UserModel usableUser(KeycloakSession session, RealmModel realm, String canonical) {
        return lookup(session, realm, canonical).usable();
    }

    /** {@link #usableUser} and whether any account has the address, from the same look-up and with the same work. */
    public static Lookup lookup(KeycloakSession session, RealmModel realm, String canonical) {
        UserModel user;
        try {
            user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, canonical);
        } catch (ModelDuplicateException e) {
            return new Lookup(null, true);
        }
        if (user != null) {
            // An unknown address misses Keycloak's user cache twice (by username, then by email) and goes to the
            // database; a known one is often served from the cache. Do the same two database look-ups for known
            // addresses, so the answer takes as long either way.
            String miss = "einlass-timing-" + SecureCodes.token(16);
            session.users().getUserByUsername(realm, miss);
            session.users().getUserByEmail(realm, miss + "@invalid");
        }
        if (user == null || !user.isEnabled() || user.getServiceAccountClientLink() != null) {
            return new Lookup(null, user != null);
        }
        return new Lookup(user, true);
    }
}
