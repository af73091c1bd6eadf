package io.einlass.keycloak.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The importable realm as packaged (target/classes/einlass/realm/...), read with Jackson. */
class PortalRealmTest {

    private static final String REALM = "einlass/realm/portal-realm.json";
    private static final String DEMO_USERS = "einlass/realm/demo/portal-users-0.json";

    /** Field names that hold secrets: password, secret, clientSecret, credentials, smtp password, ... */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|credential).*");
    /** Settings whose names contain such a word but hold no secret (token lifespans for "reset-credentials"). */
    private static final Pattern NOT_A_SECRET = Pattern.compile("^(actionTokenGeneratedBy(User|Admin)Lifespan\\..*|.*Flow|passwordPolicy|webAuthnPolicyPasswordless.*)$");
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{[A-Za-z0-9_.]+(:[^}]*)?}$");

    private static String realmText;
    private static JsonNode realm;
    private static JsonNode demo;

    @BeforeAll
    static void read() throws IOException {
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        realmText = text(REALM);
        realm = mapper.readTree(realmText);
        demo = mapper.readTree(text(DEMO_USERS));
    }

    @Test
    void realmFileIsAJsonObjectForTheRealmPortal() {
        assertThat(realm.isObject()).isTrue();
        assertThat(realm.path("realm").asText()).isEqualTo("portal");
        assertThat(realm.path("enabled").asBoolean()).isTrue();
        assertThat(demo.path("realm").asText()).as("demo users belong to the same realm").isEqualTo("portal");
    }

    @Test
    void bruteForceDetectionUsesTheSecurityDefaults() {
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("permanentLockout").asBoolean(true)).isFalse();
        assertThat(intField("failureFactor")).isEqualTo(10);
        assertThat(intField("waitIncrementSeconds")).isEqualTo(60);
        assertThat(intField("maxFailureWaitSeconds")).isEqualTo(900);
        assertThat(intField("maxDeltaTimeSeconds")).isEqualTo(43200);
        assertThat(intField("quickLoginCheckMilliSeconds")).isEqualTo(1000);
        assertThat(intField("maxSecondaryAuthFailures")).isEqualTo(20);
    }

    @Test
    void noSecretValuesOtherThanPlaceholders() {
        List<String> offending = new ArrayList<>();
        scanSecrets(realm, "$", false, offending);
        assertThat(offending).as("secret-like fields with literal values").isEmpty();
    }

    @Test
    void theSecretScanWouldCatchALiteral() {
        // the scan above must not pass vacuously: it finds a literal password and a credential value
        ObjectMapper mapper = new ObjectMapper();
        List<String> offending = new ArrayList<>();
        scanSecrets(mapper.valueToTree(Map.of(
                "smtpServer", Map.of("password", "hunter2"),
                "clients", List.of(Map.of("secret", "s3cr3t")),
                "users", List.of(Map.of("credentials", List.of(Map.of("type", "password", "value", "Demo-1!")))),
                "ok", Map.of("password", "${SMTP_PASSWORD:}"))), "$", false, offending);
        assertThat(offending).containsExactlyInAnyOrder("$.smtpServer.password", "$.clients[0].secret",
                "$.users[0].credentials[0].type", "$.users[0].credentials[0].value");
    }

    @Test
    void everySubFlowReferencedByAnExecutionExistsAndIsNotTopLevel() {
        Map<String, JsonNode> flows = flowsByAlias();
        for (JsonNode flow : realm.path("authenticationFlows")) {
            for (JsonNode execution : flow.path("authenticationExecutions")) {
                if (execution.path("authenticatorFlow").asBoolean()) {
                    String alias = execution.path("flowAlias").asText(null);
                    assertThat(alias).as("sub-flow execution in '%s' without flowAlias", flow.path("alias").asText()).isNotBlank();
                    assertThat(flows).as("flow '%s' referenced from '%s'", alias, flow.path("alias").asText()).containsKey(alias);
                    assertThat(flows.get(alias).path("topLevel").asBoolean()).as("'%s' is a sub-flow", alias).isFalse();
                } else {
                    assertThat(execution.path("authenticator").asText(null))
                            .as("execution in '%s' names an authenticator", flow.path("alias").asText()).isNotBlank();
                }
            }
        }
    }

    @Test
    void everySubFlowIsUsedAndFlowAliasesAreUnique() {
        List<String> aliases = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        for (JsonNode flow : realm.path("authenticationFlows")) {
            aliases.add(flow.path("alias").asText());
            flow.path("authenticationExecutions").forEach(e -> {
                if (e.hasNonNull("flowAlias")) {
                    referenced.add(e.path("flowAlias").asText());
                }
            });
        }
        assertThat(aliases).doesNotHaveDuplicates();
        for (JsonNode flow : realm.path("authenticationFlows")) {
            if (!flow.path("topLevel").asBoolean()) {
                assertThat(referenced).as("sub-flow '%s' is referenced", flow.path("alias").asText()).contains(flow.path("alias").asText());
            }
        }
    }

    @Test
    void everyAuthenticatorConfigReferencedExists() {
        Set<String> configs = new HashSet<>();
        realm.path("authenticatorConfig").forEach(c -> assertThat(configs.add(c.path("alias").asText()))
                .as("duplicate authenticator config alias %s", c.path("alias").asText()).isTrue());
        Set<String> used = new HashSet<>();
        for (JsonNode flow : realm.path("authenticationFlows")) {
            for (JsonNode execution : flow.path("authenticationExecutions")) {
                if (execution.hasNonNull("authenticatorConfig")) {
                    String alias = execution.path("authenticatorConfig").asText();
                    assertThat(configs).as("config '%s' used by %s in '%s'", alias, execution.path("authenticator").asText(),
                            flow.path("alias").asText()).contains(alias);
                    used.add(alias);
                }
            }
        }
        assertThat(used).as("every authenticator config is used by an execution").containsExactlyInAnyOrderElementsOf(configs);
    }

    @Test
    void magicLinkConfigsUseOnlyEinlassOrReferenceKeys() {
        Map<String, JsonNode> configs = configsByAlias();
        for (JsonNode flow : realm.path("authenticationFlows")) {
            for (JsonNode execution : flow.path("authenticationExecutions")) {
                if (execution.path("authenticator").asText().startsWith("einlass-") && execution.hasNonNull("authenticatorConfig")) {
                    JsonNode config = configs.get(execution.path("authenticatorConfig").asText()).path("config");
                    config.fieldNames().forEachRemaining(key -> assertThat(key)
                            .as("key in config of %s", execution.path("authenticator").asText())
                            .matches("^(einlass\\.|default\\.reference\\.).+"));
                }
            }
        }
    }

    @Test
    void browserFlowAndClientFlowOverridesPointToTopLevelFlows() {
        Map<String, JsonNode> flows = flowsByAlias();
        String browserFlow = realm.path("browserFlow").asText();
        assertThat(flows).containsKey(browserFlow);
        assertThat(flows.get(browserFlow).path("topLevel").asBoolean()).isTrue();

        Map<String, JsonNode> flowsById = new java.util.HashMap<>();
        realm.path("authenticationFlows").forEach(f -> {
            if (f.hasNonNull("id")) {
                flowsById.put(f.path("id").asText(), f);
            }
        });
        for (JsonNode client : realm.path("clients")) {
            Iterator<Map.Entry<String, JsonNode>> overrides = client.path("authenticationFlowBindingOverrides").fields();
            while (overrides.hasNext()) {
                Map.Entry<String, JsonNode> override = overrides.next();
                JsonNode flow = flowsById.get(override.getValue().asText());
                assertThat(flow).as("%s override of client %s", override.getKey(), client.path("clientId").asText()).isNotNull();
                assertThat(flow.path("topLevel").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void portalAppIsAPublicClientWithPkceS256() {
        JsonNode app = client("portal-app");

        assertThat(app.path("publicClient").asBoolean()).isTrue();
        assertThat(app.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(app.path("standardFlowEnabled").asBoolean()).isTrue();
        // grants that bypass the browser flow (and so Einlass) or leak tokens in URLs stay off
        assertThat(app.path("implicitFlowEnabled").asBoolean(true)).isFalse();
        assertThat(app.path("directAccessGrantsEnabled").asBoolean(true)).isFalse();
    }

    @Test
    void everyPublicClientRequiresPkceS256AndNoPasswordGrant() {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("publicClient").asBoolean()) {
                String id = client.path("clientId").asText();
                assertThat(client.path("attributes").path("pkce.code.challenge.method").asText()).as(id).isEqualTo("S256");
                assertThat(client.path("directAccessGrantsEnabled").asBoolean(true)).as(id).isFalse();
                // exact URIs only: a wildcard lets any path of the app (or "*", anything) receive codes
                assertThat(client.path("redirectUris")).as(id).allSatisfy(uri -> assertThat(uri.asText()).doesNotContain("*"));
                assertThat(client.path("attributes").path("post.logout.redirect.uris").asText()).as(id).doesNotContain("*");
            }
        }
    }

    @Test
    void demoUsersLiveOnlyInTheDemoFile() {
        assertThat(realm.has("users")).as("realm file has no users").isFalse();
        assertThat(demo.path("users").size()).isPositive();

        for (JsonNode user : demo.path("users")) {
            String username = user.path("username").asText();
            assertThat(username).isNotBlank();
            assertThat(realmText).as("realm file mentions demo user").doesNotContain(username);
            assertThat(realmText).doesNotContain(user.path("email").asText());
            for (JsonNode credential : user.path("credentials")) {
                assertThat(realmText).as("realm file contains a demo password").doesNotContain(credential.path("value").asText());
            }
        }
    }

    @Test
    void realmFileHasNoCredentialsAnywhere() {
        List<String> paths = new ArrayList<>();
        findFields(realm, "$", "credentials", paths);
        assertThat(paths).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void scanSecrets(JsonNode node, String path, boolean insideSecret, List<String> offending) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String name = e.getKey();
                if (credentialTypeList(path, name, e.getValue())) {
                    return;
                }
                boolean secret = insideSecret || SECRET_NAME.matcher(name).matches() && !NOT_A_SECRET.matcher(name).matches();
                scanSecrets(e.getValue(), path + "." + name, secret, offending);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                scanSecrets(node.get(i), path + "[" + i + "]", insideSecret, offending);
            }
        } else if (insideSecret && node.isTextual() && !node.asText().isEmpty() && !PLACEHOLDER.matcher(node.asText()).matches()) {
            offending.add(path);
        }
    }

    /** "Condition - credential" names credential types (no values) in its config key {@code credentials}. */
    private static boolean credentialTypeList(String path, String name, JsonNode value) {
        return name.equals("credentials") && path.matches("\\$\\.authenticatorConfig\\[\\d+]\\.config")
                && value.isTextual() && value.asText().matches("[a-z-]+(##[a-z-]+)*");
    }

    private static void findFields(JsonNode node, String path, String field, List<String> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals(field) && !credentialTypeList(path, e.getKey(), e.getValue())) {
                    found.add(path + "." + field);
                }
                findFields(e.getValue(), path + "." + e.getKey(), field, found);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findFields(node.get(i), path + "[" + i + "]", field, found);
            }
        }
    }

    private static int intField(String name) {
        JsonNode value = realm.path(name);
        assertThat(value.isIntegralNumber()).as("%s is a number", name).isTrue();
        return value.asInt();
    }

    private static JsonNode client(String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (clientId.equals(client.path("clientId").asText())) {
                return client;
            }
        }
        return fail("no client " + clientId);
    }

    private static Map<String, JsonNode> flowsByAlias() {
        Map<String, JsonNode> flows = new java.util.HashMap<>();
        realm.path("authenticationFlows").forEach(f -> flows.put(f.path("alias").asText(), f));
        return flows;
    }

    private static Map<String, JsonNode> configsByAlias() {
        Map<String, JsonNode> configs = new java.util.HashMap<>();
        realm.path("authenticatorConfig").forEach(c -> configs.put(c.path("alias").asText(), c));
        return configs;
    }

    private static String text(String resource) throws IOException {
        try (InputStream in = PortalRealmTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyDescriptionFitsKeycloaksColumnOf255Characters() {
        List<String> tooLong = new ArrayList<>();
        for (String array : List.of("authenticationFlows", "clients")) {
            for (JsonNode item : realm.path(array)) {
                if (item.path("description").asText("").length() > 255) {
                    tooLong.add(item.path("alias").asText(item.path("clientId").asText()));
                }
            }
        }
        assertThat(tooLong).as("an import fails with 'Value too long for column DESCRIPTION'").isEmpty();
    }

    @Test
    void passkeysAreOffByDefaultAndASignInWithOneSkipsTheAuthenticatorCode() {
        assertThat(realm.path("webAuthnPolicyPasswordlessPasskeysEnabled").asBoolean(true)).as("an admin switches them on").isFalse();
        assertThat(realm.path("webAuthnPolicyPasswordlessUserVerificationRequirement").asText())
                .as("Einlass offers passkeys only with user verification").isEqualTo("required");
        Map<String, JsonNode> configs = new java.util.HashMap<>();
        realm.path("authenticatorConfig").forEach(c -> configs.put(c.path("alias").asText(), c.path("config")));
        for (String alias : List.of("einlass second factor", "einlass passwordless second factor")) {
            List<String> steps = new ArrayList<>();
            String conditionConfig = null;
            for (JsonNode flow : realm.path("authenticationFlows")) {
                if (flow.path("alias").asText().equals(alias)) {
                    for (JsonNode e : flow.path("authenticationExecutions")) {
                        steps.add(e.path("authenticator").asText() + ":" + e.path("requirement").asText());
                        if (e.path("authenticator").asText().equals("conditional-credential")) {
                            conditionConfig = e.path("authenticatorConfig").asText();
                        }
                    }
                }
            }
            assertThat(steps).as(alias).containsExactly("conditional-user-configured:REQUIRED", "conditional-credential:REQUIRED",
                    "einlass-otp:ALTERNATIVE", "einlass-trusted-browser:ALTERNATIVE");
            assertThat(configs.get(conditionConfig).path("credentials").asText()).isEqualTo("webauthn-passwordless");
            assertThat(configs.get(conditionConfig).path("included").asText()).isEqualTo("false");
        }
    }

    @Test
    void theResetFlowOffersTheSmsProofAndTheLostAuthenticatorPathAndFinishesEveryReset() {
        List<String> proof = new ArrayList<>();
        List<String> secondFactor = new ArrayList<>();
        for (JsonNode flow : realm.path("authenticationFlows")) {
            for (JsonNode e : flow.path("authenticationExecutions")) {
                if (flow.path("alias").asText().equals("einlass reset proof")) {
                    proof.add(e.path("authenticator").asText() + ":" + e.path("requirement").asText());
                }
                if (flow.path("alias").asText().equals("einlass reset second factor")) {
                    secondFactor.add(e.path("authenticator").asText() + ":" + e.path("requirement").asText());
                }
            }
        }
        assertThat(proof).containsExactly("einlass-reset-email:ALTERNATIVE", "einlass-reset-sms:ALTERNATIVE");
        assertThat(secondFactor).containsExactly("conditional-user-configured:REQUIRED", "einlass-otp:ALTERNATIVE",
                "einlass-second-proof:ALTERNATIVE");
        int finish = -1;
        int password = -1;
        int totp = -1;
        for (JsonNode action : realm.path("requiredActions")) {
            switch (action.path("alias").asText()) {
                case "einlass-recovery-finish" -> finish = action.path("priority").asInt();
                case "UPDATE_PASSWORD" -> password = action.path("priority").asInt();
                case "CONFIGURE_TOTP" -> totp = action.path("priority").asInt();
                default -> { }
            }
        }
        assertThat(finish).as("after the new password and the new app").isGreaterThan(Math.max(password, totp));
    }
}
