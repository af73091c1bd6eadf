package io.einlass.keycloak.it.outage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.RealmSmtp;

/**
 * The realm's mail server out of order, as an admin would find it, and back in order on {@link #close()}:
 * {@link #refusing} points the realm's SMTP settings at a loopback port nothing listens on (connection refused);
 * {@link #hanging} at a server that accepts connections and never says a word (a mail server stuck for longer than
 * Keycloak's 10-second SMTP timeout, so each attempt takes 10 s and then fails).
 */
final class MailServerOutage implements AutoCloseable {

    private final RealmSmtp smtp;
    private final ServerSocket silent;
    private final List<Socket> accepted = new ArrayList<>();

    private MailServerOutage(RealmSmtp smtp, ServerSocket silent) {
        this.smtp = smtp;
        this.silent = silent;
    }

    static MailServerOutage refusing(AdminClient admin, String realm) {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MailServerOutage(RealmSmtp.port(admin, realm, closed), null);
    }

    static MailServerOutage hanging(AdminClient admin, String realm) {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            MailServerOutage outage = new MailServerOutage(RealmSmtp.port(admin, realm, socket.getLocalPort()), socket);
            Thread acceptor = new Thread(outage::acceptAndSayNothing, "silent-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
            return outage;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptAndSayNothing() {
        while (!silent.isClosed()) {
            try {
                Socket socket = silent.accept();
                synchronized (accepted) {
                    accepted.add(socket);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** How many connections the hanging server accepted (each is one attempt to send a mail). */
    int connections() {
        synchronized (accepted) {
            return accepted.size();
        }
    }

    @Override
    public void close() {
        smtp.close();
        if (silent != null) {
            try {
                silent.close();
            } catch (IOException e) {
                // closed already
            }
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        // closed already
                    }
                }
            }
        }
    }
}
