package dev.kafkaspark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkaspark.internal.bench.BrokerLimit;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench-limit}: the broker alone, flat out (a child process of {@code bench}; hidden). */
@Command(name = "bench-limit", hidden = true, mixinStandardHelpOptions = true,
        description = "Producer-only, then consumer-only throughput against one broker (used by 'bench').")
public final class BenchLimitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "30s", converter = Converters.DurationConverter.class)
    Duration duration;

    @Option(names = "--value-size", defaultValue = "100")
    int valueSize;

    @Option(names = "--partitions", defaultValue = "3")
    int partitions;

    @Option(names = "--bench-report", description = "Print the BENCH line (always on).")
    boolean report;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> m = BrokerLimit.run(duration, valueSize, partitions);
        PrintWriter out = spec.commandLine().getOut();
        out.println("BENCH " + new ObjectMapper().writeValueAsString(m));
        out.flush();
        return 0;
    }
}
