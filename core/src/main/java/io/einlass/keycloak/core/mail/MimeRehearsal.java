package io.einlass.keycloak.core.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Builds a mail as Keycloak's SMTP sender does (a mail session from the realm's SMTP settings, a multipart
 * text-and-HTML MIME message, its headers) and writes it out to nowhere. For addresses without an account: the mail
 * thread does the same work as for a real mail, only without a server, so the load a sign-in request leaves behind
 * does not tell whether its address has an account.
 */
final class MimeRehearsal {

    private MimeRehearsal() {
    }

    /** Returns the number of bytes the message would have had on the wire. */
    static long write(Map<String, String> smtp, String address, RenderedMail mail) throws MessagingException, IOException {
        Properties props = new Properties();
        String host = smtp.getOrDefault("host", "localhost");
        props.setProperty("mail.smtp.host", host);
        props.setProperty("mail.smtp.port", smtp.getOrDefault("port", "25"));
        props.setProperty("mail.smtp.auth", String.valueOf("true".equals(smtp.get("auth"))));
        props.setProperty("mail.smtp.ssl.enable", String.valueOf("true".equals(smtp.get("ssl"))));
        props.setProperty("mail.smtp.starttls.enable", String.valueOf("true".equals(smtp.get("starttls"))));
        props.setProperty("mail.smtp.timeout", "10000");
        props.setProperty("mail.smtp.connectiontimeout", "10000");
        Session session = Session.getInstance(props);

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.textBody() == null ? "" : mail.textBody(), StandardCharsets.UTF_8.name());
        alternative.addBodyPart(text);
        if (mail.htmlBody() != null) {
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(mail.htmlBody(), "text/html; charset=UTF-8");
            alternative.addBodyPart(html);
        }
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from(smtp));
        message.setRecipients(MimeMessage.RecipientType.TO, new InternetAddress[] {new InternetAddress(address, false)});
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setContent(alternative);
        message.setSentDate(new Date());
        message.saveChanges();
        Counting out = new Counting();
        message.writeTo(out);
        return out.count;
    }

    private static InternetAddress from(Map<String, String> smtp) throws MessagingException {
        String from = smtp.getOrDefault("from", "noreply@localhost");
        String name = smtp.get("fromDisplayName");
        try {
            return name == null || name.isBlank() ? new InternetAddress(from, false)
                    : new InternetAddress(from, name, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            return new InternetAddress(from, false);
        }
    }

    private static final class Counting extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
