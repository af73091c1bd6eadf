package io.einlass.keycloak.core.web;

import java.util.Map;

import io.einlass.keycloak.core.EinlassVersion;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Factory of an {@link EinlassEndpointProvider}; its id is {@value #PREFIX} followed by the path segment it serves
 * (e.g. {@code einlass-magic-link} serves {@code /realms/{realm}/einlass/magic-link}).
 */
public interface EinlassEndpointProviderFactory extends ProviderFactory<EinlassEndpointProvider>, ServerInfoAwareProviderFactory {

    /** Prefix of every endpoint factory id; the rest is the path segment. */
    String PREFIX = "einlass-";

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }

    @Override
    default Map<String, String> getOperationalInfo() {
        return EinlassVersion.operationalInfo();
    }
}
