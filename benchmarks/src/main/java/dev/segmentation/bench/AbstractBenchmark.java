/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The JMH settings every benchmark inherits (a subclass overrides what it must, such as the mode).
 *
 * <ul>
 *   <li>one benchmark thread, and {@code java.util.concurrent.ForkJoinPool.common.parallelism=0} so that no
 *       library can fan out to the common pool behind our back (Smile uses parallel streams): every
 *       measurement is single-core. The sanity checks fail a trial if the common pool ever started a
 *       worker;</li>
 *   <li>a fixed 4 GiB heap, enough for a million 16-feature rows in every library's layout at once;</li>
 *   <li>two forks, so that a lucky or unlucky JIT compilation shows up as fork-to-fork spread.</li>
 * </ul>
 * Annotations on an abstract class are inherited by the JMH annotation processor (an {@code @interface}
 * meta-annotation would not be expanded).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0",
                                  "-XX:+UseTransparentHugePages"})
@Threads(1)
@State(Scope.Benchmark)
public abstract class AbstractBenchmark {
    /** For subclasses. */
    protected AbstractBenchmark() {
    }
}
