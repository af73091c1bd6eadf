package io.einlass.keycloak.authenticators.recovery;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.einlass.keycloak.authenticators.flow.RecoveryProofs;
import io.einlass.keycloak.authenticators.flow.RecoveryProofs.Channel;
import io.einlass.keycloak.core.account.Sessions;
import io.einlass.keycloak.core.events.EinlassEvents;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The end of every "Forgot password?" that a recovery channel proved: runs after the new password (and, when the
 * app was lost, after the new app) and shows nothing. It signs out every other session and offline token of the
 * user, removes a lost authenticator app once a new one exists, and records which channels proved the person.
 * Trusted browsers end by themselves: a trust is void once the password changed.
 */
final class RecoveryFinishAction implements RequiredActionProvider {

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.NOT_SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        List<Channel> proven = RecoveryProofs.of(authSession, user.getId());
        if (proven.isEmpty()) {
            context.success();
            return;
        }
        int ended = Sessions.endAllBut(session, realm, user, authSession.getParentSession().getId());
        replaceLostApp(context, user, authSession);
        new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.CUSTOM_REQUIRED_ACTION)
                .user(user).client(authSession.getClient())
                .detail(Details.CUSTOM_REQUIRED_ACTION, RecoveryProofs.FINISH_ACTION)
                .detail(EinlassEvents.ACTION, EinlassEvents.Action.ACCOUNT_RECOVERED.value())
                .detail(EinlassEvents.CHANNEL, RecoveryProofs.describe(proven))
                .detail(EinlassEvents.COUNT, String.valueOf(ended))
                .success();
        context.success();
    }

    /** After "I can't use my authenticator app": the old apps go once a new one exists (never before). */
    private static void replaceLostApp(RequiredActionContext context, UserModel user, AuthenticationSessionModel authSession) {
        String note = authSession.getAuthNote(SecondProofAuthenticator.REPLACE_NOTE);
        if (note == null || !note.startsWith(user.getId() + "|")) {
            return;
        }
        Set<String> old = Set.copyOf(Arrays.asList(note.substring(user.getId().length() + 1).split(",")));
        List<CredentialModel> apps = user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList();
        boolean replaced = apps.stream().anyMatch(app -> !old.contains(app.getId()));
        if (!replaced) {
            return;
        }
        int removed = 0;
        for (CredentialModel app : apps) {
            if (old.contains(app.getId()) && user.credentialManager().removeStoredCredentialById(app.getId())) {
                removed++;
            }
        }
        authSession.removeAuthNote(SecondProofAuthenticator.REPLACE_NOTE);
        new EventBuilder(context.getRealm(), context.getSession(), context.getSession().getContext().getConnection())
                .event(EventType.UPDATE_CREDENTIAL).user(user).client(authSession.getClient())
                .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE)
                .detail(EinlassEvents.ACTION, EinlassEvents.Action.AUTHENTICATOR_REPLACED.value())
                .detail(EinlassEvents.COUNT, String.valueOf(removed))
                .success();
    }

    @Override
    public void processAction(RequiredActionContext context) {
        requiredActionChallenge(context);
    }

    @Override
    public void close() {
    }
}
