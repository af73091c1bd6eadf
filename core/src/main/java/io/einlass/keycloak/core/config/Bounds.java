package io.einlass.keycloak.core.config;

/**
 * The whole numbers a numeric option takes, {@code min} to {@code max}. A typed config reader states one per option:
 * its reader clamps to it at runtime, and {@link ConfigCheck} refuses values outside it when an admin saves.
 */
public record Bounds(int min, int max) {

    public Bounds {
        if (min > max) {
            throw new IllegalArgumentException("empty bounds " + min + " to " + max);
        }
    }

    public static Bounds of(int min, int max) {
        return new Bounds(min, max);
    }

    public boolean contains(int value) {
        return value >= min && value <= max;
    }

    public int clamp(int value) {
        return Math.max(min, Math.min(max, value));
    }

    /** {@code "1 to 30"}, as help texts and messages say it. */
    public String range() {
        return min + " to " + max;
    }
}
