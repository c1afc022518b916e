package dev.kafkaspark.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.demo.Demo;
import dev.kafkaspark.internal.demo.DemoResult;
import dev.kafkaspark.internal.demo.DemoSettings;
import dev.kafkaspark.internal.events.EventBus;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.stream.StreamEngine;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The live page in a real browser (Debian's headless Chromium, driven by Selenium with the driver's path given, so
 * nothing is downloaded), on the demo with three brokers in each Kafka mode (ZooKeeper with DStreams, KRaft with
 * Structured Streaming): what the demo waits for, the partition table, a batch arriving,
 * a button that stops the leader of partition 0 and the leader moving, the broker started again and back in sync, the
 * stream restarted from its button, and the summary once the demo ended. A screenshot of each state goes to {@code target/live-page/}. On a machine without
 * Chromium the test is skipped and says why.
 */
class LivePageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration STEP = Duration.ofSeconds(60);

    private ChromeDriver browser;
    private Demo demo;
    private CompletableFuture<DemoResult> running;
    private Path shots;

    @BeforeAll
    static void needsChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "no Chromium here:"
                + " install Debian's chromium and chromium-driver (.ci/run does) to run the browser tests");
    }

    @ParameterizedTest(name = "{0} mode, {1}")
    @CsvSource({"ZOOKEEPER,DSTREAM", "KRAFT,STRUCTURED"})
    void aClassWatchesTheLeaderMoveWhenAButtonStopsABrokerAndSeesTheSummaryAtTheEnd(ClusterMode mode,
            StreamEngine.Kind engine, @TempDir Path profile) throws Exception {
        shots = Path.of("target", "live-page", (mode + "-" + engine).toLowerCase(java.util.Locale.ROOT));
        Files.createDirectories(shots);
        DemoSettings settings = DemoSettings.builder().mode(mode).engine(engine).anyFreePorts().brokers(3).ui(false)
                .batchInterval(Duration.ofSeconds(1)).rate(50).duration(Duration.ofMinutes(3)).quietBatches(true)
                .topic("page-" + UUID.randomUUID().toString().substring(0, 8)).web(WebSettings.at(0)).build();
        EventBus bus = new EventBus();
        demo = new Demo(settings, new Narrator(bus));
        demo.openPage();
        String url = demo.pageUrl().orElseThrow();
        browser = chromium(profile);
        browser.get(url);
        waitFor("what the demo waits for, before anything started").until(() -> browser.findElement(
                By.id("waiting")).getText().startsWith("waiting for " + (mode == ClusterMode.KRAFT
                        ? "the controller quorum" : "ZooKeeper") + ", the brokers, the producer, the Spark job"));
        shot("0-waiting");
        running = CompletableFuture.supplyAsync(demo::run);

        waitFor("three partitions in the table").until(() -> rows().size() == 3);
        waitFor("a batch with records").until(() -> !browser.findElements(
                By.cssSelector("#batches .batch:not([data-records='0'])")).isEmpty());
        shot("1-running");
        int leader = Integer.parseInt(cell(0, ".leader"));
        waitFor("a stop button on broker " + leader).until(() -> !button(leader).isEmpty());
        click(leader);
        waitFor("broker " + leader + " shown stopped").until(() -> broker(leader).getAttribute("class")
                .contains("stopped"));
        waitFor("partition 0's leader moved off broker " + leader).until(() -> {
            String now = cell(0, ".leader");
            return !now.equals(Integer.toString(leader)) && !now.equals("none");
        });
        waitFor("broker " + leader + " out of partition 0's in-sync set").until(() -> !browser
                .findElements(By.cssSelector("#partitions tr[data-partition='0'] .replica.out[data-replica='"
                        + leader + "']")).isEmpty());
        shot("2-leader-moved");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("from the live page: stopping broker "
                + leader).contains("p0 leader " + leader + " →");
        waitFor("a start button on broker " + leader).until(() -> !button(leader).isEmpty());
        click(leader);
        waitFor("broker " + leader + " back in every in-sync set").until(() -> !broker(leader)
                .getAttribute("class").contains("stopped") && browser.findElements(
                        By.cssSelector("#partitions .replica.out")).isEmpty());
        shot("3-back-in-sync");
        browser.findElement(By.id("restart-stream")).click();
        waitFor("the stream restarted from the button").until(() -> {
            String timeline = browser.findElement(By.id("timeline")).getText();
            return timeline.contains("from the live page: restarting the stream") && (timeline.contains(
                    "a new streaming job started") || timeline.contains("the query started again"));
        });
        long restarted = latestBatchAt();
        waitFor("a batch of the restarted stream").until(() -> latestBatchAt() > restarted);

        demo.requestStop();
        DemoResult result = running.get(2, TimeUnit.MINUTES);
        demo.publishSummary(result);
        waitFor("the summary, and that the demo ended").until(() -> browser.findElement(By.id("summary"))
                .getText().contains("SUMMARY produced=") && "ended".equals(browser.findElement(By.id("state"))
                        .getAttribute("data-state")));
        shot("4-ended");
        assertThat(result.clean()).as(String.join("\n", result.summaryLines(false))).isTrue();
        browser.findElement(By.cssSelector("#languages button[data-lang='ko']")).click();
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Kafka와 Spark, 실시간");
    }

    @AfterEach
    void stop() throws IOException {
        if (browser != null) {
            if (shots != null) {
                Files.writeString(shots.resolve("last-page.html"), browser.getPageSource());
                shot("last");
            }
            browser.quit();
        }
        if (demo != null) {
            demo.requestStop();
            demo.requestStop();
            if (running != null) {
                running.orTimeout(2, TimeUnit.MINUTES).exceptionally(e -> null).join();
            }
            demo.closePage();
        }
    }

    private static ChromeDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-dev-shm-usage", "--window-size=1400,1800",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File("logs/chromedriver.log")).build();
        return new ChromeDriver(service, options);
    }

    /** A wait on the page: it redraws parts of itself once a second, so an element found may be gone a moment later. */
    private static ConditionFactory waitFor(String what) {
        return await(what).atMost(STEP).ignoreException(StaleElementReferenceException.class);
    }

    /** When the newest batch on the page completed (ms since the start), or -1. */
    private long latestBatchAt() {
        return browser.findElements(By.cssSelector("#batches .batch")).stream()
                .mapToLong(b -> Long.parseLong(b.getAttribute("data-at"))).max().orElse(-1);
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#partitions tbody tr"));
    }

    private String cell(int partition, String css) {
        return browser.findElement(By.cssSelector("#partitions tr[data-partition='" + partition + "'] " + css))
                .getText().strip();
    }

    private WebElement broker(int id) {
        return browser.findElement(By.cssSelector("#brokers .broker[data-broker='" + id + "']"));
    }

    private List<WebElement> button(int id) {
        return browser.findElements(By.cssSelector("#brokers .broker[data-broker='" + id + "'] button"));
    }

    /** Clicks the broker's button; the page redraws the brokers when they change, so a click may need a retry. */
    private void click(int id) {
        waitFor("a click on broker " + id + "'s button").ignoreException(
                StaleElementReferenceException.class).until(() -> {
                    button(id).get(0).click();
                    return true;
                });
    }

    private void shot(String state) throws IOException {
        Files.write(shots.resolve(state + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
