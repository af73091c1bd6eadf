package io.einlass.keycloak.core.web;

import io.einlass.keycloak.core.EinlassProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * {@code einlass}: the path segment of every Einlass endpoint ({@code /realms/{realm}/einlass/...}). Keycloak takes
 * the provider id as the path, so this one id has no {@code einlass-} suffix.
 */
public final class EinlassRealmResourceProviderFactory implements RealmResourceProviderFactory, EinlassProviderFactory<RealmResourceProvider> {

    public static final String ID = "einlass";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new EinlassRealmResourceProvider(session);
    }
}
