package io.einlass.keycloak.authenticators.trust;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.einlass.keycloak.core.config.ConfigCheck;
import io.einlass.keycloak.core.config.Settings;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Typed reader of the "Ask for the code on sensitive requests (Einlass)" step's config. */
public record StepUpConfig(Set<String> clients, boolean appInitiatedActions) {

    public static final String CLIENTS = "einlass.step-up.clients";
    public static final String APP_INITIATED_ACTIONS = "einlass.step-up.app-initiated-actions";

    private static final ConfigCheck CHECK = ConfigCheck.of(properties());

    public static StepUpConfig from(AuthenticatorConfigModel model) {
        CHECK.warnIfInvalid(model);
        return from(model == null || model.getConfig() == null ? Map.of() : model.getConfig());
    }

    public static StepUpConfig from(Map<String, String> config) {
        Settings s = Settings.of(config);
        return new StepUpConfig(Set.copyOf(s.list(CLIENTS)), s.bool(APP_INITIATED_ACTIONS, true));
    }

    /**
     * Why {@code config} is not acceptable, if it is not (the switch neither true nor false). Keycloak 26.7 calls no
     * provider check when an execution's config is saved, so this one is not run on save; it states what is valid, and
     * at runtime the reader clamps or uses the default.
     */
    public static Optional<String> problem(Map<String, String> config) {
        return CHECK.problem(config);
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(CLIENTS).label("Clients that always ask for the code")
                .helpText("Client IDs (one per entry) that demand the authenticator-app code on every sign-in, also through single "
                        + "sign-on from another app: a trusted browser never skips it there, and 'Trust this browser' is not offered. "
                        + "Users without an authenticator app sign in as before. E.g. an admin or payments app.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .property().name(APP_INITIATED_ACTIONS).label("Account changes ask for the code")
                .helpText("When an application starts an account change (kc_action, e.g. set up an authenticator app, change the "
                        + "password, add a recovery email), users with an authenticator app enter its code first; a trusted "
                        + "browser never replaces it. On by default.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .build();
    }
}
