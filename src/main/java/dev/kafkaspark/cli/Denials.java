package dev.kafkaspark.cli;

import java.util.Optional;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * A request the brokers' ACLs refused, in one line: which operation on which resource the login lacks, Kafka's own
 * error, and how an admin grants it.
 */
final class Denials {

    private Denials() {
    }

    /** The line for a failure caused by an ACL refusal, if it was one. */
    static Optional<String> explain(Throwable failure, String command, String topicOption) {
        AuthorizationException denied = null;
        for (Throwable t = failure; t != null && denied == null; t = t.getCause()) {
            if (t instanceof AuthorizationException a) {
                denied = a;
            }
        }
        if (denied == null) {
            return Optional.empty();
        }
        String operation = switch (command) {
            case "produce", "load" -> "WRITE";
            case "consume", "stream" -> "READ";
            case "topics" -> "CREATE, DESCRIBE or DELETE (as the action needs)";
            case "acls" -> "ALTER or DESCRIBE";
            default -> "DESCRIBE";
        };
        String resource;
        String grant;
        if (denied instanceof TopicAuthorizationException t) {
            // Kafka names the topics for some requests only; the command's --topic is the one it asked about.
            java.util.Set<String> named = t.unauthorizedTopics().isEmpty() && topicOption != null
                    ? java.util.Set.of(topicOption) : t.unauthorizedTopics();
            String topics = String.join(", ", new java.util.TreeSet<>(named));
            resource = named.isEmpty() ? "a topic" : "topic " + topics;
            grant = "--topic " + (named.size() == 1 ? topics : "NAME");
        } else if (denied instanceof GroupAuthorizationException g) {
            resource = "group " + g.groupId();
            grant = "--group " + g.groupId();
            operation = "READ";
        } else if (denied instanceof ClusterAuthorizationException) {
            resource = "the cluster";
            grant = "--cluster";
        } else {
            resource = "this resource";
            grant = "--topic NAME";
        }
        return Optional.of("not allowed: this login may not " + operation + " " + resource + " (Kafka: "
                + denied.getClass().getSimpleName() + ": " + denied.getMessage() + "); an admin grants it with '"
                + dev.kafkaspark.internal.support.SelfCommand.with("acls") + " --add --allow-principal User:USER --operation "
                + operation.split("[ ,]")[0] + " " + grant + " --command-config client-admin.properties'");
    }
}
