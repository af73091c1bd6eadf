package io.einlass.keycloak.authenticators.web;

import io.einlass.keycloak.authenticators.magiclink.MagicLinkApi;
import io.einlass.keycloak.authenticators.magiclink.MagicLinkEndpoint;
import io.einlass.keycloak.authenticators.trust.TrustedBrowsersApi;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/**
 * Einlass endpoints under {@code /realms/{realm}/einlass/}. Every method has an explicit sub-path (an un-pathed
 * GET answers 405 on Keycloak 26.7).
 */
public final class EinlassRealmResource {

    private final KeycloakSession session;

    EinlassRealmResource(KeycloakSession session) {
        this.session = session;
    }

    /** Landing page of a link in a mail: shows a confirmation button, changes nothing (scanners GET links). */
    @GET
    @Path("magic-link")
    @Produces(MediaType.TEXT_HTML)
    public Response magicLinkLanding(@QueryParam("t") String secret, @QueryParam("c") String clientId) {
        return new MagicLinkEndpoint(session).landing(secret, clientId);
    }

    /** The confirmation button of the landing page: uses the link, once. */
    @POST
    @Path("magic-link")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response magicLinkConfirm(MultivaluedMap<String, String> form) {
        return new MagicLinkEndpoint(session).confirm(form);
    }

    /** Polled by the waiting page: was this browser's link approved on another device? */
    @GET
    @Path("magic-link/status")
    @Produces(MediaType.APPLICATION_JSON)
    public Response magicLinkStatus(@QueryParam("client_id") String clientId, @QueryParam("tab_id") String tabId) {
        return new MagicLinkEndpoint(session).status(clientId, tabId);
    }

    /** REST: create (and optionally mail) a sign-in link for other mails. Needs manage-users. */
    @POST
    @Path("magic-links")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createMagicLink(String body) {
        return new MagicLinkApi(session).create(body);
    }

    /** The signed-in user's trusted browsers (bearer token of the user). */
    @GET
    @Path("trusted-browsers")
    @Produces(MediaType.APPLICATION_JSON)
    public Response trustedBrowsers() {
        return new TrustedBrowsersApi(session).list();
    }

    /** Forget all trusted browsers of the signed-in user. */
    @DELETE
    @Path("trusted-browsers")
    @Produces(MediaType.APPLICATION_JSON)
    public Response forgetTrustedBrowsers() {
        return new TrustedBrowsersApi(session).forgetAll();
    }

    /** Forget one trusted browser of the signed-in user. */
    @DELETE
    @Path("trusted-browsers/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response forgetTrustedBrowser(@PathParam("id") String id) {
        return new TrustedBrowsersApi(session).forget(id);
    }
}
