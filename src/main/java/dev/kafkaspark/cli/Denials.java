package dev.kafkaspark.cli;

import dev.kafkaspark.internal.demo.Access;
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

    /** Where {@code broker --auth scram} writes the admin's login by default, as a hint names it. */
    static final String ADMIN_CONFIG = "logs/client-admin.properties";

    /**
     * The line for a failure caused by an ACL refusal, if it was one.
     *
     * @param user the user the command logged in as, when it is known (the hint then names it)
     */
    static Optional<String> explain(Throwable failure, String command, String topicOption, String user) {
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
        boolean writing = command.equals("produce") || command.equals("load");
        if (denied instanceof TopicAuthorizationException t) {
            // Kafka names the topics for some requests only; the command's --topic is the one it asked about.
            java.util.Set<String> named = t.unauthorizedTopics().isEmpty() && topicOption != null
                    ? java.util.Set.of(topicOption) : t.unauthorizedTopics();
            String topics = String.join(", ", new java.util.TreeSet<>(named));
            resource = named.isEmpty() ? "a topic" : "topic " + topics;
            grant = "--topic " + (named.size() == 1 ? topics : "NAME");
        } else if (denied instanceof GroupAuthorizationException g) {
            resource = "group " + g.groupId();
            // The console consumer makes a new group each run: a prefix covers them all.
            grant = g.groupId() != null && g.groupId().startsWith(Access.CONSOLE_GROUPS)
                    ? "--group " + Access.CONSOLE_GROUPS + " --resource-pattern-type prefixed"
                    : "--group " + g.groupId();
            operation = "READ";
        } else if (denied instanceof ClusterAuthorizationException && writing && topicOption != null) {
            // An idempotent producer asks the cluster for its producer id: refused when it may write no topic at all.
            resource = "topic " + topicOption;
            grant = "--topic " + topicOption;
        } else if (denied instanceof ClusterAuthorizationException) {
            resource = "the cluster";
            grant = "--cluster";
        } else {
            resource = "this resource";
            grant = "--topic NAME";
        }
        // Some refusals carry the broker's internal request in their message: that says nothing to a person.
        String kafka = denied.getMessage() == null || denied.getMessage().contains("Request(processor=")
                ? denied.getClass().getSimpleName()
                : denied.getClass().getSimpleName() + ": " + denied.getMessage();
        return Optional.of("not allowed: this login may not " + operation + " " + resource + " (Kafka: " + kafka
                + "); an admin grants it with '" + dev.kafkaspark.internal.support.SelfCommand.with("acls")
                + " --add --allow-principal User:" + (user == null ? "USER" : user) + " --operation "
                + operation.split("[ ,]")[0] + " " + grant + " --command-config " + ADMIN_CONFIG + "'");
    }
}
