package io.einlass.keycloak.core.web;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/einlass/}: hands each request to the feature endpoint registered for its first path
 * segment ({@link EinlassEndpointSpi}). Knows no feature itself.
 */
public final class EinlassRealmResource {

    private final KeycloakSession session;

    EinlassRealmResource(KeycloakSession session) {
        this.session = session;
    }

    @Path("{segment}")
    public Object endpoint(@PathParam("segment") String segment) {
        EinlassEndpointProvider provider = segment == null || segment.length() > 64 ? null
                : session.getProvider(EinlassEndpointProvider.class, EinlassEndpointProviderFactory.PREFIX + segment);
        if (provider == null) {
            throw new NotFoundException();
        }
        return provider.resource();
    }
}
