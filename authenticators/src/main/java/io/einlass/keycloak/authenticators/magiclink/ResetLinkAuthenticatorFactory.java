package io.einlass.keycloak.authenticators.magiclink;

import java.util.List;

import io.einlass.keycloak.authenticators.flow.EinlassAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * {@code einlass-reset-email}: "Password reset link (Einlass)", the replacement of Keycloak's
 * {@code reset-credential-email}. The same mechanism as the sign-in link (landing page, single use, code, mail
 * after commit off the request thread for real users only), so unknown, disabled and password-less addresses get
 * the same page, cookies, events and time as real ones.
 */
public final class ResetLinkAuthenticatorFactory extends EinlassAuthenticatorFactory {

    public static final String ID = "einlass-reset-email";

    private static final MagicLinkAuthenticator SINGLETON = new MagicLinkAuthenticator(LinkPurpose.RESET, ID);
    private static final List<ProviderConfigProperty> PROPERTIES = MagicLinkConfig.properties(LinkPurpose.RESET);

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Password reset link (Einlass)";
    }

    @Override
    public String getHelpText() {
        return "For the reset-credentials flow, after 'Email address (Einlass)': mails a single-use link and code to reset the "
                + "password, valid 30 minutes by default. Never reveals, by page or by time, whether the address has an "
                + "account. Put the authenticator-app code and 'Reset Password' after it, so a reset never skips the code.";
    }

    /** Wrong codes count like wrong passwords (temporary lockout only), as for the sign-in link. */
    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
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
