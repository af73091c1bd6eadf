package io.einlass.keycloak.core.mail;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.einlass.keycloak.core.email.CanonicalEmail;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Sends rendered mails off the request thread, after the request's transaction committed. A slow or failing SMTP
 * server therefore neither slows the answer nor makes it differ between known and unknown addresses. Failures are
 * logged with the realm and the masked address only; bodies (which carry links and codes) are never logged.
 */
public final class MailDispatcher {

    /** Name of the Keycloak executor (ExecutorsProvider) the mails are sent from. */
    public static final String EXECUTOR = "einlass-mail";

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);

    private final KeycloakSession session;

    public MailDispatcher(KeycloakSession session) {
        this.session = session;
    }

    /** Queues the mail; it is sent once the current transaction commits, and dropped if it rolls back. */
    public void sendAfterCommit(RealmModel realm, String address, RenderedMail mail) {
        String realmId = realm.getId();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        ExecutorService executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        session.getTransactionManager().enlistAfterCompletion(new AfterCommit(() -> {
            try {
                executor.execute(() -> send(factory, realmId, address, mail));
            } catch (RejectedExecutionException e) {
                LOG.warnf("Einlass mail to %s in realm %s not queued: executor rejected it", CanonicalEmail.mask(address), realmId);
            }
        }));
    }

    private static void send(KeycloakSessionFactory factory, String realmId, String address, RenderedMail mail) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                RealmModel realm = s.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                s.getContext().setRealm(realm);
                try {
                    s.getProvider(EmailSenderProvider.class)
                            .send(realm.getSmtpConfig(), address, mail.subject(), mail.textBody(), mail.htmlBody());
                } catch (EmailException e) {
                    LOG.warnf("Einlass mail to %s in realm %s failed: %s", CanonicalEmail.mask(address), realm.getName(),
                            e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Einlass mail to %s failed: %s", CanonicalEmail.mask(address), e.getClass().getSimpleName());
        }
    }
}
