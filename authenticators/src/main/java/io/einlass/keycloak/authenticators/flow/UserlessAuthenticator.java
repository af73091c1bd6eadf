package io.einlass.keycloak.authenticators.flow;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * An Einlass step that runs before the user is known (or for a "ghost" of an unknown address): no user required,
 * nothing to set up, nothing to close.
 */
public interface UserlessAuthenticator extends Authenticator {

    @Override
    default boolean requiresUser() {
        return false;
    }

    @Override
    default boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    default void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    default void close() {
    }

    /** True when brute-force detection currently locks the user out (temporarily or for good). */
    static boolean lockedOut(AuthenticationFlowContext context, UserModel user) {
        RealmModel realm = context.getRealm();
        return realm.isBruteForceProtected()
                && (context.getProtector().isTemporarilyDisabled(context.getSession(), realm, user)
                || context.getProtector().isPermanentlyLockedOut(context.getSession(), realm, user));
    }
}
