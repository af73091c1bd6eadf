package io.einlass.keycloak.requiredactions.recoveryemail;

import java.util.Locale;
import java.util.Optional;

import io.einlass.keycloak.core.account.AccountContacts;
import io.einlass.keycloak.core.account.UserStamp;
import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.events.EinlassEvents.Action;
import io.einlass.keycloak.core.events.EinlassEvents.Reason;
import io.einlass.keycloak.core.web.EinlassUrls;
import io.einlass.keycloak.core.web.NoStore;
import io.einlass.keycloak.core.web.PageBinding;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The page behind a confirmation link: {@code GET}/{@code HEAD} show it and change nothing (mail scanners); only the
 * {@code POST} from that page in the same browser ({@link PageBinding}) uses the link, once, and stores the address.
 * Confirming signs nobody in.
 */
final class RecoveryEmailEndpoint {

    static final String TEMPLATE = "einlass-recovery-email-landing.ftl";

    /** What a confirmation link leads to. */
    enum State {
        CONFIRM(Response.Status.OK), CONFIRMED(Response.Status.OK), USED(Response.Status.GONE), EXPIRED(Response.Status.GONE),
        SUPERSEDED(Response.Status.GONE), INVALID(Response.Status.BAD_REQUEST);

        private final Response.Status status;

        State(Response.Status status) {
            this.status = status;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Resolved(State state, RecoveryEmailLinks.Pending pending, UserModel user) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final RecoveryEmailLinks links;

    RecoveryEmailEndpoint(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.links = new RecoveryEmailLinks(session, realm);
    }

    Response landing(String secret) {
        return page(resolve(secret), secret, null);
    }

    Response confirm(MultivaluedMap<String, String> form) {
        String secret = form.getFirst("t");
        Resolved resolved = resolve(secret);
        if (resolved.state() != State.CONFIRM) {
            return page(resolved, secret, null);
        }
        PageBinding.Verdict verdict = new PageBinding(session, realm).verify(resolved.pending().hash(), form.getFirst(PageBinding.FIELD));
        if (!verdict.accepted()) {
            Reason reason = verdict == PageBinding.Verdict.CROSS_SITE ? Reason.CROSS_SITE : Reason.UNBOUND_POST;
            event(resolved.user()).event(EventType.UPDATE_PROFILE_ERROR).detail(EinlassEvents.REASON, reason.value()).error(reason.value());
            return page(resolved, secret, "einlass.recovery-email.landing.confirm-here");
        }
        if (!links.consume(resolved.pending())) {
            return page(new Resolved(State.USED, resolved.pending(), resolved.user()), secret, null);
        }
        UserModel user = resolved.user();
        Optional<String> previous = AccountContacts.recoveryEmail(user);
        String address = resolved.pending().address();
        user.setSingleAttribute(AccountContacts.RECOVERY_EMAIL, address);
        RecoveryEmailAction.changed(session, event(user), user,
                previous.isPresent() ? Action.RECOVERY_EMAIL_CHANGED : Action.RECOVERY_EMAIL_ADDED, previous.orElse(null), address);
        return page(new Resolved(State.CONFIRMED, resolved.pending(), user), secret, null);
    }

    private Resolved resolve(String secret) {
        if (!io.einlass.keycloak.core.crypto.SecureCodes.wellFormedToken(secret)) {
            return new Resolved(State.INVALID, null, null);
        }
        RecoveryEmailLinks.Pending pending = links.find(secret).orElse(null);
        if (pending == null) {
            return new Resolved(State.EXPIRED, null, null);
        }
        if (links.used(pending.hash())) {
            return new Resolved(State.USED, pending, null);
        }
        UserModel user = session.users().getUserById(realm, pending.userId());
        if (user == null || !UserStamp.matches(user, pending.stamp())
                || CanonicalEmail.same(user.getEmail(), pending.address())) {
            return new Resolved(State.INVALID, pending, null);
        }
        if (!links.current(pending)) {
            return new Resolved(State.SUPERSEDED, pending, user);
        }
        return new Resolved(State.CONFIRM, pending, user);
    }

    private Response page(Resolved resolved, String secret, String error) {
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class);
        form.setAttribute("einlassState", resolved.state().key())
                .setAttribute("einlassAction", EinlassUrls.build(EinlassUrls.endpoint(session, realm, RecoveryEmailResource.SEGMENT)))
                .setAttribute("einlassRestartUrl", EinlassUrls.securityPage(session, realm).toString());
        if (resolved.pending() != null && (resolved.state() == State.CONFIRM || resolved.state() == State.CONFIRMED)) {
            form.setAttribute("einlassAddress", resolved.pending().address())
                    .setAttribute("einlassAccount", CanonicalEmail.mask(resolved.user().getEmail()));
        }
        if (resolved.state() == State.CONFIRM) {
            form.setAttribute("einlassToken", secret)
                    .setAttribute("einlassPageTokenField", PageBinding.FIELD)
                    .setAttribute("einlassPageToken", new PageBinding(session, realm).issue(resolved.pending().hash()));
        }
        if (error != null) {
            form.setError(error);
        }
        Response.Status status = error != null ? Response.Status.BAD_REQUEST : resolved.state().status;
        return NoStore.apply(form.setStatus(status).createForm(TEMPLATE));
    }

    private EventBuilder event(UserModel user) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection());
        if (user != null) {
            event.user(user);
        }
        return event;
    }
}
