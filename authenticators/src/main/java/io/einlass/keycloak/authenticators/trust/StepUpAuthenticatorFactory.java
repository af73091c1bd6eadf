package io.einlass.keycloak.authenticators.trust;

import java.util.List;

import io.einlass.keycloak.authenticators.flow.EinlassAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** {@code einlass-step-up}: "Ask for the code on sensitive requests (Einlass)". */
public final class StepUpAuthenticatorFactory extends EinlassAuthenticatorFactory {

    public static final String ID = "einlass-step-up";

    private static final StepUpAuthenticator SINGLETON = new StepUpAuthenticator();
    private static final List<ProviderConfigProperty> PROPERTIES = StepUpConfig.properties();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Ask for the code on sensitive requests (Einlass)";
    }

    @Override
    public String getHelpText() {
        return "Put first in the browser flow, as ALTERNATIVE before 'Cookie'. For the listed clients and for account changes "
                + "started by an application (kc_action) it requests level 2, so single sign-on and trusted browsers never "
                + "skip the authenticator-app code there. Shows nothing itself.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
