package io.einlass.keycloak.authenticators.magiclink;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.core.crypto.SecureCodes;
import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.web.BrowserDescription;
import io.einlass.keycloak.core.web.NoStore;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;
import org.keycloak.util.JsonSerialization;

/**
 * {@code POST /realms/{realm}/einlass/magic-links}: a link for use in the integrator's own mails (e.g. a purchase
 * confirmation). The caller needs a bearer token of this realm whose user or service account may manage users.
 * Confirming the link on its landing page leaves a one-time grant in that browser and redirects to
 * {@code redirect_uri}, where the app starts its normal sign-in (with its own state and PKCE).
 */
public final class MagicLinkApi {

    private final KeycloakSession session;
    private final RealmModel realm;

    public MagicLinkApi(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    public Response create(String body) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null) {
            return error(Response.Status.UNAUTHORIZED, "unauthorized", "A bearer token of this realm is required.");
        }
        try {
            AdminPermissions.evaluator(session, realm, new AdminAuth(realm, auth.token(), auth.user(), auth.client()))
                    .users().requireManage();
        } catch (ForbiddenException e) {
            return error(Response.Status.FORBIDDEN, "forbidden", "The caller may not manage users of this realm.");
        }
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : JsonSerialization.readValue(body, JsonNode.class);
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
            if (!v.canConvertToInt() || v.asInt() < 1 || v.asInt() > MagicLinkConfig.MAX_VALIDITY_MINUTES) {
                return error(Response.Status.BAD_REQUEST, "invalid_request", "validity_minutes must be 1 to 30.");
            }
            minutes = v.asInt();
        }
        boolean send = json.path("send").asBoolean(false);
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null || !client.isEnabled() || !client.isStandardFlowEnabled()) {
            return error(Response.Status.BAD_REQUEST, "invalid_client", "Unknown or disabled client, or no browser sign-in.");
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
        if (send && (user.getEmail() == null || user.getEmail().isBlank())) {
            return error(Response.Status.BAD_REQUEST, "no_email", "The user has no email address to send to.");
        }

        long now = Time.currentTime();
        Duration validity = Duration.ofMinutes(minutes);
        String secret = SecureCodes.token(32);
        String hash = SecureCodes.hash(secret);
        new LinkStore(session).putLink(hash, new LinkRecord(hash, LinkRecord.Kind.API, client.getClientId(), null, null,
                null, user.getId(), UserStamp.of(user), now, now + validity.toSeconds(), null, redirectUri), validity.toSeconds());
        String link = MagicLinkAuthenticator.linkUrl(session, realm, secret, client.getClientId());
        if (send) {
            MagicLinkMail.send(session, realm, user.getEmail(), MagicLinkMail.render(session, realm, user,
                    new MagicLinkMail.Content(user.getEmail(), link, null, validity, Instant.ofEpochSecond(now),
                            Instant.ofEpochSecond(now + validity.toSeconds()), BrowserDescription.parse(null), client)));
        }
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.SEND_VERIFY_EMAIL).client(client).user(user)
                .detail(Details.EMAIL, user.getEmail())
                .detail(Details.REDIRECT_URI, redirectUri)
                .detail(EinlassEvents.AUTH_METHOD, MagicLinkAuthenticatorFactory.ID)
                .detail(EinlassEvents.ACTION, send ? "magic_link_api_sent" : "magic_link_api_created");
        if (auth.user() != null) {
            event.detail("einlass_requested_by", auth.user().getId());
        }
        event.success();

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("link", link);
        answer.put("expires_at", Instant.ofEpochSecond(now + validity.toSeconds()).toString());
        answer.put("expires_in", validity.toSeconds());
        answer.put("user_id", user.getId());
        answer.put("client_id", client.getClientId());
        answer.put("sent", send);
        return NoStore.apply(Response.status(Response.Status.CREATED).entity(json(answer)).type(MediaType.APPLICATION_JSON_TYPE)).build();
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
