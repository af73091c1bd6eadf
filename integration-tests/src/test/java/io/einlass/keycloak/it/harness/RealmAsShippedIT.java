package io.einlass.keycloak.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.TestUsers;
import org.junit.jupiter.api.Test;

/** The portal realm is imported exactly as shipped in realm-config/portal-realm.json. */
@EinlassTest
class RealmAsShippedIT {

    private final AdminClient admin;
    private final JsonNode realm;

    RealmAsShippedIT(AdminClient admin) {
        this.admin = admin;
        this.realm = admin.get("/realms/" + EinlassEnvironment.REALM);
    }

    @Test
    void speaksEnglishAndGermanWithTheEinlassTheme() {
        assertThat(realm.path("internationalizationEnabled").asBoolean()).isTrue();
        assertThat(realm.path("supportedLocales")).extracting(JsonNode::asText).containsExactlyInAnyOrder("en", "de", "fr", "it");
        assertThat(realm.path("loginTheme").asText()).isEqualTo("einlass");
        assertThat(realm.path("emailTheme").asText()).isEqualTo("einlass");
    }

    @Test
    void bruteForceDetectionIsOnWithTheSecurityDefaults() {
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("permanentLockout").asBoolean()).isFalse();
        assertThat(realm.path("failureFactor").asInt()).isEqualTo(10);
        assertThat(realm.path("waitIncrementSeconds").asInt()).isEqualTo(60);
        assertThat(realm.path("maxFailureWaitSeconds").asInt()).isEqualTo(900);
        assertThat(realm.path("maxDeltaTimeSeconds").asInt()).isEqualTo(43200);
        assertThat(realm.path("quickLoginCheckMilliSeconds").asLong()).isEqualTo(1000);
        assertThat(realm.path("maxSecondaryAuthFailures").asInt()).isEqualTo(20);
    }

    @Test
    void otpPolicyIsSixDigitTotpEveryThirtySecondsNotReusable() {
        assertThat(realm.path("otpPolicyType").asText()).isEqualTo("totp");
        assertThat(realm.path("otpPolicyDigits").asInt()).isEqualTo(6);
        assertThat(realm.path("otpPolicyPeriod").asInt()).isEqualTo(30);
        assertThat(realm.path("otpPolicyLookAheadWindow").asInt()).isEqualTo(1);
        assertThat(realm.path("otpPolicyCodeReusable").asBoolean()).isFalse();
    }

    @Test
    void sessionsAndLinksHaveTheDocumentedLifetimes() {
        assertThat(realm.path("rememberMe").asBoolean()).isFalse();
        assertThat(realm.path("ssoSessionIdleTimeout").asInt()).isEqualTo(1800);
        assertThat(realm.path("ssoSessionMaxLifespan").asInt()).isEqualTo(36000);
        assertThat(realm.path("accessCodeLifespanLogin").asInt()).isEqualTo(900);
        assertThat(realm.path("actionTokenGeneratedByAdminLifespan").asInt()).isEqualTo(259200);
        assertThat(realm.path("attributes").path("actionTokenGeneratedByUserLifespan.reset-credentials").asText()).isEqualTo("1800");
        assertThat(realm.path("attributes").path("actionTokenGeneratedByUserLifespan.verify-email").asText()).isEqualTo("86400");
    }

    @Test
    void eventsAndAdminEventsAreRecorded() {
        assertThat(realm.path("eventsEnabled").asBoolean()).isTrue();
        assertThat(realm.path("eventsExpiration").asLong()).isPositive();
        assertThat(realm.path("adminEventsEnabled").asBoolean()).isTrue();
    }

    @Test
    void strictSecurityHeadersAreSet() {
        JsonNode headers = realm.path("browserSecurityHeaders");
        assertThat(headers.path("contentSecurityPolicy").asText())
                .contains("script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'self'")
                .doesNotContain("unsafe-eval").doesNotContain("form-action");
        assertThat(headers.path("xFrameOptions").asText()).isEqualTo("SAMEORIGIN");
        assertThat(headers.path("referrerPolicy").asText()).isEqualTo("no-referrer");
        assertThat(headers.path("strictTransportSecurity").asText()).contains("max-age=");
    }

    @Test
    void smtpAndPublicUrlComeFromTheEnvironmentPlaceholders(EinlassEnvironment env) {
        JsonNode smtp = realm.path("smtpServer");
        assertThat(smtp.path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(smtp.path("port").asText()).isEqualTo(String.valueOf(env.mailbox().port()));
        assertThat(smtp.path("from").asText()).isEqualTo("no-reply@portal.example");
        assertThat(realm.path("attributes").path("frontendUrl").asText()).isEqualTo(env.baseUrl());
    }

    @Test
    void portalAppIsAPublicPkceClientWithStandardFlowOnly(EinlassEnvironment env) {
        JsonNode client = admin.get("/realms/portal/clients?clientId=portal-app").get(0);
        assertThat(client.path("publicClient").asBoolean()).isTrue();
        assertThat(client.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isFalse();
        assertThat(client.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(client.path("redirectUris")).extracting(JsonNode::asText).containsExactlyInAnyOrder(env.appUrl() + "/callback", env.appUrl() + "/login");
        assertThat(client.path("attributes").path("post.logout.redirect.uris").asText()).isEqualTo(env.appUrl() + "/");
    }

    @Test
    void aPasswordShorterThanTwelveCharactersIsRefused() {
        TestUsers users = new TestUsers(admin, EinlassEnvironment.REALM);
        assertThat(admin.get("/realms/portal").path("passwordPolicy").asText())
                .isEqualTo("length(12) and notUsername and notEmail and passwordHistory(3)");
        TestUser user = users.withPassword("policy");
        var response = admin.call("PUT", "/realms/portal/users/" + user.id() + "/reset-password",
                java.util.Map.of("type", "password", "value", "Short-pw-1!", "temporary", false));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    }
}
