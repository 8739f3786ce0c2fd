package io.mdr.fanout;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowControlChoiceTest {
    private static final String MULTICAST = "aeron:udp?endpoint=239.255.1.1:40456|interface=10.0.0.1";
    private static final String MDC = "aeron:udp?control=10.0.0.1:40457|control-mode=dynamic";

    @Test
    void eachChoiceBecomesAeronsFcParameter() {
        assertEquals("min", FlowControlChoice.fcValue("min"));
        assertEquals("min,g:/2", FlowControlChoice.fcValue("min/2"));
        assertEquals("max", FlowControlChoice.fcValue("max"));
        assertEquals("tagged,g:7", FlowControlChoice.fcValue("tagged:7"));
        assertEquals("tagged,g:7/3", FlowControlChoice.fcValue("tagged:7/3"));
        assertTrue(FlowControlChoice.apply(MULTICAST, "max").contains("fc=max"));
        assertTrue(FlowControlChoice.apply(MDC, "tagged:7").contains("fc=tagged,g:7"));
        assertEquals(MULTICAST, FlowControlChoice.apply(MULTICAST, null));
    }

    @Test
    void aChoiceTheChannelCannotTakeIsRefusedNamingTheKey() {
        assertEquals("--flow-control fastest: expected " + FlowControlChoice.ACCEPTED,
                assertThrows(IllegalArgumentException.class, () -> FlowControlChoice.fcValue("fastest")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlowControlChoice.fcValue("tagged:x")).getMessage()
                .startsWith("--flow-control tagged:x"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FlowControlChoice.apply("aeron:udp?endpoint=10.0.0.2:40456", "min")).getMessage().contains("unicast"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FlowControlChoice.apply("aeron:ipc", "min")).getMessage().contains("IPC"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FlowControlChoice.apply(MULTICAST + "|fc=min", "max")).getMessage().contains("fc= itself"));
    }

    @Test
    void theCommandNamesTheBadKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FanoutMain.parse(new String[] {
                "--queue", "/tmp/q", "--channel", "udp://x", "--stream", "1"}));
        assertTrue(e.getMessage().startsWith("--channel udp://x: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FanoutMain.parse(new String[] {
                "--queue", "/tmp/q", "--channel", "aeron:ipc", "--stream", "x"}));
        assertEquals("--stream x: expected an integer from -2147483648 to 2147483647", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FanoutMain.parse(new String[] {"--queue", "/tmp/q"}));
        assertTrue(e.getMessage().contains("are required"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FanoutMain.parse(new String[] {
                "--queue", "/tmp/q", "--channel", "aeron:ipc", "--stream", "1", "--exit-when-idle", "-1"}));
        assertTrue(e.getMessage().startsWith("--exit-when-idle -1: "), e.getMessage());
    }
}
