package io.einlass.keycloak.requiredactions.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.einlass.keycloak.core.account.AccountContacts;
import io.einlass.keycloak.core.account.PasswordReset;
import io.einlass.keycloak.core.email.CanonicalEmail;
import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.events.EinlassEvents.Action;
import io.einlass.keycloak.core.events.EinlassEvents.Reason;
import io.einlass.keycloak.core.mail.MailDispatcher;
import io.einlass.keycloak.core.mail.RenderedMail;
import io.einlass.keycloak.core.web.BrowserDescription;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.events.Event;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code einlass-notifications}: mails the owner of an account about security-relevant changes, at the primary
 * address and the confirmed recovery address (and, for a changed or removed recovery address, at the old one).
 * Rendered in the request, sent after commit off the request thread, retried; it never blocks or fails the action
 * that caused it. Unconfirmed addresses never receive a notification.
 */
final class NotificationListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(NotificationListener.class);
    /** Request-scoped: the notifications already queued in this request ("user:key"), so one change mails once. */
    private static final String QUEUED = "einlass.notifications.queued";

    private final KeycloakSession session;
    private final Set<String> serverOff;

    NotificationListener(KeycloakSession session, Set<String> serverOff) {
        this.session = session;
        this.serverOff = serverOff;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getError() != null || event.getUserId() == null || event.getType() == null) {
            return;
        }
        try {
            Optional<Notification> notification = Notification.of(event.getType(), event.getDetails(), inResetFlow());
            notification.ifPresent(n -> notify(event.getRealmId(), event.getUserId(), n, event.getTime(), event.getIpAddress()));
        } catch (RuntimeException e) {
            LOG.warnf("Einlass notification not queued: %s", e.getClass().getSimpleName());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getError() != null || event.getResourceType() != ResourceType.USER || event.getResourcePath() == null) {
            return;
        }
        String[] path = event.getResourcePath().split("/");
        if (path.length == 3 && "users".equals(path[0]) && "reset-password".equals(path[2])
                && event.getOperationType() == OperationType.ACTION) {
            try {
                notify(event.getRealmId(), path[1], Notification.PASSWORD_RESET, event.getTime(),
                        event.getAuthDetails() == null ? null : event.getAuthDetails().getIpAddress());
            } catch (RuntimeException e) {
                LOG.warnf("Einlass notification not queued: %s", e.getClass().getSimpleName());
            }
        }
    }

    private boolean inResetFlow() {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        return authSession != null && (PasswordReset.marked(authSession) || LoginActionsService.RESET_CREDENTIALS_PATH.equals(
                authSession.getAuthNote(AuthenticationProcessor.CURRENT_FLOW_PATH)));
    }

    private void notify(String realmId, String userId, Notification notification, long timeMillis, String ip) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null || !NotificationSwitches.enabled(realm, serverOff, notification)) {
            return;
        }
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> queued = session.getAttribute(QUEUED, Set.class);
        if (queued == null) {
            queued = new HashSet<>();
            session.setAttribute(QUEUED, queued);
        }
        if (!queued.add(userId + ":" + notification.key())) {
            return;
        }
        List<String> recipients = new ArrayList<>(AccountContacts.addresses(user));
        if (notification.tellsPreviousRecoveryEmail()) {
            String previous = session.getAttribute(AccountContacts.PREVIOUS_RECOVERY_EMAIL, String.class);
            if (previous != null && recipients.stream().noneMatch(r -> CanonicalEmail.same(r, previous))) {
                recipients.add(previous);
            }
        }
        if (recipients.isEmpty()) {
            return;
        }
        BrowserDescription browser = BrowserDescription.parse(userAgent());
        RenderedMail mail = NotificationMail.render(session, realm, user, notification, Instant.ofEpochMilli(timeMillis), ip, browser);
        MailDispatcher dispatcher = new MailDispatcher(session);
        for (String address : recipients) {
            dispatcher.sendAfterCommit(realm, address, mail, MailDispatcher.Delivery.retried((s, r, reason) ->
                    new EventBuilder(r, s).event(EventType.EXECUTE_ACTIONS).user(userId)
                            .detail(EinlassEvents.ACTION, Action.SECURITY_NOTIFICATION.value())
                            .detail(EinlassEvents.NOTIFICATION, notification.key())
                            .detail(EinlassEvents.REASON, Reason.DELIVERY_FAILED.value())
                            .error(Reason.DELIVERY_FAILED.value())));
        }
    }

    private String userAgent() {
        try {
            return session.getContext().getRequestHeaders() == null ? null
                    : session.getContext().getRequestHeaders().getHeaderString("User-Agent");
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
    }
}
