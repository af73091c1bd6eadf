package io.einlass.keycloak.authenticators.recovery;

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

/**
 * Typed reader of the config of the recovery code steps ("Code by SMS to the recovery phone", "I can't use my
 * authenticator app"); every key, default and bound here.
 */
record RecoveryCodeConfig(Duration validity, Duration firstCooldown, int smsDailyBudget) {

    static final String VALIDITY = "einlass.recovery-code.validity-seconds";
    static final String COOLDOWN = "einlass.recovery-code.resend-cooldown-seconds";
    static final String SMS_BUDGET = "einlass.recovery-code.sms-daily-budget";

    static final int DEFAULT_VALIDITY = 600;
    static final int MIN_VALIDITY = 60;
    /** SMS codes live 10 minutes at most. */
    static final int MAX_VALIDITY = 600;
    static final int DEFAULT_COOLDOWN = 30;
    static final int MAX_COOLDOWN = 300;
    static final int DEFAULT_SMS_BUDGET = 500;
    static final Bounds VALIDITY_BOUNDS = Bounds.of(MIN_VALIDITY, MAX_VALIDITY);
    static final Bounds COOLDOWN_BOUNDS = Bounds.of(10, MAX_COOLDOWN);
    static final Bounds SMS_BUDGET_BOUNDS = Bounds.of(1, 100_000);
    static final int CODE_DIGITS = 6;
    static final int MAX_TRIES = 5;
    /** Codes per reset (auth session), the first one included, whatever the channel. */
    static final int CODES_PER_SESSION = 3;
    static final int SMS_PER_NUMBER_PER_HOUR = 5;
    static final int CODES_PER_IP_PER_HOUR = 10;
    static final int MAILS_PER_ACCOUNT_PER_HOUR = 5;

    private static final ConfigCheck CHECK = ConfigCheck.of(properties())
            .whole(VALIDITY, VALIDITY_BOUNDS).whole(COOLDOWN, COOLDOWN_BOUNDS).whole(SMS_BUDGET, SMS_BUDGET_BOUNDS);

    static RecoveryCodeConfig from(AuthenticatorConfigModel model) {
        CHECK.warnIfInvalid(model);
        return from(model == null || model.getConfig() == null ? Map.of() : model.getConfig());
    }

    static RecoveryCodeConfig from(Map<String, String> config) {
        Settings s = Settings.of(config);
        return new RecoveryCodeConfig(Duration.ofSeconds(s.integer(VALIDITY, DEFAULT_VALIDITY, VALIDITY_BOUNDS)),
                Duration.ofSeconds(s.integer(COOLDOWN, DEFAULT_COOLDOWN, COOLDOWN_BOUNDS)),
                s.integer(SMS_BUDGET, DEFAULT_SMS_BUDGET, SMS_BUDGET_BOUNDS));
    }

    /**
     * Why {@code config} is not acceptable, if it is not. Keycloak 26.7 calls no provider check when an execution's
     * config is saved, so this one is not run on save; it states what is valid, and at runtime the reader clamps or
     * uses the default.
     */
    static Optional<String> problem(Map<String, String> config) {
        return CHECK.problem(config);
    }

    /** Wait before the next code (1-based count of codes so far): the first cooldown, doubled each time, at most 300 s. */
    Duration cooldownAfter(int sendsSoFar) {
        long factor = 1L << Math.min(Math.max(sendsSoFar - 1, 0), 16);
        return Duration.ofSeconds(Math.min(firstCooldown.toSeconds() * factor, MAX_COOLDOWN));
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(VALIDITY).label("Code validity (seconds)")
                .helpText("How long a recovery code works: 60 to 600 seconds (SMS codes 10 minutes at most), default 600. The page states it.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_VALIDITY)).add()
                .property().name(COOLDOWN).label("First resend cooldown (seconds)")
                .helpText("Wait before a new code can be sent: 10 to 300 seconds, default 30; doubles with each resend, at most 300.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_COOLDOWN)).add()
                .property().name(SMS_BUDGET).label("Recovery SMS per day in this realm")
                .helpText("Most recovery SMS the realm sends in 24 hours: 1 to 100000, default 500; beyond it no SMS is sent (fails "
                        + "closed) and an event says so. Also fixed: 3 codes per reset, 5 SMS per number and 10 codes per IP address per hour.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_SMS_BUDGET)).add()
                .build();
    }
}
