package io.einlass.keycloak.authenticators.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.provider.ProviderConfigProperty;

/** The config readers and checks of the authenticator-app code, trusted browser and step-up steps. */
class TrustConfigsTest {

    private static final Pattern RANGE = Pattern.compile("(\\d+) to (\\d+)");

    @Test
    void defaultsPassTheCheckAndAreWhatTheReadersUse() {
        assertThat(OtpConfig.problem(defaults(OtpConfig.properties()))).isEmpty();
        assertThat(TrustConfig.problem(defaults(TrustConfig.properties()))).isEmpty();
        assertThat(StepUpConfig.problem(defaults(StepUpConfig.properties()))).isEmpty();
        assertThat(OtpConfig.from(defaults(OtpConfig.properties()))).isEqualTo(OtpConfig.from(Map.of()));
        assertThat(TrustConfig.from(defaults(TrustConfig.properties()))).isEqualTo(TrustConfig.DEFAULTS);
        assertThat(TrustConfig.DEFAULTS).isEqualTo(new TrustConfig(Duration.ofDays(30), false, 10));
        assertThat(OtpConfig.from(Map.of()).timeLimit()).isEqualTo(Duration.ofMinutes(15));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "einlass.otp.time-limit-minutes|61|Time limit after the first step (minutes) must be a whole number from 1 to 60; got 61.",
            "einlass.otp.time-limit-minutes|fifteen|Time limit after the first step (minutes) must be a whole number from 1 to 60; got fifteen."})
    void otpInvalidValuesAreRefused(String key, String value, String message) {
        assertThat(OtpConfig.problem(Map.of(key, value))).contains(message);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "einlass.trusted-browser.days|366|Trust duration (days) must be a whole number from 1 to 365; got 366.",
            "einlass.trusted-browser.days|0|Trust duration (days) must be a whole number from 1 to 365; got 0.",
            "einlass.trusted-browser.max-browsers|7.5|Trusted browsers per user must be a whole number from 1 to 100; got 7.5.",
            "einlass.trusted-browser.checked-by-default|ja|Checkbox checked by default must be on or off (true or false); got ja."})
    void trustInvalidValuesAreRefused(String key, String value, String message) {
        assertThat(TrustConfig.problem(Map.of(key, value))).contains(message);
    }

    @Test
    void stepUpRefusesAGarbageSwitchAndTakesAnyClientList() {
        assertThat(StepUpConfig.problem(Map.of(StepUpConfig.APP_INITIATED_ACTIONS, "maybe")))
                .contains("Account changes ask for the code must be on or off (true or false); got maybe.");
        assertThat(StepUpConfig.problem(Map.of(StepUpConfig.CLIENTS, "admin-app##payments", StepUpConfig.APP_INITIATED_ACTIONS, "false")))
                .isEmpty();
    }

    @Test
    void aGarbageStepUpSwitchKeepsTheSaferDefaultAtRuntime() {
        assertThat(StepUpConfig.from(Map.of(StepUpConfig.APP_INITIATED_ACTIONS, "maybe")).appInitiatedActions()).isTrue();
        assertThat(StepUpConfig.from(Map.of(StepUpConfig.APP_INITIATED_ACTIONS, "false")).appInitiatedActions()).isFalse();
    }

    @Test
    void stepUpClientsAreReadInEachStoredForm() {
        assertThat(StepUpConfig.from(Map.of(StepUpConfig.CLIENTS, "admin-app##payments")).clients()).containsExactlyInAnyOrder("admin-app", "payments");
        assertThat(StepUpConfig.from(Map.of(StepUpConfig.CLIENTS, "admin-app, payments")).clients()).containsExactlyInAnyOrder("admin-app", "payments");
        assertThat(StepUpConfig.from(Map.of(StepUpConfig.CLIENTS, "admin-app")).clients()).containsExactly("admin-app");
        assertThat(StepUpConfig.from(Map.of(StepUpConfig.CLIENTS, "")).clients()).isEmpty();
    }

    @Test
    void numbersAreIntegerOptionsWhoseHelpStatesTheBoundsTheCheckAndTheReaderUse() {
        assertBounds(OtpConfig.properties(), OtpConfig::problem, c -> OtpConfig.from(c));
        assertBounds(TrustConfig.properties(), TrustConfig::problem, c -> TrustConfig.from(c));
        assertThat(StepUpConfig.properties()).extracting(ProviderConfigProperty::getType)
                .containsExactly(ProviderConfigProperty.MULTIVALUED_STRING_TYPE, ProviderConfigProperty.BOOLEAN_TYPE);
        assertThat(TrustConfig.properties()).extracting(ProviderConfigProperty::getType).containsExactly(
                ProviderConfigProperty.INTEGER_TYPE, ProviderConfigProperty.BOOLEAN_TYPE, ProviderConfigProperty.INTEGER_TYPE);
    }

    /** Every number option: Integer type, help states "min to max", the check takes min and max and refuses one beyond; the reader clamps there. */
    static void assertBounds(List<ProviderConfigProperty> properties, Function<Map<String, String>, Optional<String>> problem,
                             Function<Map<String, String>, Object> reader) {
        for (ProviderConfigProperty p : properties) {
            if (!String.valueOf(p.getDefaultValue()).matches("\\d+")) {
                continue;
            }
            assertThat(p.getType()).as(p.getName()).isEqualTo(ProviderConfigProperty.INTEGER_TYPE);
            Matcher m = RANGE.matcher(p.getHelpText());
            assertThat(m.find()).as("help of %s states the bounds", p.getName()).isTrue();
            assertThat(p.getHelpText()).as("help of %s", p.getName()).contains("default " + p.getDefaultValue());
            int min = Integer.parseInt(m.group(1));
            int max = Integer.parseInt(m.group(2));
            String range = "must be a whole number from " + min + " to " + max + "; got ";
            assertThat(problem.apply(Map.of(p.getName(), String.valueOf(min)))).as("%s = %d", p.getName(), min).isEmpty();
            assertThat(problem.apply(Map.of(p.getName(), String.valueOf(max)))).as("%s = %d", p.getName(), max).isEmpty();
            assertThat(problem.apply(Map.of(p.getName(), String.valueOf(min - 1)))).contains(p.getLabel() + " " + range + (min - 1) + ".");
            assertThat(problem.apply(Map.of(p.getName(), String.valueOf(max + 1)))).contains(p.getLabel() + " " + range + (max + 1) + ".");
            assertThat(reader.apply(Map.of(p.getName(), String.valueOf(min - 1)))).as("clamped up").isEqualTo(reader.apply(Map.of(p.getName(), String.valueOf(min))));
            assertThat(reader.apply(Map.of(p.getName(), String.valueOf(max + 1)))).as("clamped down").isEqualTo(reader.apply(Map.of(p.getName(), String.valueOf(max))));
        }
    }

    private static Map<String, String> defaults(List<ProviderConfigProperty> properties) {
        Map<String, String> config = new HashMap<>();
        properties.stream().filter(p -> p.getDefaultValue() != null).forEach(p -> config.put(p.getName(), String.valueOf(p.getDefaultValue())));
        return config;
    }
}
