package io.einlass.keycloak.authenticators.trust;

import java.util.List;

import io.einlass.keycloak.authenticators.flow.EinlassAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/** {@code einlass-otp}: "Authenticator app code (Einlass)". */
public final class EinlassOtpAuthenticatorFactory extends EinlassAuthenticatorFactory {

    public static final String ID = "einlass-otp";

    private static final EinlassOtpAuthenticator SINGLETON = new EinlassOtpAuthenticator();
    private static final List<ProviderConfigProperty> PROPERTIES = OtpConfig.properties();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Authenticator app code (Einlass)";
    }

    @Override
    public String getHelpText() {
        return "Asks for the 6-digit code of the authenticator app (TOTP), with the 'Trust this browser' checkbox when a "
                + "'Trusted browser (Einlass)' step is in the same flow. Sets the level of authentication to 2. Wrong codes "
                + "count in brute-force detection; codes cannot be reused.";
    }

    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return true;
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
