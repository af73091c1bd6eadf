package io.einlass.keycloak.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A slow mail server: a TCP proxy in front of the real SMTP server (GreenMail) that holds back the server's
 * greeting for a while, as a busy or distant SMTP server does. Every mail still reaches the mailbox, each send just
 * takes {@code delayMillis} longer. Point the realm's SMTP settings at {@link #port()}.
 */
public final class SlowSmtpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final long delayMillis;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "slow-smtp");
        t.setDaemon(true);
        return t;
    });

    private SlowSmtpProxy(int targetPort, long delayMillis) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.delayMillis = delayMillis;
        pool.execute(this::accept);
    }

    public static SlowSmtpProxy start(int targetPort, long delayMillis) {
        try {
            return new SlowSmtpProxy(targetPort, delayMillis);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                pool.execute(() -> relay(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            Thread.sleep(delayMillis);
            pool.execute(() -> pipe(target, client));
            pipe(client, target);
        } catch (IOException | InterruptedException e) {
            // the connection ended
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        pool.shutdownNow();
    }
}
