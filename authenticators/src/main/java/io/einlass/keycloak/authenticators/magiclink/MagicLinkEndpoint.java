package io.einlass.keycloak.authenticators.magiclink;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.web.NoStore;
import io.einlass.keycloak.core.web.UserTime;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;
import org.keycloak.urls.UrlType;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The pages behind a link: {@code GET} shows a confirmation page and changes nothing (mail scanners and previews
 * fetch links); only the {@code POST} from that page uses the link, atomically, before anything else happens.
 * In the requesting browser it continues the sign-in; in another browser it approves the waiting browser after the
 * person typed the number shown there, and signs nobody in where it was clicked.
 */
public final class MagicLinkEndpoint {

    static final String TEMPLATE = "einlass-magic-link-landing.ftl";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LinkStore store;

    public MagicLinkEndpoint(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = new LinkStore(session);
    }

    /** What a link leads to right now. */
    private record Resolved(String state, LinkRecord record, AuthenticationSessionModel authSession,
                            MagicLinkAttempt attempt, UserModel user, boolean sameBrowser) {
    }

    public Response landing(String secret, String clientHint) {
        Resolved resolved = resolve(secret);
        return page(resolved, secret, clientHint, null);
    }

    public Response confirm(MultivaluedMap<String, String> form) {
        String secret = form.getFirst("t");
        String clientHint = form.getFirst("c");
        Resolved resolved = resolve(secret);
        if (!resolved.state().equals("confirm")) {
            return page(resolved, secret, clientHint, null);
        }
        LinkRecord record = resolved.record();
        long lifespan = record.expiresAt() - Time.currentTime();
        if (record.kind() == LinkRecord.Kind.API) {
            if (!store.consume(record.hash(), lifespan)) {
                return page(withState(resolved, "used"), secret, clientHint, null);
            }
            ClientModel client = realm.getClientByClientId(record.clientId());
            // not a sign-in yet (that follows when the app starts it): an executed link, like an action token
            event(EventType.EXECUTE_ACTION_TOKEN, client, resolved.user()).detail(EinlassEvents.ACTION, "magic_link_grant_issued")
                    .detail(EinlassEvents.CONFIRMATION, "grant").success();
            String cookie = MagicLinkGrants.issue(session, realm, resolved.user(), record.clientId(),
                    MagicLinkGrants.cookiePath(session, realm), true);
            return NoStore.apply(Response.seeOther(URI.create(record.redirectUri())).header("Set-Cookie", cookie)).build();
        }
        ClientModel client = resolved.authSession().getClient();
        if (resolved.sameBrowser()) {
            if (!store.consume(record.hash(), lifespan)) {
                return page(withState(resolved, "used"), secret, clientHint, null);
            }
            resolved.attempt().approve(record.hash(), "same_browser");
            URI next = session.getContext().getUri(UrlType.FRONTEND).getBaseUriBuilder()
                    .path("realms").path(realm.getName()).path("login-actions").path("authenticate")
                    .queryParam("client_id", client.getClientId())
                    .queryParam("tab_id", resolved.authSession().getTabId())
                    .build();
            return NoStore.apply(Response.seeOther(next)).build();
        }
        // another browser or device
        if ("deny".equals(form.getFirst("decision"))) {
            if (store.consume(record.hash(), lifespan)) {
                resolved.attempt().cancel();
            }
            event(EventType.LOGIN_ERROR, client, resolved.user()).detail(EinlassEvents.REASON, "denied").error("denied");
            return page(withState(resolved, "denied"), secret, clientHint, null);
        }
        String match = twoDigits(form.getFirst("match"));
        if (match == null) {
            return page(resolved, secret, clientHint, "einlass.magic-link.landing.match-missing");
        }
        if (!store.consume(record.hash(), lifespan)) {
            return page(withState(resolved, "used"), secret, clientHint, null);
        }
        if (!match.equals(resolved.attempt().match())) {
            resolved.attempt().cancel();
            event(EventType.LOGIN_ERROR, client, resolved.user()).detail(EinlassEvents.REASON, "wrong_match").error("wrong_match");
            if (realm.isBruteForceProtected()) {
                session.getProvider(BruteForceProtector.class).failedLogin(realm, resolved.user(),
                        session.getContext().getConnection(), session.getContext().getUri(), Set.of(PasswordCredentialModel.TYPE));
            }
            return page(withState(resolved, "mismatch"), secret, clientHint, null);
        }
        resolved.attempt().approve(record.hash(), "other_device");
        return page(withState(resolved, "approved"), secret, clientHint, null);
    }

    /** The waiting browser asks whether its link was approved elsewhere. Bound to its own auth-session cookie. */
    public Response status(String clientId, String tabId) {
        String status = "gone";
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).getCurrentRootAuthenticationSession(realm);
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        if (root != null && client != null && tabId != null) {
            MagicLinkAttempt attempt = MagicLinkAttempt.any(root.getAuthenticationSession(client, tabId));
            if (attempt != null) {
                if (attempt.approved()) {
                    status = "approved";
                } else if (attempt.cancelled()) {
                    status = "cancelled";
                } else if (attempt.expired(Time.currentTime())) {
                    status = "expired";
                } else {
                    status = "pending";
                }
            }
        }
        return NoStore.apply(Response.ok("{\"status\":\"" + status + "\"}", MediaType.APPLICATION_JSON_TYPE)).build();
    }

    private Resolved resolve(String secret) {
        if (!LinkStore.wellFormed(secret)) {
            return new Resolved("invalid", null, null, null, null, false);
        }
        LinkRecord record = store.findLink(secret).orElse(null);
        if (record == null) {
            return new Resolved("expired", null, null, null, null, false);
        }
        if (store.isUsed(record.hash())) {
            return new Resolved("used", record, null, null, null, false);
        }
        UserModel user = record.ghost() ? null : session.users().getUserById(realm, record.userId());
        if (user == null || !UserStamp.matches(user, record.stamp())) {
            return new Resolved("invalid", record, null, null, null, false);
        }
        if (record.kind() == LinkRecord.Kind.API) {
            ClientModel client = realm.getClientByClientId(record.clientId());
            if (client == null || !client.isEnabled()) {
                return new Resolved("invalid", record, null, null, user, false);
            }
            return new Resolved("confirm", record, null, null, user, false);
        }
        ClientModel client = realm.getClientById(record.clientId());
        RootAuthenticationSessionModel root = session.authenticationSessions().getRootAuthenticationSession(realm, record.rootId());
        AuthenticationSessionModel authSession = root == null || client == null ? null : root.getAuthenticationSession(client, record.tabId());
        MagicLinkAttempt attempt = MagicLinkAttempt.any(authSession);
        if (attempt == null) {
            return new Resolved("expired", record, null, null, user, false);
        }
        if (!record.hash().equals(attempt.linkHash())) {
            return new Resolved("superseded", record, authSession, attempt, user, false);
        }
        if (attempt.cancelled()) {
            return new Resolved("denied", record, authSession, attempt, user, false);
        }
        RootAuthenticationSessionModel browserRoot = new AuthenticationSessionManager(session).getCurrentRootAuthenticationSession(realm);
        boolean sameBrowser = browserRoot != null && browserRoot.getId().equals(record.rootId());
        if (!sameBrowser && !crossDeviceAllowed(record)) {
            return new Resolved("wrong_device", record, authSession, attempt, user, false);
        }
        return new Resolved("confirm", record, authSession, attempt, user, sameBrowser);
    }

    private boolean crossDeviceAllowed(LinkRecord record) {
        AuthenticationExecutionModel execution = record.executionId() == null ? null : realm.getAuthenticationExecutionById(record.executionId());
        AuthenticatorConfigModel config = execution == null || execution.getAuthenticatorConfig() == null
                ? null : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
        return MagicLinkConfig.from(config).crossDevice();
    }

    private static Resolved withState(Resolved r, String state) {
        return new Resolved(state, r.record(), r.authSession(), r.attempt(), r.user(), r.sameBrowser());
    }

    private Response page(Resolved resolved, String secret, String clientHint, String error) {
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class);
        Locale locale = session.getContext().resolveLocale(null);
        UserTime time = UserTime.of(realm, null, locale);
        LinkRecord record = resolved.record();
        ClientModel client = null;
        if (record != null) {
            client = record.kind() == LinkRecord.Kind.API ? realm.getClientByClientId(record.clientId()) : realm.getClientById(record.clientId());
        } else if (clientHint != null && clientHint.length() <= 255) {
            client = realm.getClientByClientId(clientHint);
        }
        form.setAttribute("einlassState", resolved.state())
                .setAttribute("einlassAction", endpointUrl())
                .setAttribute("einlassSameBrowser", resolved.sameBrowser())
                .setAttribute("einlassApi", record != null && record.kind() == LinkRecord.Kind.API)
                .setAttribute("einlassAppName", MagicLinkMail.appName(client))
                .setAttribute("einlassRestartUrl", restartUrl(client));
        if ("confirm".equals(resolved.state())) {
            form.setAttribute("einlassToken", secret)
                    .setAttribute("einlassAccount", CanonicalEmail.mask(resolved.user().getEmail()));
            String[] browser = record.browser() == null ? new String[] {"?", "?"} : record.browser().split("\\|", 2);
            form.setAttribute("einlassBrowser", browser[0])
                    .setAttribute("einlassOs", browser.length > 1 ? browser[1] : "?")
                    .setAttribute("einlassRequestedAt", time.dateTime(Instant.ofEpochSecond(record.issuedAt())));
        }
        if (error != null) {
            form.setError(error);
        }
        Response.Status status = switch (resolved.state()) {
            case "confirm", "approved" -> Response.Status.OK;
            case "invalid" -> Response.Status.BAD_REQUEST;
            default -> Response.Status.GONE;
        };
        return NoStore.apply(form.setStatus(status).createForm(TEMPLATE));
    }

    String endpointUrl() {
        return session.getContext().getUri(UrlType.FRONTEND).getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("einlass").path("magic-link").build().toString();
    }

    /** Where "request a new link" leads: the app (which starts a new sign-in), else the account console. */
    private String restartUrl(ClientModel client) {
        if (client != null && client.isEnabled()) {
            String base = client.getBaseUrl();
            String root = client.getRootUrl();
            if (base != null && !base.isBlank()) {
                if (base.startsWith("http://") || base.startsWith("https://")) {
                    return base;
                }
                if (root != null && !root.isBlank()) {
                    return root.replaceAll("/$", "") + (base.startsWith("/") ? base : "/" + base);
                }
            } else if (root != null && !root.isBlank()) {
                return root;
            }
        }
        return session.getContext().getUri(UrlType.FRONTEND).getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("account").build().toString();
    }

    private EventBuilder event(EventType type, ClientModel client, UserModel user) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(type)
                .detail(EinlassEvents.AUTH_METHOD, MagicLinkAuthenticatorFactory.ID);
        if (client != null) {
            event.client(client);
        }
        if (user != null) {
            event.user(user);
        }
        return event;
    }

    private static String twoDigits(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        if (s.length() == 1 && Character.isDigit(s.charAt(0))) {
            s = "0" + s;
        }
        return s.length() == 2 && Character.isDigit(s.charAt(0)) && Character.isDigit(s.charAt(1)) ? s : null;
    }
}
