package io.einlass.keycloak.core.web;

import org.keycloak.provider.Provider;

/** One feature's JAX-RS resource below {@code /realms/{realm}/einlass/<factory id>}. */
public interface EinlassEndpointProvider extends Provider {

    /** The JAX-RS sub-resource that serves the requests of this path segment (per request). */
    Object resource();

    @Override
    default void close() {
    }
}
