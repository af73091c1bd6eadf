package io.einlass.keycloak.core.events;

import java.util.Locale;

/**
 * The event vocabulary of Einlass, in one place: the detail keys Einlass adds to Keycloak's own event types, the
 * values of {@code einlass_action}, and the reasons and error codes of failures. Keycloak's event store, metrics and
 * listeners see them. Values never contain a link, code, token, cookie value or phone number.
 */
public final class EinlassEvents {

    /** Keycloak's standard detail ({@code Details.AUTH_METHOD}). */
    public static final String AUTH_METHOD = "auth_method";
    /** Keycloak's standard detail ({@code Details.REASON}). */
    public static final String REASON = "reason";
    /** Keycloak's standard detail ({@code Details.CREDENTIAL_TYPE}). */
    public static final String CREDENTIAL_TYPE = "credential_type";
    /** What Einlass did, when Keycloak's event type alone does not say it: an {@link Action}. */
    public static final String ACTION = "einlass_action";
    /** How a magic link was confirmed: {@code same_browser}, {@code other_device}, {@code code}, {@code grant}. */
    public static final String CONFIRMATION = "einlass_confirmation";
    /** On SEND_VERIFY_EMAIL / SEND_RESET_PASSWORD: "true" when a mail went out, "false" (with a reason) when not. */
    public static final String DELIVERED = "einlass_delivered";
    /** On a LOGIN: "true" when a trusted browser skipped the authenticator-app code. */
    public static final String TRUSTED_BROWSER = "einlass_trusted_browser";
    /** How many items an action touched (e.g. trusted browsers forgotten). */
    public static final String COUNT = "einlass_count";
    /** Days a new trusted browser is trusted. */
    public static final String TRUSTED_DAYS = "einlass_trusted_days";
    /** The user id of the API caller who had a link made. */
    public static final String REQUESTED_BY = "einlass_requested_by";
    /** Which recovery channel proved the person (primary email, recovery email, phone). */
    public static final String CHANNEL = "einlass_channel";
    /** {@code true} when this sign-in marked the account's email as verified (a link or code from its mailbox). */
    public static final String EMAIL_VERIFIED = "einlass_email_verified";
    /** The recovery address concerned, masked ({@code a***@e***.com}). */
    public static final String RECOVERY_EMAIL = "einlass_recovery_email";
    /** The recovery address a change replaced or removed, masked. */
    public static final String PREVIOUS_RECOVERY_EMAIL = "einlass_previous_recovery_email";
    /** The phone number concerned, masked ({@code +41 79 *** ** 67}). */
    public static final String PHONE = "einlass_phone";
    /** The phone number a change replaced or removed, masked. */
    public static final String PREVIOUS_PHONE = "einlass_previous_phone";
    /** The HTTP status a gateway answered. */
    public static final String GATEWAY_STATUS = "einlass_gateway_status";
    /** The Einlass page an event came from (e.g. {@code account}, the "Sign-in and security" page). */
    public static final String PAGE = "einlass_page";
    /** On {@link Action#ACCOUNT_SECURED}: how many things the sections ended (e.g. trusted browsers). */
    public static final String SECURED = "einlass_secured";
    /** Which security notification a mail was ({@link Action#SECURITY_NOTIFICATION}). */
    public static final String NOTIFICATION = "einlass_notification";

    /** Values of {@link #ACTION}. */
    public enum Action {
        MAGIC_LINK_SENT, MAGIC_LINK_API_CREATED, MAGIC_LINK_API_SENT, MAGIC_LINK_GRANT_ISSUED,
        RESET_LINK_SENT, RESET_CODE_SENT, REGISTRATION_LINK_SENT, ACCOUNT_REGISTERED,
        TRUSTED_BROWSER_ADDED, TRUSTED_BROWSER_FORGOTTEN, TRUSTED_BROWSERS_FORGOTTEN, TRUSTED_BROWSERS_REVOKED,
        RECOVERY_EMAIL_CONFIRMATION_SENT, RECOVERY_EMAIL_ADDED, RECOVERY_EMAIL_CHANGED, RECOVERY_EMAIL_REMOVED,
        RECOVERY_PHONE_CODE_SENT, RECOVERY_PHONE_ADDED, RECOVERY_PHONE_CHANGED, RECOVERY_PHONE_REMOVED,
        ACCOUNT_RECOVERED, AUTHENTICATOR_REPLACED, ACCOUNT_SECURED,
        SECURITY_NOTIFICATION;

        /** The action of an {@link #ACTION} detail value, or null. */
        public static Action of(String value) {
            if (value == null) {
                return null;
            }
            for (Action action : values()) {
                if (action.value().equals(value)) {
                    return action;
                }
            }
            return null;
        }

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Reasons ({@link #REASON}) and, for Einlass's own failures, the event error code. Where Keycloak has an
     * error code of its own ({@code Errors.*}) Einlass uses that as the error and this as the reason.
     */
    public enum Reason {
        RATE_LIMITED, UNKNOWN_ADDRESS, NO_EMAIL, LOCKED, INVALID, EXPIRED, USED, SUPERSEDED, WRONG_CODE,
        TOO_MANY_ATTEMPTS, WRONG_MATCH, DENIED, SECOND_STEP_TIMEOUT, CROSS_SITE, UNBOUND_POST,
        SAME_AS_PRIMARY, DELIVERY_FAILED, INVALID_NUMBER, NOT_MOBILE, COUNTRY_NOT_ALLOWED, SESSION_LIMIT, BUDGET_EXHAUSTED,
        COOLDOWN, CANCELLED, NO_CHANNEL, NOT_IN_RESET,
        EMAIL_MISSING("einlass_email_missing"), EMAIL_INVALID("einlass_email_invalid");

        private final String value;

        Reason() {
            this.value = name().toLowerCase(Locale.ROOT);
        }

        Reason(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    private EinlassEvents() {
    }
}
