package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) that receives the realm's mail. Tests take each mail once: {@link #next(String)}
 * returns the next unread mail to an address, so a test can prove that a second mail came (or did not).
 */
public final class Mailbox implements AutoCloseable {

    private final GreenMail greenMail;
    private final int port;
    private final Set<MimeMessage> taken = new HashSet<>();

    private Mailbox(GreenMail greenMail, int port) {
        this.greenMail = greenMail;
        this.port = port;
    }

    public static Mailbox start(int port) {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new Mailbox(greenMail, port);
    }

    public int port() {
        return port;
    }

    /** Waits (up to 30 s) for the next unread mail to {@code address}. */
    public Mail next(String address) {
        return next(address, Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no mail to " + address + " within 30 s; mails so far: " + summary()));
    }

    /** The next unread mail to {@code address} within {@code wait}, or empty. */
    public synchronized Optional<Mail> next(String address, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        do {
            for (MimeMessage message : greenMail.getReceivedMessages()) {
                if (!taken.contains(message) && isTo(message, address)) {
                    taken.add(message);
                    return Optional.of(toMail(message, address));
                }
            }
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        } while (Instant.now().isBefore(deadline));
        return Optional.empty();
    }

    /** Asserts that no (further) mail reaches {@code address} within {@code wait}. */
    public void assertNoMail(String address, Duration wait) {
        next(address, wait).ifPresent(mail -> {
            throw new AssertionError("unexpected mail to " + address + ": " + mail.subject());
        });
    }

    /** Marks every mail received so far as read. */
    public synchronized void skipAll() {
        taken.addAll(List.of(greenMail.getReceivedMessages()));
    }

    public synchronized int count(String address) {
        int n = 0;
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (isTo(message, address)) {
                n++;
            }
        }
        return n;
    }

    private String summary() {
        List<String> lines = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                lines.add(String.valueOf(List.of(message.getAllRecipients())) + " " + message.getSubject());
            } catch (MessagingException e) {
                lines.add("?");
            }
        }
        return lines.toString();
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            var recipients = message.getRecipients(Message.RecipientType.TO);
            if (recipients == null) {
                return false;
            }
            for (var r : recipients) {
                if (r.toString().toLowerCase().contains(address.toLowerCase())) {
                    return true;
                }
            }
            return false;
        } catch (MessagingException e) {
            return false;
        }
    }

    private static Mail toMail(MimeMessage message, String address) {
        try {
            String[] bodies = new String[2];
            collect(message, bodies);
            return new Mail(address, message.getSubject(), bodies[0], bodies[1]);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable mail", e);
        }
    }

    private static void collect(Part part, String[] bodies) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart bodyPart = multipart.getBodyPart(i);
                collect(bodyPart, bodies);
            }
        } else if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = String.valueOf(content);
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = String.valueOf(content);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
