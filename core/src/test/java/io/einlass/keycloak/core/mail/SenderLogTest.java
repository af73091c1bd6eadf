package io.einlass.keycloak.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

/** Only Keycloak's KC-SERVICES0029, only during an Einlass send, is kept out of the log. */
class SenderLogTest {

    @Test
    void keycloaksFailedToSendIsSilencedOnlyInsideAnEinlassSend() {
        Logger logger = Logger.getLogger("org.keycloak.services");
        List<String> published = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                published.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            SenderLog.quietly(() -> {
                logger.log(Level.SEVERE, "KC-SERVICES0029: Failed to send email", new IllegalStateException("smtp"));
                logger.log(Level.SEVERE, "KC-SERVICES0001: something else");
            });
            logger.log(Level.SEVERE, "KC-SERVICES0029: Failed to send email");
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(published).containsExactly("KC-SERVICES0001: something else", "KC-SERVICES0029: Failed to send email");
    }
}
