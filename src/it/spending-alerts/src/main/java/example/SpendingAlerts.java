package example;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.api.java.Optional;
import org.apache.spark.api.java.function.Function3;
import org.apache.spark.streaming.State;
import org.apache.spark.streaming.StateSpec;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/**
 * The job under test: payments (key: user, value: amount) keep a running total per user; when a user's total first
 * reaches the limit, an alert (key: user, value: the total) goes to the alerts topic. Needs a checkpoint directory.
 */
public final class SpendingAlerts {

    private SpendingAlerts() {
    }

    /** Defines the job on the payments stream; returns the amounts per user, for anyone who wants to watch. */
    public static JavaPairDStream<String, Long> define(JavaDStream<ConsumerRecord<String, String>> payments,
            long limit, String bootstrapServers, String alertsTopic) {
        JavaPairDStream<String, Long> amounts = payments.mapToPair(r -> new Tuple2<>(r.key(),
                Long.parseLong(r.value())));
        Function3<String, Optional<Long>, State<Long>, Tuple2<String, Long>> total = (user, amount, state) -> {
            long before = state.exists() ? state.get() : 0L;
            long after = before + amount.orElse(0L);
            state.update(after);
            return new Tuple2<>(user, before < limit && after >= limit ? after : -1L);
        };
        HashMap<String, Object> producerConfig = new HashMap<>(Map.of("bootstrap.servers", bootstrapServers,
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()));
        amounts.mapWithState(StateSpec.function(total)).filter(t -> t._2() >= 0)
                .foreachRDD(rdd -> rdd.foreachPartition(alerts -> {
                    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
                        alerts.forEachRemaining(a -> producer.send(new ProducerRecord<>(alertsTopic, a._1(),
                                Long.toString(a._2()))));
                    }
                }));
        return amounts;
    }
}
