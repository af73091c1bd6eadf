package io.einlass.keycloak.requiredactions.recoveryemail;

import io.einlass.keycloak.core.web.EinlassEndpointProvider;
import io.einlass.keycloak.core.web.EinlassEndpointProviderFactory;
import io.einlass.keycloak.core.web.FormBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/** {@code /realms/{realm}/einlass/recovery-email}: the page behind a confirmation link and its confirming POST. */
public final class RecoveryEmailResource {

    static final String SEGMENT = "recovery-email";

    private final KeycloakSession session;

    RecoveryEmailResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response landing(@QueryParam("t") String secret) {
        return new RecoveryEmailEndpoint(session).landing(secret);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response confirm(byte[] body) {
        return new RecoveryEmailEndpoint(session).confirm(FormBody.parse(body));
    }

    /** {@code einlass-endpoint} provider of the segment {@code recovery-email}. */
    public static final class Factory implements EinlassEndpointProviderFactory {

        @Override
        public EinlassEndpointProvider create(KeycloakSession session) {
            return () -> new RecoveryEmailResource(session);
        }

        @Override
        public String getId() {
            return PREFIX + SEGMENT;
        }
    }
}
