package io.einlass.keycloak.authenticators.magiclink;

import java.time.Duration;

import io.einlass.keycloak.core.events.EinlassEvents.Action;
import org.keycloak.authentication.actiontoken.resetcred.ResetCredentialsActionToken;
import org.keycloak.events.EventType;
import org.keycloak.models.RealmModel;

/**
 * What an emailed link of a flow step is for: signing in ({@code einlass-magic-link}), creating the account of an
 * address that has none in that sign-in (self-registration), or resetting the password ({@code einlass-reset-email}). One mechanism (issue, store, landing page, single use); the purpose decides the
 * mail, the texts, the events, how long the link may live and where the flow continues.
 */
enum LinkPurpose {

    SIGN_IN(LinkRecord.Kind.SIGN_IN, "einlass-magic-link.ftl", "einlass.magic-link.mail.subject",
            EventType.SEND_VERIFY_EMAIL, Action.MAGIC_LINK_SENT, "einlass.magic-link.wait.sent", "einlass.magic-link.resent",
            "authenticate", MagicLinkConfig.DEFAULT_VALIDITY_MINUTES),
    RESET(LinkRecord.Kind.RESET, "einlass-reset-link.ftl", "einlass.reset.mail.subject",
            EventType.SEND_RESET_PASSWORD, Action.RESET_LINK_SENT, "einlass.reset.wait.sent", "einlass.reset.resent",
            "reset-credentials", MagicLinkConfig.MAX_VALIDITY_MINUTES),
    /** A sign-in of an address without an account, where the realm lets people register: the link creates it. */
    REGISTER(LinkRecord.Kind.REGISTER, "einlass-register-link.ftl", "einlass.register.mail.subject",
            EventType.SEND_VERIFY_EMAIL, Action.REGISTRATION_LINK_SENT, "einlass.magic-link.wait.sent", "einlass.magic-link.resent",
            "authenticate", MagicLinkConfig.DEFAULT_VALIDITY_MINUTES);

    private final LinkRecord.Kind kind;
    private final String mailTemplate;
    private final String subjectKey;
    private final EventType sendEvent;
    private final Action sendAction;
    private final String sentKey;
    private final String resentKey;
    private final String flowPath;
    private final int defaultValidityMinutes;

    LinkPurpose(LinkRecord.Kind kind, String mailTemplate, String subjectKey, EventType sendEvent, Action sendAction,
                String sentKey, String resentKey, String flowPath, int defaultValidityMinutes) {
        this.kind = kind;
        this.mailTemplate = mailTemplate;
        this.subjectKey = subjectKey;
        this.sendEvent = sendEvent;
        this.sendAction = sendAction;
        this.sentKey = sentKey;
        this.resentKey = resentKey;
        this.flowPath = flowPath;
        this.defaultValidityMinutes = defaultValidityMinutes;
    }

    static LinkPurpose of(LinkRecord.Kind kind) {
        return switch (kind) {
            case RESET -> RESET;
            case REGISTER -> REGISTER;
            default -> SIGN_IN;
        };
    }

    LinkRecord.Kind kind() {
        return kind;
    }

    String mailTemplate() {
        return mailTemplate;
    }

    String subjectKey() {
        return subjectKey;
    }

    EventType sendEvent() {
        return sendEvent;
    }

    Action sendAction() {
        return sendAction;
    }

    /** Message key of "If {0} belongs to an account, we sent ..." on the waiting page. */
    String sentKey() {
        return sentKey;
    }

    String resentKey() {
        return resentKey;
    }

    /** The login-actions path the flow continues at after a confirmation in the same browser. */
    String flowPath() {
        return flowPath;
    }

    int defaultValidityMinutes() {
        return defaultValidityMinutes;
    }

    /**
     * The validity actually offered: the configured one, never longer than the attempt can live. A sign-in ends
     * with the realm's login timeout; a reset lives as long as Keycloak's own reset links
     * ("Forgot password" lifespan under Realm settings > Tokens > User-initiated action lifespan).
     */
    Duration validityWithin(Duration configured, RealmModel realm) {
        int cap = this == RESET
                ? realm.getActionTokenGeneratedByUserLifespan(ResetCredentialsActionToken.TOKEN_TYPE)
                : realm.getAccessCodeLifespanLogin();
        if (cap <= 0) {
            return configured;
        }
        Duration max = Duration.ofSeconds(cap);
        return configured.compareTo(max) > 0 ? max : configured;
    }
}
