package io.einlass.keycloak.core.email;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Canonical form of an email address for comparisons, rate limits and look-ups: trimmed, Unicode NFKC,
 * lower case. Validation is deliberately simple (one {@code @}, a dot in the domain, no spaces, none of the
 * characters RFC 5322 allows only inside quotes: {@code < > ( ) [ ] \ , ; : "}): the mail server is the real
 * judge, this only rejects what can never be delivered unquoted, and keeps markup out of every page and mail that
 * shows an address.
 */
public final class CanonicalEmail {

    /** Longest address accepted (RFC 5321 path limit). */
    public static final int MAX_LENGTH = 254;

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final String QUOTED_ONLY = "<>()[]\\,;:\"";

    private CanonicalEmail() {
    }

    /** The canonical form, or empty when the input cannot be an email address. */
    public static Optional<String> of(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.length() > MAX_LENGTH || !SHAPE.matcher(s).matches()) {
            return Optional.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || QUOTED_ONLY.indexOf(c) >= 0) {
                return Optional.empty();
            }
        }
        return Optional.of(s);
    }

    /** True when both are addresses with the same canonical form. */
    public static boolean same(String a, String b) {
        Optional<String> ca = of(a);
        return ca.isPresent() && ca.equals(of(b));
    }

    /**
     * A masked form for pages that name an account to someone who may not own it: {@code j***@e***.com}.
     * Keeps the first character of the local part and of the domain, and the top-level domain.
     */
    public static String mask(String email) {
        if (email == null) {
            return "";
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String host = dot > 0 ? domain.substring(0, dot) : domain;
        String tld = dot > 0 ? domain.substring(dot) : "";
        return first(local) + "***@" + (host.isEmpty() ? "" : first(host) + "***") + tld;
    }

    /** The first whole character (code point), so emoji and rare CJK characters are never cut in half. */
    private static String first(String s) {
        return new String(Character.toChars(s.codePointAt(0)));
    }
}
