package io.jwtgateway.gateway.backend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.jwtgateway.gateway.config.ServicesProperties.LoadBalancing;
import io.jwtgateway.gateway.config.ServicesProperties.OutlierDetection;
import io.jwtgateway.gateway.config.ServicesProperties.Service;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of one service and the choice among them. An instance takes requests while its latest health check
 * passed and it is not ejected. An instance that fails {@code consecutive-failures} requests in a row is ejected for
 * {@code ejection-time}, never more than {@code max-ejection-percent} of the instances at once (one always may be when
 * there are two or more). When no instance takes requests, all are offered again: the checks then tell nothing about
 * which to pick, a refused connection still ends quickly, and a misconfigured health path cannot take the whole
 * service down (the "panic mode" of other proxies). A request sent again after a failure is offered every instance but
 * the one it failed on, an ejected one too when it is the only other.
 */
final class ServiceInstances {

    private static final Logger log = LoggerFactory.getLogger(ServiceInstances.class);

    private final String name;
    private final Service settings;
    private final @Nullable MeterRegistry registry;
    private final LongSupplier nanoTime;
    private final boolean leastRequests;
    private final int failuresToEject;
    private final long ejectionNanos;
    private final int maxEjectionPercent;
    private final AtomicInteger turn = new AtomicInteger();

    private volatile List<Instance> all;
    private volatile List<Instance> available;
    private volatile int ejected;                       // how many of all are ejected now
    private volatile long nextReadmission = Long.MAX_VALUE;

    /**
     * @param settings the service's resolved settings
     * @param registry where each instance's meters go; none in unit tests
     * @param nanoTime the clock of ejections, {@code System::nanoTime} but in tests
     */
    ServiceInstances(String name, Service settings, @Nullable MeterRegistry registry, LongSupplier nanoTime) {
        this.name = name;
        this.settings = settings;
        this.registry = registry;
        this.nanoTime = nanoTime;
        this.leastRequests = settings.loadBalancing() == LoadBalancing.LEAST_REQUESTS;
        OutlierDetection outliers = settings.outlierDetection();
        this.failuresToEject = outliers.consecutiveFailures();
        this.ejectionNanos = outliers.ejectionTime().toNanos();
        this.maxEjectionPercent = outliers.maxEjectionPercent();
        List<Instance> configured = distinct(settings.uris().stream().map(uri -> Instance.of(name, uri)).toList());
        configured.forEach(this::join);
        this.all = configured;
        this.available = configured;
    }

    String name() {
        return name;
    }

    Service settings() {
        return settings;
    }

    List<Instance> all() {
        return all;
    }

    /** The instances that take requests now, in configuration order; all of them when none would. */
    List<Instance> available() {
        refresh();
        return available;
    }

    /**
     * The next instance: in turn, or the less busy of two random ones; not {@code tried}, the instance an earlier
     * attempt of the same request failed on, unless it is the only one.
     */
    Instance choose(@Nullable Instance tried) {
        List<Instance> candidates = available();
        int size = candidates.size();
        if (size == 1) {
            Instance only = candidates.get(0);
            return tried != null && only.id().equals(tried.id()) ? healthyOtherThan(tried) : only;
        }
        Instance chosen = leastRequests ? lessBusyOfTwo(candidates) : candidates.get(next() % size);
        if (tried != null && chosen.id().equals(tried.id())) {
            int at = candidates.indexOf(chosen);
            chosen = candidates.get((at + 1) % size);
        }
        return chosen;
    }

    /** A request is on its way to {@code instance}. */
    void started(Instance instance) {
        instance.inFlight().incrementAndGet();
        InstanceMeters meters = instance.meters();
        if (meters != null) {
            meters.request();
        }
    }

    /** The instance answered, with a status that is not a failure of its own. */
    void succeeded(Instance instance) {
        instance.inFlight().decrementAndGet();
        if (instance.consecutiveFailures().get() != 0) {
            instance.consecutiveFailures().set(0);
        }
    }

    /** The request failed at the instance; enough in a row eject it, if the service can spare it. */
    void failed(Instance instance, InstanceMeters.Failure kind) {
        instance.inFlight().decrementAndGet();
        InstanceMeters meters = instance.meters();
        if (meters != null) {
            meters.failure(kind);
        }
        if (instance.consecutiveFailures().incrementAndGet() >= failuresToEject && !instance.isEjected()) {
            ejectIfAllowed(instance);
        }
    }

    /** The client went away before the instance answered: no verdict on the instance. */
    void abandoned(Instance instance) {
        instance.inFlight().decrementAndGet();
    }

    /** Records a health check result; true when it changed whether the instance passes. */
    synchronized boolean record(Instance instance, boolean healthy) {
        if (instance.isHealthy() == healthy) {
            return false;
        }
        instance.setHealthy(healthy);
        recompute();
        return true;
    }

    /** True when every instance failed its latest check, so all are offered anyway. */
    boolean noneHealthy() {
        return all.stream().noneMatch(Instance::isHealthy);
    }

    /**
     * The instances now, after a DNS lookup: those already known keep their state and meters, new ones start healthy,
     * and those gone are dropped with their meters.
     */
    synchronized void replace(List<Instance> instances) {
        Map<String, Instance> known = new HashMap<>();
        all.forEach(instance -> known.put(instance.id(), instance));
        List<Instance> next = new ArrayList<>();
        for (Instance instance : distinct(instances)) {
            Instance kept = known.remove(instance.id());
            if (kept == null) {
                join(instance);
                kept = instance;
            }
            next.add(kept);
        }
        if (next.isEmpty()) {
            return;                                     // never none: keep the last instances
        }
        known.values().forEach(gone -> {
            InstanceMeters meters = gone.meters();
            if (meters != null) {
                meters.remove();
            }
        });
        all = List.copyOf(next);
        recompute();
    }

    private void ejectIfAllowed(Instance instance) {
        int failures;
        synchronized (this) {
            List<Instance> instances = all;
            if (instance.isEjected() || !instances.contains(instance) || ejected >= maxEjected(instances.size())) {
                return;
            }
            instance.eject(nanoTime.getAsLong() + ejectionNanos);
            failures = instance.consecutiveFailures().get();
            recompute();
        }
        log.warn("Service {} instance {} failed {} requests in a row and takes none for {} s", name, instance.id(),
                failures, ejectionNanos / 1_000_000_000L);
    }

    /** One may always be ejected when there are two or more, unless the share is 0; more only within the share. */
    private int maxEjected(int instances) {
        return instances < 2 || maxEjectionPercent == 0 ? 0 : Math.max(1, instances * maxEjectionPercent / 100);
    }

    private void readmitExpired() {
        List<Instance> readmitted = new ArrayList<>(1);
        synchronized (this) {
            long now = nanoTime.getAsLong();
            for (Instance instance : all) {
                if (instance.isEjected() && now - instance.ejectedUntil() >= 0) {
                    instance.readmit();
                    readmitted.add(instance);
                }
            }
            if (!readmitted.isEmpty()) {
                recompute();
            }
        }
        readmitted.forEach(instance -> log.info("Service {} instance {} takes requests again after its ejection", name,
                instance.id()));
    }

    /**
     * Readmits the instances whose ejection time is over: done on the next choice anyway, and called by whatever
     * reports the state of an idle service, so its gauges and health details are never stale.
     */
    void refresh() {
        if (ejected > 0 && nanoTime.getAsLong() - nextReadmission >= 0) {
            readmitExpired();
        }
    }

    /** The available list, ejection count and next readmission, from every instance's state. */
    private void recompute() {
        List<Instance> instances = all;
        List<Instance> up = new ArrayList<>(instances.size());
        int out = 0;
        long next = Long.MAX_VALUE;
        for (Instance instance : instances) {
            if (instance.isEjected()) {
                out++;
                if (next == Long.MAX_VALUE || instance.ejectedUntil() - next < 0) {
                    next = instance.ejectedUntil();
                }
            } else if (instance.isHealthy()) {
                up.add(instance);
            }
        }
        ejected = out;
        nextReadmission = next;
        available = up.isEmpty() ? instances : List.copyOf(up);
    }

    /**
     * A retry after the one instance taking requests failed: another that passes its health check, though ejected,
     * rather than the same one again; that one when there is no other.
     */
    private Instance healthyOtherThan(Instance tried) {
        List<Instance> instances = all;
        int start = next();
        for (int i = 0; i < instances.size(); i++) {
            Instance other = instances.get((start + i) % instances.size());
            if (other.isHealthy() && !other.id().equals(tried.id())) {
                return other;
            }
        }
        return tried;
    }

    private Instance lessBusyOfTwo(List<Instance> candidates) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int size = candidates.size();
        int first = random.nextInt(size);
        int second = random.nextInt(size - 1);
        if (second >= first) {
            second++;
        }
        Instance a = candidates.get(first);
        Instance b = candidates.get(second);
        return b.inFlight().get() < a.inFlight().get() ? b : a;
    }

    private int next() {
        return turn.getAndIncrement() & Integer.MAX_VALUE;
    }

    private void join(Instance instance) {
        instance.attach(registry == null ? null : new InstanceMeters(registry, instance, this));
    }

    /** One instance per {@code host:port}: two names for one address are one instance, not twice its share. */
    private static List<Instance> distinct(List<Instance> instances) {
        Map<String, Instance> byId = new LinkedHashMap<>();
        instances.forEach(instance -> byId.putIfAbsent(instance.id(), instance));
        return List.copyOf(byId.values());
    }
}
