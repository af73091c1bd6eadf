package io.einlass.keycloak.authenticators.trust;

import java.util.List;

import io.einlass.keycloak.authenticators.flow.EinlassAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** {@code einlass-trusted-browser}: "Trusted browser (Einlass)". */
public final class TrustedBrowserAuthenticatorFactory extends EinlassAuthenticatorFactory {

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
