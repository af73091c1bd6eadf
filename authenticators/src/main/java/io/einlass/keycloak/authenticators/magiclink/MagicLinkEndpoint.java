package io.einlass.keycloak.authenticators.magiclink;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import io.einlass.keycloak.authenticators.flow.FirstFactorGrant;
import io.einlass.keycloak.core.account.UserStamp;
import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.events.EinlassEvents.Action;
import io.einlass.keycloak.core.events.EinlassEvents.Reason;
import io.einlass.keycloak.core.web.EinlassUrls;
import io.einlass.keycloak.core.web.NoStore;
import io.einlass.keycloak.core.web.PageBinding;
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
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * The pages behind a link: {@code GET} shows a confirmation page and changes nothing (mail scanners and previews
 * fetch links); only the {@code POST} from that very page, in the same browser ({@link PageBinding}), uses the link,
 * atomically, before anything else happens. In the requesting browser it continues the sign-in (or the reset); in
 * another browser it approves the waiting browser after the person typed the number shown there, and signs nobody
 * in where it was clicked.
 */
final class MagicLinkEndpoint {

    /** Path segment of the landing page: {@code /realms/{realm}/einlass/magic-link}. */
    static final String SEGMENT = "magic-link";
    static final String TEMPLATE = "einlass-magic-link-landing.ftl";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LinkStore store;

    MagicLinkEndpoint(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = new LinkStore(session);
    }

    /** What a link leads to right now. */
    private record Resolved(LinkState state, LinkRecord record, AuthenticationSessionModel authSession,
                            MagicLinkAttempt attempt, UserModel user, boolean sameBrowser) {

        Resolved with(LinkState newState) {
            return new Resolved(newState, record, authSession, attempt, user, sameBrowser);
        }
    }

    Response landing(String secret, String clientHint) {
        return page(resolve(secret), secret, clientHint, null);
    }

    Response confirm(MultivaluedMap<String, String> form) {
        String secret = form.getFirst("t");
        String clientHint = form.getFirst("c");
        Resolved resolved = resolve(secret);
        if (resolved.state() != LinkState.CONFIRM) {
            return page(resolved, secret, clientHint, null);
        }
        LinkRecord record = resolved.record();
        PageBinding.Verdict verdict = new PageBinding(session, realm).verify(record.hash(), form.getFirst(PageBinding.FIELD));
        if (!verdict.accepted()) {
            // a POST that did not come from this browser's landing page (cross-site form, script, replayed request):
            // nothing is used; the person sees the landing page and can confirm there
            Reason reason = verdict == PageBinding.Verdict.CROSS_SITE ? Reason.CROSS_SITE : Reason.UNBOUND_POST;
            event(EventType.LOGIN_ERROR, client(record), resolved.user()).detail(EinlassEvents.REASON, reason.value())
                    .error(reason.value());
            return page(resolved, secret, clientHint, "einlass.magic-link.landing.confirm-here");
        }
        long lifespan = record.expiresAt() - Time.currentTime();
        if (record.kind() == LinkRecord.Kind.API) {
            if (!store.consume(record.hash(), lifespan)) {
                return page(resolved.with(LinkState.USED), secret, clientHint, null);
            }
            ClientModel client = realm.getClientByClientId(record.clientId());
            // not a sign-in yet (that follows when the app starts it): an executed link, like an action token
            event(EventType.EXECUTE_ACTION_TOKEN, client, resolved.user()).detail(EinlassEvents.ACTION, Action.MAGIC_LINK_GRANT_ISSUED.value())
                    .detail(EinlassEvents.CONFIRMATION, FirstFactorGrant.HOW).success();
            String cookie = FirstFactorGrant.issue(session, realm, resolved.user(), record.clientId());
            return NoStore.apply(Response.seeOther(URI.create(record.redirectUri())).header("Set-Cookie", cookie)).build();
        }
        ClientModel client = resolved.authSession().getClient();
        if (resolved.sameBrowser()) {
            if (!store.consume(record.hash(), lifespan)) {
                return page(resolved.with(LinkState.USED), secret, clientHint, null);
            }
            resolved.attempt().approve(record.hash(), "same_browser");
            URI next = EinlassUrls.continueFlow(session, realm, LinkPurpose.of(record.kind()).flowPath(),
                    client.getClientId(), resolved.authSession().getTabId());
            return NoStore.apply(Response.seeOther(next)).build();
        }
        // another browser or device
        if ("deny".equals(form.getFirst("decision"))) {
            if (store.consume(record.hash(), lifespan)) {
                resolved.attempt().cancel();
            }
            event(EventType.LOGIN_ERROR, client, resolved.user()).detail(EinlassEvents.REASON, Reason.DENIED.value())
                    .error(Reason.DENIED.value());
            return page(resolved.with(LinkState.DENIED), secret, clientHint, null);
        }
        String match = twoDigits(form.getFirst("match"));
        if (match == null) {
            return page(resolved, secret, clientHint, "einlass.magic-link.landing.match-missing");
        }
        if (!store.consume(record.hash(), lifespan)) {
            return page(resolved.with(LinkState.USED), secret, clientHint, null);
        }
        if (!match.equals(resolved.attempt().match())) {
            resolved.attempt().cancel();
            event(EventType.LOGIN_ERROR, client, resolved.user()).detail(EinlassEvents.REASON, Reason.WRONG_MATCH.value())
                    .error(Reason.WRONG_MATCH.value());
            if (realm.isBruteForceProtected() && resolved.user() != null) {
                session.getProvider(BruteForceProtector.class).failedLogin(realm, resolved.user(),
                        session.getContext().getConnection(), session.getContext().getUri(), Set.of(PasswordCredentialModel.TYPE));
            }
            return page(resolved.with(LinkState.MISMATCH), secret, clientHint, null);
        }
        resolved.attempt().approve(record.hash(), "other_device");
        return page(resolved.with(LinkState.APPROVED), secret, clientHint, null);
    }

    /** The waiting browser asks whether its link was approved elsewhere. Bound to its own auth-session cookie. */
    Response status(String clientId, String tabId) {
        String status = "gone";
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).getCurrentRootAuthenticationSession(realm);
        ClientModel client = clientId == null || clientId.length() > 255 ? null : realm.getClientByClientId(clientId);
        if (root != null && client != null && tabId != null && tabId.length() <= 64) {
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

    /** The state of a link, without changing anything. */
    private Resolved resolve(String secret) {
        if (!io.einlass.keycloak.core.crypto.SecureCodes.wellFormedToken(secret)) {
            return new Resolved(LinkState.INVALID, null, null, null, null, false);
        }
        LinkRecord record = store.findLink(secret).orElse(null);
        if (record == null) {
            return new Resolved(LinkState.EXPIRED, null, null, null, null, false);
        }
        if (store.isUsed(record.hash())) {
            return new Resolved(LinkState.USED, record, null, null, null, false);
        }
        UserModel user = record.ghost() ? null : session.users().getUserById(realm, record.userId());
        if (record.registers()) {
            // creates the account of an address that had none: that must still be so
            if (!record.ghost() || SelfRegistration.accountExists(session, realm, record.address())) {
                return new Resolved(LinkState.INVALID, record, null, null, null, false);
            }
        } else if (user == null || !UserStamp.matches(user, record.stamp())) {
            return new Resolved(LinkState.INVALID, record, null, null, null, false);
        }
        if (record.kind() == LinkRecord.Kind.API) {
            ClientModel client = realm.getClientByClientId(record.clientId());
            if (client == null || !client.isEnabled()) {
                return new Resolved(LinkState.INVALID, record, null, null, user, false);
            }
            return new Resolved(LinkState.CONFIRM, record, null, null, user, false);
        }
        ClientModel client = realm.getClientById(record.clientId());
        RootAuthenticationSessionModel root = session.authenticationSessions().getRootAuthenticationSession(realm, record.rootId());
        AuthenticationSessionModel authSession = root == null || client == null ? null : root.getAuthenticationSession(client, record.tabId());
        MagicLinkAttempt attempt = MagicLinkAttempt.any(authSession);
        if (attempt == null || !record.executionId().equals(attempt.executionId())) {
            // the attempt this link was made for is over (or the browser went on to another step)
            return new Resolved(LinkState.EXPIRED, record, null, null, user, false);
        }
        if (!attempt.isCurrent(record.hash())) {
            return new Resolved(LinkState.SUPERSEDED, record, authSession, attempt, user, false);
        }
        if (attempt.cancelled()) {
            return new Resolved(LinkState.DENIED, record, authSession, attempt, user, false);
        }
        RootAuthenticationSessionModel browserRoot = new AuthenticationSessionManager(session).getCurrentRootAuthenticationSession(realm);
        boolean sameBrowser = browserRoot != null && browserRoot.getId().equals(record.rootId());
        if (!sameBrowser && !crossDeviceAllowed(record)) {
            return new Resolved(LinkState.WRONG_DEVICE, record, authSession, attempt, user, false);
        }
        return new Resolved(LinkState.CONFIRM, record, authSession, attempt, user, sameBrowser);
    }

    private boolean crossDeviceAllowed(LinkRecord record) {
        AuthenticationExecutionModel execution = record.executionId() == null ? null : realm.getAuthenticationExecutionById(record.executionId());
        AuthenticatorConfigModel config = execution == null || execution.getAuthenticatorConfig() == null
                ? null : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
        return MagicLinkConfig.from(config).crossDevice();
    }

    private ClientModel client(LinkRecord record) {
        if (record == null) {
            return null;
        }
        return record.kind() == LinkRecord.Kind.API ? realm.getClientByClientId(record.clientId()) : realm.getClientById(record.clientId());
    }

    private Response page(Resolved resolved, String secret, String clientHint, String error) {
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class);
        Locale locale = session.getContext().resolveLocale(null);
        UserTime time = UserTime.of(realm, null, locale);
        LinkRecord record = resolved.record();
        ClientModel client = client(record);
        if (client == null && clientHint != null && clientHint.length() <= 255) {
            client = realm.getClientByClientId(clientHint);
        }
        boolean api = record != null && record.kind() == LinkRecord.Kind.API;
        form.setAttribute("einlassState", resolved.state().key())
                .setAttribute("einlassAction", EinlassUrls.build(EinlassUrls.endpoint(session, realm, SEGMENT)))
                .setAttribute("einlassSameBrowser", resolved.sameBrowser())
                .setAttribute("einlassApi", api)
                .setAttribute("einlassReset", record != null && record.kind() == LinkRecord.Kind.RESET)
                .setAttribute("einlassRegister", record != null && record.registers())
                .setAttribute("einlassAppName", MagicLinkMail.appName(client))
                .setAttribute("einlassRestartUrl", restartUrl(client))
                .setAttribute("einlassNewLink", resolved.state().offersNewLink());
        if (resolved.state() == LinkState.CONFIRM) {
            // the token that binds the confirming POST to this page in this browser
            String token = new PageBinding(session, realm).issue(record.hash());
            // an API link goes to the account's own address: the page names the account in full, so someone lured
            // onto a link for another account sees it; a link opened on another device names it masked
            form.setAttribute("einlassToken", secret)
                    .setAttribute("einlassPageTokenField", PageBinding.FIELD)
                    .setAttribute("einlassPageToken", token)
                    .setAttribute("einlassAccount", api ? resolved.user().getEmail()
                            : CanonicalEmail.mask(record.registers() ? record.address() : resolved.user().getEmail()));
            String[] browser = record.browser() == null ? new String[] {"?", "?"} : record.browser().split("\\|", 2);
            form.setAttribute("einlassBrowser", browser[0])
                    .setAttribute("einlassOs", browser.length > 1 ? browser[1] : "?")
                    .setAttribute("einlassRequestedAt", time.dateTime(Instant.ofEpochSecond(record.issuedAt())));
        }
        if (error != null) {
            form.setError(error);
        }
        Response.Status status = error != null && resolved.state() == LinkState.CONFIRM && error.endsWith("confirm-here")
                ? Response.Status.BAD_REQUEST : resolved.state().status();
        return NoStore.apply(form.setStatus(status).createForm(TEMPLATE));
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
        return EinlassUrls.securityPage(session, realm).toString();
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
