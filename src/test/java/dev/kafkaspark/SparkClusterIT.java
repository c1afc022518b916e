package dev.kafkaspark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkaspark.internal.support.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job on a real Spark standalone cluster, each part its own process from the packaged jar as a class
 * runs them: a master, two workers (executors are their child JVMs), a broker (one for the class), the stream
 * submitted to the master, and the synthetic load. Every record is processed, executors ran on both workers, and
 * everything stops and frees its ports; a worker killed mid-run ({@code kill -9}) loses nothing.
 */
@Order(1) // the two lanes: see the Failsafe settings in pom.xml
class SparkClusterIT {

    private static final Duration STEP = Duration.ofSeconds(90);
    private static final Pattern BATCH = Pattern.compile("--- batch \\S+: (\\d+) records.*");
    private static final int RECORDS = 3000;
    /** The executors' JVMs as JarProcess starts the others. */
    private static final String EXECUTOR_JVM = "spark.executor.extraJavaOptions="
            + String.join(" ", JarProcess.SHORT_LIVED_JVM);

    /** One broker for the class's tests (each has topics of its own), stopped at the end. */
    private static JarProcess broker;
    private static String bootstrap;

    @BeforeAll
    static void startTheBroker(@TempDir Path work) {
        broker = JarProcess.start(work, null, "broker", "--port", "0", "--zk-port", "0");
        bootstrap = broker.awaitLine("Kafka broker 0 started at (127\\.0\\.0\\.1:\\d+)", STEP).group(1);
    }

    @AfterAll
    static void stopTheBroker() {
        try (JarProcess b = broker) {
            assertThat(b.stop(STEP)).as(b.transcript()).isZero();
            b.assertTempDirEmpty();
        }
    }

    @Test
    void theStreamRunsOnTwoWorkersAndProcessesEveryRecordOfTheLoadEvenWhenOneDies(@TempDir Path work) {
        try (JarProcess master = JarProcess.start(work, null, "spark-master", "--port", "0", "--webui-port", "0")) {
            Matcher m = master.awaitLine("Spark master started at (spark://127\\.0\\.0\\.1:(\\d+)) \\(web UI .*\\)",
                    STEP);
            String url = m.group(1);
            int masterPort = Integer.parseInt(m.group(2));
            try (JarProcess worker1 = worker(work, url); JarProcess worker2 = worker(work, url)) {
                String port1 = worker1.awaitLine("Spark worker worker-\\d+-127\\.0\\.0\\.1-(\\d+) registered with "
                        + Pattern.quote(url) + ".*", STEP).group(1);
                String port2 = worker2.awaitLine("Spark worker worker-\\d+-127\\.0\\.0\\.1-(\\d+) registered with "
                        + Pattern.quote(url) + ".*", STEP).group(1);
                String topic = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
                JarProcess created = JarProcess.run(work, null, STEP, "topics", "--create", "--topic", topic,
                        "--partitions", "4", "--bootstrap-server", bootstrap);
                assertThat(created.exitCode()).as(created.transcript()).isZero();
                try (JarProcess stream = JarProcess.start(work, null, "stream", "--master", url, "--bootstrap-server",
                        bootstrap, "--topic", topic, "--batch-interval", "1s", "--no-ui", "--show", "0", "--expect",
                        Integer.toString(RECORDS), "--conf", EXECUTOR_JVM)) {
                    // Both workers' executors take part: one batch's tasks ran on two executors, one of each worker
                    // (named by the address in the worker's id).
                    Matcher both = stream.awaitLine("    ran on executor \\S+ on worker 127\\.0\\.0\\.1:(\\d+) \\(.*\\),"
                            + " executor \\S+ on worker 127\\.0\\.0\\.1:(\\d+) \\(.*", STEP);
                    assertThat(List.of(both.group(1), both.group(2))).containsExactlyInAnyOrder(port1, port2);
                    try (JarProcess load = JarProcess.start(work, null, "load", "--bootstrap-server", bootstrap,
                            "--topic", topic, "--records", Integer.toString(RECORDS), "--rate", "1000")) {
                        stream.awaitLine("--- batch \\S+: [1-9]\\d* records.*", STEP);
                        for (JarProcess worker : List.of(worker1, worker2)) {
                            assertThat(executors(worker)).as("an executor under worker %d", worker.handle().pid())
                                    .isNotEmpty();
                        }
                        // A worker dies mid-run, its executor with it: Spark runs the tasks on the other one.
                        List<ProcessHandle> lostExecutors = executors(worker2);
                        worker2.signal("KILL");
                        await("the killed worker's executor to end").atMost(STEP)
                                .until(() -> lostExecutors.stream().noneMatch(ProcessHandle::isAlive));
                        assertThat(load.awaitExit(STEP)).as(load.transcript()).isZero();
                        assertThat(load.out()).anyMatch(l -> l.contains("done: " + RECORDS + " sent, " + RECORDS
                                + " acknowledged (sequence numbers 0 to " + (RECORDS - 1) + ", every one)"));
                        load.assertTempDirEmpty();
                        // The stream stops by itself once every record of the load was processed.
                        assertThat(stream.awaitExit(STEP)).as(stream.transcript()).isZero();
                        assertThat(stream.out()).as(stream.transcript()).anyMatch(l -> l.strip().matches(
                                "SUMMARY expected=" + RECORDS + " processed=\\d+ missing=0 duplicated=\\d+"));
                        assertThat(processed(stream.out())).isGreaterThanOrEqualTo(RECORDS);
                    }
                    stream.assertTempDirEmpty();
                }
                for (JarProcess worker : List.of(worker1)) {
                    await("the application's executors to end with it").atMost(STEP)
                            .until(() -> worker.handle().descendants().noneMatch(ProcessHandle::isAlive));
                    assertThat(worker.stop(STEP)).as(worker.transcript()).isZero();
                    worker.assertTempDirEmpty();
                }
            }
            assertThat(master.stop(STEP)).as(master.transcript()).isZero();
            master.assertTempDirEmpty();
            assertThat(Ports.isFree(masterPort)).isTrue();
        }
    }

    @Test
    void aStreamWhoseClusterIsKilledEndsWithOneLineAndExitCodeOne(@TempDir Path work) {
        try (JarProcess master = JarProcess.start(work, null, "spark-master", "--port", "0", "--webui-port", "0")) {
            String url = master.awaitLine("Spark master started at (spark://127\\.0\\.0\\.1:\\d+) .*", STEP).group(1);
            String topic = "lost-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(JarProcess.run(work, null, STEP, "topics", "--create", "--topic", topic, "--bootstrap-server",
                    bootstrap).exitCode()).isZero();
            try (JarProcess worker = worker(work, url);
                    JarProcess stream = JarProcess.start(work, null, "stream", "--master", url, "--bootstrap-server",
                            bootstrap, "--topic", topic, "--batch-interval", "1s", "--no-ui", "--show", "0", "--conf",
                            EXECUTOR_JVM)) {
                stream.awaitLine("    ran on executor .*", STEP);
                master.signal("KILL");
                worker.signal("KILL");
                // The issue's bound: the master's 10 s of silence, then a stop that does not wait for batches.
                assertThat(stream.awaitExit(Duration.ofSeconds(40))).as(stream.transcript()).isEqualTo(1);
                assertThat(stream.out()).anyMatch(l -> l.contains("lost the Spark master at " + url
                        + " (not answering for 10 s): no batch can run"));
                assertThat(stream.err()).as("no stack trace on the console").noneMatch(l -> l.contains("\tat "));
                stream.assertTempDirEmpty();
            }
        }
    }

    @Test
    void executorsThatCannotStartAreNamedWithTheCauseFromTheirStderr(@TempDir Path work) {
        try (JarProcess master = JarProcess.start(work, null, "spark-master", "--port", "0", "--webui-port", "0")) {
            String url = master.awaitLine("Spark master started at (spark://127\\.0\\.0\\.1:\\d+) .*", STEP).group(1);
            String topic = "failing-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(JarProcess.run(work, null, STEP, "topics", "--create", "--topic", topic, "--bootstrap-server",
                    bootstrap).exitCode()).isZero();
            try (JarProcess worker = worker(work, url);
                    JarProcess stream = JarProcess.start(work, null, "stream", "--master", url, "--bootstrap-server",
                            bootstrap, "--topic", topic, "--batch-interval", "1s", "--no-ui", "--show", "0", "--conf",
                            "spark.executor.extraJavaOptions=-javaagent:/no/such/agent.jar")) {
                // Every executor's JVM fails to load the agent and ends at once; the worker launches the next.
                stream.awaitLine("executors keep failing: \\d+ ended within a minute, the last \\(executor \\d+\\)"
                        + " with 'Command exited with code 1'; its stderr on 127\\.0\\.0\\.1: Error opening zip file or"
                        + " JAR manifest missing : /no/such/agent\\.jar", STEP);
                // A run whose executors kept failing failed, whether the stop request or the master ended it.
                assertThat(stream.stop(STEP)).as(stream.transcript()).isEqualTo(1);
                stream.assertTempDirEmpty();
                await("the application's executors to end with it").atMost(STEP)
                        .until(() -> worker.handle().descendants().noneMatch(ProcessHandle::isAlive));
                assertThat(worker.stop(STEP)).as(worker.transcript()).isZero();
            }
        }
    }

    private static JarProcess worker(Path work, String url) {
        return JarProcess.start(work, null, "spark-worker", url, "--cores", "1", "--memory", "1g", "--webui-port",
                "0");
    }

    private static List<ProcessHandle> executors(JarProcess worker) {
        return worker.handle().descendants().filter(p -> p.info().commandLine().orElse("")
                .contains("CoarseGrainedExecutorBackend")).toList();
    }

    private static long processed(List<String> out) {
        return out.stream().map(BATCH::matcher).filter(Matcher::matches).mapToLong(m -> Long.parseLong(m.group(1)))
                .sum();
    }
}
