package io.einlass.keycloak.authenticators.magiclink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;

class MagicLinkConfigTest {

    @Test
    void withoutConfigurationTheDocumentedDefaultsApply() {
        MagicLinkConfig config = MagicLinkConfig.from(Map.of());

        assertThat(config.validity()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.codeEnabled()).isTrue();
        assertThat(config.crossDevice()).isTrue();
        assertThat(config.resendCooldown()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.addressLimit()).isEqualTo(3);
        assertThat(config.addressWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.ipLimit()).isEqualTo(30);
        assertThat(config.ipWindow()).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void aMissingConfigModelOrAModelWithoutMapGivesTheDefaults() {
        assertThat(MagicLinkConfig.from((AuthenticatorConfigModel) null)).isEqualTo(MagicLinkConfig.from(Map.of()));
        AuthenticatorConfigModel empty = new AuthenticatorConfigModel();
        empty.setConfig(null);
        assertThat(MagicLinkConfig.from(empty)).isEqualTo(MagicLinkConfig.from(Map.of()));
        assertThat(MagicLinkConfig.DEFAULTS).isEqualTo(MagicLinkConfig.from(Map.of()));
    }

    @Test
    void readsEveryValueFromTheConfigModel() {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(new HashMap<>(Map.of(
                MagicLinkConfig.VALIDITY_MINUTES, "20",
                MagicLinkConfig.CODE, "false",
                MagicLinkConfig.CROSS_DEVICE, "false",
                MagicLinkConfig.RESEND_COOLDOWN, "30",
                MagicLinkConfig.ADDRESS_LIMIT, "5",
                MagicLinkConfig.ADDRESS_WINDOW, "10",
                MagicLinkConfig.IP_LIMIT, "50",
                MagicLinkConfig.IP_WINDOW, "120")));

        assertThat(MagicLinkConfig.from(model)).isEqualTo(new MagicLinkConfig(Duration.ofMinutes(20), false, false,
                Duration.ofSeconds(30), 5, Duration.ofMinutes(10), 50, Duration.ofMinutes(120), Set.of(), false));
    }

    @Test
    void accountsAreCreatedByLinkOnlyWhenSwitchedOn() {
        assertThat(MagicLinkConfig.DEFAULTS.selfRegistration()).isFalse();
        assertThat(MagicLinkConfig.from(Map.of(MagicLinkConfig.SELF_REGISTRATION, "true")).selfRegistration()).isTrue();
    }

    @ParameterizedTest(name = "validity {0} -> {1} min")
    @CsvSource({"0,1", "-5,1", "1,1", "30,30", "31,30", "90,30", "' 20 ',20"})
    void validityIsClampedToOneToThirtyMinutes(String raw, int minutes) {
        assertThat(MagicLinkConfig.from(Map.of(MagicLinkConfig.VALIDITY_MINUTES, raw)).validity()).isEqualTo(Duration.ofMinutes(minutes));
    }

    @ParameterizedTest(name = "cooldown {0} -> {1} s")
    @CsvSource({"0,10", "9,10", "10,10", "900,900", "901,900", "100000,900"})
    void resendCooldownIsClampedToTenToNineHundredSeconds(String raw, int seconds) {
        assertThat(MagicLinkConfig.from(Map.of(MagicLinkConfig.RESEND_COOLDOWN, raw)).resendCooldown()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void limitsAndWindowsAreClamped() {
        MagicLinkConfig low = MagicLinkConfig.from(Map.of(MagicLinkConfig.ADDRESS_LIMIT, "0", MagicLinkConfig.ADDRESS_WINDOW, "0",
                MagicLinkConfig.IP_LIMIT, "-1", MagicLinkConfig.IP_WINDOW, "-1"));
        assertThat(low.addressLimit()).isEqualTo(1);
        assertThat(low.addressWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(low.ipLimit()).isEqualTo(1);
        assertThat(low.ipWindow()).isEqualTo(Duration.ofMinutes(1));

        MagicLinkConfig high = MagicLinkConfig.from(Map.of(MagicLinkConfig.ADDRESS_LIMIT, "1000", MagicLinkConfig.ADDRESS_WINDOW, "5000",
                MagicLinkConfig.IP_LIMIT, "1000000", MagicLinkConfig.IP_WINDOW, "5000"));
        assertThat(high.addressLimit()).isEqualTo(100);
        assertThat(high.addressWindow()).isEqualTo(Duration.ofDays(1));
        assertThat(high.ipLimit()).isEqualTo(10_000);
        assertThat(high.ipWindow()).isEqualTo(Duration.ofDays(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abc", "1.5", "15min", "0x10", "NaN", "99999999999", "1e3", "--1"})
    void garbageNumbersFallBackToTheDefaults(String garbage) {
        Map<String, String> config = new HashMap<>();
        for (String key : List.of(MagicLinkConfig.VALIDITY_MINUTES, MagicLinkConfig.RESEND_COOLDOWN, MagicLinkConfig.ADDRESS_LIMIT,
                MagicLinkConfig.ADDRESS_WINDOW, MagicLinkConfig.IP_LIMIT, MagicLinkConfig.IP_WINDOW)) {
            config.put(key, garbage);
        }
        assertThat(MagicLinkConfig.from(config)).isEqualTo(MagicLinkConfig.from(Map.of()));
    }

    @Test
    void switchesCanBeTurnedOffAndBlankSwitchesKeepTheirDefault() {
        MagicLinkConfig off = MagicLinkConfig.from(Map.of(MagicLinkConfig.CODE, "false", MagicLinkConfig.CROSS_DEVICE, " FALSE "));
        assertThat(off.codeEnabled()).isFalse();
        assertThat(off.crossDevice()).isFalse();

        MagicLinkConfig blank = MagicLinkConfig.from(Map.of(MagicLinkConfig.CODE, "", MagicLinkConfig.CROSS_DEVICE, "  "));
        assertThat(blank.codeEnabled()).isTrue();
        assertThat(blank.crossDevice()).isTrue();
    }

    @Test
    void restApiClientsAreOptInAndNeverTheConsoles() {
        MagicLinkConfig config = MagicLinkConfig.from(Map.of(MagicLinkConfig.API_CLIENTS,
                "portal-app##acme-portal##security-admin-console##account-console"));

        assertThat(config.apiAllows("portal-app")).isTrue();
        assertThat(config.apiAllows("acme-portal")).isTrue();
        assertThat(config.apiAllows("other-app")).isFalse();
        assertThat(config.apiAllows("security-admin-console")).as("never the admin console").isFalse();
        assertThat(config.apiAllows("account-console")).as("never the account console").isFalse();
        assertThat(config.apiAllows(null)).isFalse();
        assertThat(MagicLinkConfig.DEFAULTS.apiAllows("portal-app")).as("empty by default").isFalse();
    }

    @Test
    void theResetStepDefaultsToThirtyMinutes() {
        assertThat(MagicLinkConfig.from(Map.of(), LinkPurpose.RESET.defaultValidityMinutes()).validity()).isEqualTo(Duration.ofMinutes(30));
        assertThat(MagicLinkConfig.from(Map.of()).validity()).isEqualTo(Duration.ofMinutes(15));
    }

    @ParameterizedTest(name = "resend {0} -> {1} s")
    @CsvSource({"-3,60", "0,60", "1,60", "2,120", "3,240", "4,480", "5,900", "6,900", "50,900", "2147483647,900"})
    void resendCooldownDoublesAndIsCappedAtFifteenMinutes(int sendsSoFar, int expectedSeconds) {
        assertThat(MagicLinkConfig.DEFAULTS.cooldownBeforeResend(sendsSoFar)).isEqualTo(Duration.ofSeconds(expectedSeconds));
    }

    @Test
    void resendCooldownNeverExceedsFifteenMinutesForAnyConfiguredBase() {
        for (int base : new int[] {10, 30, 59, 60, 300, 900}) {
            MagicLinkConfig config = MagicLinkConfig.from(Map.of(MagicLinkConfig.RESEND_COOLDOWN, String.valueOf(base)));
            Duration previous = Duration.ZERO;
            for (int n = 1; n <= 40; n++) {
                Duration cooldown = config.cooldownBeforeResend(n);
                assertThat(cooldown).as("base %d, resend %d", base, n).isLessThanOrEqualTo(Duration.ofMinutes(15))
                        .isGreaterThanOrEqualTo(previous);
                previous = cooldown;
            }
        }
    }

    @Test
    void resendCooldownKeepsDoublingUntilTheCapForSmallBases() {
        MagicLinkConfig config = MagicLinkConfig.from(Map.of(MagicLinkConfig.RESEND_COOLDOWN, "10"));

        assertThat(config.cooldownBeforeResend(6)).isEqualTo(Duration.ofSeconds(320));
        assertThat(config.cooldownBeforeResend(7)).isEqualTo(Duration.ofSeconds(640));
        assertThat(config.cooldownBeforeResend(8)).isEqualTo(Duration.ofSeconds(900));
    }

    /** The properties with a default (all but the multivalued client list, checked apart). */
    private static List<ProviderConfigProperty> numberAndSwitchProperties() {
        return MagicLinkConfig.properties(LinkPurpose.SIGN_IN).stream()
                .filter(p -> !ProviderConfigProperty.MULTIVALUED_STRING_TYPE.equals(p.getType())).toList();
    }

    @Test
    void bothStepsDocumentEveryProperty() {
        for (LinkPurpose purpose : LinkPurpose.values()) {
            assertThat(MagicLinkConfig.properties(purpose)).allSatisfy(p -> {
                assertThat(p.getName()).startsWith("einlass.");
                assertThat(p.getLabel()).isNotBlank();
                assertThat(p.getHelpText()).isNotBlank();
            });
        }
        assertThat(MagicLinkConfig.properties(LinkPurpose.SIGN_IN)).extracting(ProviderConfigProperty::getName).contains(MagicLinkConfig.API_CLIENTS);
        assertThat(MagicLinkConfig.properties(LinkPurpose.RESET)).extracting(ProviderConfigProperty::getName).doesNotContain(MagicLinkConfig.API_CLIENTS);
    }

    @Test
    void adminPropertiesAreNamespacedAndDocumented() {
        List<ProviderConfigProperty> properties = numberAndSwitchProperties();

        assertThat(properties).isNotEmpty();
        assertThat(properties).extracting(ProviderConfigProperty::getName).doesNotHaveDuplicates();
        assertThat(properties).allSatisfy(p -> {
            assertThat(p.getName()).startsWith("einlass.");
            assertThat(p.getLabel()).as("label of %s", p.getName()).isNotBlank();
            assertThat(p.getHelpText()).as("help text of %s", p.getName()).isNotBlank();
            assertThat(p.getDefaultValue()).as("default of %s", p.getName()).isNotNull();
        });
    }

    @Test
    void everyAdminPropertyDefaultParsesToTheReadersDefault() {
        for (ProviderConfigProperty p : numberAndSwitchProperties()) {
            String defaultValue = String.valueOf(p.getDefaultValue());
            assertThat(MagicLinkConfig.from(Map.of(p.getName(), defaultValue)))
                    .as("%s = %s", p.getName(), defaultValue)
                    .isEqualTo(MagicLinkConfig.DEFAULTS);
        }
    }

    @Test
    void everyAdminPropertyDefaultChangesTheReaderWhenChanged() {
        // proves each property is actually read: a non-default value must produce a different config
        for (ProviderConfigProperty p : numberAndSwitchProperties()) {
            String defaultValue = String.valueOf(p.getDefaultValue());
            String other = ProviderConfigProperty.BOOLEAN_TYPE.equals(p.getType())
                    ? String.valueOf(!Boolean.parseBoolean(defaultValue))
                    : String.valueOf(Integer.parseInt(defaultValue) + 1);
            assertThat(MagicLinkConfig.from(Map.of(p.getName(), other))).as("%s = %s", p.getName(), other)
                    .isNotEqualTo(MagicLinkConfig.DEFAULTS);
        }
    }

    @Test
    void theReaderReadsExactlyTheKeysTheAdminConsoleOffers() {
        Set<String> read = new LinkedHashSet<>();
        Map<String, String> recording = new AbstractMap<>() {
            @Override
            public String get(Object key) {
                read.add((String) key);
                return null;
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                return Set.of();
            }
        };
        MagicLinkConfig.from(recording);

        assertThat(read).containsExactlyInAnyOrderElementsOf(
                MagicLinkConfig.properties(LinkPurpose.SIGN_IN).stream().map(ProviderConfigProperty::getName).toList());
    }

    @Test
    void switchesAreBooleanPropertiesAndNumbersAreIntegerProperties() {
        for (LinkPurpose purpose : LinkPurpose.values()) {
            for (ProviderConfigProperty p : MagicLinkConfig.properties(purpose)) {
                String defaultValue = String.valueOf(p.getDefaultValue());
                if (p.getName().equals(MagicLinkConfig.API_CLIENTS)) {
                    assertThat(p.getType()).as("a list of client IDs, several allowed").isEqualTo(ProviderConfigProperty.MULTIVALUED_STRING_TYPE);
                } else if (defaultValue.equals("true") || defaultValue.equals("false")) {
                    assertThat(p.getType()).as(p.getName()).isEqualTo(ProviderConfigProperty.BOOLEAN_TYPE);
                } else {
                    assertThat(defaultValue).as(p.getName()).matches("\\d+");
                    assertThat(p.getType()).as(p.getName()).isEqualTo(ProviderConfigProperty.INTEGER_TYPE);
                }
            }
        }
    }

    @Test
    void theShippedValuesAndTheDefaultsPassTheCheck() {
        assertThat(MagicLinkConfig.problem(Map.of())).isEmpty();
        for (LinkPurpose purpose : LinkPurpose.values()) {
            Map<String, String> defaults = new HashMap<>();
            MagicLinkConfig.properties(purpose).stream().filter(p -> p.getDefaultValue() != null)
                    .forEach(p -> defaults.put(p.getName(), String.valueOf(p.getDefaultValue())));
            assertThat(MagicLinkConfig.problem(defaults)).as(purpose.name()).isEmpty();
        }
        assertThat(MagicLinkConfig.problem(Map.of(MagicLinkConfig.VALIDITY_MINUTES, "30", MagicLinkConfig.CODE, "false",
                MagicLinkConfig.RESEND_COOLDOWN, "900", MagicLinkConfig.ADDRESS_LIMIT, "100", MagicLinkConfig.IP_LIMIT, "10000",
                MagicLinkConfig.API_CLIENTS, "portal-app##acme-portal", "default.reference.value", "email"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "einlass.magic-link.validity-minutes|45|Link validity (minutes) must be a whole number from 1 to 30; got 45.",
            "einlass.magic-link.validity-minutes|0|Link validity (minutes) must be a whole number from 1 to 30; got 0.",
            "einlass.magic-link.validity-minutes|15min|Link validity (minutes) must be a whole number from 1 to 30; got 15min.",
            "einlass.magic-link.resend-cooldown-seconds|9|Resend cooldown (seconds) must be a whole number from 10 to 900; got 9.",
            "einlass.magic-link.limit-per-address|101|Links per address must be a whole number from 1 to 100; got 101.",
            "einlass.magic-link.limit-per-address-window-minutes|1.5|Window for links per address (minutes) must be a whole number from 1 to 1440; got 1.5.",
            "einlass.magic-link.limit-per-ip|-1|Links per IP address must be a whole number from 1 to 10000; got -1.",
            "einlass.magic-link.limit-per-ip-window-minutes|1441|Window for links per IP (minutes) must be a whole number from 1 to 1440; got 1441.",
            "einlass.magic-link.code|yes|Code in the mail must be on or off (true or false); got yes.",
            "einlass.magic-link.cross-device|1|Approve from another device must be on or off (true or false); got 1."})
    void invalidValuesAreRefusedNamingTheLabelTheRangeAndTheValue(String key, String value, String message) {
        assertThat(MagicLinkConfig.problem(Map.of(key, value))).contains(message);
    }

    @Test
    void theCheckRefusesExactlyWhatTheReaderClamps() {
        for (ProviderConfigProperty p : numberAndSwitchProperties()) {
            if (!ProviderConfigProperty.INTEGER_TYPE.equals(p.getType())) {
                continue;
            }
            Pattern range = Pattern.compile("(\\d+) to (\\d+)");
            Matcher m = range.matcher(p.getHelpText());
            assertThat(m.find()).as("help of %s states the bounds", p.getName()).isTrue();
            int min = Integer.parseInt(m.group(1));
            int max = Integer.parseInt(m.group(2));
            assertThat(MagicLinkConfig.problem(Map.of(p.getName(), String.valueOf(min)))).as("%s = %d", p.getName(), min).isEmpty();
            assertThat(MagicLinkConfig.problem(Map.of(p.getName(), String.valueOf(max)))).as("%s = %d", p.getName(), max).isEmpty();
            assertThat(MagicLinkConfig.problem(Map.of(p.getName(), String.valueOf(min - 1))))
                    .hasValueSatisfying(message -> assertThat(message).startsWith(p.getLabel()).contains(min + " to " + max));
            assertThat(MagicLinkConfig.problem(Map.of(p.getName(), String.valueOf(max + 1))))
                    .hasValueSatisfying(message -> assertThat(message).startsWith(p.getLabel()).contains(min + " to " + max));
        }
    }

    @Test
    void restApiClientsAreReadInEachStoredForm() {
        assertThat(MagicLinkConfig.from(Map.of(MagicLinkConfig.API_CLIENTS, "portal-app##acme-portal")).apiClients())
                .containsExactlyInAnyOrder("portal-app", "acme-portal");
        assertThat(MagicLinkConfig.from(Map.of(MagicLinkConfig.API_CLIENTS, "portal-app, acme-portal")).apiClients())
                .containsExactlyInAnyOrder("portal-app", "acme-portal");
        assertThat(MagicLinkConfig.from(Map.of(MagicLinkConfig.API_CLIENTS, "portal-app")).apiClients()).containsExactly("portal-app");
    }

    @Test
    void helpTextsStateTheDefaultAndRangeTheReaderUses() {
        Pattern range = Pattern.compile("(\\d+) to (\\d+)");
        for (ProviderConfigProperty p : numberAndSwitchProperties()) {
            String defaultValue = String.valueOf(p.getDefaultValue());
            if (!defaultValue.matches("\\d+")) {
                continue;
            }
            assertThat(p.getHelpText()).as("help of %s", p.getName()).containsPattern("default " + defaultValue + "\\b");
            Matcher m = range.matcher(p.getHelpText());
            assertThat(m.find()).as("help of %s states the bounds", p.getName()).isTrue();
            // values below and above the documented range are clamped to its ends at runtime
            int min = Integer.parseInt(m.group(1));
            int max = Integer.parseInt(m.group(2));
            MagicLinkConfig belowMin = MagicLinkConfig.from(Map.of(p.getName(), String.valueOf(min - 1)));
            MagicLinkConfig atMin = MagicLinkConfig.from(Map.of(p.getName(), String.valueOf(min)));
            MagicLinkConfig aboveMax = MagicLinkConfig.from(Map.of(p.getName(), String.valueOf(max + 1)));
            MagicLinkConfig atMax = MagicLinkConfig.from(Map.of(p.getName(), String.valueOf(max)));
            assertThat(belowMin).as("%s below %d", p.getName(), min).isEqualTo(atMin);
            assertThat(aboveMax).as("%s above %d", p.getName(), max).isEqualTo(atMax);
            assertThat(atMin).as("%s %d..%d", p.getName(), min, max).isNotEqualTo(atMax);
        }
    }
}
