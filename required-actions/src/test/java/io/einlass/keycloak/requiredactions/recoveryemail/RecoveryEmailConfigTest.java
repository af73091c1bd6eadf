package io.einlass.keycloak.requiredactions.recoveryemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.ValidationException;

/** "Add a recovery email": what the admin console may save in the action's config, and what it is told otherwise. */
class RecoveryEmailConfigTest {

    private final RecoveryEmailActionFactory factory = new RecoveryEmailActionFactory();

    private static RequiredActionConfigModel model(Map<String, String> config) {
        RequiredActionConfigModel model = new RequiredActionConfigModel();
        model.setAlias(RecoveryEmailActionFactory.ID);
        model.setProviderId(RecoveryEmailActionFactory.ID);
        model.setConfig(new HashMap<>(config));
        return model;
    }

    @Test
    void theShippedConfigAndTheDefaultsAreSaved() {
        Map<String, String> defaults = new HashMap<>();
        factory.getConfigMetadata().forEach(p -> defaults.put(p.getName(), String.valueOf(p.getDefaultValue())));
        assertThatCode(() -> factory.validateConfig(null, null, model(defaults))).doesNotThrowAnyException();
        assertThatCode(() -> factory.validateConfig(null, null, model(Map.of("max_auth_age", "300",
                RecoveryEmailConfig.LINK_VALIDITY, "1440", RecoveryEmailConfig.NOT_NOW, "true")))).doesNotThrowAnyException();
        assertThatCode(() -> factory.validateConfig(null, null, model(Map.of()))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "einlass.recovery-email.link-validity-minutes|4|Confirmation link validity (minutes) must be a whole number from 5 to 4320; got 4.",
            "einlass.recovery-email.link-validity-minutes|4321|Confirmation link validity (minutes) must be a whole number from 5 to 4320; got 4321.",
            "einlass.recovery-email.link-validity-minutes|one day|Confirmation link validity (minutes) must be a whole number from 5 to 4320; got one day.",
            "einlass.recovery-email.not-now|sometimes|Offer 'Not now' must be on or off (true or false); got sometimes."})
    void anInvalidValueIsRefusedOnSaveWithTheLabelTheRangeAndTheValue(String key, String value, String message) {
        assertThat(RecoveryEmailConfig.problem(Map.of(key, value))).contains(message);
        ValidationException refused = catchThrowableOfType(() -> factory.validateConfig(null, null, model(Map.of(key, value))),
                ValidationException.class);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.getErrors()).singleElement().satisfies(e -> assertThat(e.getMessage()).isEqualTo(message));
    }

    @Test
    void keycloaksOwnMaxAuthAgeIsStillCheckedByKeycloak() {
        ValidationException refused = catchThrowableOfType(() -> factory.validateConfig(null, null, model(Map.of("max_auth_age", "-1"))),
                ValidationException.class);
        assertThat(refused).isNotNull();
        assertThat(refused.getErrors()).singleElement().satisfies(e -> assertThat(e.getAttribute()).isEqualTo("max_auth_age"));
    }

    @Test
    void theLinkValidityIsAnIntegerOptionWhoseHelpStatesItsBounds() {
        ProviderConfigProperty validity = RecoveryEmailConfig.properties().stream()
                .filter(p -> p.getName().equals(RecoveryEmailConfig.LINK_VALIDITY)).findFirst().orElseThrow();
        assertThat(validity.getType()).isEqualTo(ProviderConfigProperty.INTEGER_TYPE);
        assertThat(validity.getHelpText()).contains(RecoveryEmailConfig.LINK_VALIDITY_BOUNDS.range(), "default 1440");
    }

    @Test
    void outOfRangeValuesThatReachTheReaderAnywayAreClamped() {
        assertThat(RecoveryEmailConfig.from(Map.of(RecoveryEmailConfig.LINK_VALIDITY, "4")).linkValidity().toMinutes()).isEqualTo(5);
        assertThat(RecoveryEmailConfig.from(Map.of(RecoveryEmailConfig.LINK_VALIDITY, "junk")).linkValidity().toMinutes()).isEqualTo(1440);
        assertThat(RecoveryEmailConfig.from(Map.of(RecoveryEmailConfig.NOT_NOW, "sometimes")).notNow()).isTrue();
    }
}
