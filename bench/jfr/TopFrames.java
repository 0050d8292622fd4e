import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording of the gateway spends its CPU and allocates, by who is responsible: our code, Spring Cloud
 * Gateway, Spring WebFlux, Reactor, Reactor Netty, Netty, JJWT, Micrometer, logging, the JDK. A single-file program:
 *
 * <pre>java bench/jfr/TopFrames.java recording.jfr [--rps N] [--top N] [--since INSTANT] [--until INSTANT] [--features a,b]</pre>
 *
 * With the gateway's throughput during the recording ({@code --rps}; it ran on one core, saturated), shares turn into
 * CPU microseconds per request. {@code --since} leaves out what was recorded before an instant, like startup and
 * warmup ({@code bench/run.sh --profile} prints the command with both); {@code --until}, what came after, so that one
 * round of one target can be looked at alone. {@code --features} adds up the samples with a frame whose class and
 * method name contain each text, like {@code AccessLog.} or {@code HttpHeadersFilter}. "Owner" charges a sample to the first frame from the top that is not JDK code: the
 * library that called into the JDK pays for it (a HashMap resize inside Netty's header code is Netty's).
 */
public class TopFrames {

    private static final Map<String, String> OWNERS = new LinkedHashMap<>();

    static {
        OWNERS.put("io.jwtgateway.", "our code");
        OWNERS.put("org.springframework.cloud.gateway.", "Spring Cloud Gateway");
        OWNERS.put("org.springframework.cloud.", "Spring Cloud (loadbalancer, commons)");
        OWNERS.put("org.springframework.boot.", "Spring Boot");
        OWNERS.put("org.springframework.web.", "Spring WebFlux / web");
        OWNERS.put("org.springframework.http.", "Spring WebFlux / web");
        OWNERS.put("org.springframework.core.", "Spring core");
        OWNERS.put("org.springframework.util.", "Spring core");
        OWNERS.put("org.springframework.", "Spring (other)");
        OWNERS.put("reactor.netty.", "Reactor Netty");
        OWNERS.put("reactor.", "Reactor core");
        OWNERS.put("io.netty.", "Netty");
        OWNERS.put("io.jsonwebtoken.", "JJWT");
        OWNERS.put("com.fasterxml.jackson.", "Jackson");
        OWNERS.put("tools.jackson.", "Jackson");
        OWNERS.put("com.github.benmanes.caffeine.", "Caffeine");
        OWNERS.put("io.micrometer.", "Micrometer");
        OWNERS.put("ch.qos.logback.", "logging");
        OWNERS.put("org.slf4j.", "logging");
        OWNERS.put("org.apache.logging.", "logging");
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length % 2 == 0) {
            System.err.println("usage: java TopFrames.java recording.jfr [--rps N] [--top N] [--since INSTANT] "
                    + "[--until INSTANT] [--features text,text]");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        double rps = Double.parseDouble(options.getOrDefault("--rps", "0"));
        int top = Integer.parseInt(options.getOrDefault("--top", "40"));
        Instant since = options.containsKey("--since") ? Instant.parse(options.get("--since")) : Instant.MIN;
        Instant until = options.containsKey("--until") ? Instant.parse(options.get("--until")) : Instant.MAX;
        List<String> features = options.containsKey("--features")
                ? List.of(options.get("--features").split(",")) : List.of();
        Map<String, Long> byFeature = new LinkedHashMap<>();
        features.forEach(feature -> byFeature.put(feature, 0L));

        Map<String, Long> selfByMethod = new HashMap<>();
        Map<String, Long> inclusiveByMethod = new HashMap<>();
        Map<String, Long> byOwner = new HashMap<>();
        Map<String, Long> inclusiveByOwner = new HashMap<>();
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Double> allocationByOwner = new HashMap<>();
        Map<String, Double> allocationBySite = new HashMap<>();
        long samples = 0;
        double allocated = 0;
        long collections = 0;
        double pauseMillis = 0;
        double firstSeconds = Double.MAX_VALUE;
        double lastSeconds = 0;

        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (event.getStartTime().isBefore(since) || event.getStartTime().isAfter(until)) {
                continue;
            }
            String type = event.getEventType().getName();
            double at = event.getStartTime().toEpochMilli() / 1000.0;
            firstSeconds = Math.min(firstSeconds, at);
            lastSeconds = Math.max(lastSeconds, at);
            if (type.equals("jdk.GarbageCollection")) {
                collections++;
                pauseMillis += event.getDuration("sumOfPauses").toNanos() / 1e6;
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null) {
                continue;
            }
            List<String> frames = new ArrayList<>();
            for (RecordedFrame frame : stack.getFrames()) {
                if (frame.isJavaFrame()) {
                    RecordedMethod method = frame.getMethod();
                    frames.add(method.getType().getName() + "." + method.getName());
                }
            }
            if (frames.isEmpty()) {
                continue;
            }
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                String thread = event.getThread("sampledThread") == null ? "?"
                        : event.getThread("sampledThread").getJavaName();
                byThread.merge(threadGroup(thread), 1L, Long::sum);
                selfByMethod.merge(frames.get(0), 1L, Long::sum);
                byOwner.merge(owner(frames), 1L, Long::sum);
                for (String feature : features) {
                    if (frames.stream().anyMatch(frame -> frame.contains(feature))) {
                        byFeature.merge(feature, 1L, Long::sum);
                    }
                }
                Set<String> seenMethods = new HashSet<>(frames);
                seenMethods.forEach(method -> inclusiveByMethod.merge(method, 1L, Long::sum));
                Set<String> seenOwners = new HashSet<>();
                frames.forEach(frame -> seenOwners.add(ownerOf(frame)));
                seenOwners.forEach(owner -> inclusiveByOwner.merge(owner, 1L, Long::sum));
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                double weight = event.getLong("weight");
                allocated += weight;
                allocationByOwner.merge(owner(frames), weight, Double::sum);
                allocationBySite.merge(site(frames), weight, Double::sum);
            }
        }

        System.out.printf(Locale.ROOT, "%d CPU samples%s%n", samples,
                rps > 0 ? String.format(Locale.ROOT, "; at %.0f req/s on one core, 100%% = %.1f us per request",
                        rps, 1e6 / rps) : "");
        double seconds = lastSeconds - firstSeconds;
        System.out.printf(Locale.ROOT,
                "%.0f s recorded; %d garbage collections, %.0f ms of pauses (%.2f%% of the time)%n",
                seconds, collections, pauseMillis, seconds > 0 ? pauseMillis / 10 / seconds : 0);
        if (!features.isEmpty()) {
            print("CPU under a frame that contains (--features, inclusive)", byFeature, samples, rps, top);
        }
        print("CPU by thread", byThread, samples, rps, top);
        print("CPU by owner (first non-JDK frame from the top)", byOwner, samples, rps, top);
        print("CPU by owner, inclusive (anywhere on the stack)", inclusiveByOwner, samples, rps, top);
        print("CPU by method, self (top frame)", selfByMethod, samples, rps, top);
        Map<String, Long> ours = new HashMap<>();
        inclusiveByMethod.forEach((method, count) -> {
            if (method.startsWith("io.jwtgateway.")) {
                ours.put(method, count);
            }
        });
        print("CPU in our methods, inclusive", ours, samples, rps, top);
        Map<String, Long> others = new HashMap<>();
        inclusiveByMethod.forEach((method, count) -> {
            if (!method.startsWith("io.jwtgateway.") && !method.startsWith("java.") && !method.startsWith("jdk.")
                    && !method.startsWith("sun.") && !method.startsWith("reactor.core.")) {
                others.put(method, count);
            }
        });
        print("CPU in library methods, inclusive (Reactor operators left out)", others, samples, rps, top);
        if (allocated > 0) {
            System.out.printf(Locale.ROOT, "%n%.0f MB allocated (sampled estimate)%s%n", allocated / 1e6,
                    rps > 0 && seconds > 0 ? String.format(Locale.ROOT, ", about %.1f KB per request",
                            allocated / 1e3 / (rps * seconds)) : "");
            printWeights("Allocation by owner", allocationByOwner, allocated, top);
            printWeights("Allocation by site (first non-JDK frame, and the JDK frame below it)", allocationBySite,
                    allocated, top);
        }
    }

    private static String threadGroup(String thread) {
        return thread.replaceAll("-?\\d+$", "-N");
    }

    private static String owner(List<String> frames) {
        for (String frame : frames) {
            String owner = ownerOf(frame);
            if (!owner.equals("JDK")) {
                return owner;
            }
        }
        return "JDK";
    }

    private static String site(List<String> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (!ownerOf(frames.get(i)).equals("JDK")) {
                return i == 0 ? frames.get(i) : frames.get(i) + " > " + frames.get(i - 1);
            }
        }
        return frames.get(0);
    }

    private static String ownerOf(String frame) {
        for (Map.Entry<String, String> owner : OWNERS.entrySet()) {
            if (frame.startsWith(owner.getKey())) {
                return owner.getValue();
            }
        }
        return frame.startsWith("java.") || frame.startsWith("jdk.") || frame.startsWith("sun.") ? "JDK" : "other";
    }

    private static void print(String title, Map<String, Long> counts, long total, double rps, int top) {
        System.out.printf("%n%s%n", title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(entry -> {
                    double share = entry.getValue() * 100.0 / total;
                    String micros = rps > 0 ? String.format(Locale.ROOT, "%7.2f us", share / 100 * 1e6 / rps) : "";
                    System.out.printf(Locale.ROOT, "  %5.1f%% %s  %s%n", share, micros, entry.getKey());
                });
    }

    private static void printWeights(String title, Map<String, Double> weights, double total, int top) {
        System.out.printf("%n%s%n", title);
        weights.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(top)
                .forEach(entry -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n",
                        entry.getValue() * 100 / total, entry.getKey()));
    }
}
