package io.einlass.keycloak.core.events;

/**
 * Event detail keys and values Einlass adds to Keycloak's own event types, so Keycloak's event store, metrics and
 * listeners see them. Values never contain a link, code, token or cookie value.
 */
public final class EinlassEvents {

    /** Keycloak's standard detail ({@code Details.AUTH_METHOD}). */
    public static final String AUTH_METHOD = "auth_method";
    /** Keycloak's standard detail ({@code Details.REASON}). */
    public static final String REASON = "reason";
    /** Keycloak's standard detail ({@code Details.CREDENTIAL_TYPE}). */
    public static final String CREDENTIAL_TYPE = "credential_type";
    /** What Einlass did, when Keycloak's event type alone does not say it (e.g. {@code magic_link_sent}). */
    public static final String ACTION = "einlass_action";
    /** How a magic link was confirmed: {@code same_browser}, {@code other_device}, {@code code}, {@code grant}. */
    public static final String CONFIRMATION = "einlass_confirmation";

    /** On SEND_VERIFY_EMAIL of a sign-in link: "true" when a mail went out, "false" (with a reason) when not. */
    public static final String DELIVERED = "einlass_delivered";

    /** On a LOGIN: "true" when a trusted browser skipped the authenticator-app code. */
    public static final String TRUSTED_BROWSER = "einlass_trusted_browser";

    private EinlassEvents() {
    }
}
