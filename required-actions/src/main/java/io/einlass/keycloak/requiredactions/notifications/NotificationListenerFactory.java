package io.einlass.keycloak.requiredactions.notifications;

import java.util.List;
import java.util.Set;

import io.einlass.keycloak.core.EinlassProviderFactory;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * {@code einlass-notifications}: security notifications by mail. Add it to the realm's event listeners (Realm
 * settings > Events > Event listeners); the shipped realm does.
 */
public final class NotificationListenerFactory implements EventListenerProviderFactory, EinlassProviderFactory<EventListenerProvider> {

    public static final String ID = "einlass-notifications";

    private volatile Set<String> serverOff = Set.of();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new NotificationListener(session, serverOff);
    }

    @Override
    public void init(Config.Scope config) {
        serverOff = NotificationSwitches.parse(config.get("off"));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("off").label("Notifications switched off")
                .helpText("Comma-separated notification keys not mailed on this server, e.g. trusted-browser-added. Realms can "
                        + "switch off more with the realm attribute einlass.notifications.off.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .build();
    }
}
