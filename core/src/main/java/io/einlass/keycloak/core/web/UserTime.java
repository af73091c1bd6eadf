package io.einlass.keycloak.core.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Formats instants for a person: in the user's time zone (user attribute {@code zoneinfo}, the OIDC claim name),
 * else the realm's ({@code einlass.timezone} realm attribute), else UTC; always with the zone's short name so a
 * reader abroad is not misled.
 */
public final class UserTime {

    public static final String USER_ATTRIBUTE = "zoneinfo";
    public static final String REALM_ATTRIBUTE = "einlass.timezone";

    private final ZoneId zone;
    private final Locale locale;

    private UserTime(ZoneId zone, Locale locale) {
        this.zone = zone;
        this.locale = locale;
    }

    public static UserTime of(RealmModel realm, UserModel userOrNull, Locale locale) {
        String id = userOrNull != null ? userOrNull.getFirstAttribute(USER_ATTRIBUTE) : null;
        ZoneId zone = parse(id);
        if (zone == null && realm != null) {
            zone = parse(realm.getAttribute(REALM_ATTRIBUTE));
        }
        return new UserTime(zone != null ? zone : ZoneId.of("UTC"), locale);
    }

    static ZoneId parse(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** "14:32 CET" */
    public String time(Instant instant) {
        return DateTimeFormatter.ofPattern("HH:mm zzz", locale).withZone(zone).format(instant);
    }

    /** "22.11.2026, 14:32 CET" / "Nov 22, 2026, 2:32 PM CET" */
    public String dateTime(Instant instant) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(zone).format(instant) + " " + DateTimeFormatter.ofPattern("zzz", locale).withZone(zone).format(instant);
    }

    /** "22.11.2026" */
    public String date(Instant instant) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(zone).format(instant);
    }

    public ZoneId zone() {
        return zone;
    }
}
