package io.einlass.keycloak.core.mail;

import java.time.Duration;
import java.util.List;

import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.tx.AfterCommit;
import io.einlass.keycloak.core.tx.RealmJob;
import io.einlass.keycloak.core.web.PublicUrlCheck;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Sends rendered mails off the request thread, after the request's transaction committed. A slow or failing SMTP
 * server therefore neither slows the answer nor makes it differ between known and unknown addresses, and never
 * fails the person's action. Failures are logged with the realm and the masked address only: an attempt that will
 * be retried as one INFO line, the mail's final failure as one WARN line (so one WARN line per lost mail); bodies
 * (which carry links and codes) are never logged. A production server whose public URL is a
 * loopback address sends none ({@link PublicUrlCheck}).
 */
public final class MailDispatcher {

    /** Name of the Keycloak executor (ExecutorsProvider) the mails are sent from. */
    public static final String EXECUTOR = "einlass-mail";

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);

    /** What to do when every attempt failed: runs in a new transaction of its own (for an event). */
    @FunctionalInterface
    public interface FinalFailure {
        void failed(KeycloakSession session, RealmModel realm, String reason);
    }

    /**
     * How a mail is delivered: the pauses between attempts (none: one attempt) and what happens after the last one
     * failed.
     */
    public record Delivery(List<Duration> pauses, FinalFailure onFinalFailure) {

        /** Three attempts, 2 s and 8 s apart, then {@code onFinalFailure}. */
        public static Delivery retried(FinalFailure onFinalFailure) {
            return new Delivery(List.of(Duration.ofSeconds(2), Duration.ofSeconds(8)), onFinalFailure);
        }
    }

    private final KeycloakSession session;

    public MailDispatcher(KeycloakSession session) {
        this.session = session;
    }

    /**
     * Queues the mail with {@code delivery}'s attempts; sent once the current transaction commits, and dropped if it
     * rolls back.
     */
    public void sendAfterCommit(RealmModel realm, String address, RenderedMail mail, Delivery delivery) {
        if (!PublicUrlCheck.linksMailable(session, realm)) {
            return;
        }
        String realmId = realm.getId();
        String realmName = realm.getName();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        AfterCommit.offThread(session, EXECUTOR, () -> deliver(factory, realmId, realmName, address, mail, delivery),
                () -> LOG.warnf("Einlass mail to %s in realm %s not queued: executor rejected it", CanonicalEmail.mask(address), realmId));
    }

    /**
     * The same work as {@link #sendAfterCommit} for a mail that goes to no one (the address has no account): the
     * request thread's checks and hand-over after commit, and on the mail thread a session of its own and the MIME
     * message built and written out as for sending, only to no server. The mail thread's work right after a request
     * competes with the request's last part for the CPU; without this, requests for known addresses measurably
     * took longer than for unknown ones (docs/benchmarks.md).
     */
    public void rehearseAfterCommit(RealmModel realm, String address, RenderedMail mail) {
        if (!PublicUrlCheck.linksMailable(session, realm)) {
            return;
        }
        String realmId = realm.getId();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        AfterCommit.offThread(session, EXECUTOR, () -> rehearse(factory, realmId, address, mail), () -> { });
    }

    private static void rehearse(KeycloakSessionFactory factory, String realmId, String address, RenderedMail mail) {
        try {
            RealmJob.run(factory, realmId, (s, realm) -> {
                try {
                    MimeRehearsal.write(realm.getSmtpConfig(), address, mail);
                } catch (jakarta.mail.MessagingException | java.io.IOException e) {
                    LOG.debugf("Einlass mail rehearsal in realm %s: %s", realm.getName(), e.getClass().getSimpleName());
                }
            });
        } catch (RuntimeException e) {
            LOG.debugf("Einlass mail rehearsal: %s", e.getClass().getSimpleName());
        }
    }

    private static void deliver(KeycloakSessionFactory factory, String realmId, String realmName, String address, RenderedMail mail, Delivery delivery) {
        String reason = null;
        int attempts = delivery.pauses().size() + 1;
        int attempt = 0;
        while (attempt < attempts) {
            reason = send(factory, realmId, address, mail);
            attempt++;
            if (reason == null) {
                return;
            }
            if (attempt < attempts) {
                Duration pause = delivery.pauses().get(attempt - 1);
                LOG.infof("Einlass mail to %s in realm %s failed (attempt %d of %d): %s; retrying in %d s",
                        CanonicalEmail.mask(address), realmName, attempt, attempts, reason, pause.toSeconds());
                if (!pause(pause)) {
                    break;
                }
            }
        }
        LOG.warnf("Einlass mail to %s in realm %s failed after %d attempt(s): %s", CanonicalEmail.mask(address), realmName, attempt, reason);
        if (delivery.onFinalFailure() != null) {
            String finalReason = reason;
            try {
                RealmJob.run(factory, realmId, (s, realm) -> delivery.onFinalFailure().failed(s, realm, finalReason));
            } catch (RuntimeException e) {
                LOG.warnf("Einlass mail failure to %s could not be recorded: %s", CanonicalEmail.mask(address), e.getClass().getSimpleName());
            }
        }
    }

    /** One attempt; null when sent, else a short reason (the exception's class name, never its message). */
    private static String send(KeycloakSessionFactory factory, String realmId, String address, RenderedMail mail) {
        String[] reason = {null};
        try {
            RealmJob.run(factory, realmId, (s, realm) -> {
                EmailSenderProvider sender = s.getProvider(EmailSenderProvider.class);
                SenderLog.quietly(() -> {
                    try {
                        sender.send(realm.getSmtpConfig(), address, mail.subject(), mail.textBody(), mail.htmlBody());
                    } catch (EmailException e) {
                        reason[0] = rootCause(e);
                    }
                });
            });
        } catch (RuntimeException e) {
            reason[0] = e.getClass().getSimpleName();
        }
        return reason[0];
    }

    /** The class of the innermost cause (e.g. {@code ConnectException}, {@code SocketTimeoutException}). */
    private static String rootCause(Throwable e) {
        Throwable cause = e;
        for (int depth = 0; depth < 20 && cause.getCause() != null && cause.getCause() != cause; depth++) {
            cause = cause.getCause(); // bounded: a cycle of causes must not hold the mail thread
        }
        return cause.getClass().getSimpleName();
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
