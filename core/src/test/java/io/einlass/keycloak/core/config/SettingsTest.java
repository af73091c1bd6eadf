package io.einlass.keycloak.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void integersFallBackWhenUnsetOrUnreadableAndAreClampedToTheirBounds() {
        Settings s = Settings.of(Map.of("a", " 12 ", "low", "-5", "high", "9999", "junk", "12x", "blank", "  "));
        assertThat(s.integer("a", 1, 1, 60)).isEqualTo(12);
        assertThat(s.integer("low", 7, 1, 60)).isEqualTo(1);
        assertThat(s.integer("high", 7, 1, 60)).isEqualTo(60);
        assertThat(s.integer("junk", 7, 1, 60)).isEqualTo(7);
        assertThat(s.integer("blank", 7, 1, 60)).isEqualTo(7);
        assertThat(s.integer("missing", 7, 1, 60)).isEqualTo(7);
    }

    @Test
    void problemsNameTheKeyAndTheRange() {
        Settings s = Settings.of(Map.of("low", "0", "ok", "5", "junk", "five"));
        assertThat(s.problem("low", 1, 10)).contains("low must be a whole number from 1 to 10");
        assertThat(s.problem("junk", 1, 10)).isPresent();
        assertThat(s.problem("ok", 1, 10)).isEmpty();
        assertThat(s.problem("missing", 1, 10)).isEmpty();
    }

    @Test
    void switchesListsAndStrings() {
        Map<String, String> values = new HashMap<>();
        values.put("on", " TRUE ");
        values.put("list", "a##b, c##  ##");
        values.put("text", "  x ");
        Settings s = Settings.of(values);
        assertThat(s.bool("on", false)).isTrue();
        assertThat(s.bool("missing", true)).isTrue();
        assertThat(s.list("list")).containsExactly("a", "b", "c");
        assertThat(s.list("missing")).isEmpty();
        assertThat(s.string("text", "d")).isEqualTo("x");
        assertThat(Settings.of(null).string("text", "d")).isEqualTo("d");
    }
}
