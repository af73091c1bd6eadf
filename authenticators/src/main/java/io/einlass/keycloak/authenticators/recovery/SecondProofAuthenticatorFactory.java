package io.einlass.keycloak.authenticators.recovery;

import java.util.List;

import io.einlass.keycloak.authenticators.flow.EinlassAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/** {@code einlass-second-proof}: "I can't use my authenticator app (Einlass)", for the reset flow's code step. */
public final class SecondProofAuthenticatorFactory extends EinlassAuthenticatorFactory {

    public static final String ID = "einlass-second-proof";

    private static final SecondProofAuthenticator SINGLETON = new SecondProofAuthenticator();
    private static final Requirement[] REQUIREMENTS = {Requirement.ALTERNATIVE, Requirement.DISABLED};

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "I can't use my authenticator app (Einlass)";
    }

    @Override
    public String getHelpText() {
        return "For the reset-credentials flow only, as an ALTERNATIVE next to the authenticator-app code: a second proof by "
                + "a code to another confirmed channel (primary email, recovery email, recovery phone) than the one that "
                + "proved the reset; then a new authenticator app must be set up. Refuses to work outside a reset.";
    }

    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return RecoveryCodeConfig.properties();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
