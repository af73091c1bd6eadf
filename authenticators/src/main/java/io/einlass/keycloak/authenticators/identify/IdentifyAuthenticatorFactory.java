package io.einlass.keycloak.authenticators.identify;


import io.einlass.keycloak.authenticators.flow.EinlassAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** {@code einlass-identify}: "Email address (Einlass)", the first page of the Einlass sign-in flows. */
public final class IdentifyAuthenticatorFactory extends EinlassAuthenticatorFactory {

    public static final String ID = "einlass-identify";

    private static final IdentifyAuthenticator SINGLETON = new IdentifyAuthenticator();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Email address (Einlass)";
    }

    @Override
    public String getHelpText() {
        return "Asks for the email address first, without revealing whether an account exists: unknown and disabled "
                + "addresses continue to the same next page as real ones. Put the password and magic-link steps after it.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
