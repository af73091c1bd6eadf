package io.einlass.keycloak.authenticators.trust;

import java.util.List;
import java.util.Map;

import io.einlass.keycloak.core.EinlassVersion;
import io.einlass.keycloak.core.trust.TrustedBrowserCredentialModel;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** {@code einlass-trusted-browser}: "Trusted browser (Einlass)". */
public final class TrustedBrowserAuthenticatorFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "einlass-trusted-browser";

    private static final TrustedBrowserAuthenticator SINGLETON = new TrustedBrowserAuthenticator();
    private static final List<ProviderConfigProperty> PROPERTIES = TrustConfig.properties();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Trusted browser (Einlass)";
    }

    @Override
    public String getHelpText() {
        return "Skips the authenticator-app code in a browser the user trusted ('Trust this browser for 30 days'). Put it as "
                + "ALTERNATIVE right after 'Authenticator app code (Einlass)' in the same flow. Never skips for step-up (acr_values, "
                + "prompt=login, max_age) or deny-listed clients; trust ends on password or OTP changes.";
    }

    /** Makes the account console list the trusted browsers under "Signing in". */
    @Override
    public String getReferenceCategory() {
        return TrustedBrowserCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
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
