package io.einlass.keycloak.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.Json;
import org.junit.jupiter.api.Test;

/**
 * An admin saves the settings of an Einlass required action (Authentication > Required actions > gear), as the admin
 * console does it: a value the action cannot use is refused with a message that names the option, the value and what
 * is allowed, and the stored settings stay as they were.
 * <p>
 * Keycloak 26.7 has no such check for the settings of an authenticator execution (Authentication > flow > step >
 * settings): it stores them without asking the authenticator, so there is nothing of Einlass to test there.
 */
@EinlassTest
class RequiredActionSettingsIT {

    private static final String REALM = EinlassEnvironment.REALM;
    private static final String RECOVERY_EMAIL = "einlass-recovery-email";
    private static final String RECOVERY_PHONE = "einlass-recovery-phone";

    private final AdminClient admin;

    RequiredActionSettingsIT(AdminClient admin) {
        this.admin = admin;
    }

    private static String path(String alias) {
        return "/realms/" + REALM + "/authentication/required-actions/" + alias + "/config";
    }

    private Map<String, String> stored(String alias) {
        Map<String, String> config = new HashMap<>();
        admin.get(path(alias)).path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }

    /** What the console's Save sends: the whole form, one value changed. */
    private HttpResponse<String> save(String alias, Map<String, String> before, String key, String value) {
        Map<String, String> form = new HashMap<>(before);
        form.put(key, value);
        return admin.call("PUT", path(alias), Map.of("config", form));
    }

    @Test
    void anOutOfRangeLinkValidityIsRefusedWithTheLabelTheValueAndTheRangeAndNothingIsStored() {
        Map<String, String> before = stored(RECOVERY_EMAIL);
        assertThat(before).containsEntry("einlass.recovery-email.link-validity-minutes", "1440");

        HttpResponse<String> response = save(RECOVERY_EMAIL, before, "einlass.recovery-email.link-validity-minutes", "45000");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = Json.parse(response.body());
        assertThat(error.path("errorMessage").asText())
                .isEqualTo("Confirmation link validity (minutes) must be a whole number from 5 to 4320; got 45000.");
        assertThat(stored(RECOVERY_EMAIL)).as("the stored settings are unchanged").isEqualTo(before);
    }

    @Test
    void aNumberThatIsNotAWholeNumberAndASwitchThatIsNeitherOnNorOffAreRefused() {
        Map<String, String> before = stored(RECOVERY_PHONE);

        HttpResponse<String> notANumber = save(RECOVERY_PHONE, before, "einlass.recovery-phone.daily-budget", "1.5");
        assertThat(notANumber.statusCode()).as(notANumber.body()).isEqualTo(400);
        assertThat(Json.parse(notANumber.body()).path("errorMessage").asText())
                .isEqualTo("SMS per day in this realm must be a whole number from 1 to 100000; got 1.5.");

        HttpResponse<String> notASwitch = save(RECOVERY_PHONE, before, "einlass.recovery-phone.mobile-only", "yes");
        assertThat(notASwitch.statusCode()).as(notASwitch.body()).isEqualTo(400);
        assertThat(Json.parse(notASwitch.body()).path("errorMessage").asText())
                .isEqualTo("Mobile numbers only must be on or off (true or false); got yes.");

        assertThat(stored(RECOVERY_PHONE)).as("the stored settings are unchanged").isEqualTo(before);
    }

    @Test
    void aValueWithinTheBoundsIsSaved() {
        Map<String, String> before = stored(RECOVERY_EMAIL);
        try {
            HttpResponse<String> response = save(RECOVERY_EMAIL, before, "einlass.recovery-email.link-validity-minutes", "4320");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            assertThat(stored(RECOVERY_EMAIL)).containsEntry("einlass.recovery-email.link-validity-minutes", "4320");
        } finally {
            admin.put(path(RECOVERY_EMAIL), Map.of("config", before));
        }
        assertThat(stored(RECOVERY_EMAIL)).isEqualTo(before);
    }
}
