package org.causerie.bench;

import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The live heap of a local JVM (Causerie), asked of the JVM itself: attach to it, start its local JMX
 * agent, have it collect its garbage, and read the heap in use. What is left after a full collection is
 * what the connections really hold; resident memory also counts what the collector keeps for later.
 * The full collection pauses the server: only call this while it is idle.
 */
final class ServerHeap {
    private ServerHeap() {}

    /** The heap in use after a full GC, in bytes, or -1 if {@code pid} is no JVM that lets us attach. */
    static long liveBytes(long pid) {
        if (!isJava(pid)) {
            return -1;
        }
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                String address = vm.startLocalManagementAgent();
                try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                    MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(connector.getMBeanServerConnection(),
                            ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
                    memory.gc();
                    return memory.getHeapMemoryUsage().getUsed();
                }
            } finally {
                vm.detach();
            }
        } catch (Exception e) { // attach and JMX throw a dozen kinds; any means "cannot say"
            return -1;
        }
    }

    private static boolean isJava(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).getFileName().toString()
                    .equals("java");
        } catch (Exception e) {
            return false;
        }
    }
}
