package io.einlass.keycloak.requiredactions.activation;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.email.EmailException;
import org.keycloak.email.freemarker.FreeMarkerEmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * Keycloak's email templates, with one difference: the mail an administrator sends with "Send email" (required
 * actions) says "Activate your account" only to an account that has no credential yet (an invitation), and "Please
 * update your account" to everybody else (a forced password change of an account in use). The template gets
 * {@code einlassActivation}; everything else is Keycloak's FreeMarker provider unchanged.
 */
final class ActivationMailTemplateProvider extends FreeMarkerEmailTemplateProvider {

    static final String ACTIVATION_SUBJECT = "executeActionsSubject";
    static final String UPDATE_SUBJECT = "einlass.mail.actions.subject";

    ActivationMailTemplateProvider(KeycloakSession session) {
        super(session);
    }

    @Override
    public void sendExecuteActions(String link, long expirationInMinutes) throws EmailException {
        boolean activation = isActivation(user);
        Map<String, Object> bodyAttributes = new HashMap<>(this.attributes);
        bodyAttributes.put("einlassActivation", activation);
        addLinkInfoIntoAttributes(link, expirationInMinutes, bodyAttributes);
        send(activation ? ACTIVATION_SUBJECT : UPDATE_SUBJECT, "executeActions.ftl", bodyAttributes);
    }

    /** An invitation: the account has no stored credential at all (no password, app, passkey, trusted browser). */
    static boolean isActivation(UserModel user) {
        return user == null || user.credentialManager().getStoredCredentialsStream().findAny().isEmpty();
    }
}
