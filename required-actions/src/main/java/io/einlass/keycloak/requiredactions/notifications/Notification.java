package io.einlass.keycloak.requiredactions.notifications;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.einlass.keycloak.core.events.EinlassEvents;
import io.einlass.keycloak.core.events.EinlassEvents.Action;
import org.keycloak.events.EventType;

/**
 * The security notifications: what happened to an account that its owner must hear about, at the primary and the
 * confirmed recovery address. Each has its mail texts ({@code einlass.notification.<key>.subject}/{@code .text}).
 */
enum Notification {
    PASSWORD_CHANGED, PASSWORD_RESET, AUTHENTICATOR_ADDED, AUTHENTICATOR_REMOVED, AUTHENTICATOR_REPLACED,
    RECOVERY_EMAIL_ADDED, RECOVERY_EMAIL_CHANGED, RECOVERY_EMAIL_REMOVED,
    RECOVERY_PHONE_ADDED, RECOVERY_PHONE_CHANGED, RECOVERY_PHONE_REMOVED,
    TRUSTED_BROWSER_ADDED, TRUSTED_BROWSERS_FORGOTTEN, PASSKEY_ADDED, PASSKEY_REMOVED;

    /** Keycloak's credential type of passkeys. */
    static final String PASSKEY = "webauthn-passwordless";

    /** The value used in the realm switch and in events: {@code password-changed}. */
    String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the address a change replaced or removed is told too. */
    boolean tellsPreviousRecoveryEmail() {
        return this == RECOVERY_EMAIL_CHANGED || this == RECOVERY_EMAIL_REMOVED;
    }

    static Optional<Notification> ofKey(String key) {
        for (Notification n : values()) {
            if (n.key().equals(key)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /**
     * The notification a successful user event stands for, if any.
     *
     * @param resetFlow the event happened in the reset-credentials flow ("Forgot password?")
     */
    static Optional<Notification> of(EventType type, Map<String, String> details, boolean resetFlow) {
        Map<String, String> d = details == null ? Map.of() : details;
        String credentialType = d.get(EinlassEvents.CREDENTIAL_TYPE);
        Action action = Action.of(d.get(EinlassEvents.ACTION));
        if (action != null) {
            switch (action) {
                case RECOVERY_EMAIL_ADDED: return Optional.of(RECOVERY_EMAIL_ADDED);
                case RECOVERY_EMAIL_CHANGED: return Optional.of(RECOVERY_EMAIL_CHANGED);
                case RECOVERY_EMAIL_REMOVED: return Optional.of(RECOVERY_EMAIL_REMOVED);
                case RECOVERY_PHONE_ADDED: return Optional.of(RECOVERY_PHONE_ADDED);
                case RECOVERY_PHONE_CHANGED: return Optional.of(RECOVERY_PHONE_CHANGED);
                case RECOVERY_PHONE_REMOVED: return Optional.of(RECOVERY_PHONE_REMOVED);
                case TRUSTED_BROWSER_ADDED: return Optional.of(TRUSTED_BROWSER_ADDED);
                case TRUSTED_BROWSERS_FORGOTTEN: return Optional.of(TRUSTED_BROWSERS_FORGOTTEN);
                case AUTHENTICATOR_REPLACED: return Optional.of(AUTHENTICATOR_REPLACED);
                default: return Optional.empty();
            }
        }
        switch (type) {
            case UPDATE_PASSWORD:
            case RESET_PASSWORD:
                return Optional.of(resetFlow || type == EventType.RESET_PASSWORD ? PASSWORD_RESET : PASSWORD_CHANGED);
            case UPDATE_TOTP:
                // in "Forgot password?" an app is only set up to replace a lost one: that mail says "replaced"
                return resetFlow ? Optional.empty() : Optional.of(AUTHENTICATOR_ADDED);
            case REMOVE_TOTP:
                return Optional.of(AUTHENTICATOR_REMOVED);
            case UPDATE_CREDENTIAL:
                if (PASSKEY.equals(credentialType)) {
                    return Optional.of(PASSKEY_ADDED);
                }
                if ("password".equals(credentialType)) {
                    return Optional.of(resetFlow ? PASSWORD_RESET : PASSWORD_CHANGED);
                }
                return "otp".equals(credentialType) && !resetFlow ? Optional.of(AUTHENTICATOR_ADDED) : Optional.empty();
            case REMOVE_CREDENTIAL:
                if (PASSKEY.equals(credentialType)) {
                    return Optional.of(PASSKEY_REMOVED);
                }
                return "otp".equals(credentialType) ? Optional.of(AUTHENTICATOR_REMOVED) : Optional.empty();
            default:
                return Optional.empty();
        }
    }
}
