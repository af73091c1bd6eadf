package io.einlass.keycloak.authenticators.trust;

import java.util.Set;

import io.einlass.keycloak.core.events.EinlassEvents;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
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
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Reacts to security-relevant events of users and admins: ends every trusted browser of a user when the password
 * is changed or reset, the authenticator app is removed or replaced, the account console signs out all other
 * devices, or the user is disabled. Trusts also check password, OTP credential, expiry and the admin's "Sign out"
 * (not-before) when they are used. The account REST call behind "Sign out all devices" fires events only for the
 * sessions it ends, so with no other session alive nothing reaches a listener: Einlass's own
 * {@code POST .../einlass/trusted-browsers/sign-out-everywhere} forgets the trusts in every case. Runs in the
 * request's transaction.
 */
final class TrustRevocationListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(TrustRevocationListener.class);
    private static final Set<EventType> ALWAYS = Set.of(EventType.UPDATE_PASSWORD, EventType.RESET_PASSWORD,
            EventType.UPDATE_TOTP, EventType.REMOVE_TOTP, EventType.USER_DISABLED_BY_PERMANENT_LOCKOUT);
    private static final Set<String> CREDENTIAL_TYPES = Set.of(PasswordCredentialModel.TYPE, OTPCredentialModel.TYPE);

    private final KeycloakSession session;

    TrustRevocationListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getError() != null || event.getUserId() == null || event.getType() == null) {
            return;
        }
        String reason = reason(event);
        if (reason != null) {
            revoke(event.getRealmId(), event.getUserId(), reason);
        }
    }

    private String reason(Event event) {
        EventType type = event.getType();
        if (ALWAYS.contains(type)) {
            return type.name().toLowerCase();
        }
        String credentialType = event.getDetails() == null ? null : event.getDetails().get(Details.CREDENTIAL_TYPE);
        if ((type == EventType.UPDATE_CREDENTIAL || type == EventType.REMOVE_CREDENTIAL) && CREDENTIAL_TYPES.contains(credentialType)) {
            return type.name().toLowerCase() + "_" + credentialType;
        }
        if (type == EventType.LOGOUT && signOutEverywhere()) {
            return "logout_all_sessions";
        }
        return null;
    }

    /** The account console's "Sign out all devices" (DELETE .../account/sessions without a session id). */
    private boolean signOutEverywhere() {
        try {
            var request = session.getContext().getHttpRequest();
            String path = session.getContext().getUri().getPath();
            return request != null && "DELETE".equals(request.getHttpMethod()) && path != null && path.endsWith("/account/sessions");
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getError() != null || event.getResourceType() != ResourceType.USER || event.getResourcePath() == null) {
            return;
        }
        String[] path = event.getResourcePath().split("/");
        if (path.length < 2 || !"users".equals(path[0])) {
            return;
        }
        String userId = path[1];
        String realmId = event.getRealmId();
        if (path.length == 2 && event.getOperationType() == OperationType.UPDATE) {
            RealmModel realm = session.realms().getRealm(realmId);
            UserModel user = realm == null ? null : session.users().getUserById(realm, userId);
            if (user != null && !user.isEnabled()) {
                revoke(realmId, userId, "user_disabled");
            }
        } else if (path.length == 3 && event.getOperationType() == OperationType.ACTION
                && ("reset-password".equals(path[2]) || "logout".equals(path[2]))) {
            revoke(realmId, userId, "admin_" + path[2].replace('-', '_'));
        } else if (path.length == 4 && "credentials".equals(path[2])
                && (event.getOperationType() == OperationType.DELETE || event.getOperationType() == OperationType.ACTION)) {
            prune(realmId, userId);
        }
    }

    private void revoke(String realmId, String userId, String reason) {
        RealmModel realm = session.realms().getRealm(realmId);
        UserModel user = realm == null ? null : session.users().getUserById(realm, userId);
        if (user == null) {
            return;
        }
        int removed = new TrustedBrowsers(session, realm).revokeAll(user);
        if (removed > 0) {
            LOG.debugf("Einlass: %d trusted browser(s) of a user in realm %s revoked (%s)", removed, realm.getName(), reason);
            new EventBuilder(realm, session, session.getContext().getConnection())
                    .event(EventType.REMOVE_CREDENTIAL).user(user)
                    .detail(Details.CREDENTIAL_TYPE, TrustedBrowserCredentialModel.TYPE)
                    .detail(EinlassEvents.ACTION, EinlassEvents.Action.TRUSTED_BROWSERS_REVOKED.value())
                    .detail(EinlassEvents.REASON, reason)
                    .detail(EinlassEvents.COUNT, String.valueOf(removed))
                    .success();
        }
    }

    /** After an admin deleted a credential: drop the trusts that no longer hold (e.g. their OTP credential is gone). */
    private void prune(String realmId, String userId) {
        RealmModel realm = session.realms().getRealm(realmId);
        UserModel user = realm == null ? null : session.users().getUserById(realm, userId);
        if (user != null) {
            new TrustedBrowsers(session, realm).prune(user);
        }
    }

    @Override
    public void close() {
    }
}
