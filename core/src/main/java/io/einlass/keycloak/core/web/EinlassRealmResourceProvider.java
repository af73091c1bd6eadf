package io.einlass.keycloak.core.web;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

final class EinlassRealmResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    EinlassRealmResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new EinlassRealmResource(session);
    }

    @Override
    public void close() {
    }
}
