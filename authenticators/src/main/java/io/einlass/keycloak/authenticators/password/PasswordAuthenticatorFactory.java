package io.einlass.keycloak.authenticators.password;

import java.util.List;
import java.util.Map;

import io.einlass.keycloak.core.EinlassVersion;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** {@code einlass-password}: "Password (Einlass)", enumeration-safe password step after the email page. */
public final class PasswordAuthenticatorFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "einlass-password";

    private static final PasswordAuthenticator SINGLETON = new PasswordAuthenticator();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Password (Einlass)";
    }

    @Override
    public String getHelpText() {
        return "Password page after 'Email address (Einlass)'. Answers unknown addresses and users without a password "
                + "exactly like a wrong password. Failures count in brute-force detection. Offer it as an ALTERNATIVE "
                + "next to 'Email sign-in link (Einlass)'.";
    }

    /** Failures count in Keycloak's brute-force detection as password failures. */
    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        // no options of its own; configurable so admins can set the AMR reference value ("pwd")
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return EinlassVersion.operationalInfo();
    }
}
