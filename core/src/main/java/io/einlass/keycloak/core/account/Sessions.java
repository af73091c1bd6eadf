package io.einlass.keycloak.core.account;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.UserSessionManager;

/** Ends a user's sessions: every online session but one (with Keycloak's backchannel logout) and every offline token. */
public final class Sessions {

    private Sessions() {
    }

    /** Ends all sessions and offline tokens of {@code user} except the session {@code keepId}; returns how many ended. */
    public static int endAllBut(KeycloakSession session, RealmModel realm, UserModel user, String keepId) {
        int ended = 0;
        for (UserSessionModel other : session.sessions().getUserSessionsStream(realm, user)
                .filter(s -> !s.getId().equals(keepId)).toList()) {
            AuthenticationManager.backchannelLogout(session, realm, other, session.getContext().getUri(),
                    session.getContext().getConnection(), session.getContext().getRequestHeaders(), true);
            ended++;
        }
        UserSessionManager sessions = new UserSessionManager(session);
        for (UserSessionModel offline : session.sessions().getOfflineUserSessionsStream(realm, user).toList()) {
            sessions.revokeOfflineUserSession(offline);
            ended++;
        }
        return ended;
    }
}
