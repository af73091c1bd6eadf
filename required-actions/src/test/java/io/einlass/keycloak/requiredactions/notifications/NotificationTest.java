package io.einlass.keycloak.requiredactions.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.events.EventType;

/** Which event stands for which notification, and that every notification has its texts. */
class NotificationTest {

    @Test
    void passwordChangesAndResetsAreTold() {
        assertThat(Notification.of(EventType.UPDATE_PASSWORD, Map.of(), false)).contains(Notification.PASSWORD_CHANGED);
        assertThat(Notification.of(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "password"), false)).contains(Notification.PASSWORD_CHANGED);
        assertThat(Notification.of(EventType.UPDATE_PASSWORD, Map.of(), true)).as("in the reset flow").contains(Notification.PASSWORD_RESET);
        assertThat(Notification.of(EventType.RESET_PASSWORD, Map.of(), false)).contains(Notification.PASSWORD_RESET);
    }

    @Test
    void authenticatorsAddedAndRemovedAreTold() {
        assertThat(Notification.of(EventType.UPDATE_TOTP, Map.of(), false)).contains(Notification.AUTHENTICATOR_ADDED);
        assertThat(Notification.of(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "otp"), false)).contains(Notification.AUTHENTICATOR_ADDED);
        assertThat(Notification.of(EventType.REMOVE_TOTP, Map.of(), false)).contains(Notification.AUTHENTICATOR_REMOVED);
        assertThat(Notification.of(EventType.REMOVE_CREDENTIAL, Map.of("credential_type", "otp"), false)).contains(Notification.AUTHENTICATOR_REMOVED);
    }

    @Test
    void passkeysAddedAndRemovedAreTold() {
        // a passkey signs in alone: its owner must hear of one an intruder added
        assertThat(Notification.of(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "webauthn-passwordless"), false))
                .contains(Notification.PASSKEY_ADDED);
        assertThat(Notification.of(EventType.REMOVE_CREDENTIAL, Map.of("credential_type", "webauthn-passwordless"), false))
                .contains(Notification.PASSKEY_REMOVED);
        assertThat(Notification.PASSKEY_ADDED.key()).isEqualTo("passkey-added");
    }

    @Test
    void aLostAuthenticatorReplacedInAResetIsToldOnceAsReplaced() {
        assertThat(Notification.of(EventType.UPDATE_TOTP, Map.of(), true)).isEmpty();
        assertThat(Notification.of(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "otp"), true)).isEmpty();
        assertThat(Notification.of(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "otp", "einlass_action", "authenticator_replaced"), true))
                .contains(Notification.AUTHENTICATOR_REPLACED);
        assertThat(Notification.of(EventType.CUSTOM_REQUIRED_ACTION, Map.of("einlass_action", "account_recovered"), true))
                .as("the reset itself is told by its password-reset mail").isEmpty();
    }

    @Test
    void einlassActionsNameTheirNotification() {
        assertThat(Notification.of(EventType.UPDATE_PROFILE, Map.of("einlass_action", "recovery_email_changed"), false))
                .contains(Notification.RECOVERY_EMAIL_CHANGED);
        assertThat(Notification.of(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "einlass-trusted-browser",
                "einlass_action", "trusted_browser_added"), false)).contains(Notification.TRUSTED_BROWSER_ADDED);
        assertThat(Notification.of(EventType.REMOVE_CREDENTIAL, Map.of("einlass_action", "trusted_browsers_forgotten"), false))
                .contains(Notification.TRUSTED_BROWSERS_FORGOTTEN);
    }

    @Test
    void automaticRevocationsSignInsAndOtherChangesAreNotMailed() {
        assertThat(Notification.of(EventType.REMOVE_CREDENTIAL, Map.of("einlass_action", "trusted_browsers_revoked"), false)).isEmpty();
        assertThat(Notification.of(EventType.LOGIN, Map.of(), false)).isEmpty();
        assertThat(Notification.of(EventType.UPDATE_PROFILE, Map.of(), false)).isEmpty();
        assertThat(Notification.of(EventType.SEND_VERIFY_EMAIL, Map.of("einlass_action", "recovery_email_confirmation_sent"), false)).isEmpty();
        assertThat(Notification.of(EventType.REMOVE_CREDENTIAL, Map.of("credential_type", "einlass-trusted-browser"), false)).isEmpty();
    }

    @Test
    void onlyChangesOfTheRecoveryAddressTellTheOldOne() {
        assertThat(Notification.values()).filteredOn(Notification::tellsPreviousRecoveryEmail)
                .containsExactlyInAnyOrder(Notification.RECOVERY_EMAIL_CHANGED, Notification.RECOVERY_EMAIL_REMOVED);
    }

    @Test
    void switchesUseTheKeys() {
        assertThat(Notification.TRUSTED_BROWSER_ADDED.key()).isEqualTo("trusted-browser-added");
        assertThat(Notification.ofKey("password-changed")).contains(Notification.PASSWORD_CHANGED);
        assertThat(NotificationSwitches.parse(" trusted-browser-added, password-reset ")).isEqualTo(Set.of("trusted-browser-added", "password-reset"));
        assertThat(NotificationSwitches.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void everyNotificationHasASubjectAndATextInEveryLanguage(String language) throws IOException {
        Properties messages = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/theme-resources/messages/messages_" + language + ".properties")) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (Notification n : Notification.values()) {
            assertThat(messages.getProperty("einlass.notification." + n.key() + ".subject")).as(n + " subject").isNotBlank().contains("{0}");
            assertThat(messages.getProperty("einlass.notification." + n.key() + ".text")).as(n + " text").isNotBlank().contains("{0}").contains("{1}");
        }
    }
}
