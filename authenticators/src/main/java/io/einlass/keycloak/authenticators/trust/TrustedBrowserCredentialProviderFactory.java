package io.einlass.keycloak.authenticators.trust;

import java.util.Map;

import io.einlass.keycloak.core.EinlassVersion;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** {@code einlass-trusted-browser}: the credential type behind "trust this browser". */
public final class TrustedBrowserCredentialProviderFactory
        implements CredentialProviderFactory<TrustedBrowserCredentialProvider>, ServerInfoAwareProviderFactory {

    public static final String ID = TrustedBrowserCredentialModel.TYPE;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public TrustedBrowserCredentialProvider create(KeycloakSession session) {
        return new TrustedBrowserCredentialProvider(session);
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return EinlassVersion.operationalInfo();
    }
}
