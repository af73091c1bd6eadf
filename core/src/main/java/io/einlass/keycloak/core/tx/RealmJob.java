package io.einlass.keycloak.core.tx;

import java.util.function.BiConsumer;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Work off the request thread (a mail, an SMS, an event after them) in a transaction of its own, with the realm
 * looked up again by id and set in the session's context; nothing happens when the realm is gone meanwhile.
 */
public final class RealmJob {

    private RealmJob() {
    }

    public static void run(KeycloakSessionFactory factory, String realmId, BiConsumer<KeycloakSession, RealmModel> job) {
        KeycloakModelUtils.runJobInTransaction(factory, s -> {
            RealmModel realm = s.realms().getRealm(realmId);
            if (realm == null) {
                return;
            }
            s.getContext().setRealm(realm);
            job.accept(s, realm);
        });
    }
}
