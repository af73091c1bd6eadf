package io.einlass.keycloak.authenticators.password;


import io.einlass.keycloak.authenticators.flow.EinlassAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;

/** {@code einlass-password}: "Password (Einlass)", enumeration-safe password step after the email page. */
public final class PasswordAuthenticatorFactory extends EinlassAuthenticatorFactory {

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
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
