package io.einlass.keycloak.core.phone;

import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers as people type them (libphonenumber, shaded into the bundle): parsed with a default region, stored
 * as E.164 ({@code 079 123 45 67} in CH is {@code +41791234567}), shown masked ({@code +41 79 *** ** 67}).
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_INPUT = 40;

    /** What kind of line a number is. */
    public enum Kind { MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE, OTHER }

    /** A valid number: E.164, its region (ISO 3166 alpha-2) and kind. */
    public record Parsed(String e164, String region, Kind kind) {
    }

    private PhoneNumbers() {
    }

    /** The number, when {@code raw} is a valid phone number (national numbers read in {@code defaultRegion}). */
    public static Optional<Parsed> parse(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_INPUT) {
            return Optional.empty();
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!(c >= '0' && c <= '9') && " +-()./".indexOf(c) < 0) {
                return Optional.empty();
            }
        }
        try {
            PhoneNumber number = UTIL.parse(raw.strip(), defaultRegion == null ? "ZZ" : defaultRegion.toUpperCase(Locale.ROOT));
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            String region = UTIL.getRegionCodeForNumber(number);
            return Optional.of(new Parsed(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), region, kind(UTIL.getNumberType(number))));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static Kind kind(PhoneNumberType type) {
        return switch (type) {
            case MOBILE -> Kind.MOBILE;
            case FIXED_LINE -> Kind.FIXED_LINE;
            case FIXED_LINE_OR_MOBILE -> Kind.FIXED_LINE_OR_MOBILE;
            default -> Kind.OTHER;
        };
    }

    /**
     * {@code +41 79 *** ** 67}: the country code, the first two national digits and the last two; the rest hidden,
     * grouped as the number is grouped in international format.
     */
    public static String mask(String e164) {
        if (e164 == null || e164.isBlank()) {
            return "";
        }
        try {
            PhoneNumber number = UTIL.parse(e164, "ZZ");
            String international = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
            String prefix = "+" + number.getCountryCode();
            String national = international.substring(prefix.length()).strip();
            int digits = (int) national.chars().filter(Character::isDigit).count();
            StringBuilder sb = new StringBuilder(prefix).append(' ');
            int seen = 0;
            for (char c : national.toCharArray()) {
                if (Character.isDigit(c)) {
                    sb.append(seen < 2 || seen >= digits - 2 ? c : '*');
                    seen++;
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        } catch (NumberParseException e) {
            return "***";
        }
    }
}
