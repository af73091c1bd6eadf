package io.einlass.keycloak.core.web;

import io.einlass.keycloak.core.EinlassProviderFactory;

/**
 * Factory of an {@link EinlassEndpointProvider}; its id is {@value #PREFIX} followed by the path segment it serves
 * (e.g. {@code einlass-magic-link} serves {@code /realms/{realm}/einlass/magic-link}).
 */
public interface EinlassEndpointProviderFactory extends EinlassProviderFactory<EinlassEndpointProvider> {

    /** Prefix of every endpoint factory id; the rest is the path segment. */
    String PREFIX = "einlass-";
}
