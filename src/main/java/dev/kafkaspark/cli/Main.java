package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.Invocation;
import dev.kafkaspark.cli.launch.Launcher;
import dev.kafkaspark.cli.launch.Signals;
import dev.kafkaspark.internal.support.RunTempDir;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** The entry point of {@code demo.jar}. */
public final class Main {

    private Main() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        Invocation invocation = Invocation.of(args);
        Optional<Integer> launched = Launcher.relaunch(args, invocation);
        if (launched.isPresent()) {
            System.exit(launched.get());
        }
        // Before anything makes a temp file: the run's temp files go together, and go when the process ends.
        RunTempDir.install();
        // Before anything logs: each kind of process gets its own file, so a class running a broker, a consumer and
        // the stream side by side in one directory gets one readable log per process kind.
        if (System.getProperty("demo.logfile") == null) {
            System.setProperty("demo.logfile", "logs/" + invocation.logName() + ".log");
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // A component's thread that dies (Spark's job thread interrupted while the stream stops, say) goes to the
        // log: the console carries the narrative, and a stack trace only with --verbose.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> org.slf4j.LoggerFactory.getLogger(Main.class)
                .error("thread {} ended with an uncaught exception", thread.getName(), e));
        Signals.install();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = Cli.commandLine(out, err).execute(args);
        } catch (Throwable t) {
            // Something escaped the command's own handling (an Error, most likely): say so on the console, since
            // component logs go to a file and ZooKeeper's default handler would only log it.
            err.println("error: " + Cli.oneLine(t) + " (" + Cli.logHint() + ")");
            code = Cli.FAILURE;
        }
        // The JVM writes the class cache as it exits (-XX:ArchiveClassesAtExit): seconds a user would otherwise wait
        // for in silence. On standard error, so that the SUMMARY stays the last line of the output.
        Launcher.savingNotice().ifPresent(n -> err.println("saving the class cache for faster starts (a few seconds,"
                + " once per build)..."));
        out.flush();
        err.flush();
        System.exit(code);
    }
}
