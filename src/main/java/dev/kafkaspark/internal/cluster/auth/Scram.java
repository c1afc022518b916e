package dev.kafkaspark.internal.cluster.auth;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.scram.internals.ScramCredentialUtils;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;

/**
 * SASL/SCRAM-SHA-256 logins for a cluster: every broker listener requires one, the brokers log in to each other as a
 * broker user of their own, and an authorizer refuses whatever no ACL allows ({@code allow.everyone.if.no.acl.found}
 * false). The broker user and the admin user are super users. Passwords are generated, never logged ({@link Login}
 * hides them in its text), and given to clients in the JAAS line Kafka's clients take.
 *
 * @param broker the user the brokers log in to each other as
 * @param admin the cluster's own admin user (topics, users, ACLs)
 */
public record Scram(Login broker, Login admin) {

    /** The SASL mechanism. */
    public static final String MECHANISM = "SCRAM-SHA-256";
    /** The security protocol of every listener. */
    public static final String PROTOCOL = "SASL_PLAINTEXT";
    /** Iterations of the password hash, Kafka's minimum for SCRAM-SHA-256. */
    public static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A user and its password.
     *
     * @param user the user name
     * @param password the password (left out of {@link #toString()})
     */
    public record Login(String user, String password) {
        /** Validates. */
        public Login {
            if (user == null || user.isBlank() || user.contains("\"") || user.contains(",") || user.contains("=")) {
                throw new IllegalArgumentException("a SCRAM user name must be non-empty, without '\"', ',' or '=':"
                        + " " + user);
            }
            if (password == null || password.isEmpty() || password.contains("\"")) {
                throw new IllegalArgumentException("the password of " + user + " must be non-empty, without '\"'");
            }
        }

        /** A new user with a generated password. */
        public static Login generate(String user) {
            return new Login(user, Scram.password());
        }

        /** The properties a Kafka client needs to log in as this user. */
        public Map<String, String> clientProperties() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, PROTOCOL);
            p.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
            p.put(SaslConfigs.SASL_JAAS_CONFIG, jaas());
            return p;
        }

        /** The JAAS line for this login. */
        String jaas() {
            return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                    + "\" password=\"" + password + "\";";
        }

        /** The user as ACLs name it. */
        public String principal() {
            return "User:" + user;
        }

        @Override
        public String toString() {
            return "Login[user=" + user + ", password=(hidden)]";
        }
    }

    /** A broker user and an admin user, with generated passwords. */
    public static Scram generate() {
        return new Scram(Login.generate("kafka-broker"), Login.generate("admin"));
    }

    /** A random password: 18 random bytes, URL-safe base64 (24 characters). */
    public static String password() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The broker properties for a broker whose only listener, named after its protocol, is at the given address:
     * SCRAM for clients and between brokers, the given authorizer, super users the broker and admin users.
     */
    public Map<String, String> brokerProperties(String authorizerClass) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.inter.broker.protocol", PROTOCOL);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("listener.name." + PROTOCOL.toLowerCase(java.util.Locale.ROOT) + "." + MECHANISM.toLowerCase(
                java.util.Locale.ROOT) + ".sasl.jaas.config", broker.jaas());
        p.put("authorizer.class.name", authorizerClass);
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", broker.principal() + ";" + admin.principal());
        return p;
    }

    /**
     * KRaft mode: the client listener (named {@code SASL_PLAINTEXT}) takes SCRAM, the controller listener PLAIN with the
     * broker and admin users listed in its own JAAS line (SCRAM credentials live in the metadata log, which the
     * controllers serve, so they cannot log in to each other with them); StandardAuthorizer.
     */
    public Map<String, String> kraftProperties(String controllerListener) {
        Map<String, String> p = brokerProperties("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.remove("security.inter.broker.protocol"); // KRaft names the listener instead (inter.broker.listener.name)
        String controller = "listener.name." + controllerListener.toLowerCase(java.util.Locale.ROOT) + ".";
        p.put(controller + "sasl.enabled.mechanisms", "PLAIN");
        p.put(controller + "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule"
                + " required username=\"" + broker.user() + "\" password=\"" + broker.password() + "\" user_"
                + broker.user() + "=\"" + broker.password() + "\" user_" + admin.user() + "=\"" + admin.password()
                + "\";");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        return p;
    }

    /** What a client needs to log in to the controllers' listener as the admin user (PLAIN, KRaft mode). */
    public Map<String, String> controllerClientProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, PROTOCOL);
        p.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        p.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"" + admin.user() + "\" password=\"" + admin.password() + "\";");
        return p;
    }

    /** The {@code kafka-storage.sh format --add-scram} arguments that store the broker and admin users' credentials. */
    public java.util.List<String> formatArguments() {
        return java.util.List.of(MECHANISM + "=[name=" + broker.user() + ",password=" + broker.password() + "]",
                MECHANISM + "=[name=" + admin.user() + ",password=" + admin.password() + "]");
    }

    /** How a broker stores a user's password: salted, hashed, as {@code kafka-configs --add-config} writes it. */
    static String storedCredential(String password) {
        try {
            return ScramCredentialUtils.credentialToString(new ScramFormatter(ScramMechanism.SCRAM_SHA_256)
                    .generateCredential(password, ITERATIONS));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The ZooKeeper node body that holds a user's SCRAM credential (the {@code /config/users/<user>} node). */
    static byte[] userConfigNode(String password) {
        return ("{\"version\":1,\"config\":{\"" + MECHANISM + "\":\"" + storedCredential(password) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Scram[broker=" + broker + ", admin=" + admin + "]";
    }
}
