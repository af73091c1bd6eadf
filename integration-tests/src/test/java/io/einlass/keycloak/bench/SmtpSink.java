package io.einlass.keycloak.bench;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A minimal SMTP server for the benchmark: accepts every mail, answers after a configurable delay (to play a slow
 * mail server), and hands the magic links it sees to the benchmark.
 */
final class SmtpSink implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("https?://\\S+/einlass/magic-link\\?t=[A-Za-z0-9_-]{43}\\S*");

    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-sink");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ConcurrentHashMap<String, LinkedBlockingQueue<String>> links = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long delayMillis;

    SmtpSink(int port) throws IOException {
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    void delay(long millis) {
        this.delayMillis = millis;
    }

    /** The next magic link mailed to {@code address}. */
    String nextLink(String address) throws InterruptedException {
        String link = queue(address).poll(30, TimeUnit.SECONDS);
        if (link == null) {
            throw new IllegalStateException("no mail within 30 s");
        }
        return link;
    }

    void drain() {
        links.clear();
    }

    private LinkedBlockingQueue<String> queue(String address) {
        return links.computeIfAbsent(address.toLowerCase(), k -> new LinkedBlockingQueue<>());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                pool.execute(() -> handle(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = socket.getOutputStream()) {
            send(out, "220 bench ESMTP");
            String line;
            String recipient = "";
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase();
                if (upper.startsWith("RCPT TO:")) {
                    recipient = line.substring(8).replaceAll("[<>\\s]", "").toLowerCase();
                }
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    send(out, "250 bench");
                } else if (upper.startsWith("DATA")) {
                    send(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                    }
                    sleep(delayMillis);
                    extract(recipient, data.toString());
                    send(out, "250 queued");
                } else if (upper.startsWith("QUIT")) {
                    send(out, "221 bye");
                    return;
                } else {
                    send(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private void extract(String recipient, String raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            StringBuilder text = new StringBuilder();
            collect(message, text);
            Matcher m = LINK.matcher(text);
            if (m.find()) {
                queue(recipient).add(m.group());
            }
        } catch (Exception e) {
            // not a sign-in mail
        }
    }

    private static void collect(Part part, StringBuilder text) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), text);
            }
        } else if (part.isMimeType("text/plain")) {
            text.append(content);
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
