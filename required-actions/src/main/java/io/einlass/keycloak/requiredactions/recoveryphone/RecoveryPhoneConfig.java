package io.einlass.keycloak.requiredactions.recoveryphone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.einlass.keycloak.core.config.Bounds;
import io.einlass.keycloak.core.config.ConfigCheck;
import io.einlass.keycloak.core.config.Settings;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Typed reader of the "Add a recovery phone (Einlass)" required action's config; every default and bound here. */
public record RecoveryPhoneConfig(String defaultRegion, boolean mobileOnly, Set<String> countries, Duration codeValidity,
                                  Duration firstCooldown, int dailyBudget, boolean notNow) {

    public static final String DEFAULT_REGION = "einlass.recovery-phone.default-region";
    public static final String MOBILE_ONLY = "einlass.recovery-phone.mobile-only";
    public static final String COUNTRIES = "einlass.recovery-phone.countries";
    public static final String CODE_VALIDITY = "einlass.recovery-phone.code-validity-seconds";
    public static final String RESEND_COOLDOWN = "einlass.recovery-phone.resend-cooldown-seconds";
    public static final String DAILY_BUDGET = "einlass.recovery-phone.daily-budget";
    public static final String NOT_NOW = "einlass.recovery-phone.not-now";

    public static final String DEFAULT_COUNTRIES = "CH,DE,AT,LI";
    public static final int DEFAULT_CODE_VALIDITY = 300;
    public static final int MIN_CODE_VALIDITY = 60;
    public static final int MAX_CODE_VALIDITY = 600;
    public static final int DEFAULT_COOLDOWN = 30;
    public static final int MAX_COOLDOWN = 300;
    public static final int DEFAULT_DAILY_BUDGET = 500;
    /** SMS per sign-in (auth session), the first one included. */
    public static final int SMS_PER_SESSION = 3;
    public static final int SMS_PER_NUMBER_PER_HOUR = 5;
    public static final int SMS_PER_IP_PER_HOUR = 10;
    /** Wrong codes before a code stops working. */
    public static final int MAX_CODE_TRIES = 5;
    public static final int CODE_DIGITS = 6;
    static final Bounds CODE_VALIDITY_BOUNDS = Bounds.of(MIN_CODE_VALIDITY, MAX_CODE_VALIDITY);
    static final Bounds COOLDOWN_BOUNDS = Bounds.of(10, MAX_COOLDOWN);
    static final Bounds DAILY_BUDGET_BOUNDS = Bounds.of(1, 100_000);

    private static final ConfigCheck CHECK = ConfigCheck.of(properties())
            .rule(DEFAULT_REGION, region -> region.matches("[A-Za-z]{2}"), "a two-letter country code such as CH")
            .whole(CODE_VALIDITY, CODE_VALIDITY_BOUNDS)
            .whole(RESEND_COOLDOWN, COOLDOWN_BOUNDS)
            .whole(DAILY_BUDGET, DAILY_BUDGET_BOUNDS);

    public static RecoveryPhoneConfig from(RequiredActionConfigModel model) {
        return from(model == null || model.getConfig() == null ? Map.of() : model.getConfig());
    }

    public static RecoveryPhoneConfig from(Map<String, String> config) {
        Settings s = Settings.of(config);
        String region = s.string(DEFAULT_REGION, "CH").toUpperCase(Locale.ROOT);
        Set<String> countries = s.list(COUNTRIES).stream().map(c -> c.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (!config.containsKey(COUNTRIES)) {
            countries = Set.of(DEFAULT_COUNTRIES.split(","));
        }
        return new RecoveryPhoneConfig(region.matches("[A-Z]{2}") ? region : "CH", s.bool(MOBILE_ONLY, true), countries,
                Duration.ofSeconds(s.integer(CODE_VALIDITY, DEFAULT_CODE_VALIDITY, CODE_VALIDITY_BOUNDS)),
                Duration.ofSeconds(s.integer(RESEND_COOLDOWN, DEFAULT_COOLDOWN, COOLDOWN_BOUNDS)),
                s.integer(DAILY_BUDGET, DEFAULT_DAILY_BUDGET, DAILY_BUDGET_BOUNDS), s.bool(NOT_NOW, true));
    }

    /** Wait before the n-th resend (1-based): the first cooldown, doubled each time, at most 300 s (30, 60, 120, 240, 300). */
    public Duration cooldownBeforeResend(int sendsSoFar) {
        long factor = 1L << Math.min(Math.max(sendsSoFar - 1, 0), 16);
        return Duration.ofSeconds(Math.min(firstCooldown.toSeconds() * factor, MAX_COOLDOWN));
    }

    /** Whether numbers of {@code region} are accepted (an empty list accepts every country). */
    public boolean allows(String region) {
        return countries.isEmpty() || countries.contains(region);
    }

    /** Why the config is not acceptable, if it is not (shown by the admin console on save). */
    public static Optional<String> problem(Map<String, String> config) {
        return CHECK.problem(config);
    }

    static List<ProviderConfigProperty> properties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(RequiredActionFactory.MAX_AUTH_AGE_CONFIG_PROPERTIES);
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(DEFAULT_REGION).label("Default country")
                .helpText("Numbers typed without +country code are read as numbers of this country (two letters, default CH).")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("CH").add()
                .property().name(MOBILE_ONLY).label("Mobile numbers only")
                .helpText("Accept only numbers that can receive SMS (mobile numbers). On by default; landlines are refused with a message.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(COUNTRIES).label("Allowed countries")
                .helpText("Two-letter country codes whose numbers are accepted (default CH, DE, AT, LI). Empty: every country, "
                        + "which exposes the SMS budget to expensive destinations (SMS pumping).")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).defaultValue(DEFAULT_COUNTRIES.replace(",", "##")).add()
                .property().name(CODE_VALIDITY).label("Code validity (seconds)")
                .helpText("How long the SMS code works: 60 to 600 seconds, default 300. The page states it.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_CODE_VALIDITY)).add()
                .property().name(RESEND_COOLDOWN).label("First resend cooldown (seconds)")
                .helpText("Wait before a new code can be sent: 10 to 300 seconds, default 30; doubles with each resend, at most 300.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_COOLDOWN)).add()
                .property().name(DAILY_BUDGET).label("SMS per day in this realm")
                .helpText("Most verification SMS the realm sends in 24 hours: 1 to 100000, default 500. Beyond it no SMS is sent "
                        + "(fails closed) and an event says so. Also fixed: 3 SMS per sign-in, 5 per number and 10 per IP address per hour.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_DAILY_BUDGET)).add()
                .property().name(NOT_NOW).label("Offer 'Not now'")
                .helpText("When the action is set on an account, offer 'Not now' to skip it for this sign-in. On by default.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .build());
        return properties;
    }
}
