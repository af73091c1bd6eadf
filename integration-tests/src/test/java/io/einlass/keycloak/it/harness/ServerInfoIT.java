package io.einlass.keycloak.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.EinlassTest;
import org.junit.jupiter.api.Test;

/** An operator opens "Server Info > Providers" and sees the Einlass providers and the bundle version. */
@EinlassTest
class ServerInfoIT {

    private final JsonNode providers;
    private final JsonNode themes;
    private final JsonNode systemInfo;

    ServerInfoIT(AdminClient admin) {
        JsonNode info = admin.serverInfo();
        this.providers = info.path("providers");
        this.themes = info.path("themes");
        this.systemInfo = info.path("systemInfo");
    }

    /** The suite really ran on the server version it names (CI runs it on 26.7.5 and again on 26.7.3). */
    @Test
    void runsOnTheKeycloakServerVersionUnderTest() {
        assertThat(systemInfo.path("version").asText()).isEqualTo(System.getProperty("einlass.keycloak.version", "26.7.5"));
    }

    @Test
    void listsTheEinlassAuthenticatorsWithTheBundleVersion() {
        JsonNode authenticators = providers.path("authenticator").path("providers");
        for (String id : new String[] {"einlass-identify", "einlass-password", "einlass-magic-link", "einlass-otp",
                "einlass-trusted-browser", "einlass-reset-email", "einlass-step-up"}) {
            assertThat(authenticators.has(id)).as(id).isTrue();
            assertThat(authenticators.path(id).path("operationalInfo").path("einlass-version").asText())
                    .as(id + " version").isEqualTo(System.getProperty("einlass.version", "0.2.0"));
            assertThat(authenticators.path(id).path("operationalInfo").path("built-for-keycloak").asText()).isEqualTo("26.7.3");
        }
    }

    @Test
    void registersTheTrustedBrowserCredentialTypeAndItsRevocationListener() {
        assertThat(providers.path("credential").path("providers").has("einlass-trusted-browser")).isTrue();
        assertThat(providers.path("eventsListener").path("providers").has("einlass-trusted-browser-revocation")).isTrue();
    }

    @Test
    void servesTheEinlassEndpointsUnderTheRealmThroughItsOwnSpi() {
        assertThat(providers.path("realm-restapi-extension").path("providers").has("einlass")).isTrue();
        JsonNode endpoints = providers.path("einlass-endpoint").path("providers");
        assertThat(endpoints.has("einlass-magic-link")).as(endpoints.toString()).isTrue();
        assertThat(endpoints.has("einlass-magic-links")).isTrue();
        assertThat(endpoints.has("einlass-trusted-browsers")).isTrue();
    }

    @Test
    void showsTheConfiguredSmsGatewayAsActiveAndLoadsNoOther() {
        // --spi-einlass-sms--provider=http: Keycloak loads that gateway only
        JsonNode gateways = providers.path("einlass-sms").path("providers");
        assertThat(gateways.path("http").path("operationalInfo").path("einlass-sms-active").asText()).as(gateways.toString()).isEqualTo("true");
        assertThat(gateways.has("log")).as("the log gateway is not loaded").isFalse();
        assertThat(gateways.has("twilio")).isFalse();
    }

    @Test
    void pinsThePageLanguageThroughItsLocaleSelectorWhichIsTheDefault() {
        assertThat(providers.path("localeSelector").path("providers").has("einlass")).isTrue();
        assertThat(providers.path("localeSelector").path("providers").has("default")).isTrue();
    }

    @Test
    void offersTheEinlassLoginAndEmailTheme() {
        assertThat(themes.path("login")).extracting(t -> t.path("name").asText()).contains("einlass");
        assertThat(themes.path("email")).extracting(t -> t.path("name").asText()).contains("einlass");
    }
}
