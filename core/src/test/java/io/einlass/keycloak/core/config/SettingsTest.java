package io.einlass.keycloak.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Bounds ONE_TO_SIXTY = Bounds.of(1, 60);

    @Test
    void integersFallBackWhenUnsetOrUnreadableAndAreClampedToTheirBounds() {
        Settings s = Settings.of(Map.of("a", " 12 ", "low", "-5", "high", "9999", "junk", "12x", "blank", "  "));
        assertThat(s.integer("a", 1, ONE_TO_SIXTY)).isEqualTo(12);
        assertThat(s.integer("low", 7, ONE_TO_SIXTY)).isEqualTo(1);
        assertThat(s.integer("high", 7, ONE_TO_SIXTY)).isEqualTo(60);
        assertThat(s.integer("junk", 7, ONE_TO_SIXTY)).isEqualTo(7);
        assertThat(s.integer("blank", 7, ONE_TO_SIXTY)).isEqualTo(7);
        assertThat(s.integer("missing", 7, ONE_TO_SIXTY)).isEqualTo(7);
    }

    @Test
    void switchesListsAndStrings() {
        Map<String, String> values = new HashMap<>();
        values.put("on", " TRUE ");
        values.put("off", "False");
        values.put("list", "a##b, c##  ##");
        values.put("text", "  x ");
        Settings s = Settings.of(values);
        assertThat(s.bool("on", false)).isTrue();
        assertThat(s.bool("off", true)).isFalse();
        assertThat(s.bool("missing", true)).isTrue();
        assertThat(s.list("list")).containsExactly("a", "b", "c");
        assertThat(s.list("missing")).isEmpty();
        assertThat(s.string("text", "d")).isEqualTo("x");
        assertThat(Settings.of(null).string("text", "d")).isEqualTo("d");
    }

    @Test
    void aSwitchThatIsNeitherTrueNorFalseKeepsItsDefault() {
        Settings s = Settings.of(Map.of("yes", "yes", "one", "1", "blank", " "));
        assertThat(s.bool("yes", true)).isTrue();
        assertThat(s.bool("one", true)).isTrue();
        assertThat(s.bool("yes", false)).isFalse();
        assertThat(s.bool("blank", true)).isTrue();
    }

    @Test
    void clientListsAreReadInEachStoredForm() {
        Settings s = Settings.of(Map.of(
                "multivalued", "portal-app##acme-portal",
                "commas", "portal-app, acme-portal",
                "single", " portal-app "));
        assertThat(s.list("multivalued")).containsExactly("portal-app", "acme-portal");
        assertThat(s.list("commas")).containsExactly("portal-app", "acme-portal");
        assertThat(s.list("single")).as("a one-client picker stores a plain client ID").containsExactly("portal-app");
    }

    @Test
    void boundsClampContainAndSayTheirRange() {
        Bounds bounds = Bounds.of(5, 10);
        assertThat(bounds.clamp(4)).isEqualTo(5);
        assertThat(bounds.clamp(11)).isEqualTo(10);
        assertThat(bounds.clamp(7)).isEqualTo(7);
        assertThat(bounds.contains(5)).isTrue();
        assertThat(bounds.contains(10)).isTrue();
        assertThat(bounds.contains(11)).isFalse();
        assertThat(bounds.range()).isEqualTo("5 to 10");
    }
}
