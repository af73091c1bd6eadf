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

    /** The enabled, human user with this canonical address, or null (unknown, ambiguous, disabled, service account). */
    public static UserModel usableUser(KeycloakSession session, RealmModel realm, String canonical) {
        UserModel user;
        try {
            user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, canonical);
        } catch (ModelDuplicateException e) {
            return null;
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
            return null;
        }
        return user;
    }
}
