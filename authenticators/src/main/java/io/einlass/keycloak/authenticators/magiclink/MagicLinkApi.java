package io.einlass.keycloak.authenticators.magiclink;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.events.EinlassEvents.Action;
import io.einlass.keycloak.core.web.BrowserDescription;
import io.einlass.keycloak.core.web.NoStore;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;
import org.keycloak.services.resources.admin.fgap.UserPermissionEvaluator;
import org.keycloak.util.JsonSerialization;

/**
 * {@code POST /realms/{realm}/einlass/magic-links}: a link for use in the integrator's own mails (e.g. a purchase
 * confirmation). Confirming the link on its landing page leaves a one-time grant in that browser and redirects to
 * {@code redirect_uri}, where the app starts its normal sign-in (with its own state and PKCE).
 * <p>
 * Who may ask: a bearer token of this realm whose user or service account may manage (or impersonate) that very
 * user. Accounts holding administrative roles need the right to impersonate them. Only clients listed in the
 * "Clients for REST API links" option of the sign-in link step in the client's own browser flow are allowed, and
 * never the admin or account consoles.
 */
final class MagicLinkApi {

    private final KeycloakSession session;
    private final RealmModel realm;

    MagicLinkApi(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    Response create(String body) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null) {
            return error(Response.Status.UNAUTHORIZED, "unauthorized", "A bearer token of this realm is required.");
        }
        UserPermissionEvaluator permissions = AdminPermissions.evaluator(session, realm,
                new AdminAuth(realm, auth.token(), auth.user(), auth.client())).users();
        if (!permissions.canQuery()) {
            return error(Response.Status.FORBIDDEN, "forbidden", "The caller may not manage users of this realm.");
        }
        JsonNode json;
        try {
            json = body == null || body.isBlank() || body.length() > 16_384 ? null : JsonSerialization.readValue(body, JsonNode.class);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return error(Response.Status.BAD_REQUEST, "invalid_request", "The body must be a JSON object.");
        }
        String email = text(json, "email");
        String userId = text(json, "user_id");
        String clientId = text(json, "client_id");
        String redirectUri = text(json, "redirect_uri");
        if (clientId == null || redirectUri == null || (email == null) == (userId == null)) {
            return error(Response.Status.BAD_REQUEST, "invalid_request",
                    "Give client_id, redirect_uri and exactly one of email or user_id.");
        }
        int minutes = MagicLinkConfig.DEFAULT_VALIDITY_MINUTES;
        if (json.has("validity_minutes")) {
            JsonNode v = json.get("validity_minutes");
            if (!v.isInt() || v.asInt() < 1 || v.asInt() > MagicLinkConfig.MAX_VALIDITY_MINUTES) {
                return error(Response.Status.BAD_REQUEST, "invalid_request", "validity_minutes must be 1 to 30.");
            }
            minutes = v.asInt();
        }
        JsonNode sendNode = json.get("send");
        if (sendNode != null && !sendNode.isBoolean()) {
            return error(Response.Status.BAD_REQUEST, "invalid_request", "send must be true or false.");
        }
        boolean send = sendNode != null && sendNode.asBoolean();
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null || !client.isEnabled() || !client.isStandardFlowEnabled()) {
            return error(Response.Status.BAD_REQUEST, "invalid_client", "Unknown or disabled client, or no browser sign-in.");
        }
        if (!allowedTarget(client)) {
            return error(Response.Status.BAD_REQUEST, "invalid_client",
                    "Links for this client are not allowed (see 'Clients for REST API links' of its sign-in link step).");
        }
        String verified = RedirectUtils.verifyRedirectUri(session, redirectUri, client);
        if (verified == null || !verified.equals(redirectUri)) {
            return error(Response.Status.BAD_REQUEST, "invalid_redirect_uri", "redirect_uri is not allowed for this client.");
        }
        UserModel user = userId != null ? session.users().getUserById(realm, userId)
                : CanonicalEmail.of(email).map(e -> session.users().getUserByEmail(realm, e)).orElse(null);
        if (user == null || !user.isEnabled() || user.getServiceAccountClientLink() != null) {
            return error(Response.Status.NOT_FOUND, "user_not_found", "No enabled user with that email or id.");
        }
        boolean mayImpersonate = permissions.canImpersonate(user, null);
        if (!permissions.canManage(user) && !mayImpersonate) {
            return error(Response.Status.FORBIDDEN, "forbidden", "The caller may not manage this user.");
        }
        if (holdsAdministrativeRole(user) && !mayImpersonate) {
            return error(Response.Status.FORBIDDEN, "forbidden",
                    "The user holds administrative roles; only a caller who may impersonate them can make a link.");
        }
        if (send && (user.getEmail() == null || user.getEmail().isBlank())) {
            return error(Response.Status.BAD_REQUEST, "no_email", "The user has no email address to send to.");
        }

        MagicLinkIssuer issuer = new MagicLinkIssuer(session, realm);
        MagicLinkIssuer.Issued issued = issuer.forApi(user, client, redirectUri, Duration.ofMinutes(minutes));
        if (send) {
            issuer.send(LinkPurpose.SIGN_IN, Action.MAGIC_LINK_API_SENT, user, user.getEmail(), issuer.render(LinkPurpose.SIGN_IN, user, user.getEmail(), issued, false,
                    BrowserDescription.parse(null), client));
        }
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.SEND_VERIFY_EMAIL).client(client).user(user)
                .detail(Details.EMAIL, user.getEmail())
                .detail(Details.REDIRECT_URI, redirectUri)
                .detail(EinlassEvents.AUTH_METHOD, MagicLinkAuthenticatorFactory.ID)
                .detail(EinlassEvents.ACTION, (send ? Action.MAGIC_LINK_API_SENT : Action.MAGIC_LINK_API_CREATED).value());
        if (auth.user() != null) {
            event.detail(EinlassEvents.REQUESTED_BY, auth.user().getId());
        }
        event.success();

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("link", issued.url());
        answer.put("expires_at", issued.expiresAt().toString());
        answer.put("expires_in", issued.record().expiresAt() - issued.record().issuedAt());
        answer.put("user_id", user.getId());
        answer.put("client_id", client.getClientId());
        answer.put("sent", send);
        return NoStore.apply(Response.status(Response.Status.CREATED).entity(json(answer)).type(MediaType.APPLICATION_JSON_TYPE)).build();
    }

    /**
     * The client's browser flow (its override, else the realm's) holds an enabled sign-in link step whose
     * "Clients for REST API links" lists the client: only such a flow can finish the grant, and its admin opted in.
     */
    private boolean allowedTarget(ClientModel client) {
        if (MagicLinkConfig.NEVER_API_CLIENTS.contains(client.getClientId())) {
            return false;
        }
        String override = client.getAuthenticationFlowBindingOverride("browser");
        String flowId = override != null ? override : realm.getBrowserFlow() == null ? null : realm.getBrowserFlow().getId();
        if (flowId == null) {
            return false;
        }
        Deque<String> flows = new ArrayDeque<>();
        flows.add(flowId);
        int visited = 0;
        while (!flows.isEmpty() && visited++ < 50) {
            for (AuthenticationExecutionModel execution : realm.getAuthenticationExecutionsStream(flows.pop()).toList()) {
                if (execution.isDisabled()) {
                    continue;
                }
                if (execution.isAuthenticatorFlow()) {
                    flows.add(execution.getFlowId());
                } else if (MagicLinkAuthenticatorFactory.ID.equals(execution.getAuthenticator())
                        && execution.getAuthenticatorConfig() != null
                        && MagicLinkConfig.from(realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig()))
                        .apiAllows(client.getClientId())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Any role of the realm's admin client (realm-management), or the realm role {@code admin}. */
    private boolean holdsAdministrativeRole(UserModel user) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management != null && management.getRolesStream().anyMatch(user::hasRole)) {
            return true;
        }
        RoleModel admin = realm.getRole("admin");
        return admin != null && user.hasRole(admin);
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank() || node.asText().length() > 2048) {
            return null;
        }
        return node.asText().strip();
    }

    private static Response error(Response.Status status, String error, String description) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("error_description", description);
        return NoStore.apply(Response.status(status).entity(json(answer)).type(MediaType.APPLICATION_JSON_TYPE)).build();
    }

    private static String json(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
