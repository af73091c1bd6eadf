package io.einlass.keycloak.it.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What an authenticator app does: RFC 6238 TOTP codes (HMAC-SHA1, 6 digits, 30 s), for a Keycloak OTP secret. */
public final class Totp {

    private Totp() {
    }

    /** The code for {@code secret} (Keycloak uses the secret's UTF-8 bytes as key) at {@code time}. */
    public static String code(String secret, Instant time) {
        return code(secret.getBytes(StandardCharsets.UTF_8), time.getEpochSecond() / 30);
    }

    public static String now(String secret) {
        return code(secret, Instant.now());
    }

    /** The current code for a raw key (what an app gets from a QR code or a Base32 setup key). */
    public static String nowForKey(byte[] key) {
        return code(key, Instant.now().getEpochSecond() / 30);
    }

    /** Decodes a Base32 setup key as shown on the setup page (spaces allowed). */
    public static byte[] base32(String key) {
        String clean = key.replace(" ", "").replace("=", "").toUpperCase();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    static String code(byte[] key, long counter) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until a fresh 30-second window begins when fewer than {@code seconds} remain in the current one, so a
     * code typed now is still valid when the server checks it, and a code is never reused across tests.
     */
    public static String fresh(String secret, String notThis) {
        while (true) {
            long now = Instant.now().getEpochSecond();
            String code = code(secret, Instant.ofEpochSecond(now));
            if (now % 30 < 25 && !code.equals(notThis)) {
                return code;
            }
            AdminClient.sleep(1000);
        }
    }
}
