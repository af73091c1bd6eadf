package io.einlass.keycloak.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.ExecutionConfig;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Keycloak 26.7 stores a sign-in step's settings without asking the step. An admin who saved a value out of bounds
 * gets a sign-in that still works with the nearest allowed value, and a WARN in the server log that names the
 * settings, the value and the range.
 */
@EinlassTest
class StepSettingsIT {

    private static final String REALM = EinlassEnvironment.REALM;

    private final EinlassEnvironment env;
    private final AdminClient admin;

    StepSettingsIT(EinlassEnvironment env) {
        this.env = env;
        this.admin = env.admin();
    }

    @Test
    void anOutOfBoundsStepSettingIsClampedAndReportedInTheLog() throws Exception {
        TestUser user = new TestUsers(admin, REALM).withoutPassword("clamped");
        try (ExecutionConfig ignored = ExecutionConfig.change(admin, REALM, "einlass browser", "einlass-magic-link",
                Map.of("einlass.magic-link.resend-cooldown-seconds", "5000"))) {
            Page waiting = SignIn.requestLink(env.browser(), env.portalApp().login(), user.email());
            assertThat(waiting.status()).isEqualTo(200);
            assertThat(waiting.element("#kc-page-title").text()).isEqualTo("Check your inbox");
            env.mailbox().next(user.email());

            String expected = "Einlass step settings 'einlass magic link': Resend cooldown (seconds) must be a whole number "
                    + "from 10 to 900; got 5000.";
            Path log = Path.of(env.server().logLocation());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (!Files.readString(log).contains(expected) && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(log)).contains(expected);
        }
    }
}
