package io.einlass.keycloak.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Headless Chromium from Debian ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; installed by
 * {@code .ci/run}), driven by Selenium. Collects console errors and CSP violations of every page, checks that a page
 * fits 375 px without horizontal scrolling, and saves screenshots at 375 and 1280 px.
 */
public final class Chrome implements AutoCloseable {

    public static final String BINARY = System.getProperty("einlass.chromium", "/usr/bin/chromium");
    public static final String DRIVER = System.getProperty("einlass.chromedriver", "/usr/bin/chromedriver");
    public static final int PHONE = 375;
    public static final int DESKTOP = 1280;

    private final ChromeDriver driver;
    private final String language;
    private final Path userData;
    private final List<String> problems = new ArrayList<>();
    private boolean statusErrorExpected;

    private Chrome(ChromeDriver driver, String language, Path userData) {
        this.driver = driver;
        this.language = language;
        this.userData = userData;
    }

    /** Skips (with a message) where Chromium is not installed; {@code .ci/run} installs it, so CI always runs these. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(new File(BINARY).canExecute() && new File(DRIVER).canExecute(),
                "Chromium is not installed (" + BINARY + ", " + DRIVER + "): run `apt-get install chromium chromium-driver` "
                        + "(.ci/run does) to run the browser tests");
    }

    public static Chrome start(String language) {
        assumeInstalled();
        try {
            Path userData = Files.createTempDirectory("einlass-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BINARY);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
                    "--lang=" + language, "--user-data-dir=" + userData, "--window-size=" + DESKTOP + ",900");
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(DRIVER))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new Chrome(driver, language, userData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public String language() {
        return language;
    }

    /**
     * The next page is an error page on purpose (e.g. 410 for a used link): Chromium logs its HTTP status as a
     * console error, which is then not counted as a problem (any other console error still is).
     */
    public void expectStatusError() {
        statusErrorExpected = true;
    }

    public void open(String url) {
        driver.get(url);
        settle();
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks and waits until the next page has replaced this one. */
    public void click(String css) {
        WebElement page = find("html");
        find(css).click();
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> gone(page));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the click on " + css + " did not lead to a new page: " + url());
        }
        settle();
    }

    /**
     * Whether {@code element} left the document. Chrome sometimes answers a stale element with a generic
     * "does not belong to the document" error instead of a stale-element one: both mean the page was replaced.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.WebDriverException e) {
            return true;
        }
    }

    public String text(String css) {
        return find(css).getText();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * A platform passkey authenticator in this browser (Chromium's virtual authenticator): answers WebAuthn requests
     * at once, with discoverable credentials and user verification (as a fingerprint or PIN would).
     */
    public VirtualAuthenticator addPasskeyAuthenticator() {
        return driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
    }

    public void deleteCookie(String name) {
        driver.manage().deleteCookieNamed(name);
    }

    private void settle() {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        collectLogs();
    }

    /**
     * Screenshots of the current page at 375 and 1280 px ({@code <name>-<lang>-<width>.png}), after checking that the
     * page has no console errors or CSP violations and does not scroll sideways on a phone.
     */
    public void shoot(String name) {
        for (int width : new int[] {PHONE, DESKTOP}) {
            driver.manage().window().setSize(new Dimension(width, 900));
            settle();
            long scrollWidth = ((Number) script("return document.documentElement.scrollWidth")).longValue();
            long innerWidth = ((Number) script("return window.innerWidth")).longValue();
            if (scrollWidth > innerWidth + 1) {
                problems.add(name + " at " + width + " px scrolls sideways (" + scrollWidth + " > " + innerWidth + ")");
            }
            long height = ((Number) script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")).longValue();
            driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 4000)));
            save(name + "-" + language + "-" + width);
        }
        driver.manage().window().setSize(new Dimension(DESKTOP, 900));
        assertNoProblems(name);
    }

    private void save(String file) {
        Path dir = Path.of(System.getProperty("einlass.screenshots.dir", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve(file + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collectLogs() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            String message = entry.getMessage();
            boolean csp = message.contains("Content Security Policy") || message.contains("Refused to");
            boolean expectedStatus = statusErrorExpected && !csp
                    && message.contains("Failed to load resource: the server responded with a status of 4");
            // the browser asks every origin for /favicon.ico on its own (here: after a JSON page of the server)
            boolean favicon = message.contains("/favicon.ico - Failed to load resource");
            if (favicon) {
                continue;
            }
            if (expectedStatus) {
                statusErrorExpected = false;
                continue;
            }
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() || csp) {
                problems.add(entry.getLevel() + " " + message);
            }
        }
    }

    /** Fails when any page so far logged a console error or a CSP violation, or scrolled sideways. */
    public void assertNoProblems(String where) {
        collectLogs();
        if (!problems.isEmpty()) {
            List<String> copy = List.copyOf(problems);
            problems.clear();
            throw new AssertionError("browser problems at " + where + ":\n" + String.join("\n", copy));
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(userData)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temp folder
            }
        }
    }
}
