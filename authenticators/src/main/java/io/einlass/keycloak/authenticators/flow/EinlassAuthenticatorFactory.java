package io.einlass.keycloak.authenticators.flow;

import java.util.List;

import io.einlass.keycloak.core.EinlassProviderFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What every Einlass authenticator factory shares: no server config, the bundle version in Server Info,
 * configurable (so admins can set the AMR reference), REQUIRED/ALTERNATIVE/DISABLED, no user setup.
 */
public abstract class EinlassAuthenticatorFactory implements AuthenticatorFactory, EinlassProviderFactory<Authenticator> {

    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

}
