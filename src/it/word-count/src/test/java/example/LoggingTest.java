package example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The project's own log4j2-test.xml decides where Kafka, ZooKeeper and Spark log; the library adds no config. */
@KafkaSparkTest(topics = "logged", shared = true)
class LoggingTest {

    @Test
    void theProjectsOwnLoggingConfigurationWins(KafkaSparkEnvironment env) throws Exception {
        env.send("logged", "k", "v");
        env.sparkContext();
        assertThat(getClass().getClassLoader().getResource("log4j2.xml"))
                .as("a log4j2.xml on the test class path (the library must not carry one)").isNull();
        String log = Files.readString(Path.of("target/user-logs/test.log"));
        assertThat(log).contains("kafka.server.KafkaServer").contains("org.apache.zookeeper")
                .contains("org.apache.spark.SparkContext");
        assertThat(Path.of("logs/demo.log")).as("the demo's log file, in the project's root").doesNotExist();
    }
}
