package dev.kafkaspark.cli;

import dev.kafkaspark.internal.tools.Clients;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code acls}: add, list and remove ACLs, as {@code kafka-acls.sh} does (for brokers started with --auth scram). */
@Command(name = "acls", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Add, list or remove ACLs (kafka-acls.sh): who may do what on which topic or group. Needs a"
                + " super user's login, such as --command-config logs/client-admin.properties from 'broker --auth"
                + " scram'.", ""})
public final class AclsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--add", required = true, description = "Allow the principal the operations.")
        boolean add;
        @Option(names = "--list", required = true, description = "List the ACLs (of one resource, if given).")
        boolean list;
        @Option(names = "--remove", required = true, description = "Remove the principal's ACLs for the operations.")
        boolean remove;
    }

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--allow-principal", paramLabel = "User:NAME",
            description = "Who the ACL is for (with --add and --remove): User:alice, or just alice.")
    String principal;

    @Option(names = "--operation", paramLabel = "OP", split = ",",
            description = "READ, WRITE, DESCRIBE, CREATE, DELETE, ALTER, ALL ...; repeatable or comma-separated.")
    List<AclOperation> operations = new ArrayList<>();

    @Option(names = "--topic", paramLabel = "NAME", description = "The topic the ACL is about.")
    String topic;

    @Option(names = "--group", paramLabel = "NAME", description = "The consumer group the ACL is about.")
    String group;

    @Option(names = "--cluster", description = "The ACL is about the cluster itself.")
    boolean clusterResource;

    @Option(names = "--resource-pattern-type", paramLabel = "literal|prefixed", defaultValue = "literal",
            description = "literal: the resource named; prefixed: every resource whose name starts with it"
                    + " (default: ${DEFAULT-VALUE}).")
    String patternType;

    @Override
    public Integer call() {
        PatternType pattern = switch (patternType.toLowerCase(Locale.ROOT)) {
            case "literal" -> PatternType.LITERAL;
            case "prefixed" -> PatternType.PREFIXED;
            default -> throw new UsageException("--resource-pattern-type must be literal or prefixed, not "
                    + patternType);
        };
        int resources = (topic != null ? 1 : 0) + (group != null ? 1 : 0) + (clusterResource ? 1 : 0);
        if (resources > 1) {
            throw new UsageException("give one of --topic, --group and --cluster");
        }
        ResourcePattern resource = topic != null ? new ResourcePattern(ResourceType.TOPIC, topic, pattern)
                : group != null ? new ResourcePattern(ResourceType.GROUP, group, pattern)
                : clusterResource ? new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL)
                : null;
        PrintWriter out = spec.commandLine().getOut();
        try (Admin admin = Clients.admin(cluster.bootstrapServer, cluster.login())) {
            Clients.brokers(admin, cluster.bootstrapServer);
            if (action.list) {
                AclBindingFilter filter = resource == null ? AclBindingFilter.ANY
                        : new AclBindingFilter(resource.toFilter(), AccessControlEntryFilter.ANY);
                Collection<AclBinding> acls = get(admin.describeAcls(filter).values());
                if (acls.isEmpty()) {
                    out.println(resource == null ? "no ACLs" : "no ACLs for " + describe(resource));
                }
                acls.stream().map(AclsCommand::describe).sorted().forEach(out::println);
                return 0;
            }
            if (resource == null || principal == null || operations.isEmpty()) {
                throw new UsageException((action.add ? "--add" : "--remove") + " needs --allow-principal User:NAME,"
                        + " --operation OP and one of --topic, --group, --cluster");
            }
            String who = principal.contains(":") ? principal : "User:" + principal;
            List<AclBinding> bindings = new ArrayList<>();
            for (AclOperation op : operations) {
                bindings.add(new AclBinding(resource, new AccessControlEntry(who, "*", op, AclPermissionType.ALLOW)));
            }
            if (action.add) {
                get(admin.createAcls(bindings).all());
                bindings.forEach(b -> out.println("added: " + describe(b)));
            } else {
                List<AclBindingFilter> filters = bindings.stream().map(AclBinding::toFilter).toList();
                Collection<AclBinding> removed = get(admin.deleteAcls(filters).all());
                if (removed.isEmpty()) {
                    out.println("no such ACL: nothing removed");
                }
                removed.forEach(b -> out.println("removed: " + describe(b)));
            }
            out.flush();
            return 0;
        }
    }

    /** An ACL for people: {@code User:spark may READ topic mytest (literal), from any host}. */
    static String describe(AclBinding b) {
        AccessControlEntry e = b.entry();
        return e.principal() + (e.permissionType() == AclPermissionType.ALLOW ? " may " : " may not ")
                + e.operation() + " " + describe(b.pattern()) + ("*".equals(e.host()) ? ", from any host"
                        : ", from " + e.host());
    }

    private static String describe(ResourcePattern p) {
        return p.resourceType() == ResourceType.CLUSTER ? "the cluster"
                : p.resourceType().name().toLowerCase(Locale.ROOT) + " " + p.name() + " ("
                        + p.patternType().name().toLowerCase(Locale.ROOT) + ")";
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the brokers did not answer within " + Clients.TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
