package io.einlass.keycloak.authenticators.trust;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.einlass.keycloak.core.config.Settings;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Typed reader of the "Authenticator app code (Einlass)" step's config. */
public record OtpConfig(Duration timeLimit) {

    public static final String TIME_LIMIT = "einlass.otp.time-limit-minutes";
    public static final int DEFAULT_TIME_LIMIT = 15;

    public static OtpConfig from(AuthenticatorConfigModel model) {
        return from(model == null || model.getConfig() == null ? Map.of() : model.getConfig());
    }

    public static OtpConfig from(Map<String, String> config) {
        return new OtpConfig(Duration.ofMinutes(Settings.of(config).integer(TIME_LIMIT, DEFAULT_TIME_LIMIT, 1, 60)));
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(TIME_LIMIT).label("Time limit after the first step (minutes)")
                .helpText("The code must be entered within this time after the password or the email link was confirmed "
                        + "(1 to 60 minutes, default 15). Later, the person starts the sign-in again.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULT_TIME_LIMIT)).add()
                .build();
    }
}
