package dev.kafkaspark.app;

import dev.kafkaspark.cli.Cli;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** The entry point of {@code demo.jar}. */
public final class Main {

    private Main() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = Cli.commandLine(out, err).execute(args);
        } catch (Throwable t) {
            // Something escaped the command's own handling (an Error, most likely): say so on the console, since
            // component logs go to a file and ZooKeeper's default handler would only log it.
            err.println("error: " + Cli.oneLine(t) + " (" + Cli.LOG_HINT + ")");
            code = Cli.FAILURE;
        }
        out.flush();
        err.flush();
        System.exit(code);
    }
}
