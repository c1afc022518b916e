package dev.kafkaspark.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code class-cache-run}: the build's run that makes the class cache ({@code target/demo.jar}'s {@code demo.jsa},
 * written as this JVM exits). One short demo per streaming engine, in this one JVM, so that the classes of both
 * engines are in the cache: a first Structured Streaming micro-batch comes 1.5 s sooner with Spark SQL's classes
 * cached, and the DStream job keeps its own. Hidden: only the build runs it.
 */
@Command(name = "class-cache-run", hidden = true, mixinStandardHelpOptions = true,
        description = "Runs 'demo' once per streaming engine in this JVM (the build's class-cache run).")
public final class ClassCacheRunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The options of each demo run, as given. */
    @Unmatched
    List<String> demoOptions = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int worst = 0;
        for (String engine : List.of("dstream", "structured")) {
            List<String> args = new ArrayList<>(List.of("demo", "--engine", engine));
            args.addAll(demoOptions);
            worst = Math.max(worst, Cli.commandLine(out, err).execute(args.toArray(String[]::new)));
        }
        return worst;
    }
}
