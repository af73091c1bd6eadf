package io.einlass.keycloak.authenticators.magiclink;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.einlass.keycloak.core.config.Bounds;
import io.einlass.keycloak.core.config.ConfigCheck;
import io.einlass.keycloak.core.config.Settings;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Typed reader of the config of an emailed-link step ({@code einlass-magic-link}, {@code einlass-reset-email}).
 * Every key, default and bound lives here; the factories' admin console properties and the {@link #problem check}
 * of a config are built from the same constants.
 */
public record MagicLinkConfig(Duration validity, boolean codeEnabled, boolean crossDevice, Duration resendCooldown,
                              int addressLimit, Duration addressWindow, int ipLimit, Duration ipWindow,
                              Set<String> apiClients, boolean selfRegistration) {

    public static final String VALIDITY_MINUTES = "einlass.magic-link.validity-minutes";
    public static final String CODE = "einlass.magic-link.code";
    public static final String CROSS_DEVICE = "einlass.magic-link.cross-device";
    public static final String RESEND_COOLDOWN = "einlass.magic-link.resend-cooldown-seconds";
    public static final String ADDRESS_LIMIT = "einlass.magic-link.limit-per-address";
    public static final String ADDRESS_WINDOW = "einlass.magic-link.limit-per-address-window-minutes";
    public static final String IP_LIMIT = "einlass.magic-link.limit-per-ip";
    public static final String IP_WINDOW = "einlass.magic-link.limit-per-ip-window-minutes";
    public static final String API_CLIENTS = "einlass.magic-link.api-clients";
    public static final String SELF_REGISTRATION = "einlass.magic-link.self-registration";

    public static final int DEFAULT_VALIDITY_MINUTES = 15;
    public static final int MAX_VALIDITY_MINUTES = 30;
    public static final int DEFAULT_RESEND_COOLDOWN = 60;
    public static final int MIN_RESEND_COOLDOWN = 10;
    /** The cooldown never grows beyond 15 minutes. */
    public static final int MAX_RESEND_COOLDOWN = 900;
    public static final int DEFAULT_ADDRESS_LIMIT = 3;
    public static final int DEFAULT_ADDRESS_WINDOW = 15;
    public static final int DEFAULT_IP_LIMIT = 30;
    public static final int DEFAULT_IP_WINDOW = 60;
    /** Digits of the code in the mail. */
    public static final int CODE_DIGITS = 6;
    /** Wrong codes accepted per link before the code stops working. */
    public static final int MAX_CODE_ATTEMPTS = 5;

    static final Bounds VALIDITY_BOUNDS = Bounds.of(1, MAX_VALIDITY_MINUTES);
    static final Bounds RESEND_COOLDOWN_BOUNDS = Bounds.of(MIN_RESEND_COOLDOWN, MAX_RESEND_COOLDOWN);
    static final Bounds ADDRESS_LIMIT_BOUNDS = Bounds.of(1, 100);
    static final Bounds IP_LIMIT_BOUNDS = Bounds.of(1, 10_000);
    /** Both rate-limit windows: a minute to a day. */
    static final Bounds WINDOW_BOUNDS = Bounds.of(1, 1440);

    /** Clients the REST API never makes links for, whatever the config says. */
    public static final Set<String> NEVER_API_CLIENTS = Set.of("security-admin-console", "admin-cli", "account",
            "account-console", "broker", "realm-management");

    public static final MagicLinkConfig DEFAULTS = from(Map.of());

    /** The sign-in step's options include the reset step's; labels and bounds are the same for both. */
    private static final ConfigCheck CHECK = ConfigCheck.of(properties(LinkPurpose.SIGN_IN))
            .whole(VALIDITY_MINUTES, VALIDITY_BOUNDS)
            .whole(RESEND_COOLDOWN, RESEND_COOLDOWN_BOUNDS)
            .whole(ADDRESS_LIMIT, ADDRESS_LIMIT_BOUNDS)
            .whole(ADDRESS_WINDOW, WINDOW_BOUNDS)
            .whole(IP_LIMIT, IP_LIMIT_BOUNDS)
            .whole(IP_WINDOW, WINDOW_BOUNDS);

    public static MagicLinkConfig from(AuthenticatorConfigModel model) {
        CHECK.warnIfInvalid(model);
        return from(model == null || model.getConfig() == null ? Map.of() : model.getConfig());
    }

    static MagicLinkConfig from(AuthenticatorConfigModel model, int defaultValidityMinutes) {
        CHECK.warnIfInvalid(model);
        return from(model == null || model.getConfig() == null ? Map.of() : model.getConfig(), defaultValidityMinutes);
    }

    public static MagicLinkConfig from(Map<String, String> config) {
        return from(config, DEFAULT_VALIDITY_MINUTES);
    }

    static MagicLinkConfig from(Map<String, String> config, int defaultValidityMinutes) {
        Settings s = Settings.of(config);
        return new MagicLinkConfig(
                Duration.ofMinutes(s.integer(VALIDITY_MINUTES, defaultValidityMinutes, VALIDITY_BOUNDS)),
                s.bool(CODE, true),
                s.bool(CROSS_DEVICE, true),
                Duration.ofSeconds(s.integer(RESEND_COOLDOWN, DEFAULT_RESEND_COOLDOWN, RESEND_COOLDOWN_BOUNDS)),
                s.integer(ADDRESS_LIMIT, DEFAULT_ADDRESS_LIMIT, ADDRESS_LIMIT_BOUNDS),
                Duration.ofMinutes(s.integer(ADDRESS_WINDOW, DEFAULT_ADDRESS_WINDOW, WINDOW_BOUNDS)),
                s.integer(IP_LIMIT, DEFAULT_IP_LIMIT, IP_LIMIT_BOUNDS),
                Duration.ofMinutes(s.integer(IP_WINDOW, DEFAULT_IP_WINDOW, WINDOW_BOUNDS)),
                Set.copyOf(s.list(API_CLIENTS)),
                s.bool(SELF_REGISTRATION, false));
    }

    /**
     * Why {@code config} is not acceptable for either emailed-link step, if it is not: the first option outside its
     * bounds, not a whole number, or a switch that is neither true nor false. Keycloak 26.7 calls no provider check
     * when an execution's config is saved, so this one is not run on save; it states what is valid, and at runtime the
     * reader clamps or uses the default.
     */
    public static Optional<String> problem(Map<String, String> config) {
        return CHECK.problem(config);
    }

    /** True when the REST API may make links that sign in to {@code clientId} through this step. */
    public boolean apiAllows(String clientId) {
        return clientId != null && !NEVER_API_CLIENTS.contains(clientId) && apiClients.contains(clientId);
    }

    /** Cooldown before the n-th resend (1-based): doubles each time, at most 15 minutes. */
    public Duration cooldownBeforeResend(int sendsSoFar) {
        long factor = 1L << Math.min(Math.max(sendsSoFar - 1, 0), 20);
        return Duration.ofSeconds(Math.min(resendCooldown.toSeconds() * factor, MAX_RESEND_COOLDOWN));
    }

    /** The properties of the sign-in step; the reset step has the same ones without the REST API clients. */
    static List<ProviderConfigProperty> properties(LinkPurpose purpose) {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create()
                .property().name(VALIDITY_MINUTES).label("Link validity (minutes)")
                .helpText(purpose == LinkPurpose.RESET
                        ? "How long the reset link and code in the mail work: 1 to 30 minutes, default 30. It is also capped by "
                        + "the realm's lifespan of 'Forgot password' links (Realm settings > Tokens > User-initiated action "
                        + "lifespan). The mail states the validity and the time it ends."
                        : "How long the link and code in the mail work: 1 to 30 minutes, default 15. It is also capped by the "
                        + "realm's login timeout (Realm settings > Sessions > Login timeout), which ends the sign-in attempt; "
                        + "raise both for 30 minutes. The mail states the validity and the time it ends.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(purpose.defaultValidityMinutes())).add()
                .property().name(CODE).label("Code in the mail")
                .helpText("Also put a 6-digit code in the mail that can be typed on the waiting page instead of clicking the "
                        + "link (useful when the mail is read on another device). At most 5 wrong codes per link; wrong codes "
                        + "count in brute-force detection.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(CROSS_DEVICE).label("Approve from another device")
                .helpText("Let a link opened in another browser approve the waiting browser after the person types the 2-digit "
                        + "number shown on the waiting page. The other browser is never signed in. Off: the link only works in "
                        + "the browser that requested it (the code still works).")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(RESEND_COOLDOWN).label("Resend cooldown (seconds)")
                .helpText("Wait before 'Resend' works again: 10 to 900 seconds, default 60; doubles with each resend. "
                        + "Shown as a countdown on the waiting page and enforced by the server.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_RESEND_COOLDOWN)).add()
                .property().name(ADDRESS_LIMIT).label("Links per address")
                .helpText("Most links sent to one address per window: 1 to 100, default 3. Counted for unknown addresses too, "
                        + "cluster-wide; requests over the limit get the same page and no mail.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_ADDRESS_LIMIT)).add()
                .property().name(ADDRESS_WINDOW).label("Window for links per address (minutes)")
                .helpText("Length of the window for 'Links per address': 1 to 1440 minutes, default 15.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_ADDRESS_WINDOW)).add()
                .property().name(IP_LIMIT).label("Links per IP address")
                .helpText("Most link requests from one client IP address per window, for all addresses together: 1 to 10000, "
                        + "default 30.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_IP_LIMIT)).add()
                .property().name(IP_WINDOW).label("Window for links per IP (minutes)")
                .helpText("Length of the window for 'Links per IP address': 1 to 1440 minutes, default 60.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_IP_WINDOW)).add();
        if (purpose == LinkPurpose.SIGN_IN) {
            builder.property().name(API_CLIENTS).label("Clients for REST API links")
                    .helpText("Client IDs the REST endpoint POST /realms/{realm}/einlass/magic-links may make sign-in links for, "
                            + "among the clients whose browser flow contains this step. Empty: none. The admin and account "
                            + "consoles are never allowed.")
                    .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add();
            builder.property().name(SELF_REGISTRATION).label("Create accounts by link")
                    .helpText("On, and where the realm lets people register (Realm settings > Login > User registration): an "
                            + "address without any account gets a link (and code) that creates the account, with a verified "
                            + "address, only when it is confirmed; the profile fields of the user profile are asked next. The "
                            + "page is the same as for every address, and the limits per address and IP apply. Off (default), "
                            + "or with registration off: such addresses get no mail.")
                    .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add();
        }
        return builder.build();
    }
}
