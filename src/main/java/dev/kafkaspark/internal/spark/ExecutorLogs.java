package dev.kafkaspark.internal.spark;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.DeployMessages;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.deploy.master.WorkerInfo;
import org.apache.spark.rpc.RpcEndpointRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a standalone cluster's executor wrote to its stderr, which the driver never sees: an executor that cannot
 * start (a class missing from the worker's Spark, an agent it cannot load) dies before it reaches the driver, and
 * Spark's reason is only "Command exited with code 1". The application's master knows each executor's worker; the
 * worker's web UI serves the executor's stderr.
 */
public final class ExecutorLogs {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorLogs.class);
    private static final Pattern MASTER = Pattern.compile("spark://([^:/,]+):(\\d+)");
    /** A log line of Spark's own (date, time, level): not the cause a person needs. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d (INFO|DEBUG|WARN)");

    /** The worker writes the executor's command first: what an executor's stderr begins with. */
    private static final String LAUNCH_LINE = "Spark Executor Command:";

    private final RpcEndpointRef master;
    private final String appId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ExecutorLogs(RpcEndpointRef master, String appId) {
        this.master = master;
        this.appId = appId;
    }

    /** The executors' logs of this application, for a {@code spark://} master with one address; else empty. */
    public static Optional<ExecutorLogs> of(SparkContext sc) {
        Matcher m = MASTER.matcher(sc.master());
        if (!m.matches()) {
            return Optional.empty();
        }
        RpcEndpointRef ref = SparkEnv.get().rpcEnv().setupEndpointRefByURI("spark://" + Master.ENDPOINT_NAME() + "@"
                + m.group(1) + ":" + m.group(2));
        return Optional.of(new ExecutorLogs(ref, sc.applicationId()));
    }

    /**
     * The telling line of an executor's stderr, with where it ran ({@code "on 127.0.0.1: Error opening zip file..."});
     * empty when the master or the workers cannot tell (within a few seconds). The master's state names the workers,
     * not which one ran the executor (its executor lists do not travel): the worker that has the executor's stderr
     * serves it, the others do not.
     */
    public Optional<String> cause(String executorId) {
        try {
            DeployMessages.MasterStateResponse state = SparkLine.masterState(master, 2);
            for (WorkerInfo worker : state.workers()) {
                Optional<String> cause = stderr(worker.webUiAddress(), executorId).flatMap(ExecutorLogs::causeIn);
                if (cause.isPresent()) {
                    return Optional.of("on " + worker.host() + ": " + cause.get());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("could not ask the master about executor {}: {}", executorId, e.toString());
        }
        return Optional.empty();
    }

    /** The executor's stderr as its worker's web UI serves it, if this worker ran it. */
    private Optional<String> stderr(String workerUi, String executorId) {
        String url = workerUi + "/log/?appId=" + URLEncoder.encode(appId, StandardCharsets.UTF_8) + "&executorId="
                + URLEncoder.encode(executorId, StandardCharsets.UTF_8) + "&logType=stderr&byteLength=16384";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains(LAUNCH_LINE)
                    ? Optional.of(response.body()) : Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("could not read {}: {}", url, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The first line of an executor's stderr that names an error (after the launch command the worker writes first),
     * or its last line.
     */
    static Optional<String> causeIn(String stderr) {
        String[] lines = stderr.split("\\R");
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("=====") && !lines[i].startsWith("==== Bytes")) {
                start = i + 1;
            }
        }
        String last = null;
        for (int i = start; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("==== Bytes") || LOG_LINE.matcher(line).find()) {
                continue;
            }
            if (line.contains("Error") || line.contains("Exception") || line.startsWith("Unrecognized")) {
                return Optional.of(line);
            }
            last = line;
        }
        return Optional.ofNullable(last);
    }
}
