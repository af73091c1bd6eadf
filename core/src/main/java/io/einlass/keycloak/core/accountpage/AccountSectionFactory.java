package io.einlass.keycloak.core.accountpage;

import io.einlass.keycloak.core.EinlassProviderFactory;

/** Factory of an {@link AccountSection}; {@code order()} places the section on the page (lowest first). */
public interface AccountSectionFactory extends EinlassProviderFactory<AccountSection> {
}
