package io.jwtgateway.gateway.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One read of {@code /actuator/prometheus}, parsed into samples ({@code name{label="value",…} number}), so a test
 * can compare a counter before and after the requests it drives.
 */
public final class PrometheusScrape {

    private final String text;
    private final List<Sample> samples;

    private PrometheusScrape(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    /** Scrapes {@code /actuator/prometheus}, on a kept-alive connection like any other request. */
    public static PrometheusScrape of(WebTestClient client) {
        String text = client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return parse(text == null ? "" : text);
    }

    static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(Sample.parse(line));
            }
        }
        return new PrometheusScrape(text, samples);
    }

    /** The sum of the samples named {@code name} whose labels include each {@code label, value} pair; 0 when none. */
    public double value(String name, String... labels) {
        double sum = 0;
        for (Sample sample : samples) {
            if (sample.name().equals(name) && sample.has(labels)) {
                sum += sample.value();
            }
        }
        return sum;
    }

    /** Whether a sample of that name exists at all, whatever its labels. */
    public boolean has(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }

    /** The exposition as served. */
    public String text() {
        return text;
    }

    record Sample(String name, Map<String, String> labels, double value) {

        static Sample parse(String line) {
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            Map<String, String> labels = new LinkedHashMap<>();
            String name;
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                int close = line.lastIndexOf('}');
                for (String pair : line.substring(brace + 1, close).split("\",")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    String value = pair.substring(equals + 1);
                    labels.put(pair.substring(0, equals), value.replaceAll("^\"|\"$", ""));
                }
            } else {
                name = line.substring(0, space);
            }
            return new Sample(name, labels, Double.parseDouble(line.substring(space + 1)));
        }

        boolean has(String... pairs) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                    return false;
                }
            }
            return true;
        }
    }
}
