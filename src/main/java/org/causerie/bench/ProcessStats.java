package org.causerie.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local process's CPU time and resident memory, read from {@code /proc} (Linux): what the server
 * under test costs, whatever it is written in.
 *
 * @param cpuNanos user + system CPU time since the process started
 * @param rssBytes resident set size
 * @param writes   write system calls since the process started, all its threads ({@code syscw} of
 *                 {@code /proc/PID/io}), or -1 where it cannot be read: a server's batches, counted
 * @param switches context switches of all its threads (voluntary and not), or -1
 * @param compilerNanos CPU time of its just-in-time compiler threads (HotSpot's {@code C1 CompilerThread}
 *                 and {@code C2 CompilerThread}; 0 for a server that has none), or -1: a JVM that is still
 *                 compiling its hot path spends on that what it does not spend on the load
 */
record ProcessStats(long cpuNanos, long rssBytes, long writes, long switches, long compilerNanos) {
    /** Clock ticks per second of {@code /proc/PID/stat}: USER_HZ, 100 on every Linux architecture in use. */
    private static final long TICKS_PER_SECOND = 100;

    /** The figures of process {@code pid} ({@code "self"} for this one); throws if it is gone. */
    static ProcessStats of(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        long[] threads = threads(pid);
        return new ProcessStats(ticks * (1_000_000_000 / TICKS_PER_SECOND), rss, writes(pid), threads[0],
                threads[1] < 0 ? -1 : threads[1] * (1_000_000_000 / TICKS_PER_SECOND));
    }

    /** {@code syscw} of {@code /proc/PID/io} (summed over the threads by the kernel), or -1. */
    private static long writes(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "io"))) {
                if (line.startsWith("syscw:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not readable here (another user's process, or no such file): not counted
        }
        return -1;
    }

    /**
     * The context switches of every thread of {@code pid} and the CPU ticks of its compiler threads (a
     * thread that ended is not counted), or -1 for both.
     */
    private static long[] threads(String pid) {
        long switches = 0;
        long compiler = 0;
        try (var tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    String name = Files.readString(task.resolve("comm")).strip();
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        compiler += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
        return new long[] {switches, compiler};
    }

    /** Like {@link #of}, or null when there is no such process to read (no {@code --server-pid}). */
    static ProcessStats ofOrNull(Long pid) {
        if (pid == null) {
            return null;
        }
        try {
            return of(Long.toString(pid));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The figures of each of {@code pids} (the nodes of a cluster), in order, or null when there is none
     * to read or one of them is gone: a sum with a node missing would pass for a cheaper cluster.
     */
    static java.util.List<ProcessStats> eachOrNull(java.util.List<Long> pids) {
        if (pids.isEmpty()) {
            return null;
        }
        var each = new java.util.ArrayList<ProcessStats>();
        for (long pid : pids) {
            ProcessStats stats = ofOrNull(pid);
            if (stats == null) {
                return null;
            }
            each.add(stats);
        }
        return each;
    }

    /** The sum of {@code each}: the CPU time and resident memory of all of them together. */
    static ProcessStats sum(java.util.List<ProcessStats> each) {
        long cpu = 0;
        long rss = 0;
        long writes = 0;
        long switches = 0;
        long compiler = 0;
        for (ProcessStats stats : each) {
            cpu += stats.cpuNanos();
            rss += stats.rssBytes();
            writes = writes < 0 || stats.writes() < 0 ? -1 : writes + stats.writes();
            switches = switches < 0 || stats.switches() < 0 ? -1 : switches + stats.switches();
            compiler = compiler < 0 || stats.compilerNanos() < 0 ? -1 : compiler + stats.compilerNanos();
        }
        return new ProcessStats(cpu, rss, writes, switches, compiler);
    }

    /**
     * CPU time the whole machine spent busy (all cores: user, nice, system, irq, softirq, steal), from
     * {@code /proc/stat}, or -1. What neither the server nor this tool used was someone else's: the
     * report says how much, since a shared machine's other work takes cores from both.
     */
    static long machineBusyNanos() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system (idle iowait) irq softirq steal
                busy += Long.parseLong(cpu[i]);
            }
            return busy * (1_000_000_000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static ProcessStats self() {
        try {
            return of("self");
        } catch (IOException e) {
            return null;
        }
    }
}
