package io.einlass.keycloak.authenticators.trust;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Makes trusted browsers ordinary Keycloak credentials: the admin console lists and deletes them under the user's
 * credentials, the account console lists them under "Signing in" with a delete button per browser.
 */
public final class TrustedBrowserCredentialProvider implements CredentialProvider<TrustedBrowserCredentialModel> {

    private final KeycloakSession session;

    TrustedBrowserCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return TrustedBrowserCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, TrustedBrowserCredentialModel credentialModel) {
        return user.credentialManager().createStoredCredential(credentialModel);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public TrustedBrowserCredentialModel getCredentialFromModel(CredentialModel model) {
        return TrustedBrowserCredentialModel.from(model);
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("einlass-trusted-browser-display-name")
                .helpText("einlass-trusted-browser-help-text")
                .iconCssClass("kcAuthenticatorOTPClass")
                .removeable(true)
                .build(session);
    }
}
