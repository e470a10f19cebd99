package org.causerie.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.WebConfig;
import org.causerie.Wire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The page in a real headless Chromium, against a real server: browsers and nc in one room, safe
 * rendering, scrolling back through history, a dropped connection caught up, a phone-sized screen.
 * Each test leaves a screenshot in target/browser/.
 */
class BrowserTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().web(WebConfig.httpOnly()).limits(Limits.NONE).build());

    @BeforeAll
    static void chromium() {
        assertTrue(Browser.installed(), "the browser tests need Debian's chromium and chromium-driver"
                + " (apt-get install chromium chromium-driver; .ci/run installs them)");
    }

    private int http() {
        return server.server().httpPort();
    }

    @Test
    void twoBrowsersAndAnNcUserTalkInOneRoom() throws Exception {
        try (var alice = new Browser().open(http()); var bob = new Browser().open(http());
                var nc = Wire.greeted(server.port())) {
            alice.say("/nick alice");
            alice.await(d -> alice.text("nick").equals("alice"));
            bob.say("/nick bob");
            bob.await(d -> bob.text("nick").equals("bob"));
            nc.send("/nick carol");
            alice.say("hello from alice");
            bob.await(d -> bob.lines().stream().anyMatch(l -> l.endsWith("alice hello from alice")));
            nc.expect("#general <alice> hello from alice");
            nc.send("hi browsers, from nc");
            alice.await(d -> alice.lines().stream().anyMatch(l -> l.endsWith("carol hi browsers, from nc")));
            bob.await(d -> bob.lines().stream().anyMatch(l -> l.endsWith("carol hi browsers, from nc")));
            assertThat(alice.driver.findElements(By.cssSelector("#log li.own"))).hasSize(1); // own message marked
            bob.say("/me waves");
            alice.await(d -> alice.lines().stream().anyMatch(l -> l.endsWith("* bob waves")));
            nc.expect("#general * bob waves");
            alice.screenshot("two-browsers-and-nc-alice");
            bob.screenshot("two-browsers-and-nc-bob");
        }
    }

    @Test
    void membersShowOperatorsAndVoicesAndTheTopicOnJoinNamesNoSetter() throws Exception {
        try (var nc = Wire.join(server.port(), "carol"); var browser = new Browser().open(http())) {
            nc.send("/join #den").expect("* #den: carol joined"); // its first member: its operator
            nc.send("/topic #den Lab day").expect("* #den: carol set the topic: Lab day");
            browser.say("/nick webber");
            browser.await(d -> browser.text("nick").equals("webber"));
            browser.driver.findElement(By.id("join-input")).sendKeys("#den" + Keys.ENTER);
            nc.expect("* #den: webber joined");
            browser.await(d -> browser.text("members").contains("@carol"));
            nc.send("/voice webber").expect("* #den: carol sets +v webber");
            browser.await(d -> browser.text("members").contains("+webber"));
            assertThat(browser.driver.findElement(By.cssSelector("#members li.op")).getText()).isEqualTo("@carol");
            assertThat(browser.driver.findElement(By.cssSelector("#members li.voiced")).getText()).isEqualTo("+webber");
            assertThat(browser.lines()).contains("the topic is: Lab day").noneMatch(l -> l.contains("undefined"));
            browser.screenshot("operators-voices-topic");
        }
    }

    @Test
    void markupInAMessageIsShownAsTextAndOnlyHttpLinksAreLinks() throws Exception {
        try (var browser = new Browser().open(http()); var nc = Wire.greeted(server.port())) {
            nc.send("<img src=x onerror=alert(1)> <script>alert(2)</script>");
            nc.send("see https://example.org/a?b=1 but not javascript:alert(3)");
            browser.await(d -> browser.lines().stream().anyMatch(l -> l.contains("javascript:alert(3)")));
            assertThat(browser.lines()).anyMatch(l -> l.endsWith("<img src=x onerror=alert(1)> <script>alert(2)</script>"));
            assertThat(browser.driver.findElements(By.cssSelector("#log img, #log script"))).isEmpty();
            var links = browser.driver.findElements(By.cssSelector("#log a"));
            assertThat(links).hasSize(1);
            assertThat(links.getFirst().getAttribute("href")).isEqualTo("https://example.org/a?b=1");
            assertThat(links.getFirst().getAttribute("rel")).contains("noopener");
            boolean alerted;
            try {
                browser.driver.switchTo().alert();
                alerted = true;
            } catch (NoAlertPresentException e) {
                alerted = false;
            }
            assertThat(alerted).as("no script ran").isFalse();
            browser.screenshot("markup-as-text");
        }
    }

    @Test
    void scrollingUpLoadsHistoryBackToTheFirstOfFiveHundredMessages() throws Exception {
        try (var nc = Wire.greeted(server.port())) {
            for (int i = 1; i <= 500; i++) {
                nc.send("line " + i);
            }
            nc.expect("#general <" + "guest-1" + "> line 500");
        }
        try (var browser = new Browser().open(http())) {
            browser.await(d -> messageTexts(browser).contains("line 500"));
            long started = System.nanoTime();
            while (!messageTexts(browser).contains("line 1")) {
                assertThat(System.nanoTime() - started).as("scrolled back in time").isLessThan(30_000_000_000L);
                int before = messageTexts(browser).size();
                browser.script("const log = document.getElementById('log'); log.scrollTop = 0;"
                        + " log.dispatchEvent(new Event('scroll'));");
                browser.await(d -> messageTexts(browser).size() > before);
            }
            List<String> texts = messageTexts(browser);
            var expected = new ArrayList<String>();
            for (int i = 1; i <= 500; i++) {
                expected.add("line " + i);
            }
            assertThat(texts).as("every message once, in order").isEqualTo(expected);
            browser.screenshot("scrolled-back");
        }
    }

    @Test
    void aDroppedConnectionIsCaughtUpWithNothingLostOrDoubled() throws Exception {
        try (var proxy = new org.causerie.TcpRelay(http()); var nc = Wire.greeted(server.port());
                var browser = new Browser().open(proxy.port())) {
            browser.say("/join #dev");
            browser.await(d -> browser.text("title").equals("#dev") || browser.lines().stream()
                    .anyMatch(l -> l.contains("joined")));
            browser.driver.findElement(By.cssSelector("#rooms button:not([aria-current=true])")).isDisplayed();
            nc.send("/join #dev");
            for (int i = 1; i <= 5; i++) {
                nc.send("/msg #dev ignored");
            }
            nc.send("/join #dev");
            for (int i = 1; i <= 5; i++) {
                nc.send("before " + i);
            }
            browser.script("document.querySelector('#rooms button') && [...document.querySelectorAll('#rooms button')]"
                    + ".find(b => b.textContent.startsWith('#dev')).click();");
            browser.await(d -> browser.lines().stream().anyMatch(l -> l.endsWith("before 5")));
            proxy.cut();
            browser.await(d -> browser.text("status").startsWith("connection lost"));
            proxy.heal(); // the network is back: the page's next try goes through
            for (int i = 1; i <= 20; i++) {
                nc.send("during " + i);
            }
            browser.await(d -> browser.text("status").equals("connected"));
            for (int i = 1; i <= 5; i++) {
                nc.send("after " + i);
            }
            browser.await(d -> browser.lines().stream().anyMatch(l -> l.endsWith("after 5")));
            var expected = new ArrayList<String>();
            for (String phase : new String[] {"before", "during", "after"}) {
                for (int i = 1; i <= (phase.equals("during") ? 20 : 5); i++) {
                    expected.add(phase + " " + i);
                }
            }
            assertThat(messageTexts(browser)).as("nothing lost, nothing twice, in order").isEqualTo(expected);
            assertThat(browser.driver.findElements(By.cssSelector("#log li.missed"))).hasSize(20);
            browser.screenshot("caught-up-after-a-drop");
        }
    }

    @Test
    void aPhoneSizedScreenHasNoHorizontalScroll() throws Exception {
        try (var phone = new Browser(375, 667).open(http()); var nc = Wire.greeted(server.port())) {
            nc.send("a long word: " + "x".repeat(300) + " and a long link https://example.org/" + "y".repeat(200));
            phone.await(d -> phone.lines().stream().anyMatch(l -> l.contains("a long word")));
            Object width = phone.script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
                    + " window.innerWidth]");
            @SuppressWarnings("unchecked")
            List<Long> sizes = (List<Long>) width;
            assertThat(sizes.get(2)).isEqualTo(375L);
            assertThat(sizes.get(0)).as("no horizontal scrolling").isLessThanOrEqualTo(sizes.get(1));
            phone.say("typed on a phone");
            phone.await(d -> phone.lines().stream().anyMatch(l -> l.endsWith("typed on a phone")));
            phone.screenshot("phone-375x667");
        }
    }

    @Test
    void registerLogOutLogInWithTheKeyboardAloneAndStayLoggedInAcrossAReload() throws Exception {
        try (var browser = new Browser().open(http())) {
            tabTo(browser, "account-toggle").sendKeys(Keys.ENTER);
            browser.await(d -> browser.driver.findElement(By.id("nick-input")).isDisplayed());
            tabTo(browser, "nick-input").sendKeys("dora" + Keys.ENTER);
            browser.await(d -> browser.text("nick").equals("dora"));
            tabTo(browser, "login-password").sendKeys("correct-horse-battery");
            active(browser).sendKeys(Keys.TAB); // Log in
            active(browser).sendKeys(Keys.TAB); // Register this nickname
            active(browser).sendKeys(Keys.ENTER);
            browser.await(d -> browser.lines().stream().anyMatch(l -> l.equals("registered dora; you are logged in")));
            tabTo(browser, "logout").sendKeys(Keys.ENTER);
            browser.await(d -> browser.text("nick").startsWith("guest-"));
            tabTo(browser, "login-nick").sendKeys("dora" + Keys.TAB);
            active(browser).sendKeys("correct-horse-battery" + Keys.ENTER);
            browser.await(d -> browser.text("nick").equals("dora"));
            assertThat(browser.lines()).contains("you are logged in as dora");
            // the page put its token in the HttpOnly cookie: a reload resumes the login, no password asked
            assertThat((Boolean) browser.script("return document.cookie === ''")).as("no script-readable token").isTrue();
            browser.await(d -> browser.driver.manage().getCookieNamed("causerie_token") != null);
            var cookie = browser.driver.manage().getCookieNamed("causerie_token");
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
            browser.driver.navigate().refresh();
            browser.await(d -> browser.text("status").equals("connected") && browser.text("nick").equals("dora"));
            browser.screenshot("logged-in-with-the-keyboard");
            tabTo(browser, "say").sendKeys("/logout" + Keys.ENTER); // revokes the token and clears the cookie
            browser.await(d -> browser.text("nick").startsWith("guest-"));
            browser.await(d -> browser.driver.manage().getCookieNamed("causerie_token") == null);
            browser.driver.navigate().refresh();
            browser.await(d -> browser.text("status").equals("connected"));
            assertThat(browser.text("nick")).startsWith("guest-");
        }
    }

    @Test
    void axeCoreFindsNoAccessibilityViolationInLightOrDark() throws Exception {
        try (var browser = new Browser().open(http()); var nc = Wire.greeted(server.port())) {
            nc.send("a message with a link https://example.org");
            nc.send("/me waves");
            browser.await(d -> browser.lines().stream().anyMatch(l -> l.contains("waves")));
            browser.driver.findElement(By.id("account-toggle")).click(); // the account forms shown too
            for (String scheme : new String[] {"light", "dark"}) {
                browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                        List.of(java.util.Map.of("name", "prefers-color-scheme", "value", scheme))));
                List<String> violations = axe(browser);
                assertThat(violations).as("axe-core in " + scheme).isEmpty();
                browser.screenshot("axe-" + scheme);
            }
        }
    }

    /** Runs axe-core (the WebJar) in the page; returns its violations as "rule: nodes". */
    @SuppressWarnings("unchecked")
    private static List<String> axe(Browser browser) throws java.io.IOException {
        String source;
        try (var in = BrowserTest.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            source = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        browser.script(source + "; window.axeLoaded = true;");
        Object result = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => v.id + ': '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', ')))).catch(e => done(['axe failed: ' + e]));");
        return (List<String>) result;
    }

    private static WebElement active(Browser browser) {
        return browser.driver.switchTo().activeElement();
    }

    /** Presses Tab until {@code id} has the focus, as a keyboard user does; fails after 40 presses. */
    private static WebElement tabTo(Browser browser, String id) {
        for (int i = 0; i < 40; i++) {
            WebElement focused = active(browser);
            if (id.equals(focused.getAttribute("id"))) {
                return focused;
            }
            focused.sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    /** The texts of the messages the page shows, in order (time and author stripped). */
    private static List<String> messageTexts(Browser browser) {
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) browser.script("return [...document.querySelectorAll('#log li[data-id]')]"
                + ".map(li => [...li.childNodes].filter(n => n.nodeType === 3 || n.tagName === 'A')"
                + ".map(n => n.textContent).join('').trim())");
        return texts;
    }
}
