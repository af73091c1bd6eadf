package io.einlass.keycloak.core.accountpage;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * SPI {@code einlass-account-section}: the sections of the "Sign-in and security" page
 * ({@code /realms/{realm}/einlass/account}). Each feature shows its own state there and handles its own buttons,
 * without the page knowing the feature; other JARs add sections the same way. Sections appear in the order of
 * their factories' {@code order()}, lowest first.
 */
public final class AccountSectionSpi implements Spi {

    public static final String NAME = "einlass-account-section";

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
        return AccountSection.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return AccountSectionFactory.class;
    }
}
