package io.einlass.keycloak.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

class UserTimeTest {

    /** 2026-01-15 12:00 UTC: winter, so Zurich is CET (+1) and New York EST (-5). */
    private static final Instant WINTER = Instant.parse("2026-01-15T12:00:00Z");
    /** 2026-07-15 12:00 UTC: summer, so Zurich is CEST (+2). */
    private static final Instant SUMMER = Instant.parse("2026-07-15T12:00:00Z");

    @Test
    void userZoneWinsOverRealmZone() {
        UserTime time = UserTime.of(realm("Europe/Zurich"), user("America/New_York"), Locale.ENGLISH);

        assertThat(time.zone()).isEqualTo(ZoneId.of("America/New_York"));
    }

    @Test
    void realmZoneAppliesWhenTheUserHasNone() {
        assertThat(UserTime.of(realm("Europe/Zurich"), user(null), Locale.ENGLISH).zone()).isEqualTo(ZoneId.of("Europe/Zurich"));
        assertThat(UserTime.of(realm("Europe/Zurich"), null, Locale.ENGLISH).zone()).isEqualTo(ZoneId.of("Europe/Zurich"));
    }

    @Test
    void utcWhenNeitherUserNorRealmHasAZone() {
        assertThat(UserTime.of(realm(null), user(null), Locale.ENGLISH).zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(UserTime.of(null, null, Locale.ENGLISH).zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Mars/Olympus_Mons", "Europe/Zurich; DROP TABLE", "../../etc/passwd", "UTC+99", "CET CEST"})
    void invalidUserZoneFallsBackToTheRealmZone(String invalid) {
        assertThat(UserTime.of(realm("Europe/Zurich"), user(invalid), Locale.ENGLISH).zone()).isEqualTo(ZoneId.of("Europe/Zurich"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Mars/Olympus_Mons", "not a zone"})
    void invalidRealmZoneFallsBackToUtc(String invalid) {
        assertThat(UserTime.of(realm(invalid), user("also/invalid"), Locale.ENGLISH).zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void surroundingWhitespaceInAZoneIdIsIgnored() {
        assertThat(UserTime.of(realm(null), user("  Europe/Berlin "), Locale.ENGLISH).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void timeIsShownInTheResolvedZoneWithItsShortName() {
        assertThat(UserTime.of(realm("Europe/Zurich"), null, Locale.ENGLISH).time(WINTER)).isEqualTo("13:00 CET");
        assertThat(UserTime.of(realm("Europe/Zurich"), null, Locale.ENGLISH).time(SUMMER)).isEqualTo("14:00 CEST");
        assertThat(UserTime.of(realm("Europe/Zurich"), user("America/New_York"), Locale.ENGLISH).time(WINTER)).isEqualTo("07:00 EST");
        assertThat(UserTime.of(null, null, Locale.ENGLISH).time(WINTER)).isEqualTo("12:00 UTC");
    }

    @Test
    void dateTimeEndsWithTheZoneShortNameAndShowsTheLocalHour() {
        String english = UserTime.of(realm("Europe/Zurich"), null, Locale.ENGLISH).dateTime(WINTER);
        assertThat(english).contains("2026").contains("1:00").endsWith(" CET");

        String utc = UserTime.of(null, null, Locale.ENGLISH).dateTime(WINTER);
        assertThat(utc).contains("12:00").endsWith(" UTC");
    }

    @Test
    void dateTimeFollowsTheLocale() {
        String german = UserTime.of(realm("Europe/Zurich"), null, Locale.GERMAN).dateTime(WINTER);
        assertThat(german).startsWith("15.01.2026").contains("13:00");
        // the German short name of Central European Time
        assertThat(german).endsWith(" MEZ");
    }

    @Test
    void dateIsTheCalendarDayInTheResolvedZone() {
        Instant lateEvening = Instant.parse("2026-01-15T23:30:00Z");
        assertThat(UserTime.of(null, null, Locale.GERMAN).date(lateEvening)).isEqualTo("15.01.2026");
        // already the next day in Zurich
        assertThat(UserTime.of(realm("Europe/Zurich"), null, Locale.GERMAN).date(lateEvening)).isEqualTo("16.01.2026");
    }

    private static RealmModel realm(String timezone) {
        return fake(RealmModel.class, Map.of("getAttribute", args -> UserTime.REALM_ATTRIBUTE.equals(args[0]) ? timezone : null));
    }

    private static UserModel user(String zoneinfo) {
        return fake(UserModel.class, Map.of("getFirstAttribute", args -> UserTime.USER_ATTRIBUTE.equals(args[0]) ? zoneinfo : null));
    }

    /** A proxy answering only the named one-argument getters; anything else the code calls fails the test. */
    private static <T> T fake(Class<T> type, Map<String, java.util.function.Function<Object[], Object>> getters) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("toString") && args == null) {
                return "fake " + type.getSimpleName();
            }
            var getter = getters.get(method.getName());
            if (getter != null && args != null && args.length == 1 && method.getReturnType() == String.class) {
                return getter.apply(args);
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName() + " is not faked");
        }));
    }
}
