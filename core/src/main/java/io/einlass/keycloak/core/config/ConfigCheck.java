package io.einlass.keycloak.core.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What a provider's admin options accept, for the moment an admin saves them: the first value (in the order the
 * admin console lists the options) that its reader would not take as it is, as one English sentence naming the
 * option's label, the value and what is allowed, e.g. "Link validity (minutes) must be a whole number from 1 to 30;
 * got 45.".
 * <p>
 * Options of type {@link ProviderConfigProperty#INTEGER_TYPE} need their {@link Bounds} ({@link #whole}); boolean
 * options must be {@code true} or {@code false}; {@link #rule} adds other conditions. Unset and blank values pass
 * (the reader's default applies), and so do keys the provider does not declare (Keycloak adds its own, such as the
 * authenticator reference). Readers keep clamping and falling back at runtime, for values stored without this check
 * (realm import, older versions).
 */
public final class ConfigCheck {

    private static final Logger LOG = Logger.getLogger(ConfigCheck.class);
    /** Log throttle only (which warnings this node already wrote), never state a request depends on. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private static final int MAX_WARNED = 1000;

    /** Longest part of a value quoted back in a message. */
    private static final int SHOWN = 40;

    private record Rule(Predicate<String> accepts, String expectation) {
    }

    private final List<ProviderConfigProperty> properties;
    private final Map<String, Bounds> bounds;
    private final Map<String, Rule> rules;

    private ConfigCheck(List<ProviderConfigProperty> properties, Map<String, Bounds> bounds, Map<String, Rule> rules) {
        this.properties = properties;
        this.bounds = bounds;
        this.rules = rules;
    }

    /** A check of the options {@code properties} declares (their names, labels and types, as the console shows them). */
    public static ConfigCheck of(List<ProviderConfigProperty> properties) {
        return new ConfigCheck(List.copyOf(properties), Map.of(), Map.of());
    }

    /** Option {@code key} is a whole number within {@code range}. */
    public ConfigCheck whole(String key, Bounds range) {
        declared(key);
        Map<String, Bounds> more = new HashMap<>(bounds);
        more.put(key, range);
        return new ConfigCheck(properties, Map.copyOf(more), rules);
    }

    /**
     * Option {@code key} must satisfy {@code accepts} (given the value without surrounding spaces);
     * {@code expectation} completes "(label) must be ...", e.g. "a two-letter country code such as CH".
     */
    public ConfigCheck rule(String key, Predicate<String> accepts, String expectation) {
        declared(key);
        Map<String, Rule> more = new HashMap<>(rules);
        more.put(key, new Rule(accepts, expectation));
        return new ConfigCheck(properties, bounds, Map.copyOf(more));
    }

    /** The bounds stated for {@code key}, if it is a whole-number option. */
    public Optional<Bounds> bounds(String key) {
        return Optional.ofNullable(bounds.get(key));
    }

    /**
     * Keycloak 26.7 lets no authenticator refuse its settings when an admin saves them: a step that reads settings
     * its check would refuse logs one WARN per node and setting (naming the step's config alias and the problem)
     * and goes on with the clamped or default value.
     */
    public void warnIfInvalid(AuthenticatorConfigModel model) {
        if (model == null || model.getConfig() == null) {
            return;
        }
        Optional<String> problem = problem(model.getConfig());
        if (problem.isPresent() && WARNED.size() < MAX_WARNED && WARNED.add(model.getId() + '|' + problem.get())) {
            LOG.warnf("Einlass step settings '%s': %s The step uses the nearest allowed value or the default instead; "
                    + "correct the setting in the admin console.", model.getAlias(), problem.get());
        }
    }

    /** Why {@code config} cannot be saved (the first invalid option), or empty when it can. */
    public Optional<String> problem(Map<String, String> config) {
        for (ProviderConfigProperty p : properties) {
            if (ProviderConfigProperty.INTEGER_TYPE.equals(p.getType()) && !bounds.containsKey(p.getName())) {
                throw new IllegalStateException("no bounds stated for the number option " + p.getName());
            }
        }
        if (config == null) {
            return Optional.empty();
        }
        for (ProviderConfigProperty p : properties) {
            String raw = config.get(p.getName());
            if (raw == null || raw.isBlank()) {
                continue;
            }
            Optional<String> found = check(p, raw.strip());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<String> check(ProviderConfigProperty p, String value) {
        String label = p.getLabel() == null || p.getLabel().isBlank() ? p.getName() : p.getLabel();
        Bounds range = bounds.get(p.getName());
        if (range != null && Settings.parseInteger(value).filter(range::contains).isEmpty()) {
            return Optional.of(label + " must be a whole number from " + range.range() + "; got " + shown(value) + ".");
        }
        if (ProviderConfigProperty.BOOLEAN_TYPE.equals(p.getType()) && Settings.parseBoolean(value).isEmpty()) {
            return Optional.of(label + " must be on or off (true or false); got " + shown(value) + ".");
        }
        Rule rule = rules.get(p.getName());
        if (rule != null && !rule.accepts().test(value)) {
            return Optional.of(label + " must be " + rule.expectation() + "; got " + shown(value) + ".");
        }
        return Optional.empty();
    }

    private void declared(String key) {
        if (properties.stream().noneMatch(p -> key.equals(p.getName()))) {
            throw new IllegalArgumentException("no option " + key + " among " + properties.stream()
                    .map(ProviderConfigProperty::getName).toList());
        }
    }

    private static String shown(String value) {
        String oneLine = value.replaceAll("\\s+", " ");
        return oneLine.length() <= SHOWN ? oneLine : oneLine.substring(0, SHOWN) + "...";
    }
}
