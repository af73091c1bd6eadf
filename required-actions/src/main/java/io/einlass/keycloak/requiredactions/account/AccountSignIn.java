package io.einlass.keycloak.requiredactions.account;

import java.net.URI;
import java.util.Locale;

import io.einlass.keycloak.core.crypto.SecureCodes;
import io.einlass.keycloak.core.web.EinlassUrls;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The page's trips through Keycloak's own authorization endpoint, as the public client {@value #CLIENT_ID}: the
 * sign-in of a visitor without an SSO session, and every account change (an application-initiated action, so
 * Keycloak's re-authentication rules and the step-up step apply). The page itself trusts only Keycloak's SSO
 * session (the identity cookie, as Keycloak's own server-rendered pages do); the authorization code that comes
 * back is never redeemed, and without the PKCE verifier, which is never kept, nobody can redeem it.
 */
final class AccountSignIn {

    static final String CLIENT_ID = "einlass-account";
    static final String RETURN = "return";

    private final KeycloakSession session;
    private final RealmModel realm;

    AccountSignIn(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The client, when the realm has it enabled. */
    ClientModel client() {
        ClientModel client = realm.getClientByClientId(CLIENT_ID);
        return client != null && client.isEnabled() ? client : null;
    }

    URI page(Locale locale) {
        UriBuilder page = EinlassUrls.endpoint(session, realm, AccountPageResource.SEGMENT);
        return locale == null ? page.build() : page.queryParam("kc_locale", locale.toLanguageTag()).build();
    }

    URI returnUri() {
        return EinlassUrls.endpoint(session, realm, AccountPageResource.SEGMENT, RETURN).build();
    }

    /** The sign-in for a visitor without a session; it ends on the page. */
    URI signIn(Locale locale) {
        return authorization(SecureCodes.token(32), locale).build();
    }

    /**
     * Into Keycloak for {@code kcAction} (or none: only the sign-in); {@code reauthenticate} adds
     * {@code prompt=login}, so the person signs in again whatever the session's age.
     */
    URI action(String kcAction, String state, Locale locale, boolean reauthenticate) {
        UriBuilder builder = authorization(state, locale);
        if (kcAction != null) {
            builder.queryParam("kc_action", kcAction);
        }
        if (reauthenticate) {
            builder.queryParam("prompt", "login");
        }
        return builder.build();
    }

    private UriBuilder authorization(String state, Locale locale) {
        UriBuilder builder = EinlassUrls.authorization(session, realm)
                .queryParam("client_id", CLIENT_ID)
                .queryParam("redirect_uri", returnUri().toString())
                .queryParam("response_type", "code")
                .queryParam("scope", "openid")
                .queryParam("state", state)
                // a challenge whose verifier nobody has: the code that comes back cannot be redeemed
                .queryParam("code_challenge", SecureCodes.hash("einlass-account-pkce:" + SecureCodes.token(32)))
                .queryParam("code_challenge_method", "S256");
        if (locale != null) {
            builder.queryParam("ui_locales", locale.toLanguageTag());
        }
        return builder;
    }
}
