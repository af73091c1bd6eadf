package io.einlass.keycloak.it.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The hostile inputs of the fuzz test, generated from a fixed seed so every run sends the same cases: empty and huge
 * strings, control and format characters, broken Unicode and percent sequences, payloads of other languages,
 * numbers for strings, and (for JSON and cookies) wrong types, truncated and malformed documents. One instance per
 * thread ({@link Random} is not shared).
 */
final class FuzzValues {

    /** Strings that stand out on their own. None contains what the test looks for in answers (stack traces). */
    static final List<String> CATALOG = List.of(
            "", " ", "   \t ", "\u0000", "a\u0000b", "\r\n", "\n\n\n", "\u0007\u0008\u001b[31m", "\u007f", "\u0085",
            "\u200b", "\u200e\u200f", "\u202e" + "gnp.exe", "\u2066x\u2069", "\ufeff", "\ufffe", "\uffff", "\ufffd",
            "\ud800", "\udfff", "x\ud83dy", "\ud83d\ude00", "e\u0301\u0301\u0301\u0301", "\u0130\u0131\u00df\u1e9e",
            "\uff41\uff4e\uff4e\uff41", "\u2126\u212b", "\ufdfd", "\u0663\u0663\u0663", "\ud835\udfce\ud835\udfcf",
            "${7*7}", "#{7*7}", "<#assign x=1>${x}", "{{7*7}}", "<%= 7*7 %>", "${'a'?eval}", "?no_esc",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "'--", "' OR '1'='1",
            "\"; DROP TABLE users; --", "../../../../etc/passwd", "..\\..\\windows", "%00", "%", "%%", "%2", "+", "&",
            "=", "&=&=", ";", ",", "\\", "\"", "'", "`", "()", "[]", "{}", "null", "undefined", "true", "false", "NaN",
            "Infinity", "-Infinity", "0", "-0", "-1", "1e308", "1e-400", "0x7fffffff", "2147483648", "-2147483649",
            "9223372036854775808", "1.5", "00", "٣", "\u00a0", "\u3000",
            "@", "@@", "a@", "@b", "a@b", "a@b@c", "<a@b.example>", "a\u0000@b.example", "a@b.example\u0000",
            "\"a b\"@c.example", "a@[127.0.0.1]", "a@localhost", "a..b@c.example", ".a@b.example",
            "einlass-", "einlass-password-", "einlass-magic-link\u0000", "EINLASS-PASSWORD", "POST||", "ACTION|x|y|",
            "POST|einlass-trusted-browsers|forget|", "|||||||", "http://evil.example/", "//evil.example",
            "data:text/html,x", "\\u0000", "&#0;", "&lt;", "\u00c3\u0028", "\u00ed\u00a0\u0080");

    /** Percent sequences that do not decode to valid UTF-8 (or at all), placed raw into queries and form bodies. */
    static final List<String> BROKEN_ESCAPES = List.of(
            "%C3%28", "%ED%A0%80", "%ED%BF%BF", "%FF", "%FE%FF", "%C0%AF", "%E0%80%AF", "%F8%88%80%80%80", "%80",
            "%", "%%", "%2", "%zz", "%u0041", "%0", "%00", "%0D%0A", "%E2%80%AE", "%EF%BF%BE", "+%2B+", "%25%",
            "%F4%90%80%80", "%C3", "%E2%82");

    private static final Pattern EMAIL_LIKE = Pattern.compile("(?s).*[^@\\s]@[^@\\s]*\\..*");

    private final Random random;

    FuzzValues(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** A hostile string, sometimes made from one of {@code seeds} (real values of the page or the test). */
    String next(List<String> seeds) {
        int kind = random.nextInt(20);
        switch (kind) {
            case 0, 1, 2, 3, 4, 5:
                return pick(CATALOG);
            case 6:
                return huge();
            case 7, 8:
                return randomCodePoints(1 + random.nextInt(40));
            case 9, 10:
                return number();
            default:
                if (seeds.isEmpty()) {
                    return pick(CATALOG);
                }
                return mutate(pick(seeds));
        }
    }

    /** A string of about 64 KiB (sometimes far more characters than any field allows, sometimes many lines). */
    String huge() {
        int size = 65_536 + random.nextInt(64);
        String unit = pick(List.of("a", "\u00e9", "\ud83d\ude00", "%", "&a=", "1", " ", "\u200b", "<", "\n"));
        StringBuilder sb = new StringBuilder(size);
        while (sb.length() < size) {
            sb.append(unit);
        }
        return sb.toString();
    }

    String number() {
        return switch (random.nextInt(6)) {
            case 0 -> String.valueOf(random.nextInt());
            case 1 -> String.valueOf(random.nextLong());
            case 2 -> String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 3 -> String.valueOf(random.nextInt(1000));
            case 4 -> "-" + random.nextInt(100);
            default -> "1" + "0".repeat(random.nextInt(400));
        };
    }

    /** Any code points, lone surrogates, controls and private-use characters included. */
    String randomCodePoints(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> sb.append((char) random.nextInt(0x20));
                case 1 -> sb.append((char) (0xD800 + random.nextInt(0x800)));
                case 2 -> sb.appendCodePoint(random.nextInt(0x110000));
                case 3 -> sb.append((char) (0x2000 + random.nextInt(0x70)));
                default -> sb.append((char) (0x21 + random.nextInt(0x5e)));
            }
        }
        return sb.toString();
    }

    /** A real value changed a little: a control or format character inside, a huge tail, other case or width. */
    String mutate(String seed) {
        int at = seed.isEmpty() ? 0 : random.nextInt(seed.length() + 1);
        return switch (random.nextInt(9)) {
            case 0 -> seed.substring(0, at) + pick(List.of("\u0000", "\u200b", "\u202e", "\ufeff", "\u0085", "\u001f"))
                    + seed.substring(at);
            case 1 -> seed + huge();
            case 2 -> seed.toUpperCase(java.util.Locale.ROOT);
            case 3 -> fullWidth(seed);
            case 4 -> "  " + seed + "\t\n";
            case 5 -> seed + pick(CATALOG);
            case 6 -> seed.substring(0, at);
            case 7 -> seed.substring(0, at) + "\ud800" + seed.substring(at);
            default -> seed + seed;
        };
    }

    private static String fullWidth(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c > 0x20 && c < 0x7f ? (char) (c - 0x21 + 0xff01) : c);
        }
        return sb.toString();
    }

    /**
     * {@code value} form-encoded, and sometimes with a broken escape inside (raw, as no browser would send it).
     * Characters U+0080..U+00FF in the result stand for single raw bytes (see {@link RawHttp}).
     */
    String encoded(String value) {
        String encoded = URLEncoder.encode(value.length() > 70_000 ? value.substring(0, 70_000) : value, StandardCharsets.UTF_8);
        if (chance(25)) {
            int at = random.nextInt(encoded.length() + 1);
            String broken = chance(85) ? pick(BROKEN_ESCAPES) : String.valueOf((char) (0x80 + random.nextInt(0x80)));
            encoded = encoded.substring(0, at) + broken + encoded.substring(at);
        }
        return encoded;
    }

    /**
     * A value for a field where a valid e-mail address would make the server send mail: never looks like one, also
     * not after Unicode NFKC (the server's canonical form turns a full-width {@code ＠} into {@code @}).
     */
    static String noAddress(String value) {
        if (!EMAIL_LIKE.matcher(java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKC)).matches()) {
            return value;
        }
        // every character that is an @ after NFKC (@, the full-width and the small one) goes
        StringBuilder sb = new StringBuilder();
        value.codePoints().forEach(cp -> {
            String one = new String(Character.toChars(cp));
            sb.append(java.text.Normalizer.normalize(one, java.text.Normalizer.Form.NFKC).contains("@") ? "(at)" : one);
        });
        return sb.toString();
    }

    /**
     * A value for a phone-number field: never a number libphonenumber could accept (those would send an SMS).
     * Values with 3 to 40 letters or digits lose their digits; shorter and longer ones stay as generated.
     */
    static String noPhoneNumber(String value) {
        long alnum = value.codePoints().filter(Character::isLetterOrDigit).count();
        if (alnum < 3 || alnum > 40) {
            return value;
        }
        StringBuilder sb = new StringBuilder();
        value.codePoints().forEach(cp -> {
            if (Character.isDigit(cp)) {
                sb.append('x');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /** A one-time code field: never six digits (a 1-in-a-million hit would be a real sign-in). */
    static String noSixDigits(String value) {
        return value.strip().matches("\\d{6}") ? value + "x" : value;
    }

    // --- JSON ---------------------------------------------------------------------------------------------------

    /** A JSON value of any type, nested a little. */
    String jsonValue(int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 9);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextBoolean());
            case 2 -> number().length() > 300 ? "1e400" : number();
            case 3, 4, 5 -> jsonString(next(List.of()));
            case 6 -> "[" + jsonValue(depth + 1) + "," + jsonValue(depth + 1) + "]";
            case 7 -> "{\"a\":" + jsonValue(depth + 1) + "}";
            default -> "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]";
        };
    }

    /** A JSON string literal; lone surrogates kept as {@code \\ud800} escapes. */
    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A request body for a JSON API: objects with the API's keys and wrong values, other documents, broken JSON. */
    String jsonBody(List<String> keys) {
        switch (random.nextInt(12)) {
            case 0:
                return "";
            case 1:
                return pick(List.of("{", "}", "[", "{\"", "{\"user_id\":", "{\"user_id\":\"x\",", "nul", "tru", "\"abc",
                        "{'user_id':'x'}", "{user_id:1}", "{\"a\":1}}", "{\"a\":1,}", "\u0000", "{\"a\":\"\\ud800\"}",
                        "{\"a\":\"\\x\"}", "{\"a\":01}", "{\"a\":NaN}", "\ufeff{}", "{}{}", "/* */{}", "<xml/>"));
            case 2:
                return jsonValue(0);
            case 3:
                return "{\"a\":" + "[".repeat(2000 + random.nextInt(3000)) + "]".repeat(random.nextInt(2) * 2000);
            case 4: {
                StringBuilder sb = new StringBuilder("{");
                for (int i = 0; i < 3000; i++) {
                    sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(jsonString("v" + i));
                }
                return sb.append('}').toString();
            }
            case 5: {
                String full = object(keys);
                return full.substring(0, random.nextInt(full.length()));
            }
            default:
                return object(keys);
        }
    }

    private String object(List<String> keys) {
        StringBuilder sb = new StringBuilder("{");
        List<String> chosen = new ArrayList<>();
        for (String key : keys) {
            if (chance(70)) {
                chosen.add(key);
            }
        }
        if (chance(30) && !chosen.isEmpty()) {
            chosen.add(pick(chosen)); // a repeated key
        }
        if (chance(20)) {
            chosen.add(next(List.of()));
        }
        for (int i = 0; i < chosen.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(jsonString(chosen.get(i))).append(':').append(jsonValue(0));
        }
        return sb.append('}').toString();
    }

    // --- cookies -----------------------------------------------------------------------------------------------

    /**
     * A {@code Cookie} header: the real cookies of the state (as {@code name=value} pairs) with fuzzed Einlass
     * cookies added, or a malformed header. CR and LF never appear (they would end the header).
     */
    String cookieHeader(List<String> realPairs, List<String> einlassNames) {
        List<String> parts = new ArrayList<>(realPairs);
        int added = 1 + random.nextInt(3);
        for (int i = 0; i < added; i++) {
            String name = pick(einlassNames);
            String value = switch (random.nextInt(6)) {
                case 0 -> "";
                case 1 -> "\"" + next(List.of()) + "\"";
                case 2 -> huge().substring(0, 4000 + random.nextInt(3000));
                case 3 -> next(List.of()) + "." + next(List.of());
                default -> next(List.of());
            };
            parts.add(random.nextInt(parts.size() + 1), name + "=" + value);
        }
        String header = String.join(pick(List.of("; ", ";", ";;", " ; ", ", ")), parts);
        switch (random.nextInt(8)) {
            case 0 -> header = "=" + header;
            case 1 -> header = header + ";";
            case 2 -> header = header + "; =;=x; ;" + pick(einlassNames);
            case 3 -> header = "$Version=1; " + header;
            default -> { }
        }
        return header.replace('\r', ' ').replace('\n', ' ');
    }
}
