package io.einlass.keycloak.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets, numeric codes, hashes and constant-time comparison. Every secret Einlass hands out (link ids,
 * codes, cookie values) comes from here; the server keeps only {@link #hash(String)} of it.
 */
public final class SecureCodes {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private SecureCodes() {
    }

    /** An opaque URL- and cookie-safe token of {@code bytes} random bytes (32 bytes = 256 bits). */
    public static String token(int bytes) {
        if (bytes < 16) {
            throw new IllegalArgumentException("tokens carry at least 128 bits");
        }
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return URL.encodeToString(b);
    }

    /**
     * True when {@code value} has the shape of a {@link #token(int) token(32)}: 43 base64url characters. Anything
     * else (from a URL, form or cookie) is never looked up at all.
     */
    public static boolean wellFormedToken(String value) {
        if (value == null || value.length() != 43) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** A numeric code of exactly {@code digits} digits, uniformly distributed (leading zeros allowed). */
    public static String digits(int digits) {
        if (digits < 4 || digits > 12) {
            throw new IllegalArgumentException("codes have 4 to 12 digits");
        }
        StringBuilder sb = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            sb.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return sb.toString();
    }

    /** A uniformly distributed int in [0, bound). */
    public static int nextInt(int bound) {
        return RANDOM.nextInt(bound);
    }

    /** SHA-256 of the UTF-8 bytes, base64url without padding. */
    public static String hash(String value) {
        return URL.encodeToString(sha256(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** SHA-256 of {@code salt ":" value}: for short codes, so equal codes of different links hash differently. */
    public static String hash(String salt, String value) {
        return hash(salt + ':' + value);
    }

    /** Compares two strings in time that does not depend on where they differ. Null never matches. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
