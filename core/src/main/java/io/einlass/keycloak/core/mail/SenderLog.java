package io.einlass.keycloak.core.mail;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps Keycloak's mail sender from writing a stack trace for a mail Einlass sends. Keycloak's
 * {@code DefaultEmailSenderProvider} logs every failed send as ERROR {@code KC-SERVICES0029} with the whole stack
 * trace; Einlass retries and logs each lost mail itself, as one WARN line with the cause's class
 * ({@link MailDispatcher}), so an SMTP outage would otherwise fill the log with one stack trace per attempt.
 * <p>
 * A filter on Keycloak's {@code org.keycloak.services} logger drops only KC-SERVICES0029, only on a thread that is
 * inside {@link #quietly} (an Einlass send); every other record passes, and so does this one when DEBUG is on for
 * {@code io.einlass.keycloak.core.mail} (to see Keycloak's stack trace while looking into an SMTP problem).
 */
final class SenderLog {

    private static final String CATEGORY = "org.keycloak.services";
    private static final String FAILED_TO_SEND = "KC-SERVICES0029";
    private static final org.jboss.logging.Logger OWN = org.jboss.logging.Logger.getLogger(SenderLog.class);
    private static final ThreadLocal<Boolean> SENDING = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    /** Held strongly: java.util.logging keeps loggers (and so their filters) only weakly. */
    private static Logger keycloakServices;

    private SenderLog() {
    }

    /** Runs {@code send} with Keycloak's KC-SERVICES0029 silenced on this thread. */
    static void quietly(Runnable send) {
        install();
        SENDING.set(Boolean.TRUE);
        try {
            send.run();
        } finally {
            SENDING.set(Boolean.FALSE);
        }
    }

    private static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            Logger logger = Logger.getLogger(CATEGORY);
            Filter previous = logger.getFilter();
            logger.setFilter(record -> !silenced(record) && (previous == null || previous.isLoggable(record)));
            keycloakServices = logger;
        }
    }

    static boolean silenced(LogRecord record) {
        return SENDING.get() && !OWN.isDebugEnabled() && record.getMessage() != null && record.getMessage().contains(FAILED_TO_SEND);
    }
}
