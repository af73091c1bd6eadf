package io.einlass.keycloak.core.web;

import java.util.Locale;

/**
 * A short, human description of a browser from its User-Agent header ("Firefox", "Windows"), for mails and
 * confirmation pages ("requested from Firefox on Windows"). Only well-known names are returned, so a crafted
 * User-Agent cannot inject text into a mail or page.
 */
public record BrowserDescription(String browser, String os) {

    public static final String UNKNOWN = "?";

    public static BrowserDescription parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new BrowserDescription(UNKNOWN, UNKNOWN);
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        return new BrowserDescription(browser(ua), os(ua));
    }

    public boolean isKnown() {
        return !UNKNOWN.equals(browser) || !UNKNOWN.equals(os);
    }

    private static String browser(String ua) {
        if (ua.contains("edg/") || ua.contains("edga/") || ua.contains("edgios/")) return "Edge";
        if (ua.contains("opr/") || ua.contains("opera")) return "Opera";
        if (ua.contains("samsungbrowser/")) return "Samsung Internet";
        if (ua.contains("firefox/") || ua.contains("fxios/")) return "Firefox";
        if (ua.contains("chrome/") || ua.contains("crios/") || ua.contains("chromium/")) return "Chrome";
        if (ua.contains("safari/") && ua.contains("version/")) return "Safari";
        return UNKNOWN;
    }

    private static String os(String ua) {
        if (ua.contains("iphone")) return "iPhone";
        if (ua.contains("ipad")) return "iPad";
        if (ua.contains("android")) return "Android";
        if (ua.contains("windows")) return "Windows";
        if (ua.contains("cros")) return "ChromeOS";
        if (ua.contains("mac os x") || ua.contains("macintosh")) return "macOS";
        if (ua.contains("linux")) return "Linux";
        return UNKNOWN;
    }
}
