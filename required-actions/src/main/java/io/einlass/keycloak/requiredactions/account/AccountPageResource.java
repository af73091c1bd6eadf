package io.einlass.keycloak.requiredactions.account;

import io.einlass.keycloak.core.web.EinlassEndpointProvider;
import io.einlass.keycloak.core.web.EinlassEndpointProviderFactory;
import io.einlass.keycloak.core.web.EinlassUrls;
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

/** {@code /realms/{realm}/einlass/account}: the "Sign-in and security" page, its buttons, and the way back from Keycloak. */
public final class AccountPageResource {

    static final String SEGMENT = EinlassUrls.SECURITY_PAGE;

    private final KeycloakSession session;

    AccountPageResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("kc_locale") String locale) {
        return new AccountPageEndpoint(session).page(locale);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response act(byte[] body, @QueryParam("kc_locale") String locale) {
        return new AccountPageEndpoint(session).act(FormBody.parse(body), locale);
    }

    @GET
    @Path(AccountSignIn.RETURN)
    @Produces(MediaType.TEXT_HTML)
    public Response back(@QueryParam("state") String state, @QueryParam("kc_action_status") String status,
                         @QueryParam("error") String error) {
        return new AccountPageEndpoint(session).back(state, status, error);
    }

    /** {@code einlass-endpoint} provider of the segment {@code account}. */
    public static final class Factory implements EinlassEndpointProviderFactory {

        @Override
        public EinlassEndpointProvider create(KeycloakSession session) {
            return () -> new AccountPageResource(session);
        }

        @Override
        public String getId() {
            return PREFIX + SEGMENT;
        }
    }
}
