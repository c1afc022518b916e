package dev.kafkaspark.internal.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExecutorLogsTest {

    private static final String HEADER = "==== Bytes 0-900 of 900 of /tmp/w/work/app-1/3/stderr ====\n"
            + "Spark Executor Command: \"java\" \"-cp\" \"/tmp/jars/*\" \"-Dx=Error\" \"org.apache.spark.executor."
            + "CoarseGrainedExecutorBackend\"\n========================================\n\n";

    @Test
    void theFirstLineNamingAnErrorAfterTheLaunchCommandIsTheCause() {
        assertThat(ExecutorLogs.causeIn(HEADER + "Error opening zip file or JAR manifest missing : /no/agent.jar\n"
                + "Error occurred during initialization of VM\nagent library failed to init: instrument\n"))
                .contains("Error opening zip file or JAR manifest missing : /no/agent.jar");
        assertThat(ExecutorLogs.causeIn(HEADER + "26/11/27 00:09:06 INFO CoarseGrainedExecutorBackend: Started\n"
                + "Exception in thread \"main\" java.lang.IllegalStateException: no\n\tat x.y(Z.java:1)\n"))
                .contains("Exception in thread \"main\" java.lang.IllegalStateException: no");
    }

    @Test
    void withoutAnErrorItIsTheLastLineThatIsNotSparksOwnLogAndWithoutAnyItIsNothing() {
        assertThat(ExecutorLogs.causeIn(HEADER + "Killed\n26/11/27 00:09:06 INFO Foo: bar\n")).contains("Killed");
        assertThat(ExecutorLogs.causeIn(HEADER)).isEmpty();
    }
}
