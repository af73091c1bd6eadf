package io.einlass.keycloak.requiredactions.activation;

import io.einlass.keycloak.core.EinlassProviderFactory;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.email.EmailTemplateProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * {@code einlass-email-template}: Keycloak's email template provider with the activation wording of
 * {@link ActivationMailTemplateProvider}. Its order makes it the default over Keycloak's {@code freemarker};
 * {@code --spi-email-template--provider=freemarker} switches back.
 */
public final class ActivationMailTemplateProviderFactory implements EmailTemplateProviderFactory, EinlassProviderFactory<EmailTemplateProvider> {

    public static final String ID = "einlass-email-template";

    @Override
    public EmailTemplateProvider create(KeycloakSession session) {
        return new ActivationMailTemplateProvider(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 10;
    }
}
