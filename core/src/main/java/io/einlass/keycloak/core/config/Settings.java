package io.einlass.keycloak.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the string settings Keycloak stores for an authenticator, a required action or an SPI: each value with its
 * default and bounds in one call, so every config reader states them once. At runtime nothing is refused: values
 * outside the bounds are clamped, and unreadable numbers and switches fall back to the default. Refusing invalid
 * values when an admin saves them is {@link ConfigCheck}'s job, with the same {@link Bounds}.
 */
public final class Settings {

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values == null ? Map.of() : values;
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /** An integer setting within {@code bounds}: clamped to them, {@code fallback} when unset or not a whole number. */
    public int integer(String key, int fallback, Bounds bounds) {
        return parseInteger(values.get(key)).map(bounds::clamp).orElse(fallback);
    }

    /** A switch: {@code true} or {@code false} in any case; {@code fallback} when unset or anything else. */
    public boolean bool(String key, boolean fallback) {
        return parseBoolean(values.get(key)).orElse(fallback);
    }

    public String string(String key, String fallback) {
        String raw = values.get(key);
        return raw == null || raw.isBlank() ? fallback : raw.strip();
    }

    /**
     * A list setting, e.g. of client IDs: Keycloak separates multivalued strings with {@code ##}; commas are accepted
     * too, and a single value (as a one-item picker stores it) is a list of one.
     */
    public List<String> list(String key) {
        String raw = values.get(key);
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split("##|,")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static Optional<Integer> parseInteger(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(raw.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Boolean> parseBoolean(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
