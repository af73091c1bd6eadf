package io.einlass.keycloak.core.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @Test
    void aSwissMobileNumberTypedNationallyBecomesE164() {
        assertThat(PhoneNumbers.parse("079 123 45 67", "CH")).contains(new PhoneNumbers.Parsed("+41791234567", "CH", PhoneNumbers.Kind.MOBILE));
        assertThat(PhoneNumbers.parse("+41 79 123 45 67", "DE")).map(PhoneNumbers.Parsed::e164).contains("+41791234567");
        assertThat(PhoneNumbers.parse("0041791234567", "CH")).map(PhoneNumbers.Parsed::e164).contains("+41791234567");
        assertThat(PhoneNumbers.parse("(079) 123-45-67", "CH")).map(PhoneNumbers.Parsed::e164).contains("+41791234567");
    }

    @Test
    void kindsAndRegionsAreRecognised() {
        assertThat(PhoneNumbers.parse("044 668 18 00", "CH")).map(PhoneNumbers.Parsed::kind).contains(PhoneNumbers.Kind.FIXED_LINE);
        assertThat(PhoneNumbers.parse("+49 1512 3456789", "CH")).map(PhoneNumbers.Parsed::region).contains("DE");
        assertThat(PhoneNumbers.parse("+49 1512 3456789", "CH")).map(PhoneNumbers.Parsed::kind).contains(PhoneNumbers.Kind.MOBILE);
        assertThat(PhoneNumbers.parse("+43 664 1234567", "CH")).map(PhoneNumbers.Parsed::region).contains("AT");
        assertThat(PhoneNumbers.parse("+1 202 555 0123", "CH")).map(PhoneNumbers.Parsed::region).contains("US");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"hello", "079 123 45 6", "+41 79 123 45 67 89 0", "079 12a 45 67", "+999 123456789",
            "1111111111111111111111111111111111111111111111111111", "079\u00a0123\u00a045\u00a067", "\u0660\u0667\u0669 123 45 67", "+41 79 123 45 67; DROP"})
    void anythingElseIsNoNumber(String raw) {
        assertThat(PhoneNumbers.parse(raw, "CH")).isEmpty();
    }

    @Test
    void numbersAreMaskedButForTheCountryCodeAndTheFirstAndLastTwoDigits() {
        assertThat(PhoneNumbers.mask("+41791234567")).isEqualTo("+41 79 *** ** 67");
        assertThat(PhoneNumbers.mask("+4915123456789")).startsWith("+49 15").endsWith("89").contains("*");
        assertThat(PhoneNumbers.mask("garbage")).isEqualTo("***");
        assertThat(PhoneNumbers.mask(null)).isEmpty();
    }
}
