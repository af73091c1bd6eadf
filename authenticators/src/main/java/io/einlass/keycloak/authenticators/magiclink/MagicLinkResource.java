package io.einlass.keycloak.authenticators.magiclink;

import io.einlass.keycloak.core.web.EinlassEndpointProvider;
import io.einlass.keycloak.core.web.EinlassEndpointProviderFactory;
import io.einlass.keycloak.core.web.FormBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/** {@code /realms/{realm}/einlass/magic-link}: the landing page of a link, its confirmation, the waiting page's poll. */
public final class MagicLinkResource {

    private final KeycloakSession session;

    MagicLinkResource(KeycloakSession session) {
        this.session = session;
    }

    /** Landing page of a link in a mail: shows a confirmation button, changes nothing (scanners GET links). */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response landing(@QueryParam("t") String secret, @QueryParam("c") String clientId) {
        return new MagicLinkEndpoint(session).landing(secret, clientId);
    }

    /** The confirmation button of the landing page: uses the link, once, if the POST comes from that page. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response confirm(byte[] body) {
        return new MagicLinkEndpoint(session).confirm(FormBody.parse(body));
    }

    /** Polled by the waiting page: was this browser's link approved on another device? */
    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@QueryParam("client_id") String clientId, @QueryParam("tab_id") String tabId) {
        return new MagicLinkEndpoint(session).status(clientId, tabId);
    }

    /** {@code einlass-endpoint} provider of the segment {@code magic-link}. */
    public static final class Factory implements EinlassEndpointProviderFactory {

        @Override
        public EinlassEndpointProvider create(KeycloakSession session) {
            return () -> new MagicLinkResource(session);
        }

        @Override
        public String getId() {
            return EinlassEndpointProviderFactory.PREFIX + MagicLinkEndpoint.SEGMENT;
        }
    }
}
