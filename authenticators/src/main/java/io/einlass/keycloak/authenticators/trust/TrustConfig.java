package io.einlass.keycloak.authenticators.trust;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.einlass.keycloak.core.config.Bounds;
import io.einlass.keycloak.core.config.ConfigCheck;
import io.einlass.keycloak.core.config.Settings;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Typed reader of the "Trusted browser (Einlass)" step's config; every default and bound lives here. */
public record TrustConfig(Duration duration, boolean checkedByDefault, int maxBrowsers) {

    public static final String DAYS = "einlass.trusted-browser.days";
    public static final String CHECKED = "einlass.trusted-browser.checked-by-default";
    public static final String MAX = "einlass.trusted-browser.max-browsers";

    public static final int DEFAULT_DAYS = 30;
    public static final int DEFAULT_MAX = 10;
    static final Bounds DAYS_BOUNDS = Bounds.of(1, 365);
    static final Bounds MAX_BOUNDS = Bounds.of(1, 100);

    public static final TrustConfig DEFAULTS = from(Map.of());

    private static final ConfigCheck CHECK = ConfigCheck.of(properties()).whole(DAYS, DAYS_BOUNDS).whole(MAX, MAX_BOUNDS);

    public static TrustConfig from(AuthenticatorConfigModel model) {
        CHECK.warnIfInvalid(model);
        return from(model == null || model.getConfig() == null ? Map.of() : model.getConfig());
    }

    public static TrustConfig from(Map<String, String> config) {
        Settings s = Settings.of(config);
        return new TrustConfig(Duration.ofDays(s.integer(DAYS, DEFAULT_DAYS, DAYS_BOUNDS)),
                s.bool(CHECKED, false),
                s.integer(MAX, DEFAULT_MAX, MAX_BOUNDS));
    }

    public long days() {
        return duration.toDays();
    }

    /**
     * Why {@code config} is not acceptable, if it is not. Keycloak 26.7 calls no provider check when an execution's
     * config is saved, so this one is not run on save; it states what is valid, and at runtime the reader clamps or
     * uses the default.
     */
    public static Optional<String> problem(Map<String, String> config) {
        return CHECK.problem(config);
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(DAYS).label("Trust duration (days)")
                .helpText("How long a trusted browser skips the authenticator-app step: 1 to 365 days, default 30. Counted from "
                        + "the moment of trust, never extended by use, checked on the server.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_DAYS)).add()
                .property().name(CHECKED).label("Checkbox checked by default")
                .helpText("Whether 'Trust this browser' is pre-checked on the code page. Off by default: people on shared "
                        + "computers should not trust them by accident.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(MAX).label("Trusted browsers per user")
                .helpText("Most browsers one user can trust at a time (1 to 100, default 10). Trusting one more removes the oldest.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_MAX)).add()
                .build();
    }
}
