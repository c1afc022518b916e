package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With nothing but the library and JUnit, a broker and Spark start, and Spark logs with its own defaults. */
@KafkaSparkTest(topics = "smallest")
class SmallestBuildTest {

    @Test
    void aBrokerAndSparkStartWithSparksOwnLoggingDefaults(KafkaSparkEnvironment env) throws Exception {
        env.send("smallest", "k", "v");
        assertEquals(1, env.awaitRecords("smallest", 1, Duration.ofSeconds(30)).size());
        assertEquals(3L, env.sparkContext().parallelize(List.of(1, 2, 3)).count());
        // Spark's backend is there (it cannot start without it), with no configuration of this project's: Spark's
        // own defaults (org/apache/spark/log4j2-defaults.properties) apply.
        Class.forName("org.apache.logging.log4j.core.Filter");
        assertNull(getClass().getClassLoader().getResource("log4j2-test.xml"));
        assertNull(getClass().getClassLoader().getResource("log4j2.xml"));
        assertEquals("org.apache.logging.slf4j.Log4jLoggerFactory",
                org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName(),
                "slf4j logs through log4j2, as in Spark's own distribution");
    }
}
