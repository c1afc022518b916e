package dev.kafkaspark.cli;

import dev.kafkaspark.internal.events.EventBus;
import dev.kafkaspark.internal.support.SelfCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Builds the command line and maps every failure to one readable line and an exit code: 0 ok, 1 a runtime failure,
 * 2 a usage error. Stack traces only with {@code --verbose}.
 */
public final class Cli {

    /** Exit code of a usage error. */
    public static final int USAGE = 2;
    /** Exit code of a runtime failure. */
    public static final int FAILURE = 1;
    /** Where component logs go, for the hint in error messages. */
    public static String logHint() {
        return "details in " + logPlace();
    }

    /** The log file of this process ({@code logs/stream.log}), or, under spark-submit, the driver's log. */
    static String logPlace() {
        return System.getProperty("demo.logfile", System.getProperty("spark.master") != null
                ? "the driver's log (Spark's logging configuration)" : "logs/demo.log");
    }

    private static final java.time.Duration FLUSH_LIMIT = java.time.Duration.ofSeconds(5);

    private Cli() {
    }

    /** A command line writing to the given streams, with this project's error handling. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = configure(new CommandLine(new TopCommand()), out, err);
        cl.setCommandName(SelfCommand.line());
        return cl;
    }

    /** Gives a command line this project's streams and error handling. */
    static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(parameterHandler());
        cl.setExecutionExceptionHandler(executionHandler());
        // Whatever a command said reaches its console before the command's result, or its error, is printed.
        cl.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                EventBus.flushAll(FLUSH_LIMIT);
            }
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // "--mode zookeeper" names a mode, not the zookeeper subcommand.
        cl.setAllowSubcommandsAsOptionParameters(true);
        return cl;
    }

    private static IParameterExceptionHandler parameterHandler() {
        return (ParameterException ex, String[] args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            if (verbose(args)) {
                ex.printStackTrace(err);
            }
            String message = ex.getMessage() == null ? ex.toString() : ex.getMessage().replace('\n', ' ');
            err.println("error: " + message + suggestion(ex) + " (see '" + cmd.getCommandSpec().qualifiedName()
                    + " --help')");
            err.flush();
            return USAGE;
        };
    }

    private static String suggestion(ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            return "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        }
        return "";
    }

    private static IExecutionExceptionHandler executionHandler() {
        return (Exception ex, CommandLine cmd, ParseResult parsed) -> {
            PrintWriter err = cmd.getErr();
            boolean verbose = verbose(parsed.originalArgs().toArray(String[]::new));
            if (verbose) {
                ex.printStackTrace(err);
            }
            if (ex instanceof UsageException) {
                err.println("error: " + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName()
                        + " --help')");
                err.flush();
                return USAGE;
            }
            java.util.Optional<String> denied = Denials.explain(ex, cmd.getCommandName(),
                    cmd.getParseResult() == null ? null : cmd.getParseResult().matchedOptionValue("--topic", null),
                    ClusterOptions.userOf(cmd.getParseResult()));
            if (denied.isPresent()) {
                err.println("error: " + denied.get());
                err.flush();
                return FAILURE;
            }
            err.println("error: " + oneLine(ex) + " (" + logHint() + (verbose ? ")" : "; --verbose shows the stack"
                    + " trace)"));
            err.flush();
            return FAILURE;
        };
    }

    /** The most telling message of a failure, on one line. */
    public static String oneLine(Throwable ex) {
        return dev.kafkaspark.internal.support.Failures.message(ex);
    }

    private static boolean verbose(String[] args) {
        for (String a : args) {
            if ("--verbose".equals(a)) {
                return true;
            }
        }
        return false;
    }
}
