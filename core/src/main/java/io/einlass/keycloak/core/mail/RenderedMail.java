package io.einlass.keycloak.core.mail;

/** A mail rendered in the request thread, ready to be handed to the SMTP sender. */
public record RenderedMail(String subject, String textBody, String htmlBody) {
}
