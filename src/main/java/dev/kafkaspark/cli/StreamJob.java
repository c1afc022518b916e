package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.Signals;
import dev.kafkaspark.internal.support.RuntimeCheck;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The streaming job as an ordinary Spark application's main class, for {@code spark-submit} (the main class of
 * {@code demo-job-spark3.5.jar} or {@code demo-job-spark4.2.jar}, which leave Spark to the cluster): the
 * {@code stream} command alone, in the JVM {@code spark-submit} started. Unlike {@link Main} it starts no child JVM
 * and sets up no logging: Spark's installation does both. The master is the one {@code spark-submit --master}
 * gives, unless {@code --master} says otherwise.
 *
 * <pre>
 * spark-submit --master spark://HOST:7077 target/demo-job-spark3.5.jar --bootstrap-server HOST:9092 --topic mytest
 * </pre>
 */
public final class StreamJob {

    private StreamJob() {
    }

    /** Runs the stream; a failure ends the JVM with exit code 1 (2 for a usage error), as spark-submit expects. */
    public static void main(String[] args) {
        Signals.install();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CommandLine cl = Cli.configure(new CommandLine(new StreamCommand()), out, err);
        String spark = RuntimeCheck.minor(RuntimeCheck.builtWith("spark.version"));
        cl.setCommandName("spark-submit ... demo-job-spark" + spark + ".jar");
        int code;
        try {
            code = cl.execute(args);
        } catch (Throwable t) {
            // An Error escaped the command's own handling (a class missing from the installation, say): one line.
            err.println("error: " + Cli.oneLine(t) + " (" + Cli.logHint() + ")");
            code = Cli.FAILURE;
        }
        out.flush();
        err.flush();
        if (code != 0) {
            // On YARN and Kubernetes the application's status comes from the driver's exit; a normal return is
            // success there, so only a failure exits.
            System.exit(code);
        }
    }
}
