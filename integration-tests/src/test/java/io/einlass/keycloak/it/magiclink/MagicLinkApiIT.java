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

    private String viewerToken;
    private String impersonatorToken;

    @BeforeAll
    void shopBackendWithServiceAccount() {
        managerToken = serviceAccount("shop-backend", "manage-users");
        plainUserToken = serviceAccount("plain-backend");
        viewerToken = serviceAccount("viewer-backend", "view-users", "query-users");
        // with view-users too: since 26.7.5 Keycloak refuses to impersonate an account that holds a role the
        // caller lacks (Einlass asks Keycloak's own impersonation check, so it inherits that)
        impersonatorToken = serviceAccount("support-backend", "manage-users", "view-users", "impersonation");
    }

    /** A backend with a service account holding the given realm-management roles; returns its access token. */
    private String serviceAccount(String name, String... roles) {
        String realm = EinlassEnvironment.REALM;
        String clientId = name + "-" + System.nanoTime();
        ObjectNode client = Json.MAPPER.createObjectNode();
        client.put("clientId", clientId).put("publicClient", false)
                .put("serviceAccountsEnabled", true).put("standardFlowEnabled", false).put("secret", "secret-" + name);
        var created = admin.call("POST", "/realms/" + realm + "/clients", client);
        assertThat(created.statusCode()).isEqualTo(201);
        if (roles.length > 0) {
            String clientUuid = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
            String serviceUser = admin.get("/realms/" + realm + "/clients/" + clientUuid + "/service-account-user").path("id").asText();
            grant(serviceUser, roles);
        }
        return clientCredentials(clientId, "secret-" + name);
    }

    private void grant(String userId, String... roles) {
        String realm = EinlassEnvironment.REALM;
        String rm = admin.get("/realms/" + realm + "/clients?clientId=realm-management").get(0).path("id").asText();
        List<JsonNode> reps = new java.util.ArrayList<>();
        for (String role : roles) {
            reps.add(admin.get("/realms/" + realm + "/clients/" + rm + "/roles/" + role));
        }
        admin.post("/realms/" + realm + "/users/" + userId + "/role-mappings/clients/" + rm, reps);
    }

    private String body(String email, String clientId, String redirectUri) {
        return Json.write(Map.of("email", email, "client_id", clientId, "redirect_uri", redirectUri));
    }

    @Test
    void aCallerWhoMayOnlyViewUsersGetsNoLink() throws Exception {
        TestUser user = users.withoutPassword("api-viewed");
        HttpResponse<String> answer = call(viewerToken, body(user.email(), "portal-app", env.appUrl() + "/login"));
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(Json.parse(answer.body()).path("error_description").asText()).isEqualTo("The caller may not manage this user.");
    }

    @Test
    void anAdministratorsAccountNeedsTheRightToImpersonateIt() throws Exception {
        TestUser helpdesk = users.withoutPassword("api-helpdesk-admin");
        grant(helpdesk.id(), "view-users");
        HttpResponse<String> refused = call(managerToken, body(helpdesk.email(), "portal-app", env.appUrl() + "/login"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("/einlass/magic-link?t=");

        HttpResponse<String> allowed = call(impersonatorToken, body(helpdesk.email(), "portal-app", env.appUrl() + "/login"));
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(201);
    }

    @Test
    void noLinksIntoTheAdminOrAccountConsolesOrClientsThatDidNotOptIn() throws Exception {
        TestUser user = users.withoutPassword("api-targets");
        for (String target : List.of("security-admin-console", "account-console")) {
            String redirect = env.baseUrl() + ("security-admin-console".equals(target) ? "/admin/portal/console/" : "/realms/portal/account/");
            HttpResponse<String> answer = call(managerToken, body(user.email(), target, redirect));
            assertThat(answer.statusCode()).as(target).isEqualTo(400);
            assertThat(Json.parse(answer.body()).path("error").asText()).as(target).isEqualTo("invalid_client");
        }
        ObjectNode other = Json.MAPPER.createObjectNode();
        String otherId = "unlisted-app-" + System.nanoTime();
        other.put("clientId", otherId).put("publicClient", true).put("standardFlowEnabled", true)
                .set("redirectUris", Json.MAPPER.createArrayNode().add(env.appUrl() + "/*"));
        assertThat(admin.call("POST", "/realms/" + EinlassEnvironment.REALM + "/clients", other).statusCode()).isEqualTo(201);
        HttpResponse<String> unlisted = call(managerToken, body(user.email(), otherId, env.appUrl() + "/login"));
        assertThat(unlisted.statusCode()).isEqualTo(400);
        assertThat(Json.parse(unlisted.body()).path("error").asText()).isEqualTo("invalid_client");
        // the portal's own clients opted in through their sign-in link step
        assertThat(call(managerToken, body(user.email(), "portal-passwordless", env.appUrl() + "/login")).statusCode()).isEqualTo(201);
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
        // the page names the account in full: someone lured onto a link for another account sees whose it is
        assertThat(landing.text()).contains("Sign in as " + user.email() + " to Customer Portal?");
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

    /** The defect: a cross-site form POST of a link to the attacker's own account signed the victim's browser in. */
    @Test
    void aCrossSiteFormCannotSignTheVictimsBrowserIntoTheAttackersAccount() throws Exception {
        TestUser attacker = users.withoutPassword("api-attacker");
        String link = Json.parse(call(managerToken, body(attacker.email(), "portal-app", env.appUrl() + "/login")).body())
                .path("link").asText();
        String secret = link.substring(link.indexOf("t=") + 2, link.indexOf('&'));
        Browser victim = env.browser();
        String action = env.realmUrl() + "/einlass/magic-link";
        String form = "t=" + secret + "&decision=confirm";

        // the attacker's page auto-submits a form to the landing page: the browser says so in its headers
        Page crossSite = victim.fetch("POST", action, form, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
        // an old browser sends neither header; the form still lacks the token this browser's landing page sets
        Page unbound = victim.fetch("POST", action, form + "&einlass-page-token=guessed",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        for (Page page : List.of(crossSite, unbound)) {
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.header("Location")).isEmpty();
            assertThat(page.text()).contains("For your safety, please confirm on this page.")
                    .contains("Sign in as " + attacker.email());
        }
        assertThat(victim.cookies().get("EINLASS_ML_GRANT")).as("no grant in the victim's browser").isEmpty();
        Page signIn = victim.open(env.portalApp().login().url());
        assertThat(signIn.has("#einlass-identify-form")).as("the victim's next sign-in asks who they are").isTrue();
        admin.awaitEvent(EinlassEnvironment.REALM, "LOGIN_ERROR", e -> attacker.id().equals(e.path("userId").asText())
                && "cross_site".equals(e.path("error").asText()));

        // nothing was used: the owner can still confirm the link on its own landing page
        Browser owner = env.browser();
        Page confirmed = owner.open(link).form("#einlass-confirm-form").submit("decision", "confirm");
        assertThat(confirmed.status()).isEqualTo(303);
        assertThat(owner.cookies().get("EINLASS_ML_GRANT")).isPresent();
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
