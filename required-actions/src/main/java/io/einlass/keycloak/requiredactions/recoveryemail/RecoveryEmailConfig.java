package io.einlass.keycloak.requiredactions.recoveryemail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.einlass.keycloak.core.config.Bounds;
import io.einlass.keycloak.core.config.ConfigCheck;
import io.einlass.keycloak.core.config.Settings;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Typed reader of the "Add a recovery email (Einlass)" required action's config (Authentication > Required actions >
 * gear). Keycloak's own {@code max_auth_age} is part of it: how recent the last sign-in must be.
 */
public record RecoveryEmailConfig(Duration linkValidity, boolean notNow) {

    public static final String LINK_VALIDITY = "einlass.recovery-email.link-validity-minutes";
    public static final String NOT_NOW = "einlass.recovery-email.not-now";

    public static final int DEFAULT_LINK_VALIDITY = 1440;
    public static final int MIN_LINK_VALIDITY = 5;
    public static final int MAX_LINK_VALIDITY = 4320;
    static final Bounds LINK_VALIDITY_BOUNDS = Bounds.of(MIN_LINK_VALIDITY, MAX_LINK_VALIDITY);
    /** Confirmation mails per account and per address within an hour (cluster-wide). */
    public static final int MAILS_PER_HOUR = 3;

    private static final ConfigCheck CHECK = ConfigCheck.of(properties()).whole(LINK_VALIDITY, LINK_VALIDITY_BOUNDS);

    public static RecoveryEmailConfig from(RequiredActionConfigModel model) {
        return from(model == null || model.getConfig() == null ? Map.of() : model.getConfig());
    }

    public static RecoveryEmailConfig from(Map<String, String> config) {
        Settings s = Settings.of(config);
        return new RecoveryEmailConfig(Duration.ofMinutes(s.integer(LINK_VALIDITY, DEFAULT_LINK_VALIDITY, LINK_VALIDITY_BOUNDS)),
                s.bool(NOT_NOW, true));
    }

    /** Why the config is not acceptable, if it is not (shown by the admin console on save). */
    public static Optional<String> problem(Map<String, String> config) {
        return CHECK.problem(config);
    }

    static List<ProviderConfigProperty> properties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(RequiredActionFactory.MAX_AUTH_AGE_CONFIG_PROPERTIES);
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(LINK_VALIDITY).label("Confirmation link validity (minutes)")
                .helpText("How long the link in the confirmation mail works: 5 to 4320 minutes, default 1440 (24 hours). "
                        + "The mail states it. Only the newest link of an account works.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_LINK_VALIDITY)).add()
                .property().name(NOT_NOW).label("Offer 'Not now'")
                .helpText("When the action is set on an account (by an admin or as a default action for new users), offer a "
                        + "'Not now' button that skips it for this sign-in; it comes back at the next one. Apps that start the "
                        + "action (kc_action) always get Keycloak's cancel button instead. On by default.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .build());
        return properties;
    }
}
