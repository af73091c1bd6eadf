package io.einlass.keycloak.requiredactions.recoveryphone;

import java.util.Optional;

import io.einlass.keycloak.core.events.EinlassEvents.Reason;
import io.einlass.keycloak.core.phone.PhoneNumbers;

/** Which typed numbers are accepted for SMS: a valid number, a mobile one (by default), of an allowed country. */
final class PhoneRules {

    /** Why a number is refused, with its message. */
    enum Refusal {
        MISSING("einlass.recovery-phone.missing", Reason.INVALID_NUMBER),
        INVALID("einlass.recovery-phone.invalid", Reason.INVALID_NUMBER),
        NOT_MOBILE("einlass.recovery-phone.not-mobile", Reason.NOT_MOBILE),
        COUNTRY("einlass.recovery-phone.country", Reason.COUNTRY_NOT_ALLOWED),
        ALREADY("einlass.recovery-phone.already", Reason.INVALID);

        final String message;
        final Reason reason;

        Refusal(String message, Reason reason) {
            this.message = message;
            this.reason = reason;
        }
    }

    /** The accepted number or the refusal. */
    record Verdict(PhoneNumbers.Parsed number, Refusal refusal) {
        boolean accepted() {
            return refusal == null;
        }
    }

    private PhoneRules() {
    }

    static Verdict check(String raw, RecoveryPhoneConfig config, Optional<String> current) {
        if (raw == null || raw.isBlank()) {
            return new Verdict(null, Refusal.MISSING);
        }
        Optional<PhoneNumbers.Parsed> parsed = PhoneNumbers.parse(raw, config.defaultRegion());
        if (parsed.isEmpty()) {
            return new Verdict(null, Refusal.INVALID);
        }
        PhoneNumbers.Parsed number = parsed.get();
        if (!config.allows(number.region())) {
            return new Verdict(number, Refusal.COUNTRY);
        }
        if (config.mobileOnly() && number.kind() != PhoneNumbers.Kind.MOBILE && number.kind() != PhoneNumbers.Kind.FIXED_LINE_OR_MOBILE) {
            return new Verdict(number, Refusal.NOT_MOBILE);
        }
        if (current.filter(number.e164()::equals).isPresent()) {
            return new Verdict(number, Refusal.ALREADY);
        }
        return new Verdict(number, null);
    }
}
