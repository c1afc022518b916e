package dev.kafkaspark.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvocationTest {

    @Test
    void theDemoAndTheStreamAreLongStartsUnlessHelpIsAsked() {
        assertThat(Invocation.of(new String[] {}).longStart()).isTrue();
        assertThat(Invocation.of(new String[] {"--records", "10", "--topic", "orders"}).longStart()).isTrue();
        assertThat(Invocation.of(new String[] {"demo", "--rate", "max"}).longStart()).isTrue();
        assertThat(Invocation.of(new String[] {"stream", "--topic", "t"}).longStart()).isTrue();
        assertThat(Invocation.of(new String[] {"stream", "--engine", "structured"}).longStart()).isTrue();
        assertThat(Invocation.of(new String[] {"broker"}).longStart()).isFalse();
        assertThat(Invocation.of(new String[] {"demo", "--help"}).longStart()).isFalse();
        assertThat(Invocation.of(new String[] {"--version"}).longStart()).isFalse();
        assertThat(Invocation.of(new String[] {"--bogus"}).longStart()).isFalse();
    }

    @Test
    void eachKindOfProcessLogsToItsOwnFile() {
        assertThat(Invocation.of(new String[] {}).logName()).isEqualTo("demo");
        assertThat(Invocation.of(new String[] {"broker", "--broker-id", "2"}).logName()).isEqualTo("broker-2");
        assertThat(Invocation.of(new String[] {"broker"}).logName()).isEqualTo("broker-0");
        assertThat(Invocation.of(new String[] {"consume", "--topic", "zookeeper"}).logName()).isEqualTo("clients");
        assertThat(Invocation.of(new String[] {"bench-limit"}).logName()).isEqualTo("bench");
        assertThat(Invocation.of(new String[] {"--bogus"}).logName()).isEqualTo("demo");
    }
}
