package io.einlass.keycloak.authenticators.trust;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.web.EinlassEndpointProvider;
import io.einlass.keycloak.core.web.EinlassEndpointProviderFactory;
import io.einlass.keycloak.core.web.NoStore;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /realms/{realm}/einlass/trusted-browsers}: a signed-in user lists and forgets their own trusted browsers
 * (for the portal's security page), and signs out everywhere. Needs the user's bearer token with the account role
 * {@code manage-account} (listing: {@code view-profile} or {@code manage-account}). Other users' browsers are never
 * visible: an unknown or foreign id answers 404.
 */
public final class TrustedBrowsersResource {

    static final String SEGMENT = "trusted-browsers";

    private final KeycloakSession session;
    private final RealmModel realm;

    TrustedBrowsersResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The signed-in user's trusted browsers. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        Caller caller = caller("view-profile", "manage-account");
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        AuthenticationManager.AuthResult auth = caller.auth();
        TrustedBrowsers browsers = new TrustedBrowsers(session, realm);
        String current = browsers.currentCredentialId(auth.user()).orElse(null);
        List<Map<String, Object>> answer = new ArrayList<>();
        for (TrustedBrowserCredentialModel trust : browsers.list(auth.user())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", trust.getId());
            item.put("label", trust.getUserLabel());
            item.put("browser", trust.data().browser());
            item.put("os", trust.data().os());
            item.put("created", trust.getCreatedDate() == null ? null : Instant.ofEpochMilli(trust.getCreatedDate()).toString());
            item.put("trustedUntil", Instant.ofEpochSecond(trust.data().expiresAt()).toString());
            item.put("expired", trust.data().expiresAt() <= Time.currentTime());
            item.put("thisBrowser", trust.getId().equals(current));
            answer.add(item);
        }
        return json(Response.Status.OK, answer);
    }

    /** Forget all trusted browsers of the signed-in user (sessions stay). */
    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response forgetAll() {
        Caller caller = caller("manage-account");
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        AuthenticationManager.AuthResult auth = caller.auth();
        TrustedBrowsers browsers = new TrustedBrowsers(session, realm);
        int removed = browsers.revokeAll(auth.user());
        browsers.recordForgotten(auth.user(), EinlassEvents.Action.TRUSTED_BROWSERS_FORGOTTEN, removed);
        return NoStore.apply(Response.noContent().header("Set-Cookie", browsers.forgetCookie(auth.user()))).build();
    }

    /**
     * "Sign out all devices": ends every session of the signed-in user (this one included) and forgets every trusted
     * browser, whether or not other sessions are alive. An ordinary sign-out keeps the browser trusted.
     */
    @POST
    @Path("sign-out-everywhere")
    @Produces(MediaType.APPLICATION_JSON)
    public Response signOutEverywhere(byte[] ignoredBody) {
        // the body parameter makes JAX-RS hand over the raw body (unused): without one it parses any form body first
        // and answers a broken percent escape in it with 500 before this method runs
        Caller caller = caller("manage-account");
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        AuthenticationManager.AuthResult auth = caller.auth();
        UserModel user = auth.user();
        TrustedBrowsers browsers = new TrustedBrowsers(session, realm);
        int removed = browsers.revokeAll(user);
        browsers.recordForgotten(user, EinlassEvents.Action.TRUSTED_BROWSERS_FORGOTTEN, removed);
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        session.sessions().getUserSessionsStream(realm, user).toList().forEach(userSession ->
                AuthenticationManager.backchannelLogout(session, realm, userSession, session.getContext().getUri(),
                        session.getContext().getConnection(), session.getContext().getRequestHeaders(), true));
        return NoStore.apply(Response.noContent().header("Set-Cookie", browsers.forgetCookie(user))).build();
    }

    /** Forget one trusted browser of the signed-in user. */
    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response forget(@PathParam("id") String credentialId) {
        Caller caller = caller("manage-account");
        if (caller.refusal() != null) {
            return caller.refusal();
        }
        AuthenticationManager.AuthResult auth = caller.auth();
        TrustedBrowsers browsers = new TrustedBrowsers(session, realm);
        if (!browsers.revoke(auth.user(), credentialId)) {
            return error(Response.Status.NOT_FOUND, "not_found");
        }
        browsers.recordForgotten(auth.user(), EinlassEvents.Action.TRUSTED_BROWSER_FORGOTTEN, 1);
        return NoStore.apply(Response.noContent()).build();
    }

    /** The signed-in user behind the bearer token, or why not: 401 without a user token, 403 without any of the roles. */
    private record Caller(AuthenticationManager.AuthResult auth, Response refusal) {
    }

    private Caller caller(String... anyOfAccountRoles) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null || auth.user() == null) {
            return new Caller(null, error(Response.Status.UNAUTHORIZED, "unauthorized"));
        }
        for (String role : anyOfAccountRoles) {
            if (hasAccountRole(auth.token(), role)) {
                return new Caller(auth, null);
            }
        }
        return new Caller(null, error(Response.Status.FORBIDDEN, "forbidden"));
    }

    private static boolean hasAccountRole(AccessToken token, String role) {
        AccessToken.Access access = token.getResourceAccess("account");
        return access != null && access.isUserInRole(role);
    }

    private static Response error(Response.Status status, String error) {
        return json(status, Map.of("error", error));
    }

    /** {@code einlass-endpoint} provider of the segment {@code trusted-browsers}. */
    public static final class Factory implements EinlassEndpointProviderFactory {

        @Override
        public EinlassEndpointProvider create(KeycloakSession session) {
            return () -> new TrustedBrowsersResource(session);
        }

        @Override
        public String getId() {
            return EinlassEndpointProviderFactory.PREFIX + SEGMENT;
        }
    }

    private static Response json(Response.Status status, Object body) {
        try {
            return NoStore.apply(Response.status(status).entity(JsonSerialization.writeValueAsString(body)).type(MediaType.APPLICATION_JSON_TYPE)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
