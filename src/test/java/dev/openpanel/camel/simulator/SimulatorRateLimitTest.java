package dev.openpanel.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.openpanel.camel.testing.RawHttp;

/** The fixed-window rate limit per client id, with the real server's headers. */
class SimulatorRateLimitTest {

    @Test
    void twentyFiveRequestsInARowGiveTwentyAnswersThenFive429sWithTheServersHeaders() {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().start()) {
            RawHttp api = new RawHttp(simulator.url(), simulator.rootClient());
            List<RawHttp.Answer> answers = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                answers.add(api.get("/manage/projects"));
            }
            for (int i = 0; i < 20; i++) {
                RawHttp.Answer answer = answers.get(i);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.header("x-ratelimit-limit")).isEqualTo("20");
                assertThat(answer.header("x-ratelimit-remaining")).isEqualTo(String.valueOf(19 - i));
                assertThat(Integer.parseInt(answer.header("x-ratelimit-reset"))).isBetween(1, 10);
            }
            for (RawHttp.Answer limited : answers.subList(20, 25)) {
                assertThat(limited.status()).isEqualTo(429);
                assertThat(limited.body()).isEqualTo("{\"status\":429,\"error\":\"Too Many Requests\","
                        + "\"message\":\"You have exceeded the rate limit for this endpoint.\"}");
                assertThat(limited.header("x-ratelimit-remaining")).isEqualTo("0");
                assertThat(limited.header("retry-after")).isEqualTo(limited.header("x-ratelimit-reset"));
                assertThat(Integer.parseInt(limited.header("retry-after"))).isBetween(9, 10);
            }
            assertThat(simulator.rateLimit().maxSeenInOneWindow(simulator.rootClient().id())).isEqualTo(25);
        }
    }

    @Test
    void theWindowStartsAtTheFirstRequestAndA429DoesNotExtendIt() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().rateLimit(3, Duration.ofSeconds(1)).start()) {
            RawHttp api = new RawHttp(simulator.url(), simulator.rootClient());
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                assertThat(api.get("/manage/projects").status()).isEqualTo(200);
            }
            assertThat(api.get("/manage/projects").status()).isEqualTo(429);
            Thread.sleep(Math.max(0, 1_050 - (System.nanoTime() - start) / 1_000_000));
            RawHttp.Answer next = api.get("/manage/projects");
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.header("x-ratelimit-remaining")).isEqualTo("2");
        }
    }

    @Test
    void ofConcurrentRequestsExactlyTheLimitPassAndEachClientIdHasItsOwnBudget() throws Exception {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().start()) {
            SimulatorStore.SeededClient second = simulator.store().addRootClient();
            RawHttp first = new RawHttp(simulator.url(), simulator.rootClient());
            RawHttp other = new RawHttp(simulator.url(), second);
            ExecutorService pool = Executors.newFixedThreadPool(25);
            try {
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    calls.add(() -> first.get("/manage/projects").status());
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(calls)) {
                    statuses.add(f.get());
                }
                assertThat(statuses).filteredOn(s -> s == 200).hasSize(20);
                assertThat(statuses).filteredOn(s -> s == 429).hasSize(5);
            } finally {
                pool.shutdownNow();
            }
            assertThat(other.get("/manage/projects").header("x-ratelimit-remaining")).isEqualTo("19");
        }
    }

    @Test
    void aCompetingCallerIsCountedAndAnswered429OnceTheWindowIsSpent() {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().start()) {
            String id = simulator.rootClient().id();
            simulator.spendBudget(id, 20);
            CompetingCaller caller = simulator.startCompetingCaller(id, Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(5)).until(() -> caller.calls() == 1);
            assertThat(caller.rateLimited()).isEqualTo(1);
            assertThat(simulator.rateLimit().maxSeenInOneWindow(id)).isEqualTo(21);
            assertThat(simulator.requests()).isEmpty();
        }
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().start()) {
            String id = simulator.rootClient().id();
            CompetingCaller caller = simulator.startCompetingCaller(id, Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(5)).until(() -> caller.calls() == 1);
            assertThat(caller.rateLimited()).isZero();
            RawHttp api = new RawHttp(simulator.url(), simulator.rootClient());
            assertThat(api.get("/manage/projects").header("x-ratelimit-remaining")).isEqualTo("18");
        }
    }

    @Test
    void aCompetingClientSpendsTheSameCounter() {
        try (ManageApiSimulator simulator = ManageApiSimulator.builder().start()) {
            String id = simulator.rootClient().id();
            simulator.spendBudget(id, 18);
            RawHttp api = new RawHttp(simulator.url(), simulator.rootClient());
            assertThat(api.get("/manage/projects").header("x-ratelimit-remaining")).isEqualTo("1");
            assertThat(api.get("/manage/projects").header("x-ratelimit-remaining")).isEqualTo("0");
            assertThat(api.get("/manage/projects").status()).isEqualTo(429);
        }
    }
}
