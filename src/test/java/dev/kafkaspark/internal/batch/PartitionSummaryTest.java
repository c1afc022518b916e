package dev.kafkaspark.internal.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionSummaryTest {

    @Test
    void anExecutorOfAStandaloneWorkerIsNamedByItsWorkersAddressOthersByTheirHost() {
        assertThat(PartitionSummary.where("127.0.0.1", "org.apache.spark.executor.CoarseGrainedExecutorBackend"
                + " --driver-url spark://CoarseGrainedScheduler@127.0.0.1:38599 --executor-id 0 --hostname 127.0.0.1"
                + " --cores 1 --app-id app-1 --worker-url spark://Worker@127.0.0.1:43273 --resourceProfileId 0"))
                .isEqualTo("worker 127.0.0.1:43273");
        assertThat(PartitionSummary.where("10.0.0.7", "org.apache.spark.executor.YarnCoarseGrainedExecutorBackend"
                + " --driver-url spark://CoarseGrainedScheduler@10.0.0.5:38599 --executor-id 3"))
                .isEqualTo("10.0.0.7");
    }
}
