package io.einlass.keycloak.authenticators.trust;

import java.util.Map;

import io.einlass.keycloak.core.EinlassVersion;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * {@code einlass-trusted-browser-revocation}: forgets a user's trusted browsers when the password, the authenticator
 * app or the sessions change. Add it to the realm's event listeners (Realm settings > Events > Event listeners);
 * the shipped realm does.
 */
public final class TrustRevocationListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "einlass-trusted-browser-revocation";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new TrustRevocationListener(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return EinlassVersion.operationalInfo();
    }
}
