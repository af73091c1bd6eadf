package io.einlass.keycloak.it.identify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.einlass.keycloak.it.support.AdminClient;
import io.einlass.keycloak.it.support.Browser;
import io.einlass.keycloak.it.support.Chrome;
import io.einlass.keycloak.it.support.EinlassEnvironment;
import io.einlass.keycloak.it.support.EinlassTest;
import io.einlass.keycloak.it.support.OidcApp;
import io.einlass.keycloak.it.support.Page;
import io.einlass.keycloak.it.support.SignIn;
import io.einlass.keycloak.it.support.TestUsers;
import io.einlass.keycloak.it.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeds 000 and 001: a partner's customers and a company's staff, found by the domain of their address. The portal
 * realm uses Keycloak's organizations (the demo has two, Globex and Initech); this test adds "Umbrella", which signs
 * its people in at its own identity provider (a second realm of the same server, a real OIDC provider), and "Hooli"
 * with its own branding. The realm also offers an identity provider as a button on the email page, as Keycloak's own
 * page does.
 */
@EinlassTest
class OrganizationsIT {

    private static final String REALM = EinlassEnvironment.REALM;
    private static final String PARTNER = "einlass-partner-idp";
    private static final String UMBRELLA_IDP = "umbrella-sso";
    private static final String BUTTON_IDP = "partner-login";
    private static final String HOOLI_NAME = "Hooli Kundenportal";

    private static EinlassEnvironment shared;
    private static String umbrellaId;
    private static String hooliId;
    private static boolean organizationsWereEnabled;

    private final EinlassEnvironment env;
    private final AdminClient admin;

    OrganizationsIT(EinlassEnvironment env) {
        this.env = env;
        this.admin = env.admin();
        setUpOnce(env);
    }

    private static synchronized void setUpOnce(EinlassEnvironment env) {
        if (shared != null) {
            return;
        }
        AdminClient admin = env.admin();
        String base = env.baseUrl();
        // the partner's own sign-in: a realm of its own with a confidential client for the portal's broker
        admin.post("/realms", Map.of(
                "realm", PARTNER, "enabled", true,
                "clients", List.of(brokerClient(base, UMBRELLA_IDP), brokerClient(base, BUTTON_IDP))));
        organizationsWereEnabled = admin.get("/realms/" + REALM).path("organizationsEnabled").asBoolean();
        admin.put("/realms/" + REALM, Map.of("organizationsEnabled", true));
        admin.post("/realms/" + REALM + "/identity-provider/instances", identityProvider(base, UMBRELLA_IDP, "Umbrella SSO"));
        admin.post("/realms/" + REALM + "/identity-provider/instances", identityProvider(base, BUTTON_IDP, "Partner Login"));
        umbrellaId = createOrganization(admin, "Umbrella", "umbrella", "umbrella.example", Map.of());
        hooliId = createOrganization(admin, "Hooli", "hooli", "hooli.example",
                Map.of("einlass.brand.name", List.of(HOOLI_NAME), "einlass.brand.color", List.of("#3a5f0b")));
        expect2xx(admin.call("POST", "/realms/" + REALM + "/organizations/" + umbrellaId + "/identity-providers", "\"" + UMBRELLA_IDP + "\""));
        // Keycloak's "Redirect when email domain matches" on the organization's provider, for its domain
        JsonNode idp = admin.get("/realms/" + REALM + "/identity-provider/instances/" + UMBRELLA_IDP);
        ((com.fasterxml.jackson.databind.node.ObjectNode) idp.path("config"))
                .put("kc.org.domain", "umbrella.example")
                .put("kc.org.broker.redirect.mode.email-matches", "true");
        admin.put("/realms/" + REALM + "/identity-provider/instances/" + UMBRELLA_IDP, idp);
        shared = env;
    }

    @AfterAll
    static void tearDown() {
        if (shared == null) {
            return;
        }
        AdminClient admin = shared.admin();
        admin.delete("/realms/" + REALM + "/organizations/" + umbrellaId);
        admin.delete("/realms/" + REALM + "/organizations/" + hooliId);
        admin.delete("/realms/" + REALM + "/identity-provider/instances/" + UMBRELLA_IDP);
        admin.delete("/realms/" + REALM + "/identity-provider/instances/" + BUTTON_IDP);
        admin.put("/realms/" + REALM, Map.of("organizationsEnabled", organizationsWereEnabled));
        admin.delete("/realms/" + PARTNER);
        shared = null;
    }

    // --- identity providers on the email page ------------------------------------------------------------------

    @Test
    void theRealmsIdentityProviderIsOfferedOnTheEmailPageAndSignsIn() {
        String email = TestUsers.uniqueEmail("button");
        partnerUser(email, "Partner-Pw-1");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page emailPage = SignIn.start(browser, login);

        assertThat(emailPage.has("#social-" + BUTTON_IDP)).as("the provider's button").isTrue();
        assertThat(emailPage.element("#social-" + BUTTON_IDP).text()).contains("Partner Login");
        assertThat(emailPage.has("#social-" + UMBRELLA_IDP)).as("an organization's provider is not a public button").isFalse();

        Page partnerLogin = browser.open(emailPage.element("#social-" + BUTTON_IDP).absUrl("href"));
        assertThat(partnerLogin.uri().getPath()).startsWith("/realms/" + PARTNER + "/");
        Tokens tokens = login.complete(signInAtPartner(partnerLogin, email, "Partner-Pw-1"));

        assertThat(tokens.idClaims().path("email").asText()).isEqualTo(email);
        String userId = admin.userId(REALM, email);
        assertThat(admin.get("/realms/" + REALM + "/users/" + userId + "/federated-identity"))
                .anySatisfy(link -> assertThat(link.path("identityProvider").asText()).isEqualTo(BUTTON_IDP));
    }

    @Test
    void thePasswordResetPageOffersNoIdentityProviders() {
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page passwordPage = SignIn.enterEmail(SignIn.start(browser, login), TestUsers.uniqueEmail("reset-idp"));
        Page resetPage = SignIn.forgotPassword(passwordPage);

        assertThat(resetPage.has("#einlass-identify-form")).isTrue();
        assertThat(resetPage.has("#kc-social-providers")).isFalse();
    }

    // --- identity-first routing by the organization's domain ---------------------------------------------------

    @Test
    void anAddressOfTheOrganizationsDomainSignsInAtItsIdentityProviderAndBecomesAMember() {
        String email = TestUsers.uniqueEmail("ann").replaceAll("@.*", "@umbrella.example");
        partnerUser(email, "Partner-Pw-2");
        Browser browser = env.browser();
        OidcApp.Login login = env.portalApp().login();
        Page partnerLogin = SignIn.enterEmail(SignIn.start(browser, login), email);

        assertThat(partnerLogin.uri().getPath()).as("the partner's own sign-in page").startsWith("/realms/" + PARTNER + "/");
        assertThat(partnerLogin.form("#kc-form-login").value("username")).as("the address goes along as login hint").isEqualTo(email);
        Tokens tokens = login.complete(signInAtPartner(partnerLogin, email, "Partner-Pw-2"));

        assertThat(tokens.idClaims().path("email").asText()).isEqualTo(email);
        String userId = admin.userId(REALM, email);
        assertThat(admin.get("/realms/" + REALM + "/organizations/" + umbrellaId + "/members/" + userId).path("id").asText())
                .as("Keycloak made the person a member of Umbrella").isEqualTo(userId);
    }

    @Test
    void knownAndUnknownAddressesOfThatDomainAreSentThereAlike() {
        String known = TestUsers.uniqueEmail("kim").replaceAll("@.*", "@umbrella.example");
        admin.createUser(REALM, known, "Local-Pw-" + System.nanoTime(), Map.of());
        String unknown = TestUsers.uniqueEmail("nobody").replaceAll("@.*", "@umbrella.example");

        Page forKnown = SignIn.enterEmail(SignIn.start(env.browser(), env.portalApp().login()), known);
        Page forUnknown = SignIn.enterEmail(SignIn.start(env.browser(), env.portalApp().login()), unknown);

        assertThat(forKnown.uri().getPath()).isEqualTo(forUnknown.uri().getPath()).startsWith("/realms/" + PARTNER + "/");
        assertThat(forKnown.status()).isEqualTo(forUnknown.status()).isEqualTo(200);
        assertThat(forKnown.form("#kc-form-login").value("username")).isEqualTo(known);
        assertThat(forUnknown.form("#kc-form-login").value("username")).isEqualTo(unknown);
    }

    @Test
    void addressesOfOtherDomainsStayOnTheEinlassSignIn() {
        Page next = SignIn.enterEmail(SignIn.start(env.browser(), env.portalApp().login()),
                TestUsers.uniqueEmail("someone").replaceAll("@.*", "@elsewhere.example"));

        assertThat(next.uri().getPath()).startsWith("/realms/" + REALM + "/");
        assertThat(next.has("#kc-form-login")).as("the usual password page").isTrue();
        assertThat(next.element("#einlass-product").text()).isNotEqualTo(HOOLI_NAME);
    }

    // --- the organization's branding -------------------------------------------------------------------------

    @Test
    void aMemberOfAnOrganizationSignsInWithItsBrandingAndTheOrganizationInTheToken() {
        String email = TestUsers.uniqueEmail("mia").replaceAll("@.*", "@hooli.example");
        String password = "Pw-" + System.nanoTime();
        String userId = admin.createUser(REALM, email, password, Map.of());
        addMember(hooliId, userId);
        OidcApp.Login login = env.portalApp().login(Map.of("scope", "openid organization"));
        Page emailPage = SignIn.start(env.browser(), login);
        assertThat(emailPage.element("#einlass-product").text()).as("before the address is known: the realm's branding")
                .isNotEqualTo(HOOLI_NAME);

        Page passwordPage = SignIn.enterEmail(emailPage, email);
        assertThat(passwordPage.element("#einlass-product").text()).isEqualTo(HOOLI_NAME);
        assertThat(passwordPage.title()).endsWith(HOOLI_NAME);
        assertThat(passwordPage.body()).contains("--einlass-primary: #3a5f0b");
        Tokens tokens = login.complete(SignIn.enterPassword(passwordPage, password));

        assertThat(tokens.accessClaims().path("organization").toString()).contains("hooli");
    }

    @Test
    void aStrangerOfThatDomainSeesTheSameBrandingAsAMember() {
        String member = TestUsers.uniqueEmail("max").replaceAll("@.*", "@hooli.example");
        addMember(hooliId, admin.createUser(REALM, member, "Pw-" + System.nanoTime(), Map.of()));
        String stranger = TestUsers.uniqueEmail("ghost").replaceAll("@.*", "@hooli.example");

        Page forMember = SignIn.enterEmail(SignIn.start(env.browser(), env.portalApp().login()), member);
        Page forStranger = SignIn.enterEmail(SignIn.start(env.browser(), env.portalApp().login()), stranger);

        assertThat(forMember.element("#einlass-product").text()).isEqualTo(HOOLI_NAME);
        assertThat(forStranger.element("#einlass-product").text()).isEqualTo(HOOLI_NAME);
        assertThat(forStranger.title()).isEqualTo(forMember.title());
    }

    /** The demo organization Globex and its member Greta, as shipped in realm-config/demo/organizations/. */
    @Test
    void theDemoOrganizationsMemberSignsInWithItsBranding() {
        OidcApp.Login login = env.portalApp().login();
        Page passwordPage = SignIn.enterEmail(SignIn.start(env.browser(), login), "greta@globex.example");

        assertThat(passwordPage.element("#einlass-product").text()).isEqualTo("Globex Kundenservice");
        assertThat(passwordPage.element("img.einlass-logo").attr("src")).endsWith("/img/tenant-globex.svg");
        assertThat(passwordPage.element("#einlass-support").text()).contains("service@globex.example");
        Tokens tokens = login.complete(SignIn.enterPassword(passwordPage, "Demo-Greta-2026!"));
        assertThat(tokens.idClaims().path("email").asText()).isEqualTo("greta@globex.example");
    }

    /** Keycloak itself finds a member's organization through the membership; that must not brand the page. */
    @Test
    void aMembershipAloneNeverBrandsThePage() {
        String member = TestUsers.uniqueEmail("outside").replaceAll("@.*", "@elsewhere.example");
        addMember(hooliId, admin.createUser(REALM, member, "Pw-" + System.nanoTime(), Map.of()));
        String stranger = TestUsers.uniqueEmail("outside-ghost").replaceAll("@.*", "@elsewhere.example");

        Page forMember = SignIn.enterEmail(SignIn.start(env.browser(), env.portalApp().login()), member);
        Page forStranger = SignIn.enterEmail(SignIn.start(env.browser(), env.portalApp().login()), stranger);

        assertThat(forMember.element("#einlass-product").text()).isNotEqualTo(HOOLI_NAME)
                .isEqualTo(forStranger.element("#einlass-product").text());
        assertThat(forMember.title()).isEqualTo(forStranger.title());
    }

    /** The button and the branded page in Chromium, under the realm's strict CSP, in English and German. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void inChromiumTheProviderButtonAndTheOrganizationsBrandingWorkUnderTheStrictCsp(String lang) {
        // a stranger of the demo organization Globex's domain
        String stranger = TestUsers.uniqueEmail("chrome-" + lang).replaceAll("@.*", "@globex.example");
        try (Chrome chrome = Chrome.start(lang)) {
            chrome.open(env.portalApp().login().url());
            assertThat(chrome.has("#social-" + BUTTON_IDP)).isTrue();
            chrome.shoot("signin-identity-provider");
            chrome.type("#email", stranger);
            chrome.click("#einlass-continue");
            assertThat(chrome.has("#password")).isTrue();
            assertThat(chrome.text("#einlass-product")).isEqualTo("Globex Kundenservice");
            chrome.shoot("signin-organization-branding");
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private Page signInAtPartner(Page partnerLogin, String email, String password) {
        return partnerLogin.form("#kc-form-login").set("username", email).set("password", password).submit();
    }

    private void partnerUser(String email, String password) {
        admin.post("/realms/" + PARTNER + "/users", Map.of(
                "username", email, "email", email, "emailVerified", true, "enabled", true,
                "firstName", "Partner", "lastName", "Person",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
    }

    private void addMember(String organizationId, String userId) {
        expect2xx(admin.call("POST", "/realms/" + REALM + "/organizations/" + organizationId + "/members", "\"" + userId + "\""));
    }

    private static Map<String, Object> brokerClient(String base, String alias) {
        return Map.of("clientId", "portal-" + alias, "secret", "broker-secret-" + alias, "publicClient", false,
                "enabled", true, "standardFlowEnabled", true,
                "redirectUris", List.of(base + "/realms/" + REALM + "/broker/" + alias + "/endpoint"));
    }

    private static Map<String, Object> identityProvider(String base, String alias, String displayName) {
        String partner = base + "/realms/" + PARTNER + "/protocol/openid-connect";
        return Map.of("alias", alias, "displayName", displayName, "providerId", "oidc", "enabled", true,
                "trustEmail", true,
                "config", Map.of(
                        "clientId", "portal-" + alias, "clientSecret", "broker-secret-" + alias,
                        "clientAuthMethod", "client_secret_post",
                        "authorizationUrl", partner + "/auth", "tokenUrl", partner + "/token",
                        "issuer", base + "/realms/" + PARTNER, "validateSignature", "false",
                        "defaultScope", "openid email profile", "syncMode", "IMPORT",
                        "loginHint", "true"));
    }

    private static String createOrganization(AdminClient admin, String name, String alias, String domain,
                                             Map<String, List<String>> attributes) {
        HttpResponse<String> created = admin.call("POST", "/realms/" + REALM + "/organizations", Map.of(
                "name", name, "alias", alias, "enabled", true,
                "domains", List.of(Map.of("name", domain)), "attributes", attributes));
        expect2xx(created);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static void expect2xx(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " -> "
                    + response.statusCode() + " " + response.body());
        }
    }
}
