package io.einlass.keycloak.requiredactions.recoveryphone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which numbers a recovery phone may have, and the settings that decide it. */
class PhoneRulesTest {

    private static final RecoveryPhoneConfig DEFAULTS = RecoveryPhoneConfig.from(Map.of());

    @Test
    void theDefaultsAreMobileNumbersOfTheDachCountriesReadAsSwiss() {
        assertThat(DEFAULTS.defaultRegion()).isEqualTo("CH");
        assertThat(DEFAULTS.mobileOnly()).isTrue();
        assertThat(DEFAULTS.countries()).containsExactlyInAnyOrder("CH", "DE", "AT", "LI");
        assertThat(DEFAULTS.codeValidity()).isEqualTo(Duration.ofMinutes(5));
        assertThat(DEFAULTS.dailyBudget()).isEqualTo(500);
    }

    @Test
    void aSwissMobileTypedNationallyIsAccepted() {
        PhoneRules.Verdict verdict = PhoneRules.check("079 123 45 67", DEFAULTS, Optional.empty());
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.number().e164()).isEqualTo("+41791234567");
    }

    @Test
    void refusalsSayWhy() {
        assertThat(PhoneRules.check(" ", DEFAULTS, Optional.empty()).refusal()).isEqualTo(PhoneRules.Refusal.MISSING);
        assertThat(PhoneRules.check("12", DEFAULTS, Optional.empty()).refusal()).isEqualTo(PhoneRules.Refusal.INVALID);
        assertThat(PhoneRules.check("044 668 18 00", DEFAULTS, Optional.empty()).refusal()).isEqualTo(PhoneRules.Refusal.NOT_MOBILE);
        assertThat(PhoneRules.check("+1 202 555 0143", DEFAULTS, Optional.empty()).refusal()).isEqualTo(PhoneRules.Refusal.COUNTRY);
        assertThat(PhoneRules.check("079 123 45 67", DEFAULTS, Optional.of("+41791234567")).refusal()).isEqualTo(PhoneRules.Refusal.ALREADY);
    }

    @Test
    void landlinesAndOtherCountriesCanBeAllowed() {
        RecoveryPhoneConfig open = RecoveryPhoneConfig.from(Map.of(RecoveryPhoneConfig.MOBILE_ONLY, "false", RecoveryPhoneConfig.COUNTRIES, ""));
        assertThat(PhoneRules.check("044 668 18 00", open, Optional.empty()).accepted()).isTrue();
        assertThat(PhoneRules.check("+1 202 555 0143", open, Optional.empty()).accepted()).isTrue();
        RecoveryPhoneConfig german = RecoveryPhoneConfig.from(Map.of(RecoveryPhoneConfig.DEFAULT_REGION, "de", RecoveryPhoneConfig.COUNTRIES, "de"));
        assertThat(PhoneRules.check("01512 3456789", german, Optional.empty()).number().e164()).isEqualTo("+4915123456789");
        assertThat(PhoneRules.check("+41 79 123 45 67", german, Optional.empty()).refusal()).isEqualTo(PhoneRules.Refusal.COUNTRY);
    }

    @Test
    void theResendCooldownGrowsTo300Seconds() {
        assertThat(DEFAULTS.cooldownBeforeResend(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DEFAULTS.cooldownBeforeResend(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(DEFAULTS.cooldownBeforeResend(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(DEFAULTS.cooldownBeforeResend(5)).isEqualTo(Duration.ofSeconds(300));
        assertThat(DEFAULTS.cooldownBeforeResend(50)).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void outOfRangeSettingsAreClampedAndReportedForTheAdminConsole() {
        RecoveryPhoneConfig config = RecoveryPhoneConfig.from(Map.of(RecoveryPhoneConfig.CODE_VALIDITY, "5000", RecoveryPhoneConfig.DEFAULT_REGION, "Switzerland"));
        assertThat(config.codeValidity()).isEqualTo(Duration.ofSeconds(600));
        assertThat(config.defaultRegion()).isEqualTo("CH");
        assertThat(RecoveryPhoneConfig.problem(Map.of(RecoveryPhoneConfig.CODE_VALIDITY, "5000"))).isPresent();
        assertThat(RecoveryPhoneConfig.problem(Map.of(RecoveryPhoneConfig.DEFAULT_REGION, "Switzerland"))).isPresent();
        assertThat(RecoveryPhoneConfig.problem(Map.of(RecoveryPhoneConfig.CODE_VALIDITY, "120"))).isEmpty();
        assertThat(RecoveryPhoneConfig.properties()).allSatisfy(p -> {
            assertThat(p.getLabel()).isNotBlank();
            assertThat(p.getHelpText()).isNotBlank();
        });
    }
}
