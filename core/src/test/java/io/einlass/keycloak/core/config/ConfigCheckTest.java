package io.einlass.keycloak.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

class ConfigCheckTest {

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name("x.validity").label("Link validity (minutes)").helpText("1 to 30, default 15")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("15").add()
            .property().name("x.code").label("Code in the mail").helpText("On by default.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name("x.region").label("Default country").helpText("Two letters.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue("CH").add()
            .property().name("x.clients").label("Clients").helpText("Client IDs.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .build();

    private static final ConfigCheck CHECK = ConfigCheck.of(PROPERTIES)
            .whole("x.validity", Bounds.of(1, 30))
            .rule("x.region", v -> v.matches("[A-Za-z]{2}"), "a two-letter country code such as CH");

    @Test
    void aValidConfigPasses() {
        assertThat(CHECK.problem(Map.of("x.validity", "30", "x.code", "false", "x.region", "de", "x.clients", "a##b"))).isEmpty();
        assertThat(CHECK.problem(Map.of("x.validity", " 1 ", "x.code", "TRUE"))).isEmpty();
    }

    @Test
    void unsetBlankAndUndeclaredValuesPass() {
        Map<String, String> config = new HashMap<>();
        config.put("x.validity", "  ");
        config.put("x.code", null);
        config.put("default.reference.value", "whatever");
        assertThat(CHECK.problem(config)).isEmpty();
        assertThat(CHECK.problem(Map.of())).isEmpty();
        assertThat(CHECK.problem(null)).isEmpty();
    }

    @Test
    void aNumberOutOfRangeIsRefusedNamingTheLabelTheRangeAndTheValue() {
        assertThat(CHECK.problem(Map.of("x.validity", "45")))
                .contains("Link validity (minutes) must be a whole number from 1 to 30; got 45.");
        assertThat(CHECK.problem(Map.of("x.validity", "0")))
                .contains("Link validity (minutes) must be a whole number from 1 to 30; got 0.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "15min", "0x10", "1e3", "99999999999", "--1"})
    void aValueThatIsNotAWholeNumberIsRefused(String garbage) {
        assertThat(CHECK.problem(Map.of("x.validity", garbage)))
                .contains("Link validity (minutes) must be a whole number from 1 to 30; got " + garbage + ".");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", "tru"})
    void aSwitchThatIsNeitherTrueNorFalseIsRefused(String garbage) {
        assertThat(CHECK.problem(Map.of("x.code", garbage)))
                .contains("Code in the mail must be on or off (true or false); got " + garbage + ".");
    }

    @Test
    void ruleViolationsSayWhatIsExpected() {
        assertThat(CHECK.problem(Map.of("x.region", "Switzerland")))
                .contains("Default country must be a two-letter country code such as CH; got Switzerland.");
    }

    @Test
    void theFirstInvalidOptionInConsoleOrderIsReported() {
        assertThat(CHECK.problem(Map.of("x.region", "Switzerland", "x.code", "yes", "x.validity", "99")))
                .hasValueSatisfying(m -> assertThat(m).startsWith("Link validity (minutes)"));
    }

    @Test
    void longValuesAreShortenedInTheMessage() {
        String longValue = "9".repeat(200);
        assertThat(CHECK.problem(Map.of("x.validity", longValue))).hasValueSatisfying(m -> {
            assertThat(m).hasSizeLessThan(120);
            assertThat(m).endsWith("...");
        });
    }

    @Test
    void everyNumberOptionNeedsItsBoundsAndOnlyDeclaredOptionsCanBeBounded() {
        assertThatThrownBy(() -> ConfigCheck.of(PROPERTIES).problem(Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("x.validity");
        assertThatThrownBy(() -> ConfigCheck.of(PROPERTIES).whole("x.typo", Bounds.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.typo");
        assertThat(CHECK.bounds("x.validity")).contains(Bounds.of(1, 30));
        assertThat(CHECK.bounds("x.code")).isEmpty();
    }
}
