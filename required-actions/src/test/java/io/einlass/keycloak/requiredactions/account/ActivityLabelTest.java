package io.einlass.keycloak.requiredactions.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/** Which of the user's events the activity list shows, and as what. */
class ActivityLabelTest {

    private static Event event(EventType type, Map<String, String> details) {
        Event event = new Event();
        event.setType(type);
        event.setDetails(details);
        return event;
    }

    @Test
    void signInsAndChangesAreShown() {
        assertThat(ActivitySection.label(event(EventType.LOGIN, Map.of()))).isEqualTo("einlass.account.activity.login");
        assertThat(ActivitySection.label(event(EventType.LOGIN_ERROR, null))).isEqualTo("einlass.account.activity.login-error");
        assertThat(ActivitySection.label(event(EventType.UPDATE_PASSWORD, Map.of()))).isEqualTo("einlass.account.activity.password");
        assertThat(ActivitySection.label(event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "otp"))))
                .isEqualTo("einlass.account.activity.authenticator-added");
        assertThat(ActivitySection.label(event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "webauthn-passwordless"))))
                .isEqualTo("einlass.account.activity.passkey-added");
        assertThat(ActivitySection.label(event(EventType.REMOVE_CREDENTIAL, Map.of("credential_type", "webauthn-passwordless"))))
                .isEqualTo("einlass.account.activity.passkey-removed");
        assertThat(ActivitySection.label(event(EventType.REMOVE_CREDENTIAL, Map.of("credential_type", "einlass-trusted-browser",
                "einlass_action", "trusted_browser_forgotten")))).isEqualTo("einlass.account.activity.browser-forgotten");
        assertThat(ActivitySection.label(event(EventType.REMOVE_CREDENTIAL, Map.of("credential_type", "einlass-trusted-browser",
                "einlass_action", "trusted_browsers_revoked")))).isEqualTo("einlass.account.activity.browsers-forgotten");
        assertThat(ActivitySection.label(event(EventType.UPDATE_PROFILE, Map.of("einlass_action", "recovery_phone_removed"))))
                .isEqualTo("einlass.account.activity.recovery-phone");
        assertThat(ActivitySection.label(event(EventType.UPDATE_PROFILE, Map.of()))).isEqualTo("einlass.account.activity.profile");
        assertThat(ActivitySection.label(event(EventType.LOGOUT, Map.of("einlass_action", "account_secured"))))
                .isEqualTo("einlass.account.activity.secured");
    }

    @Test
    void duplicatesAndNoiseAreLeftOut() {
        // Keycloak also reports a password change as UPDATE_CREDENTIAL, and every sign-out as LOGOUT
        assertThat(ActivitySection.label(event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "password")))).isNull();
        assertThat(ActivitySection.label(event(EventType.LOGOUT, Map.of()))).isNull();
        assertThat(ActivitySection.label(event(EventType.CODE_TO_TOKEN, Map.of()))).isNull();
    }
}
