package io.einlass.keycloak.authenticators.trust;

import io.einlass.keycloak.core.EinlassProviderFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * {@code einlass-trusted-browser-revocation}: forgets a user's trusted browsers when the password, the authenticator
 * app or the sessions change. Add it to the realm's event listeners (Realm settings > Events > Event listeners);
 * the shipped realm does.
 */
public final class TrustRevocationListenerFactory implements EventListenerProviderFactory, EinlassProviderFactory<EventListenerProvider> {

    public static final String ID = "einlass-trusted-browser-revocation";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new TrustRevocationListener(session);
    }
}
