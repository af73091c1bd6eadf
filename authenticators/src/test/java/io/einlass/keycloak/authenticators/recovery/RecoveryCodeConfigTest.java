package io.einlass.keycloak.authenticators.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.provider.ProviderConfigProperty;

class RecoveryCodeConfigTest {

    @Test
    void defaultsPassTheCheckAndAreWhatTheReaderUses() {
        Map<String, String> defaults = new HashMap<>();
        RecoveryCodeConfig.properties().forEach(p -> defaults.put(p.getName(), String.valueOf(p.getDefaultValue())));
        assertThat(RecoveryCodeConfig.problem(defaults)).isEmpty();
        assertThat(RecoveryCodeConfig.from(defaults)).isEqualTo(RecoveryCodeConfig.from(Map.of()))
                .isEqualTo(new RecoveryCodeConfig(Duration.ofSeconds(600), Duration.ofSeconds(30), 500));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "einlass.recovery-code.validity-seconds|601|Code validity (seconds) must be a whole number from 60 to 600; got 601.",
            "einlass.recovery-code.validity-seconds|59|Code validity (seconds) must be a whole number from 60 to 600; got 59.",
            "einlass.recovery-code.resend-cooldown-seconds|5|First resend cooldown (seconds) must be a whole number from 10 to 300; got 5.",
            "einlass.recovery-code.sms-daily-budget|0|Recovery SMS per day in this realm must be a whole number from 1 to 100000; got 0.",
            "einlass.recovery-code.sms-daily-budget|lots|Recovery SMS per day in this realm must be a whole number from 1 to 100000; got lots."})
    void invalidValuesAreRefusedNamingTheLabelTheRangeAndTheValue(String key, String value, String message) {
        assertThat(RecoveryCodeConfig.problem(Map.of(key, value))).contains(message);
    }

    @Test
    void everyOptionIsAnIntegerWhoseHelpStatesTheBoundsTheReaderClampsTo() {
        Pattern range = Pattern.compile("(\\d+) to (\\d+)");
        for (ProviderConfigProperty p : RecoveryCodeConfig.properties()) {
            assertThat(p.getType()).as(p.getName()).isEqualTo(ProviderConfigProperty.INTEGER_TYPE);
            Matcher m = range.matcher(p.getHelpText());
            assertThat(m.find()).as("help of %s states the bounds", p.getName()).isTrue();
            int min = Integer.parseInt(m.group(1));
            int max = Integer.parseInt(m.group(2));
            assertThat(RecoveryCodeConfig.problem(Map.of(p.getName(), String.valueOf(min)))).isEmpty();
            assertThat(RecoveryCodeConfig.problem(Map.of(p.getName(), String.valueOf(max)))).isEmpty();
            assertThat(RecoveryCodeConfig.problem(Map.of(p.getName(), String.valueOf(max + 1)))).isPresent();
            assertThat(RecoveryCodeConfig.from(Map.of(p.getName(), String.valueOf(max + 1))))
                    .isEqualTo(RecoveryCodeConfig.from(Map.of(p.getName(), String.valueOf(max))));
            assertThat(RecoveryCodeConfig.from(Map.of(p.getName(), String.valueOf(min - 1))))
                    .isEqualTo(RecoveryCodeConfig.from(Map.of(p.getName(), String.valueOf(min))));
        }
    }
}
