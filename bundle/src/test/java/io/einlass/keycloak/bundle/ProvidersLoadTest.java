package io.einlass.keycloak.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.ConfigurableAuthenticatorFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Loads every provider the Einlass modules declare in {@code META-INF/services}, the way Keycloak does
 * ({@link ServiceLoader}), and checks what the admin console and Server Info show of it.
 */
class ProvidersLoadTest {

    /** SPI interface name -> factory classes, as declared in the modules' source trees. */
    private static final Map<String, Set<String>> DECLARED = new LinkedHashMap<>();
    /** Every Einlass factory instance, loaded through ServiceLoader. */
    private static final List<ProviderFactory<?>> FACTORIES = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        for (Path file : SourceTree.mainFiles("*")) {
            if (file.getParent().endsWith(Path.of("META-INF", "services"))) {
                Set<String> classes = DECLARED.computeIfAbsent(file.getFileName().toString(), k -> new TreeSet<>());
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String name = line.replaceAll("#.*", "").strip();
                    if (!name.isEmpty()) {
                        classes.add(name);
                    }
                }
            }
        }
        for (String spi : DECLARED.keySet()) {
            if (spi.equals(SPI)) {
                continue; // SPI declarations, not factories
            }
            for (ServiceLoader.Provider<?> provider : serviceLoader(spi)) {
                if (provider.type().getName().startsWith("io.einlass.")) {
                    FACTORIES.add((ProviderFactory<?>) provider.get());
                }
            }
        }
    }

    private static final String SPI = "org.keycloak.provider.Spi";

    @Test
    void einlassSpisAreNamespacedPublicExtensionPoints() {
        List<org.keycloak.provider.Spi> spis = new ArrayList<>();
        for (ServiceLoader.Provider<?> provider : serviceLoader(SPI)) {
            if (provider.type().getName().startsWith("io.einlass.")) {
                spis.add((org.keycloak.provider.Spi) provider.get());
            }
        }
        assertThat(spis).isNotEmpty();
        for (org.keycloak.provider.Spi spi : spis) {
            assertThat(spi.getName()).startsWith("einlass-");
            assertThat(spi.isInternal()).as("others may implement %s in their own jar", spi.getName()).isFalse();
            // every factory of an Einlass SPI that Einlass ships is one of the declared factories
            assertThat(FACTORIES).filteredOn(f -> spi.getProviderFactoryClass().isInstance(f)).isNotEmpty();
        }
    }

    @Test
    void theModulesDeclareProviders() {
        assertThat(DECLARED).containsKeys("org.keycloak.authentication.AuthenticatorFactory",
                "org.keycloak.services.resource.RealmResourceProviderFactory");
        assertThat(DECLARED.values()).allSatisfy(classes -> assertThat(classes).isNotEmpty());
    }

    @Test
    void everyDeclaredFactoryIsFoundByServiceLoaderAndNothingElse() {
        for (Map.Entry<String, Set<String>> spi : DECLARED.entrySet()) {
            Set<String> loaded = new TreeSet<>();
            for (ServiceLoader.Provider<?> provider : serviceLoader(spi.getKey())) {
                if (provider.type().getName().startsWith("io.einlass.")) {
                    loaded.add(provider.type().getName());
                }
            }
            assertThat(loaded).as("Einlass providers of %s", spi.getKey()).isEqualTo(spi.getValue());
        }
    }

    @Test
    void serviceFilesOnTheClassPathListExactlyTheDeclaredFactories() throws IOException {
        for (Map.Entry<String, Set<String>> spi : DECLARED.entrySet()) {
            Set<String> listed = new TreeSet<>();
            for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/services/" + spi.getKey()))) {
                try (InputStream in = url.openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                        String name = line.replaceAll("#.*", "").strip();
                        if (name.startsWith("io.einlass.")) {
                            listed.add(name);
                        }
                    }
                }
            }
            assertThat(listed).as("class path services of %s", spi.getKey()).isEqualTo(spi.getValue());
        }
    }

    @Test
    void everyFactoryIdIsNamespacedAndUniquePerSpi() {
        assertThat(FACTORIES).isNotEmpty();
        for (ProviderFactory<?> factory : FACTORIES) {
            // gateways of Einlass' own SMS SPI are namespaced by the SPI (--spi-einlass-sms--provider=http)
            if (factory instanceof io.einlass.keycloak.core.sms.SmsGatewayFactory) {
                assertThat(factory.getId()).isIn("http", "twilio", "log");
                continue;
            }
            assertThat(factory.getId()).as(factory.getClass().getName()).isNotNull().startsWith("einlass");
        }
        // no clash among Einlass factories, nor with Keycloak's own providers of the same SPI
        for (String spi : DECLARED.keySet()) {
            if (spi.equals(SPI)) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            for (ServiceLoader.Provider<?> provider : serviceLoader(spi)) {
                try {
                    ids.add(((ProviderFactory<?>) provider.get()).getId());
                } catch (Throwable e) {
                    // a Keycloak provider that needs what the test class path lacks; Einlass ones were loaded in load()
                    assertThat(provider.type().getName()).as("failed to instantiate: %s", e).doesNotStartWith("io.einlass.");
                }
            }
            assertThat(ids).as("ids of %s providers on the class path", spi).doesNotHaveDuplicates();
        }
    }

    @Test
    void theRealmResourceProviderIsMountedAtEinlass() {
        List<String> ids = FACTORIES.stream().filter(f -> f instanceof RealmResourceProviderFactory).map(ProviderFactory::getId).toList();
        assertThat(ids).containsExactly("einlass");
    }

    @Test
    void everyAuthenticatorIsDescribedForTheAdminConsole() {
        List<AuthenticatorFactory> authenticators = authenticators();
        assertThat(authenticators).isNotEmpty();
        for (AuthenticatorFactory factory : authenticators) {
            String id = factory.getId();
            assertThat(id).startsWith("einlass-");
            assertThat(factory.getDisplayType()).as("display type of %s", id).isNotBlank();
            assertThat(factory.getHelpText()).as("help text of %s", id).isNotBlank();
            assertThat(factory.getRequirementChoices()).as("requirement choices of %s", id).isNotEmpty();
            assertThat(factory.getConfigProperties()).as("config properties of %s", id).isNotNull();
        }
        assertThat(authenticators).extracting(AuthenticatorFactory::getDisplayType).doesNotHaveDuplicates();
    }

    @Test
    void everyConfigPropertyIsNamespacedAndDocumented() {
        for (ProviderFactory<?> factory : FACTORIES) {
            if (!(factory instanceof ConfigurableAuthenticatorFactory configurable)) {
                continue;
            }
            for (ProviderConfigProperty property : configurable.getConfigProperties()) {
                String where = factory.getId() + " / " + property.getName();
                assertThat(property.getName()).as(where).matches("^(einlass\\.|default\\.reference\\.).+");
                assertThat(property.getLabel()).as("label of %s", where).isNotBlank();
                assertThat(property.getHelpText()).as("help text of %s", where).isNotBlank();
                assertThat(property.getType()).as("type of %s", where).isNotBlank();
            }
        }
    }

    @Test
    void authenticatorsCreateTheirAuthenticatorWithoutTouchingTheSession() {
        // Keycloak calls create() per request; these factories hand out a stateless singleton
        for (AuthenticatorFactory factory : authenticators()) {
            assertThat(factory.create(null)).as(factory.getId()).isNotNull().isSameAs(factory.create(null));
        }
    }

    @Test
    void everyServerInfoAwareFactoryReportsTheBuiltEinlassVersion() {
        List<ServerInfoAwareProviderFactory> aware = FACTORIES.stream()
                .filter(f -> f instanceof ServerInfoAwareProviderFactory).map(f -> (ServerInfoAwareProviderFactory) f).toList();
        assertThat(aware).isNotEmpty();
        for (ServerInfoAwareProviderFactory factory : aware) {
            Map<String, String> info = factory.getOperationalInfo();
            assertThat(info).as(factory.getClass().getName()).containsKey("einlass-version");
            // a filtered version, not the unfiltered placeholder or the "unknown" fallback
            assertThat(info.get("einlass-version")).as(factory.getClass().getName())
                    .matches("^\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
            assertThat(info.get("built-for-keycloak")).as(factory.getClass().getName()).matches("^\\d+\\.\\d+\\.\\d+.*");
        }
    }

    @Test
    void everyEinlassAuthenticatorThePortalRealmUsesIsProvided() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(SourceTree.root().resolve("realm-config/portal-realm.json").toFile());
        Set<String> used = new LinkedHashSet<>();
        for (JsonNode flow : realm.path("authenticationFlows")) {
            for (JsonNode execution : flow.path("authenticationExecutions")) {
                String authenticator = execution.path("authenticator").asText("");
                if (authenticator.startsWith("einlass")) {
                    used.add(authenticator);
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(authenticators().stream().map(AuthenticatorFactory::getId).toList()).containsAll(used);
    }

    @Test
    void portalRealmAuthenticatorConfigsUseOnlyKeysTheAuthenticatorOffers() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(SourceTree.root().resolve("realm-config/portal-realm.json").toFile());
        Map<String, JsonNode> configs = new LinkedHashMap<>();
        realm.path("authenticatorConfig").forEach(c -> configs.put(c.path("alias").asText(), c.path("config")));
        for (JsonNode flow : realm.path("authenticationFlows")) {
            for (JsonNode execution : flow.path("authenticationExecutions")) {
                String id = execution.path("authenticator").asText("");
                if (!id.startsWith("einlass") || !execution.hasNonNull("authenticatorConfig")) {
                    continue;
                }
                AuthenticatorFactory factory = authenticators().stream().filter(f -> f.getId().equals(id)).findFirst().orElseThrow();
                Set<String> offered = new TreeSet<>();
                factory.getConfigProperties().forEach(p -> offered.add(p.getName()));
                configs.get(execution.path("authenticatorConfig").asText()).fieldNames().forEachRemaining(key -> {
                    if (!key.startsWith("default.reference.")) {
                        assertThat(offered).as("%s config key %s (a typo is silently ignored)", id, key).contains(key);
                    }
                });
            }
        }
    }

    private static List<AuthenticatorFactory> authenticators() {
        return FACTORIES.stream().filter(f -> f instanceof AuthenticatorFactory).map(f -> (AuthenticatorFactory) f).toList();
    }

    private static List<ServiceLoader.Provider<?>> serviceLoader(String spi) {
        try {
            Class<?> type = Class.forName(spi, false, ProvidersLoadTest.class.getClassLoader());
            // Keycloak's own jars on the test class path declare providers that cannot load here (missing server
            // classes): skip those, but never an Einlass one
            List<ServiceLoader.Provider<?>> providers = new ArrayList<>();
            java.util.Iterator<? extends ServiceLoader.Provider<?>> it = ServiceLoader.load(type, ProvidersLoadTest.class.getClassLoader()).stream().iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    providers.add(it.next());
                } catch (java.util.ServiceConfigurationError e) {
                    if (String.valueOf(e.getMessage()).contains("io.einlass.")) {
                        throw e;
                    }
                }
            }
            return providers;
        } catch (ClassNotFoundException e) {
            throw new AssertionError("SPI " + spi + " is not on the test class path", e);
        }
    }
}
