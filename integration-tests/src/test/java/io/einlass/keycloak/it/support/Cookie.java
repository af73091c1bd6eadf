package io.einlass.keycloak.it.support;

import java.time.Instant;
import java.util.Locale;

/** A cookie as a browser stores it, with the attributes tests assert on. */
public record Cookie(String name, String value, String path, Instant expires, boolean secure, boolean httpOnly,
                     String sameSite, String raw) {

    /** Parses one Set-Cookie header value. */
    public static Cookie parse(String header, String requestPath, Instant now) {
        String[] parts = header.split(";");
        String nameValue = parts[0];
        int eq = nameValue.indexOf('=');
        String name = nameValue.substring(0, eq).strip();
        String value = nameValue.substring(eq + 1).strip();
        String path = null;
        Instant expires = null;
        boolean secure = false;
        boolean httpOnly = false;
        String sameSite = null;
        Long maxAge = null;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].strip();
            int aeq = attribute.indexOf('=');
            String key = (aeq < 0 ? attribute : attribute.substring(0, aeq)).strip().toLowerCase(Locale.ROOT);
            String val = aeq < 0 ? "" : attribute.substring(aeq + 1).strip();
            switch (key) {
                case "path" -> path = val;
                case "max-age" -> maxAge = Long.parseLong(val);
                case "expires" -> {
                    if (expires == null && maxAge == null) {
                        try {
                            expires = java.time.ZonedDateTime.parse(val, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                        } catch (RuntimeException e) {
                            expires = null;
                        }
                    }
                }
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "samesite" -> sameSite = val;
                default -> {
                }
            }
        }
        if (maxAge != null) {
            expires = now.plusSeconds(maxAge);
        }
        if (path == null || !path.startsWith("/")) {
            int slash = requestPath.lastIndexOf('/');
            path = slash <= 0 ? "/" : requestPath.substring(0, slash);
        }
        return new Cookie(name, value, path, expires, secure, httpOnly, sameSite, header);
    }

    public boolean expired(Instant now) {
        return expires != null && !expires.isAfter(now);
    }

    public boolean matches(String requestPath) {
        if (requestPath.equals(path) || path.equals("/")) {
            return true;
        }
        String prefix = path.endsWith("/") ? path : path + "/";
        return requestPath.startsWith(prefix);
    }

    /** Lifetime from now, in seconds (session cookies: -1). */
    public long secondsLeft(Instant now) {
        return expires == null ? -1 : expires.getEpochSecond() - now.getEpochSecond();
    }
}
