package io.einlass.keycloak.core.web;

import java.net.URI;

import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;
import org.keycloak.urls.UrlType;

/**
 * The one place Einlass builds URLs to its own endpoints and to Keycloak pages. Always from the realm's frontend
 * URL (Keycloak's {@code Urls} builders on {@code UrlType.FRONTEND}), never from the request's Host header, so a
 * link in a mail points where the operator configured it.
 */
public final class EinlassUrls {

    /** The path segment of every Einlass endpoint: {@code /realms/{realm}/einlass/...}. */
    public static final String SEGMENT = "einlass";
    /** The path segment of the "Sign-in and security" page below {@link #SEGMENT}. */
    public static final String SECURITY_PAGE = "account";

    private EinlassUrls() {
    }

    private static URI frontendBase(KeycloakSession session) {
        return session.getContext().getUri(UrlType.FRONTEND).getBaseUri();
    }

    /** {@code <frontend>/realms/{realm}/einlass/<segments...>}; add query parameters, then {@link #build}. */
    public static UriBuilder endpoint(KeycloakSession session, RealmModel realm, String... segments) {
        // the realm template is resolved at once, so no later value is ever read as a URI template
        UriBuilder builder = UriBuilder.fromUri(Urls.realmBase(frontendBase(session)).path("{realm}").path(SEGMENT)
                .build(realm.getName()));
        for (String segment : segments) {
            builder.path(segment);
        }
        return builder;
    }

    public static String build(UriBuilder builder) {
        return builder.build().toString();
    }

    /**
     * Where the flow of an auth session continues: {@code /realms/{r}/login-actions/<flowPath>}, e.g.
     * {@code authenticate} (sign-in) or {@code reset-credentials} (forgot password).
     */
    public static URI continueFlow(KeycloakSession session, RealmModel realm, String flowPath, String clientId, String tabId) {
        return Urls.loginActionsBase(frontendBase(session)).path(flowPath)
                .queryParam("client_id", clientId)
                .queryParam("tab_id", tabId)
                .build(realm.getName());
    }

    /** The realm's OpenID Connect authorization endpoint; add the request's parameters, then {@link #build}. */
    public static UriBuilder authorization(KeycloakSession session, RealmModel realm) {
        return UriBuilder.fromUri(Urls.realmBase(frontendBase(session)).path("{realm}").path("protocol").path("openid-connect")
                .path("auth").build(realm.getName()));
    }

    /**
     * The "Sign-in and security" page of the realm ({@code /realms/{realm}/einlass/account}): where mails and pages
     * send people to review their account. It starts a sign-in when there is no session. Keycloak's account console
     * stays blank under the realm's strict CSP, so Einlass never links there.
     */
    public static URI securityPage(KeycloakSession session, RealmModel realm) {
        return endpoint(session, realm, SECURITY_PAGE).build();
    }

    /** The origin ({@code scheme://host[:port]}) of the realm's frontend URL. */
    public static String frontendOrigin(KeycloakSession session) {
        URI base = frontendBase(session);
        return base.getScheme() + "://" + base.getRawAuthority();
    }
}
