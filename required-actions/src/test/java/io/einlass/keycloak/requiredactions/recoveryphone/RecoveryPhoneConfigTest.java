package io.einlass.keycloak.requiredactions.recoveryphone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.ValidationException;

/** "Add a recovery phone": what the admin console may save in the action's config, and what it is told otherwise. */
class RecoveryPhoneConfigTest {

    private final RecoveryPhoneActionFactory factory = new RecoveryPhoneActionFactory();

    private static RequiredActionConfigModel model(Map<String, String> config) {
        RequiredActionConfigModel model = new RequiredActionConfigModel();
        model.setAlias(RecoveryPhoneActionFactory.ID);
        model.setProviderId(RecoveryPhoneActionFactory.ID);
        model.setConfig(new HashMap<>(config));
        return model;
    }

    @Test
    void theShippedConfigAndTheDefaultsAreSaved() {
        Map<String, String> defaults = new HashMap<>();
        factory.getConfigMetadata().forEach(p -> defaults.put(p.getName(), String.valueOf(p.getDefaultValue())));
        assertThatCode(() -> factory.validateConfig(null, null, model(defaults))).doesNotThrowAnyException();
        assertThatCode(() -> factory.validateConfig(null, null, model(Map.of("max_auth_age", "300",
                RecoveryPhoneConfig.DEFAULT_REGION, "CH", RecoveryPhoneConfig.MOBILE_ONLY, "true",
                RecoveryPhoneConfig.COUNTRIES, "CH##DE##AT##LI", RecoveryPhoneConfig.CODE_VALIDITY, "300",
                RecoveryPhoneConfig.RESEND_COOLDOWN, "30", RecoveryPhoneConfig.DAILY_BUDGET, "500",
                RecoveryPhoneConfig.NOT_NOW, "true")))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "einlass.recovery-phone.code-validity-seconds|5000|Code validity (seconds) must be a whole number from 60 to 600; got 5000.",
            "einlass.recovery-phone.code-validity-seconds|59|Code validity (seconds) must be a whole number from 60 to 600; got 59.",
            "einlass.recovery-phone.resend-cooldown-seconds|301|First resend cooldown (seconds) must be a whole number from 10 to 300; got 301.",
            "einlass.recovery-phone.daily-budget|0|SMS per day in this realm must be a whole number from 1 to 100000; got 0.",
            "einlass.recovery-phone.daily-budget|1e6|SMS per day in this realm must be a whole number from 1 to 100000; got 1e6.",
            "einlass.recovery-phone.mobile-only|nope|Mobile numbers only must be on or off (true or false); got nope.",
            "einlass.recovery-phone.not-now|2|Offer 'Not now' must be on or off (true or false); got 2.",
            "einlass.recovery-phone.default-region|Switzerland|Default country must be a two-letter country code such as CH; got Switzerland."})
    void anInvalidValueIsRefusedOnSaveWithTheLabelTheRangeAndTheValue(String key, String value, String message) {
        assertThat(RecoveryPhoneConfig.problem(Map.of(key, value))).contains(message);
        ValidationException refused = catchThrowableOfType(() -> factory.validateConfig(null, null, model(Map.of(key, value))),
                ValidationException.class);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.getErrors()).singleElement().satisfies(e -> assertThat(e.getMessage()).isEqualTo(message));
    }

    @Test
    void numbersAreIntegerOptionsWhoseHelpStatesTheBoundsTheCheckAndTheReaderUse() {
        Pattern range = Pattern.compile("(\\d+) to (\\d+)");
        int numbers = 0;
        for (ProviderConfigProperty p : RecoveryPhoneConfig.properties()) {
            if (!ProviderConfigProperty.INTEGER_TYPE.equals(p.getType())) {
                continue;
            }
            numbers++;
            Matcher m = range.matcher(p.getHelpText());
            assertThat(m.find()).as("help of %s states the bounds", p.getName()).isTrue();
            int min = Integer.parseInt(m.group(1));
            int max = Integer.parseInt(m.group(2));
            assertThat(RecoveryPhoneConfig.problem(Map.of(p.getName(), String.valueOf(min)))).isEmpty();
            assertThat(RecoveryPhoneConfig.problem(Map.of(p.getName(), String.valueOf(max)))).isEmpty();
            assertThat(RecoveryPhoneConfig.problem(Map.of(p.getName(), String.valueOf(min - 1)))).isPresent();
            assertThat(RecoveryPhoneConfig.problem(Map.of(p.getName(), String.valueOf(max + 1)))).isPresent();
            assertThat(RecoveryPhoneConfig.from(Map.of(p.getName(), String.valueOf(max + 1))))
                    .isEqualTo(RecoveryPhoneConfig.from(Map.of(p.getName(), String.valueOf(max))));
        }
        assertThat(numbers).as("code validity, cooldown, daily budget").isEqualTo(3);
    }

    @Test
    void allowedCountriesAreReadInEachStoredForm() {
        assertThat(RecoveryPhoneConfig.from(Map.of(RecoveryPhoneConfig.COUNTRIES, "ch##de")).countries()).containsExactlyInAnyOrder("CH", "DE");
        assertThat(RecoveryPhoneConfig.from(Map.of(RecoveryPhoneConfig.COUNTRIES, "CH, DE")).countries()).containsExactlyInAnyOrder("CH", "DE");
    }
}
