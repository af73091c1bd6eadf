package io.einlass.keycloak.it.magiclink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.Cookie;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.Json;
import io.einlass.keycloak.it.support.Mail;
import io.einlass.keycloak.it.support.Mailbox;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.TestUsers.TestUser;
import io.einlass.keycloak.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Seed 004: the shop puts a sign-in link into its purchase confirmation. The shop's backend asks Einlass for the
 * link (REST, needs the right to manage users); the customer confirms it and the portal app signs them in.
 */
@EinlassTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MagicLinkApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final EinlassEnvironment env;
    private final AdminClient admin;
    private final Mailbox mailbox;
    private final TestUsers users;
    private String managerToken;
    private String plainUserToken;

    MagicLinkApiIT(EinlassEnvironment env) {
        this.env = env;
        this.admin = env.admin();
        this.mailbox = env.mailbox();
        this.users = new TestUsers(admin, EinlassEnvironment.REALM);
    }

    @BeforeAll
    void shopBackendWithServiceAccount() {
        String realm = EinlassEnvironment.REALM;
        ObjectNode client = Json.MAPPER.createObjectNode();
        client.put("clientId", "shop-backend-" + System.nanoTime()).put("publicClient", false)
                .put("serviceAccountsEnabled", true).put("standardFlowEnabled", false).put("secret", "shop-secret-123");
        var created = admin.call("POST", "/realms/" + realm + "/clients", client);
        assertThat(created.statusCode()).isEqualTo(201);
        String clientUuid = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        String serviceUser = admin.get("/realms/" + realm + "/clients/" + clientUuid + "/service-account-user").path("id").asText();
        String rm = admin.get("/realms/" + realm + "/clients?clientId=realm-management").get(0).path("id").asText();
        JsonNode manageUsers = admin.get("/realms/" + realm + "/clients/" + rm + "/roles/manage-users");
        admin.post("/realms/" + realm + "/users/" + serviceUser + "/role-mappings/clients/" + rm, List.of(manageUsers));
        managerToken = clientCredentials(client.path("clientId").asText(), "shop-secret-123");

        ObjectNode plain = Json.MAPPER.createObjectNode();
        plain.put("clientId", "plain-backend-" + System.nanoTime()).put("publicClient", false)
                .put("serviceAccountsEnabled", true).put("standardFlowEnabled", false).put("secret", "plain-secret-123");
        assertThat(admin.call("POST", "/realms/" + realm + "/clients", plain).statusCode()).isEqualTo(201);
        plainUserToken = clientCredentials(plain.path("clientId").asText(), "plain-secret-123");
    }

    @Test
    void callersWithoutATokenOrWithoutTheRightAreTurnedAway() throws Exception {
        TestUser user = users.withoutPassword("api-guarded");
        String body = Json.write(Map.of("email", user.email(), "client_id", "portal-app", "redirect_uri", env.appUrl() + "/login"));
        assertThat(call(null, body).statusCode()).isEqualTo(401);
        assertThat(call("not-a-token", body).statusCode()).isEqualTo(401);
        HttpResponse<String> forbidden = call(plainUserToken, body);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).doesNotContain(user.id());
    }

    @Test
    void badRequestsAreAnsweredWithAClearJsonError() throws Exception {
        TestUser user = users.withoutPassword("api-bad");
        HttpResponse<String> notAllowed = call(managerToken, Json.write(Map.of("email", user.email(), "client_id", "portal-app",
                "redirect_uri", "https://evil.example/steal")));
        assertThat(notAllowed.statusCode()).isEqualTo(400);
        assertThat(Json.parse(notAllowed.body()).path("error").asText()).isEqualTo("invalid_redirect_uri");

        assertThat(call(managerToken, "not json").statusCode()).isEqualTo(400);
        assertThat(call(managerToken, Json.write(Map.of("email", user.email()))).statusCode()).isEqualTo(400);
        assertThat(call(managerToken, Json.write(Map.of("email", user.email(), "client_id", "no-such-client",
                "redirect_uri", env.appUrl() + "/login"))).statusCode()).isEqualTo(400);
        assertThat(call(managerToken, Json.write(Map.of("email", user.email(), "client_id", "portal-app",
                "redirect_uri", env.appUrl() + "/login", "validity_minutes", 90))).statusCode()).isEqualTo(400);
        assertThat(call(managerToken, Json.write(Map.of("email", "nobody-" + System.nanoTime() + "@customer.example",
                "client_id", "portal-app", "redirect_uri", env.appUrl() + "/login"))).statusCode()).isEqualTo(404);
    }

    @Test
    void customerConfirmsTheLinkFromThePurchaseMailAndTheAppSignsThemInWithItsOwnPkce() throws Exception {
        TestUser user = users.withoutPassword("buyer");
        HttpResponse<String> created = call(managerToken, Json.write(Map.of("email", user.email(), "client_id", "portal-app",
                "redirect_uri", env.appUrl() + "/login", "validity_minutes", 30)));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode answer = Json.parse(created.body());
        assertThat(answer.path("sent").asBoolean()).isFalse();
        assertThat(answer.path("expires_in").asInt()).isEqualTo(1800);
        String link = answer.path("link").asText();
        assertThat(link).startsWith(env.baseUrl() + "/realms/portal/einlass/magic-link?t=");
        mailbox.assertNoMail(user.email(), java.time.Duration.ofSeconds(2));

        Browser customer = env.browser();
        env.browser(Browser.MAIL_SCANNER).open(link);
        Page landing = customer.open(link);
        assertThat(landing.text()).contains("Sign in as " + user.email().charAt(0) + "***@c***.example to Customer Portal?");
        Page redirected = landing.form("#einlass-confirm-form").submit("decision", "confirm");
        assertThat(redirected.status()).isEqualTo(303);
        assertThat(redirected.location()).isEqualTo(env.appUrl() + "/login");
        Cookie grant = customer.cookies().get("EINLASS_ML_GRANT").orElseThrow();
        assertThat(grant.httpOnly()).isTrue();
        assertThat(grant.secure()).isTrue();
        assertThat(grant.sameSite()).isEqualTo("Lax");
        assertThat(grant.path()).isEqualTo("/realms/portal/");

        // the app at /login starts its normal sign-in: no email page, straight back with a code
        OidcApp.Login login = env.portalApp().login();
        Page back = customer.open(login.url());
        Tokens tokens = login.complete(back);
        assertThat(tokens.idClaims().path("email").asText()).isEqualTo(user.email());
        assertThat(tokens.idClaims().path("amr")).extracting(JsonNode::asText).containsExactly("email");

        assertThat(customer.cookies().get("EINLASS_ML_GRANT")).as("the grant is used up").isEmpty();
        assertThat(env.browser().open(link).status()).isEqualTo(410);
    }

    @Test
    void aGrantForOneAppDoesNotSignIntoAnother() throws Exception {
        TestUser user = users.withoutPassword("buyer-other-app");
        String link = Json.parse(call(managerToken, Json.write(Map.of("email", user.email(), "client_id", "portal-app",
                "redirect_uri", env.appUrl() + "/login"))).body()).path("link").asText();
        Browser customer = env.browser();
        customer.open(link).form("#einlass-confirm-form").submit("decision", "confirm");

        Page other = customer.open(env.app("portal-passwordless").login().url());
        assertThat(other.has("#einlass-identify-form")).as("the other app still asks who you are").isTrue();
    }

    @Test
    void theLinkCanBeMailedByEinlassToo() throws Exception {
        TestUser user = users.withoutPassword("mailed");
        HttpResponse<String> created = call(managerToken, Json.write(Map.of("user_id", user.id(), "client_id", "portal-app",
                "redirect_uri", env.appUrl() + "/login", "send", true)));
        assertThat(created.statusCode()).isEqualTo(201);
        Mail mail = mailbox.next(user.email());
        assertThat(mail.text()).contains(Json.parse(created.body()).path("link").asText());
        assertThat(mail.text()).contains("Valid for 15 minutes");
    }

    private HttpResponse<String> call(String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(env.realmUrl() + "/einlass/magic-links"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String clientCredentials(String clientId, String secret) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(env.realmUrl() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return Json.parse(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
