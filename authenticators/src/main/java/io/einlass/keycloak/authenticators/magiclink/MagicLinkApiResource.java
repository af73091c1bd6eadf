package io.einlass.keycloak.authenticators.magiclink;

import io.einlass.keycloak.core.web.EinlassEndpointProvider;
import io.einlass.keycloak.core.web.EinlassEndpointProviderFactory;
import io.einlass.keycloak.core.web.FormBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/** {@code POST /realms/{realm}/einlass/magic-links}: REST, a sign-in link for other mails ({@link MagicLinkApi}). */
public final class MagicLinkApiResource {

    private final KeycloakSession session;

    MagicLinkApiResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        return new MagicLinkApi(session).create(FormBody.utf8(body));
    }

    /** {@code einlass-endpoint} provider of the segment {@code magic-links}. */
    public static final class Factory implements EinlassEndpointProviderFactory {

        @Override
        public EinlassEndpointProvider create(KeycloakSession session) {
            return () -> new MagicLinkApiResource(session);
        }

        @Override
        public String getId() {
            return EinlassEndpointProviderFactory.PREFIX + "magic-links";
        }
    }
}
