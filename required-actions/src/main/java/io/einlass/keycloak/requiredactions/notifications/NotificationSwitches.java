package io.einlass.keycloak.requiredactions.notifications;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.RealmModel;

/**
 * Which notifications are on: all, except those switched off for the whole server (SPI option
 * {@code --spi-events-listener--einlass-notifications--off=<key>,<key>}) or for a realm (realm attribute
 * {@code einlass.notifications.off}, the same comma-separated keys, e.g. {@code trusted-browser-added}).
 */
final class NotificationSwitches {

    static final String REALM_ATTRIBUTE = "einlass.notifications.off";

    private NotificationSwitches() {
    }

    static Set<String> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(raw.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    static boolean enabled(RealmModel realm, Set<String> serverOff, Notification notification) {
        return !serverOff.contains(notification.key()) && !parse(realm.getAttribute(REALM_ATTRIBUTE)).contains(notification.key());
    }
}
