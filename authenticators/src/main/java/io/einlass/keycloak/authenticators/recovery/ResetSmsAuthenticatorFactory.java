package io.einlass.keycloak.authenticators.recovery;

import java.util.List;

import io.einlass.keycloak.authenticators.flow.EinlassAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/** {@code einlass-reset-sms}: "Code by SMS to the recovery phone (Einlass)", the SMS alternative of the reset link. */
public final class ResetSmsAuthenticatorFactory extends EinlassAuthenticatorFactory {

    public static final String ID = "einlass-reset-sms";

    private static final ResetSmsAuthenticator SINGLETON = new ResetSmsAuthenticator();
    private static final Requirement[] REQUIREMENTS = {Requirement.ALTERNATIVE, Requirement.DISABLED};

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Code by SMS to the recovery phone (Einlass)";
    }

    @Override
    public String getHelpText() {
        return "For the reset-credentials flow, as an ALTERNATIVE next to 'Password reset link (Einlass)': sends a 6-digit code "
                + "by SMS to the account's confirmed recovery phone (never to a number from the request). Never reveals "
                + "whether the account has a phone. Put the authenticator-app code step after it.";
    }

    /** Wrong codes count like wrong passwords (temporary lockout only, never a permanent one). */
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
