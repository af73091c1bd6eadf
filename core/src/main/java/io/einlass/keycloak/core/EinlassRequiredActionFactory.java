package io.einlass.keycloak.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

/**
 * What every Einlass required-action factory shares: one stateless provider, one-time actions (a replayed action
 * URL does nothing: the CVE-2026-37982 class), the config properties of its typed reader and the reader's check
 * of a saved config. Keycloak calls {@link #validateConfig} when an admin saves the action's config (admin REST
 * {@code PUT .../authentication/required-actions/{alias}/config}, through {@code RealmModel.updateRequiredActionConfig})
 * and answers a {@link ValidationException} with 400 and its message, storing nothing; a realm import does not call
 * it, so the readers still clamp at runtime.
 */
public abstract class EinlassRequiredActionFactory implements RequiredActionFactory, EinlassProviderFactory<RequiredActionProvider> {

    private final String id;
    private final String displayText;
    private final RequiredActionProvider provider;
    private final List<ProviderConfigProperty> properties;
    private final Function<Map<String, String>, Optional<String>> problem;

    protected EinlassRequiredActionFactory(String id, String displayText, RequiredActionProvider provider,
                                           List<ProviderConfigProperty> properties,
                                           Function<Map<String, String>, Optional<String>> problem) {
        this.id = id;
        this.displayText = displayText;
        this.provider = provider;
        this.properties = List.copyOf(properties);
        this.problem = problem;
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final String getDisplayText() {
        return displayText;
    }

    @Override
    public final RequiredActionProvider create(KeycloakSession session) {
        return provider;
    }

    @Override
    public final boolean isOneTimeAction() {
        return true;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigMetadata() {
        return properties;
    }

    @Override
    public final void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        Optional<String> found = problem.apply(model.getConfig() == null ? Map.of() : model.getConfig());
        if (found.isPresent()) {
            throw new ValidationException(new ValidationError(id, "config", found.get()));
        }
    }
}
