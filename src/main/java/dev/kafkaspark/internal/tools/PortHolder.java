package dev.kafkaspark.internal.tools;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What holds a taken port, asked in a few hundred milliseconds at most: a Kafka broker or controller (it answers a
 * Kafka {@code ApiVersions} request), a ZooKeeper server (it answers the {@code srvr} four-letter word, or says it may
 * not), or something else (no answer, or not one of those). A client library would wait out its own timeouts (a
 * ZooKeeper session, a metadata request) on a socket that never answers; this asks once, with one short deadline.
 */
public enum PortHolder {
    /** A Kafka broker or controller. */
    KAFKA,
    /** A ZooKeeper server. */
    ZOOKEEPER,
    /** Nothing listens there. */
    NOTHING,
    /** Something that is neither, or that did not answer in time. */
    OTHER;

    /** How long one question may take in all. */
    static final Duration DEADLINE = Duration.ofMillis(300);

    private static final short API_VERSIONS = 18;
    private static final int CORRELATION_ID = 0x4b53_4430;

    /** Whether a Kafka broker or controller listens at {@code host:port}. */
    public static PortHolder kafkaAt(String host, int port) {
        return ask(host, port, (in, out) -> {
            byte[] clientId = "kafka-spark-demo-probe".getBytes(StandardCharsets.UTF_8);
            out.writeInt(2 + 2 + 4 + 2 + clientId.length); // request header v1, ApiVersions v0 has no body
            out.writeShort(API_VERSIONS);
            out.writeShort(0);
            out.writeInt(CORRELATION_ID);
            out.writeShort(clientId.length);
            out.write(clientId);
            out.flush();
            DataInputStream data = new DataInputStream(in);
            int size = data.readInt();
            return size >= 4 && size < 1 << 20 && data.readInt() == CORRELATION_ID ? KAFKA : OTHER;
        });
    }

    /** Whether a ZooKeeper server listens at {@code host:port}. */
    public static PortHolder zookeeperAt(String host, int port) {
        return ask(host, port, (in, out) -> {
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(in.readNBytes(200), StandardCharsets.US_ASCII);
            // A server that may not answer 'srvr' still says so, naming its whitelist of four-letter words.
            return answer.startsWith("Zookeeper version") || answer.contains("whitelist") ? ZOOKEEPER : OTHER;
        });
    }

    /** What the user reads about a port this holder has. */
    public String describe(String hostPort) {
        return switch (this) {
            case KAFKA -> "a Kafka broker listens at " + hostPort;
            case ZOOKEEPER -> "a ZooKeeper server listens at " + hostPort;
            case NOTHING -> "nothing listens at " + hostPort + " any more";
            case OTHER -> hostPort + " is held by something that is not Kafka or ZooKeeper (it did not answer as"
                    + " either)";
        };
    }

    private interface Exchange {
        PortHolder run(InputStream in, DataOutputStream out) throws IOException;
    }

    private static PortHolder ask(String host, int port, Exchange exchange) {
        int millis = (int) DEADLINE.toMillis();
        try (Socket socket = new Socket()) {
            long start = System.nanoTime();
            socket.connect(new InetSocketAddress(host, port), millis);
            int left = millis - (int) ((System.nanoTime() - start) / 1_000_000);
            socket.setSoTimeout(Math.max(left, 50));
            return exchange.run(socket.getInputStream(), new DataOutputStream(socket.getOutputStream()));
        } catch (java.net.ConnectException e) {
            return NOTHING;
        } catch (IOException e) { // timed out, closed on us, or spoke something else
            return OTHER;
        }
    }
}
