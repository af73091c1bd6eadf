package io.einlass.keycloak.it.dev;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** A local SMTP server for the dev server: keeps every mail as an .eml file and lists them on a small web page. */
final class MailCatcher implements AutoCloseable {

    private final GreenMail greenMail;
    private final HttpServer web;
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor();
    private final Path dir;
    private int saved;

    private MailCatcher(GreenMail greenMail, HttpServer web, Path dir) {
        this.greenMail = greenMail;
        this.web = web;
        this.dir = dir;
    }

    static MailCatcher start(int smtpPort, int webPort, Path dir) throws IOException {
        Files.createDirectories(dir);
        GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), webPort), 0);
        MailCatcher catcher = new MailCatcher(greenMail, web, dir);
        web.createContext("/", catcher::handle);
        web.start();
        catcher.saver.scheduleWithFixedDelay(catcher::save, 1, 1, TimeUnit.SECONDS);
        return catcher;
    }

    private synchronized void save() {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        for (; saved < messages.length; saved++) {
            try (OutputStream out = Files.newOutputStream(dir.resolve(String.format("%04d.eml", saved + 1)))) {
                messages[saved].writeTo(out);
            } catch (Exception e) {
                System.err.println("mail catcher: could not save mail " + (saved + 1) + ": " + e.getMessage());
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        MimeMessage[] messages = greenMail.getReceivedMessages();
        String body;
        String type = "text/html; charset=utf-8";
        try {
            if (path.startsWith("/mail/")) {
                int index = Integer.parseInt(path.substring(6)) - 1;
                String[] parts = new String[2];
                collect(messages[index], parts);
                body = parts[1] != null ? parts[1] : "<pre>" + escape(parts[0]) + "</pre>";
                // the mail's own HTML, shown as the recipient would see it, without scripts
                exchange.getResponseHeaders().add("Content-Security-Policy", "sandbox; script-src 'none'");
            } else {
                StringBuilder sb = new StringBuilder("<!doctype html><meta charset=utf-8><title>Einlass mail catcher</title>"
                        + "<meta http-equiv=refresh content=5><h1>Mails (" + messages.length + ")</h1><ol reversed>");
                List<String> rows = new ArrayList<>();
                for (int i = 0; i < messages.length; i++) {
                    MimeMessage m = messages[i];
                    rows.add(0, "<li><a href=\"/mail/" + (i + 1) + "\">" + escape(String.valueOf(m.getSubject())) + "</a> to "
                            + escape(String.valueOf(List.of(m.getRecipients(Message.RecipientType.TO)))) + " at " + m.getSentDate() + "</li>");
                }
                rows.forEach(sb::append);
                body = sb.append("</ol>").toString();
            }
        } catch (Exception e) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void collect(Part part, String[] parts) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), parts);
            }
        } else if (part.isMimeType("text/plain") && parts[0] == null) {
            parts[0] = String.valueOf(content);
        } else if (part.isMimeType("text/html") && parts[1] == null) {
            parts[1] = String.valueOf(content);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        saver.shutdownNow();
        save();
        web.stop(0);
        greenMail.stop();
    }
}
