package io.einlass.keycloak.core.web;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * SPI {@code einlass-endpoint}: a feature's pages and REST resources under {@code /realms/{realm}/einlass/<id>}.
 * Each feature registers its own factory (the factory id is the path segment), so the endpoints live with their
 * feature while the realm has one {@code einlass} URL space. Others can add endpoints in their own JAR.
 */
public final class EinlassEndpointSpi implements Spi {

    public static final String NAME = "einlass-endpoint";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return EinlassEndpointProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return EinlassEndpointProviderFactory.class;
    }
}
