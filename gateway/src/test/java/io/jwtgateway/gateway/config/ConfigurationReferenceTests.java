package io.jwtgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.jwtgateway.gateway.testing.GeneratedFile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The configuration reference, {@code docs/configuration.md}, is generated from the configuration metadata and the
 * properties records' javadoc ({@link ConfigurationReference}): it must be up to date, describe every property, and
 * show as defaults the values the gateway applies. Run with {@code -Dgenerated.write=true} to write the page.
 */
class ConfigurationReferenceTests {

    final ConfigurationReference reference = new ConfigurationReference();

    @Test
    void pageWhenGeneratedThenTheCheckedInOne() {
        GeneratedFile.check(ConfigurationReference.PAGE, reference.page());
    }

    @Test
    void propertiesWhenListedThenEachHasADescription() {
        assertThat(reference.undescribed())
                .as("properties without a description: give each an @param in its record's javadoc")
                .isEmpty();
    }

    @Test
    void defaultsWhenSetAsThePageShowsThemThenTheGatewayBindsWhatItDoesWhenNothingIsSet() {
        Map<String, String> defaults = reference.defaults();

        reference.records().forEach((record, prefix) -> {
            if (record != ServicesProperties.class) {
                assertThat(bind(prefix, record, defaults)).as(prefix).isEqualTo(bind(prefix, record, Map.of()));
            }
        });
    }

    @Test
    void serviceDefaultsWhenSetAsThePageShowsThemThenTheBuiltInSettingsEveryServiceGets() {
        ServicesProperties services = (ServicesProperties) bind("gateway", ServicesProperties.class,
                reference.defaults());

        assertThat(services.serviceDefaults()).isEqualTo(ServicesProperties.BUILT_IN);
    }

    private static Object bind(String prefix, Class<?> record, Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, record);
    }
}
