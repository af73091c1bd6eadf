package io.einlass.keycloak.core.sms;


import io.einlass.keycloak.core.phone.PhoneNumbers;
import io.einlass.keycloak.core.tx.AfterCommit;
import io.einlass.keycloak.core.tx.RealmJob;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Sends an SMS off the request thread, after the request's transaction committed: for pages that must answer
 * alike whether or not a number exists (account recovery), so neither the gateway's speed nor its failure shows.
 * The text (which carries a code) is never logged; failures log the realm, the masked number and the reason.
 */
public final class SmsDispatcher {

    /** Name of the Keycloak executor (ExecutorsProvider) the messages are sent from. */
    public static final String EXECUTOR = "einlass-sms";

    private static final Logger LOG = Logger.getLogger(SmsDispatcher.class);

    /** What to do when the gateway did not take the message: runs in a new transaction of its own (for an event). */
    @FunctionalInterface
    public interface Failure {
        void failed(KeycloakSession session, RealmModel realm, SmsException reason);
    }

    private final KeycloakSession session;

    public SmsDispatcher(KeycloakSession session) {
        this.session = session;
    }

    /** Queues the SMS; it is sent once the current transaction commits, and dropped if it rolls back. */
    public void sendAfterCommit(RealmModel realm, String number, String text, Failure onFailure) {
        String realmId = realm.getId();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        AfterCommit.offThread(session, EXECUTOR, () -> deliver(factory, realmId, number, text, onFailure),
                () -> LOG.warnf("Einlass SMS to %s in realm %s not queued: executor rejected it", PhoneNumbers.mask(number), realmId));
    }

    private static void deliver(KeycloakSessionFactory factory, String realmId, String number, String text, Failure onFailure) {
        SmsException[] failure = {null};
        try {
            RealmJob.run(factory, realmId, (s, realm) -> {
                SmsGateway gateway = s.getProvider(SmsGateway.class);
                try {
                    if (gateway == null) {
                        throw new SmsException(SmsException.Reason.NOT_CONFIGURED, 0, "no gateway");
                    }
                    gateway.send(number, text);
                } catch (SmsException e) {
                    failure[0] = e;
                    LOG.warnf("Einlass SMS to %s in realm %s failed: %s", PhoneNumbers.mask(number), realm.getName(), e.reason().value());
                }
            });
        } catch (RuntimeException e) {
            failure[0] = new SmsException(SmsException.Reason.UNREACHABLE, 0, e.getClass().getSimpleName());
            LOG.warnf("Einlass SMS to %s failed: %s", PhoneNumbers.mask(number), e.getClass().getSimpleName());
        }
        if (failure[0] != null && onFailure != null) {
            try {
                RealmJob.run(factory, realmId, (s, realm) -> onFailure.failed(s, realm, failure[0]));
            } catch (RuntimeException e) {
                LOG.warnf("Einlass SMS failure to %s could not be recorded: %s", PhoneNumbers.mask(number), e.getClass().getSimpleName());
            }
        }
    }
}
