package io.einlass.keycloak.authenticators.trust;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Typed reader of the "Trusted browser (Einlass)" step's config; every default and bound lives here. */
public record TrustConfig(Duration duration, boolean checkedByDefault, Set<String> deniedClients, int maxBrowsers) {

    public static final String DAYS = "einlass.trusted-browser.days";
    public static final String CHECKED = "einlass.trusted-browser.checked-by-default";
    public static final String DENY_CLIENTS = "einlass.trusted-browser.deny-clients";
    public static final String MAX = "einlass.trusted-browser.max-browsers";

    public static final int DEFAULT_DAYS = 30;
    public static final int DEFAULT_MAX = 10;

    public static final TrustConfig DEFAULTS = from(Map.of());

    public static TrustConfig from(AuthenticatorConfigModel model) {
        return from(model == null || model.getConfig() == null ? Map.of() : model.getConfig());
    }

    public static TrustConfig from(Map<String, String> config) {
        return new TrustConfig(Duration.ofDays(bounded(config.get(DAYS), DEFAULT_DAYS, 1, 365)),
                Boolean.parseBoolean(config.getOrDefault(CHECKED, "false").strip()),
                clients(config.get(DENY_CLIENTS)),
                bounded(config.get(MAX), DEFAULT_MAX, 1, 100));
    }

    public boolean denies(String clientId) {
        return clientId != null && deniedClients.contains(clientId);
    }

    public long days() {
        return duration.toDays();
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(DAYS).label("Trust duration (days)")
                .helpText("How long a trusted browser skips the authenticator-app step: 1 to 365 days, default 30. Counted from "
                        + "the moment of trust, never extended by use, checked on the server.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULT_DAYS)).add()
                .property().name(CHECKED).label("Checkbox checked by default")
                .helpText("Whether 'Trust this browser' is pre-checked on the code page. Off by default: people on shared "
                        + "computers should not trust them by accident.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(DENY_CLIENTS).label("Clients that always ask for the code")
                .helpText("Client IDs (one per entry) for which a trusted browser never skips the code and the checkbox is not "
                        + "offered, e.g. an admin or payments app.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .property().name(MAX).label("Trusted browsers per user")
                .helpText("Most browsers one user can trust at a time (1 to 100, default 10). Trusting one more removes the oldest.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULT_MAX)).add()
                .build();
    }

    private static Set<String> clients(String raw) {
        if (raw == null || raw.isBlank()) {
            return Set.of();
        }
        // Keycloak stores multivalued strings separated by "##"
        return Arrays.stream(raw.split("##|,")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    private static int bounded(String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(raw.strip())));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
