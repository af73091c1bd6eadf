package io.einlass.keycloak.authenticators.trust;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.trust.TrustedBrowserCredentialModel;
import io.einlass.keycloak.core.trust.TrustedBrowsers;
import io.einlass.keycloak.core.web.NoStore;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /realms/{realm}/einlass/trusted-browsers}: a signed-in user lists and forgets their own trusted browsers
 * (for the portal's security page). Needs the user's bearer token with the account role {@code manage-account}
 * (listing: {@code view-profile} or {@code manage-account}). Other users' browsers are never visible: an unknown or
 * foreign id answers 404.
 */
public final class TrustedBrowsersApi {

    private final KeycloakSession session;
    private final RealmModel realm;

    public TrustedBrowsersApi(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    public Response list() {
        AuthenticationManager.AuthResult auth = authenticate();
        if (auth == null) {
            return error(Response.Status.UNAUTHORIZED, "unauthorized");
        }
        if (!hasAccountRole(auth.token(), "view-profile") && !hasAccountRole(auth.token(), "manage-account")) {
            return error(Response.Status.FORBIDDEN, "forbidden");
        }
        TrustedBrowsers browsers = new TrustedBrowsers(session, realm);
        String current = currentCredentialId(browsers, auth.user());
        List<Map<String, Object>> answer = new ArrayList<>();
        for (TrustedBrowserCredentialModel trust : browsers.list(auth.user())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", trust.getId());
            item.put("label", trust.getUserLabel());
            item.put("browser", trust.data().browser());
            item.put("os", trust.data().os());
            item.put("created", trust.getCreatedDate() == null ? null : Instant.ofEpochMilli(trust.getCreatedDate()).toString());
            item.put("trustedUntil", Instant.ofEpochSecond(trust.data().expiresAt()).toString());
            item.put("expired", trust.data().expiresAt() <= org.keycloak.common.util.Time.currentTime());
            item.put("thisBrowser", trust.getId().equals(current));
            answer.add(item);
        }
        return json(Response.Status.OK, answer);
    }

    public Response forgetAll() {
        AuthenticationManager.AuthResult auth = authenticate();
        if (auth == null) {
            return error(Response.Status.UNAUTHORIZED, "unauthorized");
        }
        if (!hasAccountRole(auth.token(), "manage-account")) {
            return error(Response.Status.FORBIDDEN, "forbidden");
        }
        TrustedBrowsers browsers = new TrustedBrowsers(session, realm);
        int removed = browsers.revokeAll(auth.user());
        event(auth.user(), "trusted_browsers_forgotten", removed);
        return NoStore.apply(Response.noContent().header("Set-Cookie", browsers.forgetCookie(auth.user()))).build();
    }

    public Response forget(String credentialId) {
        AuthenticationManager.AuthResult auth = authenticate();
        if (auth == null) {
            return error(Response.Status.UNAUTHORIZED, "unauthorized");
        }
        if (!hasAccountRole(auth.token(), "manage-account")) {
            return error(Response.Status.FORBIDDEN, "forbidden");
        }
        TrustedBrowsers browsers = new TrustedBrowsers(session, realm);
        if (!browsers.revoke(auth.user(), credentialId)) {
            return error(Response.Status.NOT_FOUND, "not_found");
        }
        event(auth.user(), "trusted_browser_forgotten", 1);
        return NoStore.apply(Response.noContent()).build();
    }

    private AuthenticationManager.AuthResult authenticate() {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        return auth == null || auth.user() == null ? null : auth;
    }

    private static boolean hasAccountRole(AccessToken token, String role) {
        AccessToken.Access access = token.getResourceAccess("account");
        return access != null && access.isUserInRole(role);
    }

    private String currentCredentialId(TrustedBrowsers browsers, UserModel user) {
        var cookie = session.getContext().getRequestHeaders().getCookies().get(browsers.cookieName(user));
        if (cookie == null || cookie.getValue() == null || cookie.getValue().indexOf('.') != 36) {
            return null;
        }
        return cookie.getValue().substring(0, 36);
    }

    private void event(UserModel user, String action, int count) {
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.REMOVE_CREDENTIAL).user(user)
                .detail(Details.CREDENTIAL_TYPE, TrustedBrowserCredentialModel.TYPE)
                .detail(EinlassEvents.ACTION, action)
                .detail("einlass_count", String.valueOf(count))
                .success();
    }

    private static Response error(Response.Status status, String error) {
        return json(status, Map.of("error", error));
    }

    private static Response json(Response.Status status, Object body) {
        try {
            return NoStore.apply(Response.status(status).entity(JsonSerialization.writeValueAsString(body)).type(MediaType.APPLICATION_JSON_TYPE)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
