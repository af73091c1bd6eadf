package io.einlass.keycloak.authenticators.magiclink;

import java.util.List;

import io.einlass.keycloak.authenticators.flow.EinlassAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/** {@code einlass-magic-link}: "Email sign-in link (Einlass)". */
public final class MagicLinkAuthenticatorFactory extends EinlassAuthenticatorFactory {

    public static final String ID = "einlass-magic-link";

    private static final MagicLinkAuthenticator SINGLETON = new MagicLinkAuthenticator(LinkPurpose.SIGN_IN, ID);
    private static final List<ProviderConfigProperty> PROPERTIES = MagicLinkConfig.properties(LinkPurpose.SIGN_IN);

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Email sign-in link (Einlass)";
    }

    @Override
    public String getHelpText() {
        return "Sends a single-use sign-in link and code to the address from 'Email address (Einlass)'. Safe against mail "
                + "scanners (the link opens a confirmation page), works across devices, rate-limited, and never reveals "
                + "whether an address has an account. Put it after the email step, as ALTERNATIVE to the password or alone.";
    }

    /**
     * The link is a first factor, the alternative to the password: wrong codes count in Keycloak's brute-force
     * detection like wrong passwords (temporary lockout). Counting them as OTP failures would let anyone who knows
     * an address disable the account for good through "maximum secondary authentication failures", since Keycloak
     * assumes an OTP failure follows a correct password.
     */
    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
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
