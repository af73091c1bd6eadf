package io.einlass.keycloak.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the string settings Keycloak stores for an authenticator, a required action or an SPI: each value with its
 * default and bounds in one call, so every config reader states them once. Values outside the bounds are clamped
 * (and {@link #problem} says so, for validation in the admin console); unreadable values fall back to the default.
 */
public final class Settings {

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values == null ? Map.of() : values;
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /** An integer setting in {@code [min, max]}. */
    public int integer(String key, int fallback, int min, int max) {
        Optional<Integer> parsed = parse(values.get(key));
        return parsed.map(v -> Math.max(min, Math.min(max, v))).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        String raw = values.get(key);
        return raw == null || raw.isBlank() ? fallback : Boolean.parseBoolean(raw.strip());
    }

    public String string(String key, String fallback) {
        String raw = values.get(key);
        return raw == null || raw.isBlank() ? fallback : raw.strip();
    }

    /** A list setting: Keycloak separates multivalued strings with {@code ##}; commas are accepted too. */
    public List<String> list(String key) {
        String raw = values.get(key);
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split("##|,")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Why {@code key} is not a whole number in {@code [min, max]}, or empty when it is (or is unset). */
    public Optional<String> problem(String key, int min, int max) {
        String raw = values.get(key);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Optional<Integer> parsed = parse(raw);
        if (parsed.isEmpty() || parsed.get() < min || parsed.get() > max) {
            return Optional.of(key + " must be a whole number from " + min + " to " + max);
        }
        return Optional.empty();
    }

    private static Optional<Integer> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(raw.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
