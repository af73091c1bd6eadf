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

/** Typed reader of the "Authenticator app code (Einlass)" step's config. */
public record OtpConfig(Duration timeLimit) {

    public static final String TIME_LIMIT = "einlass.otp.time-limit-minutes";
    public static final int DEFAULT_TIME_LIMIT = 15;
    static final Bounds TIME_LIMIT_BOUNDS = Bounds.of(1, 60);

    private static final ConfigCheck CHECK = ConfigCheck.of(properties()).whole(TIME_LIMIT, TIME_LIMIT_BOUNDS);

    public static OtpConfig from(AuthenticatorConfigModel model) {
        CHECK.warnIfInvalid(model);
        return from(model == null || model.getConfig() == null ? Map.of() : model.getConfig());
    }

    public static OtpConfig from(Map<String, String> config) {
        return new OtpConfig(Duration.ofMinutes(Settings.of(config).integer(TIME_LIMIT, DEFAULT_TIME_LIMIT, TIME_LIMIT_BOUNDS)));
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
                .property().name(TIME_LIMIT).label("Time limit after the first step (minutes)")
                .helpText("The code must be entered within this time after the password or the email link was confirmed "
                        + "(1 to 60 minutes, default 15). Later, the person starts the sign-in again.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_TIME_LIMIT)).add()
                .build();
    }
}
